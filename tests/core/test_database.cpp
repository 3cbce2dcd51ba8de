#include "TempDir.h"
#include "store/Database.h"
#include "store/Project.h"

#include <catch2/catch.hpp>

using namespace rlthf;
using namespace rlthf::store;

TEST_CASE("statements bind parameters and read typed columns", "[store]") {
    test::TempDir dir;
    auto db = Database::open(dir.file("t.db"), Database::Mode::Create);
    REQUIRE(db);
    REQUIRE(db->executeScript("CREATE TABLE t(i INTEGER, r REAL, s TEXT, n TEXT)"));
    // A value that would break spliced SQL goes through untouched as a parameter.
    const std::string tricky = "Robert'); DROP TABLE t;--";
    REQUIRE(db->execute("INSERT INTO t VALUES (?, ?, ?, ?)", std::int64_t{42}, 2.5, tricky, Null{}));
    auto stmt = db->prepare("SELECT i, r, s, n FROM t");
    REQUIRE(stmt);
    auto row = stmt->step();
    REQUIRE(row);
    REQUIRE(*row);
    CHECK(stmt->int64(0) == 42);
    CHECK(stmt->real(1) == 2.5);
    CHECK(stmt->text(2) == tricky);
    CHECK_FALSE(stmt->optionalText(3).has_value());
    auto done = stmt->step();
    REQUIRE(done);
    CHECK_FALSE(*done);
}

TEST_CASE("a prepare error carries sqlite's message", "[store]") {
    test::TempDir dir;
    auto db = Database::open(dir.file("t.db"), Database::Mode::Create);
    REQUIRE(db);
    auto stmt = db->prepare("SELECT * FROM no_such_table");
    REQUIRE_FALSE(stmt);
    CHECK_THAT(stmt.message(), Catch::Contains("no_such_table"));
}

TEST_CASE("a transaction rolls back unless committed", "[store]") {
    test::TempDir dir;
    auto db = Database::open(dir.file("t.db"), Database::Mode::Create);
    REQUIRE(db);
    REQUIRE(db->executeScript("CREATE TABLE t(x INTEGER)"));
    {
        auto tx = Transaction::begin(*db);
        REQUIRE(tx);
        REQUIRE(db->execute("INSERT INTO t VALUES (?)", 1));
    }
    CHECK(db->scalar("SELECT count(*) FROM t")->value() == 0);
    {
        auto tx = Transaction::begin(*db);
        REQUIRE(tx);
        REQUIRE(db->execute("INSERT INTO t VALUES (?)", 1));
        REQUIRE(tx->commit());
    }
    CHECK(db->scalar("SELECT count(*) FROM t")->value() == 1);
}

TEST_CASE("label events are append-only", "[store]") {
    test::TempDir dir;
    auto project = Project::open(dir.file("p.rlthf"), OpenMode::OpenOrCreate);
    REQUIRE(project);
    auto& db = project->db();
    REQUIRE(db.execute("INSERT INTO pairs(prompt, response_a, response_b, content_hash, shard, "
                       "created_at) VALUES ('p', 'a', 'b', 'h', 1, 'now')"));
    REQUIRE(db.execute("INSERT INTO label_events(pair_id, source, value, created_at) "
                       "VALUES (1, 'ai', 'a', 'now')"));
    auto update = db.execute("UPDATE label_events SET value = 'b'");
    REQUIRE_FALSE(update);
    CHECK_THAT(update.message(), Catch::Contains("append-only"));
    auto remove = db.execute("DELETE FROM label_events");
    REQUIRE_FALSE(remove);
    CHECK(db.scalar("SELECT count(*) FROM label_events")->value() == 1);
}

TEST_CASE("the current label prefers expert over engine over AI over gold", "[store]") {
    test::TempDir dir;
    auto project = Project::open(dir.file("p.rlthf"), OpenMode::OpenOrCreate);
    REQUIRE(project);
    auto& db = project->db();
    REQUIRE(db.execute("INSERT INTO pairs(prompt, response_a, response_b, content_hash, shard, "
                       "created_at) VALUES ('p', 'a', 'b', 'h', 1, 'now')"));
    auto current = [&] {
        auto stmt = db.prepare("SELECT value || ':' || source FROM current_labels WHERE pair_id = 1");
        REQUIRE(stmt);
        auto row = stmt->step();
        return row && *row ? stmt->text(0) : std::string("none");
    };
    auto add = [&](const char* source, const char* value) {
        REQUIRE(db.execute("INSERT INTO label_events(pair_id, source, value, created_at) "
                           "VALUES (1, ?, ?, 'now')",
                           source, value));
        return db.lastInsertId();
    };
    CHECK(current() == "none");
    add("gold", "a");
    CHECK(current() == "a:gold");
    add("ai", "b");
    CHECK(current() == "b:ai");
    add("flipped", "a");
    CHECK(current() == "a:flipped");
    const auto human = add("human", "b");
    CHECK(current() == "b:human");
    // An undo appends a revoking event; the earlier label is in force again.
    REQUIRE(db.execute("INSERT INTO label_events(pair_id, source, action, revokes, created_at) "
                       "VALUES (1, 'human', 'revoke', ?, 'now')",
                       human));
    CHECK(current() == "a:flipped");
}
