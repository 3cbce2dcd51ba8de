#pragma once
// Builds fixture projects for the UI tests with plain SQL.

#include "document/ProjectDocument.h"
#include "store/Project.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace rlthf::test {

inline store::Project createProject(const std::string& path) {
    auto project = store::Project::open(path, store::OpenMode::OpenOrCreate);
    if (!project)
        FAIL("cannot create fixture project: " << project.message());
    return std::move(project).value();
}

// The window's document on the project at `path`.
inline std::unique_ptr<document::ProjectDocument> openDocument(const std::string& path) {
    auto opened =
        document::ProjectDocument::open(QString::fromStdString(path), document::OpenMode::Existing);
    if (!opened)
        FAIL("cannot open " << path << ": " << opened.message());
    return std::move(opened).value();
}

inline void insertPair(store::Database& db, std::int64_t id, const std::string& prompt,
                       const std::string& responseA, const std::string& responseB,
                       int shard = 0) {
    auto status = db.execute(
        "INSERT INTO pairs(id, external_id, prompt, response_a, response_b, content_hash, shard, "
        "meta, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)",
        id, "ext-" + std::to_string(id), prompt, responseA, responseB,
        "hash-" + std::to_string(id), shard, "2024-01-01T00:00:00.000Z");
    if (!status)
        FAIL("cannot insert pair " << id << ": " << status.message());
}

// Appends a label event and returns its id.
inline std::int64_t insertLabel(store::Database& db, std::int64_t pairId, const std::string& source,
                                const std::string& value) {
    auto status = db.execute("INSERT INTO label_events(pair_id, source, action, value, created_at) "
                             "VALUES (?, ?, 'label', ?, ?)",
                             pairId, source, value, "2024-01-02T00:00:00.000Z");
    if (!status)
        FAIL("cannot insert label for pair " << pairId << ": " << status.message());
    return db.lastInsertId();
}

inline void revokeLabel(store::Database& db, std::int64_t pairId, const std::string& source,
                        std::int64_t eventId) {
    auto status = db.execute("INSERT INTO label_events(pair_id, source, action, revokes, created_at) "
                             "VALUES (?, ?, 'revoke', ?, ?)",
                             pairId, source, eventId, "2024-01-03T00:00:00.000Z");
    if (!status)
        FAIL("cannot revoke label " << eventId << ": " << status.message());
}

inline std::string promptOf(std::int64_t id) {
    return "Prompt " + std::to_string(id) + ": which answer is better?\nSecond line of prompt " +
           std::to_string(id);
}

// Pairs 1..count. Labels: every 3rd pair has an AI label 'a'; every 5th pair has a
// human label 'b' given *before* the AI label; every 30th pair's human label is revoked.
inline void fillStandardPairs(store::Database& db, int count) {
    auto tx = store::Transaction::begin(db);
    REQUIRE(tx);
    for (int id = 1; id <= count; ++id) {
        insertPair(db, id, promptOf(id), "Response A of pair " + std::to_string(id),
                   "Response B of pair " + std::to_string(id), id % 100);
        std::optional<std::int64_t> human;
        if (id % 5 == 0)
            human = insertLabel(db, id, "human", "b");
        if (id % 3 == 0)
            insertLabel(db, id, "ai", "a");
        if (id % 30 == 0)
            revokeLabel(db, id, "human", *human);
    }
    REQUIRE(tx->commit());
}

} // namespace rlthf::test
