// The window's typed reads and its notice of what other connections committed.

#include "TempDir.h"
#include "document/ProjectChanges.h"
#include "document/ProjectQueries.h"
#include "document/VerdictWriter.h"
#include "store/Project.h"
#include "store/ProjectFiles.h"
#include "store/Schema.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fmt/format.h>

using namespace rlthf;
using namespace rlthf::store;

namespace {

struct Counts {
    int pairs = 0, labels = 0, iterations = 0;
};

void insertPair(Database& db, int id, const char* batch = "NULL") {
    REQUIRE(db.executeScript(fmt::format(
        "INSERT INTO pairs(id, prompt, response_a, response_b, content_hash, shard, created_at, "
        "batch_id) VALUES ({0}, 'prompt {0}', 'a {0}', 'b {0}', 'h{0}', 0, 'now', {1})",
        id, batch)));
}

} // namespace

TEST_CASE("ProjectChanges says what another connection committed", "[document]") {
    test::TempDir dir;
    auto project = Project::open(dir.file("c.rlthf"), OpenMode::OpenOrCreate);
    REQUIRE(project);
    auto other = project->openConnection();
    REQUIRE(other);
    insertPair(project->db(), 1);

    document::ProjectChanges changes(project->db(), std::chrono::hours(1));
    Counts seen;
    QObject::connect(&changes, &document::ProjectChanges::pairsChanged, [&] { ++seen.pairs; });
    QObject::connect(&changes, &document::ProjectChanges::labelsChanged, [&] { ++seen.labels; });
    QObject::connect(&changes, &document::ProjectChanges::iterationsChanged,
                     [&] { ++seen.iterations; });
    changes.start();
    changes.poll();
    CHECK(seen.labels + seen.pairs + seen.iterations == 0);

    // A verdict from another process.
    REQUIRE(other->execute("INSERT INTO label_events(pair_id, source, value, annotator, "
                           "created_at) VALUES (1, 'human', 'a', 'kenji', 'now')"));
    changes.poll();
    CHECK(seen.labels == 1);
    CHECK(seen.pairs == 0);
    changes.poll(); // nothing new
    CHECK(seen.labels == 1);

    // An import: staged rows say nothing; its publication does.
    REQUIRE(other->executeScript("INSERT INTO write_batches(id, kind, status, started_at) "
                                 "VALUES (1, 'import', 'staging', 'now')"));
    insertPair(*other, 2, "1");
    changes.poll();
    CHECK(seen.pairs == 0);
    CHECK(store::visiblePairCount(project->db()).value() == 1);
    CHECK(store::visiblePairCountFromShard(project->db(), 0).value() == 1);
    CHECK_FALSE(document::pairView(project->db(), 2).value().has_value()); // staged: hidden
    REQUIRE(other->executeScript("UPDATE write_batches SET status = 'published' WHERE id = 1"));
    changes.poll();
    CHECK(seen.pairs == 1);
    CHECK(store::visiblePairCount(project->db()).value() == 2);
    CHECK(store::visiblePairCountFromShard(project->db(), 0).value() == 2);
    CHECK(store::visiblePairCountFromShard(project->db(), 1).value() == 0); // both in shard 0

    // An iteration finished elsewhere.
    REQUIRE(other->executeScript("INSERT INTO iterations(started_at, data_revision, status) "
                                 "VALUES ('now', 1, 'done')"));
    changes.poll();
    CHECK(seen.iterations == 1);
    CHECK(seen.pairs == 1);
    CHECK(seen.labels == 1);

    // Acknowledged changes (the window re-read everything itself) are no news.
    REQUIRE(other->execute("INSERT INTO label_events(pair_id, source, value, annotator, "
                           "created_at) VALUES (1, 'human', 'b', 'kenji', 'now')"));
    changes.acknowledge();
    changes.poll();
    CHECK(seen.labels == 1);
}

