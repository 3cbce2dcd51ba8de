#include "Files.h"
#include "TempDir.h"
#include "store/Project.h"
#include "store/Schema.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace rlthf;
using namespace rlthf::store;

namespace {

void fillPairs(Project& project, int n) {
    auto tx = Transaction::begin(project.db());
    REQUIRE(tx);
    for (int i = 0; i < n; ++i)
        REQUIRE(project.db().execute(
            "INSERT INTO pairs(prompt, response_a, response_b, content_hash, shard, created_at) "
            "VALUES (?, ?, ?, ?, 0, 'now')",
            std::string(200, 'p'), std::string(300, 'a'), std::string(300, 'b'),
            "hash" + std::to_string(i)));
    REQUIRE(tx->commit());
}

// Writes all pending WAL content into the main file so its bytes can be altered.
void checkpoint(Project& project) {
    REQUIRE(project.db().executeScript("PRAGMA wal_checkpoint(TRUNCATE)"));
}

} // namespace

TEST_CASE("a new project is created at the latest schema", "[project]") {
    test::TempDir dir;
    const auto path = dir.file("new.rlthf");
    {
        auto project = Project::open(path, OpenMode::OpenOrCreate);
        REQUIRE(project);
        CHECK(schemaVersion(project->db()).value() == latestSchemaVersion());
        CHECK(project->db().scalar("PRAGMA application_id")->value() == kApplicationId);
        CHECK(project->db().scalar("PRAGMA foreign_keys")->value() == 1);
        CHECK(project->db().scalar("PRAGMA page_size")->value() == 16384);
        REQUIRE(project->setSetting("name", "line 3"));
    }
    auto reopened = Project::open(path);
    REQUIRE(reopened);
    CHECK(reopened->setting("name").value() == std::optional<std::string>("line 3"));
    auto journal = reopened->db().prepare("PRAGMA journal_mode");
    REQUIRE(journal);
    REQUIRE(journal->step().value());
    CHECK(journal->text(0) == "wal");
}

TEST_CASE("a missing project is not created unless asked", "[project]") {
    test::TempDir dir;
    auto project = Project::open(dir.file("absent.rlthf"));
    REQUIRE_FALSE(project);
    CHECK_THAT(project.message(), Catch::Contains("no such project file"));
    CHECK_FALSE(std::filesystem::exists(dir.file("absent.rlthf")));
}

TEST_CASE("files that are not projects are refused and left byte-for-byte unchanged", "[project]") {
    test::TempDir dir;
    const auto path = dir.file("bad.rlthf");
    std::string bytes;
    std::string expected;
    ErrorKind kind = ErrorKind::NotAProject;

    SECTION("a text file") {
        bytes = "hello, this is not a database\n";
        expected = "not an SQLite database";
    }
    SECTION("an empty file") {
        bytes = "";
        expected = "the file is empty";
    }
    SECTION("a header followed by garbage") {
        bytes = std::string("SQLite format 3\0", 16) + std::string(5000, '\x5a');
        expected = "damaged";
        kind = ErrorKind::DamagedProject;
    }
    SECTION("another program's SQLite database") {
        {
            auto db = Database::open(path, Database::Mode::Create);
            REQUIRE(db);
            REQUIRE(db->executeScript("CREATE TABLE contacts(name TEXT)"));
        }
        bytes = test::readFile(path);
        expected = "another program";
    }
    SECTION("a project from a newer version") {
        {
            auto project = Project::open(path, OpenMode::OpenOrCreate);
            REQUIRE(project);
            REQUIRE(project->db().executeScript("PRAGMA user_version = 999"));
            checkpoint(*project);
        }
        bytes = test::readFile(path);
        expected = "newer RLTHF Studio";
        kind = ErrorKind::NewerProject;
    }
    SECTION("a project with damaged pages") {
        {
            auto project = Project::open(path, OpenMode::OpenOrCreate);
            REQUIRE(project);
            fillPairs(*project, 400);
            checkpoint(*project);
        }
        bytes = test::readFile(path);
        REQUIRE(bytes.size() > 40000);
        for (std::size_t i = 20000; i < 36000; ++i)
            bytes[i] = static_cast<char>(i * 7);
        expected = "damaged";
        kind = ErrorKind::DamagedProject;
    }
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    test::writeFile(path, bytes);

    auto project = Project::open(path, OpenMode::OpenOrCreate);
    REQUIRE_FALSE(project);
    CHECK_THAT(project.message(), Catch::Contains(expected));
    CHECK_THAT(project.message(), Catch::Contains(path));
    CHECK(project.error().kind == kind); // the window says it in the user's language
    CHECK(test::readFile(path) == bytes);
    // Nothing was left beside it either.
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));
    CHECK_FALSE(std::filesystem::exists(path + "-shm"));
    CHECK_FALSE(std::filesystem::exists(path + "-journal"));
}

