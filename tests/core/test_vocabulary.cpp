// The domain values' identifiers are the project file's: every one is accepted by the
// schema, none is renamed, and the lead's settlements of schema 6 became their own source.

#include "TempDir.h"
#include "store/Database.h"
#include "store/Schema.h"
#include "vocab/Vocabulary.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <tuple>

using namespace rlthf;
using namespace rlthf::store;

namespace {

// A new database taken up to schema `version` only, to test the migration after it.
Database databaseAtSchema(const test::TempDir& dir, const char* name, int version) {
    auto db = Database::open(dir.file(name), Database::Mode::Create);
    REQUIRE(db);
    const auto all = migrations();
    REQUIRE(all.size() > static_cast<std::size_t>(version));
    REQUIRE(migrate(*db, all.first(static_cast<std::size_t>(version))));
    return std::move(*db);
}

template <class E> std::vector<std::string> ids() {
    std::vector<std::string> out;
    for (E value : allOf<E>())
        out.push_back(idOf(value));
    return out;
}

template <class E> void checkTerms() {
    std::set<std::string> seen;
    std::set<std::string> labels;
    std::set<std::tuple<int, int, int>> colours;
    for (E value : allOf<E>()) {
        CHECK(termOf(value).value == value); // tables are in enum order
        CHECK(parseId<E>(idOf(value)) == value);
        seen.insert(idOf(value));
        labels.insert(labelOf(value).toStdString());
        const Rgb c = colourOf(value);
        colours.insert({c.red, c.green, c.blue});
    }
    CHECK(seen.size() == kTermCount<E>);
    CHECK(labels.size() == kTermCount<E>);
    CHECK(colours.size() == kTermCount<E>);
    CHECK_FALSE(parseId<E>("").has_value());
    CHECK_FALSE(parseId<E>(" " + idOf(allOf<E>()[0])).has_value());
}

std::int64_t count(Database& db, const std::string& sql) {
    auto value = db.scalar(sql);
    REQUIRE(value);
    return value->value_or(-1);
}

} // namespace

TEST_CASE("vocabulary identifiers are stable, unique and round-trip", "[vocabulary]") {
    CHECK(ids<Zone>() == std::vector<std::string>{"kept", "backed_off", "human", "flip"});
    CHECK(ids<QueueReason>() ==
          std::vector<std::string>{"zone", "top_up", "audit", "flip_check", "random"});
    CHECK(ids<LabelSource>() ==
          std::vector<std::string>{"ai", "gold", "human", "settled", "flipped", "propagated"});
    CHECK(ids<Landmark>() == std::vector<std::string>{"elbow", "knee", "reflection"});
    checkTerms<Zone>();
    checkTerms<QueueReason>();
    checkTerms<LabelSource>();
    checkTerms<Landmark>();
    CHECK_FALSE(parseId<Zone>("Human").has_value());
    CHECK_FALSE(parseId<QueueReason>("topup").has_value());
    CHECK(isExpert(LabelSource::Human));
    CHECK(isExpert(LabelSource::Settled));
    CHECK_FALSE(isExpert(LabelSource::Flipped));
}

TEST_CASE("the schema accepts every label source and queue reason, and nothing else",
          "[vocabulary][migration]") {
    test::TempDir dir;
    auto db = Database::open(dir.file("v.db"), Database::Mode::Create);
    REQUIRE(db);
    REQUIRE(migrate(*db, migrations()));
    REQUIRE(db->executeScript(
        "INSERT INTO pairs(id, prompt, response_a, response_b, content_hash, shard, created_at) "
        "VALUES (1, 'p', 'a', 'b', 'h1', 0, 'now');"
        "INSERT INTO iterations(id, started_at, data_revision, status) VALUES (1, 'now', 0, "
        "'done')"));
    for (LabelSource source : allOf<LabelSource>())
        CHECK(db->execute("INSERT INTO label_events(pair_id, source, value, created_at) "
                          "VALUES (1, ?, 'a', 'now')",
                          idOf(source)));
    CHECK_FALSE(db->execute("INSERT INTO label_events(pair_id, source, value, created_at) "
                            "VALUES (1, 'lead', 'a', 'now')"));
    for (QueueReason reason : allOf<QueueReason>()) {
        REQUIRE(db->execute("DELETE FROM queue"));
        CHECK(db->execute("INSERT INTO queue(iteration_id, pair_id, priority, reason) "
                          "VALUES (1, 1, 0, ?)",
                          idOf(reason)));
    }
    CHECK_FALSE(db->execute("INSERT INTO queue(iteration_id, pair_id, priority, reason) "
                            "VALUES (1, 1, 1, 'guess')"));
}