TEST_CASE("a snapshot says once that its file changed on disk, and reading it then says why "
          "it fails",
          "[document]") {
    test::TempDir dir;
    const auto path = dir.file("s.rlthf");
    {
        auto project = Project::open(path, OpenMode::OpenOrCreate);
        REQUIRE(project);
        for (int id = 1; id <= 200; ++id)
            insertPair(project->db(), id);
    }
    // What a colleague who may only read the file gets while no program has it open.
    auto snapshot = Database::open(path, Database::Mode::Snapshot);
    REQUIRE(snapshot);
    CHECK(snapshot->isSnapshot());
    CHECK(snapshot->scalar("SELECT count(*) FROM pairs").value() == 200);
    CHECK_FALSE(std::filesystem::exists(path + "-shm"));
    document::ProjectChanges changes(*snapshot, std::chrono::hours(1));
    int outdated = 0;
    QObject::connect(&changes, &document::ProjectChanges::snapshotOutdated, [&] { ++outdated; });
    changes.start();
    changes.poll();
    CHECK(outdated == 0);

    { // The owner's program changes the file: rows replaced, the log folded in.
        auto owner = Project::open(path, OpenMode::Existing);
        REQUIRE(owner);
        REQUIRE(owner->db().executeScript("DELETE FROM pairs; VACUUM"));
        for (int id = 1000; id < 1400; ++id)
            insertPair(owner->db(), id);
        REQUIRE(owner->db().executeScript("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    changes.poll();
    changes.poll();
    CHECK(outdated == 1);
    // Reading on, the snapshot mixes pages from before and after: the message says so.
    Status read = snapshot->execute("SELECT sum(length(prompt)) FROM pairs");
    for (int i = 0; i < 3 && read; ++i)
        read = snapshot->execute("PRAGMA quick_check");
    if (!read)
        CHECK_THAT(read.message(), Catch::Contains("changed on disk since it was opened"));
    CHECK_FALSE(Database::open(path, Database::Mode::ReadWrite).value().isSnapshot());
}

TEST_CASE("pairView and reviewCounts read the pair under review and the counts typed",
          "[document]") {
    test::TempDir dir;
    auto project = Project::open(dir.file("v.rlthf"), OpenMode::OpenOrCreate);
    REQUIRE(project);
    auto& db = project->db();
    insertPair(db, 7);
    REQUIRE(db.executeScript(R"sql(
INSERT INTO label_events(pair_id, source, value, created_at) VALUES (7, 'ai', 'b', 'now');
INSERT INTO label_events(pair_id, source, value, annotator, created_at)
VALUES (7, 'settled', 'a', 'lead', 'now');
INSERT INTO iterations(id, started_at, finished_at, data_revision, status)
VALUES (1, 'now', '2026-12-02T10:00:00.000Z', 1, 'done');
INSERT INTO model_runs(id, iteration_id, kind, version, data_revision, created_at)
VALUES (1, 1, 'linear', 1, 1, 'now');
INSERT INTO scores(model_run_id, pair_id, reward_a, reward_b, margin, zone)
VALUES (1, 7, 0.1, 0.6, -0.5, 'human');
)sql"));
    auto view = document::pairView(db, 7);
    REQUIRE(view);
    REQUIRE(view->has_value());
    CHECK((*view)->prompt == "prompt 7");
    CHECK((*view)->responseB == "b 7");
    CHECK((*view)->aiLabel == std::optional<char>('b'));
    CHECK((*view)->margin == std::optional<double>(-0.5));
    CHECK((*view)->zone == std::optional<Zone>(Zone::Human));
    CHECK_FALSE(document::pairView(db, 8).value().has_value());

    auto counts = document::reviewCounts(db);
    REQUIRE(counts);
    CHECK(counts->reviewed == 1); // a settlement counts as reviewed
    CHECK(counts->latestIteration == std::optional<std::int64_t>(1));
    CHECK(counts->latestFinishedAt == "2026-12-02T10:00:00.000Z");
    auto names = document::annotatorNames(db);
    REQUIRE(names);
    CHECK(*names == std::vector<std::string>{"lead"});
}

TEST_CASE("a verdict written after another program removed or replaced the project's files is "
          "reported as not kept, and nothing more is written",
          "[document][safety]") {
    test::TempDir dir;
    const auto path = dir.file("line3.rlthf");
    auto project = Project::open(path, OpenMode::OpenOrCreate);
    REQUIRE(project);
    insertPair(project->db(), 1);
    insertPair(project->db(), 2);
    FilesInPlace files(path);
    REQUIRE(files.check(project->db()));
    document::VerdictWriter writer(QString::fromStdString(path), files);
    std::vector<document::WriteOutcome> outcomes;
    QObject::connect(
        &writer, &document::VerdictWriter::written,
        [&](quint64, const document::WriteOutcome& outcome) { outcomes.push_back(outcome); });
    const auto verdict = [](std::int64_t pair) {
        loop::VerdictRequest request;
        request.pairId = pair;
        request.verdict = loop::Verdict::A;
        request.annotator = "Tanaka";
        return document::VerdictWrite::recordOf(request);
    };
    writer.write(1, verdict(1));
    REQUIRE(outcomes.back().ok());

    SECTION("its log removed, as SQLite does in a program that takes itself for the last user") {
        std::filesystem::remove(path + "-wal");
        std::filesystem::remove(path + "-shm");
        writer.write(2, verdict(2));
        CHECK_THAT(outcomes.back().error, Catch::Contains("removed the project's log"));
    }
    SECTION("the project file replaced") {
        std::filesystem::copy_file(path, path + ".copy");
        std::filesystem::rename(path + ".copy", path);
        writer.write(2, verdict(2));
        CHECK_THAT(outcomes.back().error, Catch::Contains("replaced or removed the project file"));
    }
    CHECK(outcomes.back().filesLost);
    CHECK_THAT(outcomes.back().error, Catch::Contains("close the project, open it again"));
    // Nothing more goes where nobody will see it.
    writer.write(3, verdict(1));
    CHECK(outcomes.back().filesLost);
    CHECK_FALSE(outcomes.back().recorded);
}
