#pragma once
// A lead project published on a throwaway cluster, and stations joining it: shared by the
// team tests.

#include "FactoryProject.h"
#include "PgCluster.h"
#include "TempDir.h"
#include "data/Exporter.h"
#include "store/Database.h"
#include "store/Project.h"
#include "team/PgConnection.h"
#include "team/Sync.h"
#include "team/TeamSetup.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <string>

namespace rlthf::test {

inline std::int64_t count(store::Database& db, const std::string& sql) {
    auto n = db.scalar(sql);
    REQUIRE(n);
    return n->value_or(0);
}

inline std::int64_t serverCount(const std::string& uri, const std::string& sql) {
    auto conn = team::PgConnection::open(uri);
    REQUIRE(conn);
    auto rows = conn->query(sql);
    REQUIRE(rows);
    return rows->int64(0, 0);
}

// A lead project of `pairs` generated pairs whose finished iteration queued the first
// `queued`.
inline store::Project leadProject(const TempDir& dir, int queued, std::size_t pairs = 300) {
    auto lead = importFactoryProject(dir.file("lead.rlthf"), pairs);
    store::Database& db = lead.project.db();
    REQUIRE(
        db.execute("INSERT INTO iterations (id, started_at, finished_at, data_revision, "
                   "status, metrics) VALUES (1, 'now', 'now', 0, 'done', '{\"iteration\":1}')"));
    REQUIRE(db.execute("INSERT INTO queue (iteration_id, pair_id, priority, reason) "
                       "SELECT 1, id, id, 'zone' FROM pairs ORDER BY id LIMIT ?",
                       queued));
    return std::move(lead.project);
}

// The lead project, published as "line3".
// Publishing as "line3" on the cluster, with the defaults.
inline team::PublishOptions publishing(const PgCluster& pg) {
    team::PublishOptions options;
    options.server = pg.uri();
    options.name = "line3";
    return options;
}

inline store::Project publishedLead(const PgCluster& pg, const TempDir& dir, int queued,
                                    double overlapShare = 0.05) {
    auto lead = leadProject(dir, queued);
    team::PublishOptions options = publishing(pg);
    options.overlapShare = overlapShare;
    REQUIRE(team::publishProject(lead.db(), options));
    return lead;
}

inline team::JoinOptions joining(const PgCluster& pg, const std::string& out) {
    team::JoinOptions options;
    options.server = pg.uri();
    options.name = "line3";
    options.out = out;
    options.stationName = out;
    return options;
}

inline store::Project openProject(const std::string& path) {
    auto project = store::Project::open(path);
    REQUIRE(project);
    return std::move(project).value();
}

inline std::int64_t eventsWaiting(store::Database& db) {
    auto n = team::eventsWaiting(db);
    REQUIRE(n);
    return *n;
}

// The project's `pairs` export, row by pair id, as a user would get it from `rlthf export`.
inline std::map<std::int64_t, QJsonObject> exportedPairs(store::Project& project,
                                                         const std::string& out) {
    data::ExportOptions options;
    options.format = data::ExportFormat::Pairs;
    REQUIRE(data::exportProject(project, out, options));
    std::map<std::string, std::int64_t> idOf;
    auto ids = project.db().prepare("SELECT id, coalesce(external_id, id) FROM pairs");
    REQUIRE(ids);
    REQUIRE(
        ids->forEachRow([&](const store::Statement& row) { idOf[row.text(1)] = row.int64(0); }));
    std::map<std::int64_t, QJsonObject> rows;
    std::ifstream in(out);
    for (std::string line; std::getline(in, line);) {
        const auto object = QJsonDocument::fromJson(QByteArray::fromStdString(line)).object();
        const auto id = idOf.find(object.value(QStringLiteral("id")).toString().toStdString());
        REQUIRE(id != idOf.end());
        rows[id->second] = object;
    }
    return rows;
}

} // namespace rlthf::test
