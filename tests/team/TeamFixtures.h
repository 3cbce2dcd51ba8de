#pragma once
// A lead project published on a throwaway cluster, and stations joining it: shared by the
// team tests.

#include "FactoryProject.h"
#include "PgCluster.h"
#include "TempDir.h"
#include "store/Database.h"
#include "store/Project.h"
#include "team/PgConnection.h"
#include "team/TeamSetup.h"

#include <catch2/catch.hpp>
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

inline store::Project publishedLead(const PgCluster& pg, const TempDir& dir, int queued) {
    auto lead = leadProject(dir, queued);
    REQUIRE(team::publishProject(lead.db(), publishing(pg)));
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

} // namespace rlthf::test
