#include "TempDir.h"
#include "store/Database.h"
#include "store/Project.h"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

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

namespace {

using Clock = std::chrono::steady_clock;

// Two connections to one WAL file; the first holds the write lock for `hold`, the second
// writes meanwhile. How long after the release the second one got through.
Clock::duration lateAfterRelease(const test::TempDir& dir, std::chrono::milliseconds hold) {
    auto holder = Database::open(dir.file("w.db"), Database::Mode::Create);
    auto waiter = Database::open(dir.file("w.db"), Database::Mode::ReadWrite);
    REQUIRE(holder);
    REQUIRE(waiter);
    REQUIRE(holder->executeScript("BEGIN IMMEDIATE; INSERT INTO t VALUES (1)"));
    std::atomic<Clock::rep> released{0};
    std::thread release([&] {
        std::this_thread::sleep_for(hold);
        released = Clock::now().time_since_epoch().count();
        REQUIRE(holder->executeScript("COMMIT"));
    });
    const auto written = waiter->executeScript("INSERT INTO t VALUES (2)");
    const auto through = Clock::now();
    release.join();
    REQUIRE(written);
    return through - Clock::time_point(Clock::duration(released.load()));
}

} // namespace

TEST_CASE("a write waiting for another connection's lock gets it as soon as it is free",
          "[store]") {
    test::TempDir dir;
    {
        auto db = Database::open(dir.file("w.db"), Database::Mode::Create);
        REQUIRE(db);
        REQUIRE(db->executeScript("PRAGMA journal_mode = WAL; CREATE TABLE t(i INTEGER)"));
    }
    // SQLite's own busy timeout sleeps 1, 2, 5, 10, 15, 20 and 25 ms between tries: released
    // after 60 ms, it tries again only at 78 ms. The best of three runs, so that one stall of
    // a busy machine does not decide.
    Clock::duration best = Clock::duration::max();
    for (int run = 0; run < 3; ++run)
        best = std::min(best, lateAfterRelease(dir, std::chrono::milliseconds(60)));
    CHECK(best < std::chrono::milliseconds(10));
}

TEST_CASE("a write gives up after about 5 s when the lock is never released", "[store]") {
    test::TempDir dir;
    auto holder = Database::open(dir.file("w.db"), Database::Mode::Create);
    auto waiter = Database::open(dir.file("w.db"), Database::Mode::ReadWrite);
    REQUIRE(holder);
    REQUIRE(waiter);
    REQUIRE(holder->executeScript("PRAGMA journal_mode = WAL; CREATE TABLE t(i INTEGER)"));
    REQUIRE(holder->executeScript("BEGIN IMMEDIATE; INSERT INTO t VALUES (1)"));
    const auto start = Clock::now();
    const auto written = waiter->executeScript("INSERT INTO t VALUES (2)");
    const auto waited = Clock::now() - start;
    REQUIRE_FALSE(written);
    CHECK_THAT(written.message(), Catch::Contains("locked"));
    CHECK(waited >= std::chrono::milliseconds(5000));
    CHECK(waited < std::chrono::milliseconds(8000));
}