TEST_CASE("schema 10: the queue keeps its rows, its indexes and its checks, and takes 'random'",
          "[vocabulary][migration]") {
    test::TempDir dir;
    auto db = databaseAtSchema(dir, "q.db", 9);
    REQUIRE(db.executeScript(R"sql(
INSERT INTO pairs(id, prompt, response_a, response_b, content_hash, shard, created_at)
VALUES (1, 'p', 'a', 'b', 'h1', 0, 'now'), (2, 'p', 'a', 'c', 'h2', 0, 'now');
INSERT INTO iterations(id, started_at, data_revision, status) VALUES (1, 'now', 0, 'done');
INSERT INTO queue(iteration_id, pair_id, priority, reason)
VALUES (1, 1, 0, 'zone'), (1, 2, 1, 'audit');
)sql"));
    CHECK_FALSE(db.execute("INSERT INTO queue(iteration_id, pair_id, priority, reason) "
                           "VALUES (1, 1, 5, 'random')")); // not yet
    REQUIRE(migrate(db, migrations().first(10)));
    CHECK(count(db, "PRAGMA user_version") == 10);
    CHECK(count(db, "SELECT count(*) FROM queue WHERE reason = 'zone' AND pair_id = 1") == 1);
    CHECK(count(db, "SELECT count(*) FROM queue WHERE reason = 'audit' AND pair_id = 2") == 1);
    CHECK(count(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN "
                    "('queue_pair', 'queue_priority')") == 2);
    REQUIRE(db.execute("DELETE FROM queue WHERE pair_id = 2"));
    CHECK(db.execute("INSERT INTO queue(iteration_id, pair_id, priority, reason) "
                     "VALUES (1, 2, 1, 'random')"));
    CHECK_FALSE(db.execute("INSERT INTO queue(iteration_id, pair_id, priority, reason) "
                           "VALUES (1, 2, 2, 'zone')")); // one row per pair and iteration
    REQUIRE(db.executeScript("PRAGMA foreign_keys = ON"));
    CHECK_FALSE(db.execute("INSERT INTO queue(iteration_id, pair_id, priority, reason) "
                           "VALUES (2, 1, 0, 'zone')")); // no iteration 2
}

TEST_CASE("schema 7: settlements recorded as commented expert verdicts become 'settled' events",
          "[vocabulary][migration]") {
    test::TempDir dir;
    auto db = databaseAtSchema(dir, "s.db", 6);
    REQUIRE(db.executeScript(R"sql(
INSERT INTO pairs(id, prompt, response_a, response_b, content_hash, shard, created_at)
VALUES (1, 'p', 'a', 'b', 'h1', 0, 'now'), (2, 'p', 'a', 'b', 'h2', 0, 'now');
INSERT INTO label_events(id, pair_id, source, value, created_at) VALUES (1, 1, 'ai', 'a', 'now');
INSERT INTO label_events(id, pair_id, source, value, annotator, created_at)
VALUES (2, 1, 'human', 'a', 'alice', 'now'), (3, 1, 'human', 'b', 'bob', 'now');
INSERT INTO label_events(id, pair_id, source, value, annotator, comment, created_at)
VALUES (4, 1, 'human', 'a', 'Lead', 'settled by lead', 'now'),
       (5, 2, 'human', 'b', 'carol', 'looks settled by lead to me', 'now');
INSERT INTO label_events(id, pair_id, source, action, revokes, annotator, created_at)
VALUES (6, 2, 'human', 'revoke', 5, 'carol', 'now');
)sql"));
    REQUIRE(migrate(db, migrations().first(7)));
    CHECK(count(db, "PRAGMA user_version") == 7);
    CHECK(count(db, "SELECT count(*) FROM label_events") == 6);
    CHECK(count(db, "SELECT count(*) FROM label_events WHERE source = 'settled'") == 1);
    CHECK(count(db, "SELECT id FROM label_events WHERE source = 'settled'") == 4);
    // The settlement is the label; a later expert verdict does not replace it.
    CHECK(count(db, "SELECT event_id FROM current_labels WHERE pair_id = 1") == 4);
    REQUIRE(db.execute("INSERT INTO label_events(pair_id, source, value, annotator, created_at) "
                       "VALUES (1, 'human', 'b', 'dave', 'now')"));
    CHECK(count(db, "SELECT event_id FROM current_labels WHERE pair_id = 1") == 4);
    // The revoke still points at its event, and the log is still append-only.
    CHECK(count(db, "SELECT count(*) FROM active_labels WHERE pair_id = 2") == 0);
    CHECK_FALSE(db.execute("UPDATE label_events SET value = 'b' WHERE id = 1"));
    CHECK_FALSE(db.execute("DELETE FROM label_events WHERE id = 1"));
    CHECK(count(db, "PRAGMA foreign_keys") == 0); // as it was before the migration
}