TEST_CASE("migrations run in order, each with its version bump", "[project][migration]") {
    test::TempDir dir;
    auto db = Database::open(dir.file("m.db"), Database::Mode::Create);
    REQUIRE(db);
    const Migration first[] = {{1, "CREATE TABLE a(x INTEGER);"}};
    REQUIRE(migrate(*db, first));
    CHECK(schemaVersion(*db).value() == 1);
    REQUIRE(db->execute("INSERT INTO a VALUES (?)", 7));

    const Migration both[] = {{1, "CREATE TABLE a(x INTEGER);"},
                              {2, "ALTER TABLE a ADD COLUMN y INTEGER DEFAULT 3;"}};
    REQUIRE(migrate(*db, both)); // step 1 is not applied again
    CHECK(schemaVersion(*db).value() == 2);
    CHECK(db->scalar("SELECT x + y FROM a")->value() == 10);
}

TEST_CASE("a failing migration rolls its step back", "[project][migration]") {
    test::TempDir dir;
    auto db = Database::open(dir.file("m.db"), Database::Mode::Create);
    REQUIRE(db);
    const Migration steps[] = {{1, "CREATE TABLE a(x INTEGER);"},
                               {2, "CREATE TABLE b(y INTEGER); INSERT INTO no_such VALUES (1);"}};
    auto result = migrate(*db, steps);
    REQUIRE_FALSE(result);
    CHECK_THAT(result.message(), Catch::Contains("schema 2"));
    CHECK(schemaVersion(*db).value() == 1);
    CHECK(db->scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'b'")->value() == 0);
    CHECK(db->scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'a'")->value() == 1);
}

namespace {

// The indexes of table pairs: name, and whether SQLite made it for a constraint.
std::string pairIndexes(Database& db) {
    std::string out;
    auto stmt = db.prepare("SELECT name, sql IS NULL FROM sqlite_schema WHERE type = 'index' "
                           "AND tbl_name = 'pairs' ORDER BY name");
    REQUIRE(stmt);
    while (stmt->step().value())
        out += stmt->text(0) + (stmt->int64(1) ? "(constraint) " : " ");
    return out;
}

Status insertPair(Database& db, const char* hash, const char* conflict = "") {
    return db.execute(std::string("INSERT INTO pairs(prompt, response_a, response_b, "
                                  "content_hash, shard, created_at) VALUES ('p', 'a', 'b', ?, 0, "
                                  "'now') ") +
                          conflict,
                      hash);
}

} // namespace

TEST_CASE("schema 14 gives the content hash an index of its own, only where no pair is stored",
          "[project][migration]") {
    test::TempDir dir;
    const auto latest = migrations();
    const auto before = latest.first(latest.size() - 1);
    REQUIRE(before.back().version == 13);

    auto empty = Database::open(dir.file("empty.db"), Database::Mode::Create);
    REQUIRE(empty);
    REQUIRE(migrate(*empty, before));
    CHECK(pairIndexes(*empty) == "pairs_batch pairs_shard sqlite_autoindex_pairs_1(constraint) ");
    REQUIRE(migrate(*empty, latest));
    CHECK(pairIndexes(*empty) == "pairs_batch pairs_content_hash pairs_shard ");

    auto stored = Database::open(dir.file("stored.db"), Database::Mode::Create);
    REQUIRE(stored);
    REQUIRE(migrate(*stored, before));
    REQUIRE(insertPair(*stored, "h1"));
    REQUIRE(migrate(*stored, latest));
    CHECK(schemaVersion(*stored).value() == 14);
    CHECK(pairIndexes(*stored) == "pairs_batch pairs_shard sqlite_autoindex_pairs_1(constraint) ");

    // Either way a content is stored once, and an import's ON CONFLICT names it.
    for (Database* db : {&*empty, &*stored}) {
        REQUIRE(insertPair(*db, "h2"));
        CHECK_FALSE(insertPair(*db, "h2"));
        REQUIRE(insertPair(*db, "h2", "ON CONFLICT(content_hash) DO NOTHING"));
        CHECK(db->scalar("SELECT count(*) FROM pairs WHERE content_hash = 'h2'")->value() == 1);
        auto integrity = db->firstRow("PRAGMA integrity_check");
        REQUIRE(integrity);
        REQUIRE(*integrity);
        CHECK((*integrity)->text(0) == "ok");
    }
}

TEST_CASE("the data revision grows with every label event", "[project]") {
    test::TempDir dir;
    auto project = Project::open(dir.file("r.rlthf"), OpenMode::OpenOrCreate);
    REQUIRE(project);
    CHECK(project->dataRevision().value() == 0);
    fillPairs(*project, 1);
    REQUIRE(project->db().execute("INSERT INTO label_events(pair_id, source, value, created_at) "
                                  "VALUES (1, 'ai', 'a', 'now')"));
    CHECK(project->dataRevision().value() == 1);
}

TEST_CASE("judge disagreements: filled from earlier answers, then kept current by triggers",
          "[project][migration]") {
    test::TempDir dir;
    auto db = Database::open(dir.file("j.db"), Database::Mode::Create);
    REQUIRE(db);
    const auto all = migrations();
    REQUIRE(all.size() >= 5);
    REQUIRE(migrate(*db, all.first(4)));
    REQUIRE(db->executeScript(R"sql(
INSERT INTO pairs(id, prompt, response_a, response_b, content_hash, shard, created_at)
VALUES (1, 'p', 'a', 'b', 'h1', 0, 'now'), (2, 'p', 'a', 'b', 'h2', 0, 'now'),
       (3, 'p', 'a', 'b', 'h3', 0, 'now');
INSERT INTO judge_answers(pair_id, order_shown, model, verdict, created_at)
VALUES (1, 'ab', 'm', 'a', 'now'), (1, 'ba', 'm', 'b', 'now'),
       (2, 'ab', 'm', 'a', 'now'), (2, 'ba', 'm', 'a', 'now');
)sql"));
    REQUIRE(migrate(*db, all.first(5)));
    auto uncertain = [&] {
        std::string ids;
        auto stmt = db->prepare("SELECT pair_id || ':' || reason FROM uncertain_pairs ORDER BY pair_id");
        REQUIRE(stmt);
        REQUIRE(stmt->forEachRow([&](const Statement& row) { ids += row.text(0) + " "; }));
        return ids;
    };
    CHECK(uncertain() == "1:disagree ");

    // A new pair: one order alone is not a disagreement yet; the second makes it one.
    REQUIRE(db->execute("INSERT INTO judge_answers(pair_id, order_shown, model, verdict, created_at) "
                        "VALUES (3, 'ba', 'm', 'unparseable', 'now')"));
    CHECK(uncertain() == "1:disagree ");
    REQUIRE(db->execute("INSERT INTO judge_answers(pair_id, order_shown, model, verdict, created_at) "
                        "VALUES (3, 'ab', 'm', 'b', 'now')"));
    CHECK(uncertain() == "1:disagree 3:unparseable ");

    // Asked again and answered alike: no longer uncertain.
    REQUIRE(db->execute("UPDATE judge_answers SET verdict = 'b' WHERE pair_id = 3"));
    CHECK(uncertain() == "1:disagree ");
    // An expert's verdict settles pair 1.
    REQUIRE(db->execute("INSERT INTO label_events(pair_id, source, value, created_at) "
                        "VALUES (1, 'human', 'a', 'now')"));
    CHECK(uncertain() == "");
}
