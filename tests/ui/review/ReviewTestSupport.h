#pragma once
// Fixtures for the review module's tests: factory projects and label_events read back
// from the project file through a second connection.

#include "FactoryProject.h"
#include "ReadOnlyFile.h"
#include "UiFixtures.h"
#include "document/ProjectDocument.h"
#include "store/Database.h"
#include "store/Project.h"

#include <QTemporaryDir>
#include <QTest>
#include <catch2/catch.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rlthf::test {

// A project at dir/name with `pairs` generated factory pairs (each with an AI and a gold label).
inline store::Project createFactoryProject(const QTemporaryDir& dir, std::size_t pairs,
                                           const QString& name = QStringLiteral("review.rlthf")) {
    auto factory = importFactoryProject(dir.filePath(name).toStdString(), pairs);
    REQUIRE(factory.report.imported == static_cast<std::int64_t>(pairs));
    return std::move(factory.project);
}

// Waits until the document has no verdict write in flight (it answers within ms).
inline void waitForWrites(const document::ProjectDocument& document) {
    REQUIRE(QTest::qWaitFor([&] { return !document.isWriting(); }, 10000));
}

inline std::vector<qint64> pairIds(store::Database& db, int limit) {
    std::vector<qint64> ids;
    auto stmt = db.prepare("SELECT id FROM pairs ORDER BY id LIMIT ?", std::int64_t{limit});
    REQUIRE(stmt);
    REQUIRE(stmt->forEachRow([&](const store::Statement& row) { ids.push_back(row.int64(0)); }));
    return ids;
}

struct EventRow {
    std::int64_t id = 0;
    std::int64_t pairId = 0;
    std::string source;
    std::string action;
    std::optional<std::string> value;
    std::optional<std::string> previous;
    std::optional<std::string> annotator;
    std::optional<std::string> comment;
    std::optional<std::int64_t> revokes;
};

// Reads label_events from the file with a separate read-only connection, so only
// committed rows are seen.
class EventReader {
public:
    explicit EventReader(const std::string& path) {
        auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
        if (!db)
            FAIL("cannot open " << path << ": " << db.message());
        m_db = std::move(db).value();
    }

    std::int64_t count() {
        auto n = m_db.scalar("SELECT count(*) FROM label_events");
        REQUIRE(n);
        return n->value_or(0);
    }

    std::vector<EventRow> after(std::int64_t id) {
        std::vector<EventRow> rows;
        auto stmt = m_db.prepare("SELECT id, pair_id, source, action, value, previous, annotator, "
                                 "comment, revokes FROM label_events WHERE id > ? ORDER BY id",
                                 id);
        REQUIRE(stmt);
        REQUIRE(stmt->forEachRow([&](const store::Statement& row) {
            EventRow e;
            e.id = row.int64(0);
            e.pairId = row.int64(1);
            e.source = row.text(2);
            e.action = row.text(3);
            e.value = row.optionalText(4);
            e.previous = row.optionalText(5);
            e.annotator = row.optionalText(6);
            e.comment = row.optionalText(7);
            e.revokes = row.optionalInt64(8);
            rows.push_back(std::move(e));
        }));
        return rows;
    }

    std::int64_t maxId() {
        auto n = m_db.scalar("SELECT max(id) FROM label_events");
        REQUIRE(n);
        return n->value_or(0);
    }

    // The pair's label in current_labels, if any.
    std::optional<std::string> currentLabel(std::int64_t pairId) {
        auto stmt = m_db.prepare("SELECT value FROM current_labels WHERE pair_id = ?", pairId);
        REQUIRE(stmt);
        auto row = stmt->step();
        REQUIRE(row);
        if (!*row)
            return std::nullopt;
        return stmt->optionalText(0);
    }

    std::optional<std::string> aiLabel(std::int64_t pairId) {
        auto stmt = m_db.prepare("SELECT value FROM active_labels WHERE pair_id = ? AND "
                                 "source = 'ai' ORDER BY id DESC LIMIT 1",
                                 pairId);
        REQUIRE(stmt);
        auto row = stmt->step();
        REQUIRE(row);
        if (!*row)
            return std::nullopt;
        return stmt->optionalText(0);
    }

private:
    store::Database m_db;
};

// A model run with one score, so the panel has a margin to show.
inline void insertScore(store::Database& db, std::int64_t pairId, double margin,
                        const std::string& zone) {
    auto run = db.execute("INSERT INTO model_runs(kind, version, data_revision, created_at) "
                          "VALUES ('reward', 1, 0, '2024-01-01T00:00:00.000Z')");
    REQUIRE(run.ok());
    const auto runId = db.lastInsertId();
    auto score = db.execute("INSERT INTO scores(model_run_id, pair_id, reward_a, reward_b, margin, "
                            "zone, rank) VALUES (?, ?, 0.0, 0.0, ?, ?, 1)",
                            runId, pairId, margin, zone);
    REQUIRE(score.ok());
}

} // namespace rlthf::test
