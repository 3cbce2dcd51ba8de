// Long tasks write in short transactions whose rows stay hidden until published.

#include "TempDir.h"
#include "store/PairWriter.h"
#include "store/Project.h"
#include "store/StagedBatch.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

using namespace rlthf;
using namespace rlthf::store;

namespace {

std::int64_t count(Database& db, const std::string& sql) {
    auto value = db.scalar(sql);
    REQUIRE(value);
    return value->value_or(-1);
}

Project openProject(const std::string& path) {
    auto project = Project::open(path, OpenMode::OpenOrCreate);
    REQUIRE(project);
    return std::move(*project);
}

void writePair(StagedBatch& batch, PairWriter& writer, int n) {
    REQUIRE(batch.beforeWrite());
    NewPair pair;
    pair.prompt = "prompt " + std::to_string(n);
    pair.responseA = "a";
    pair.responseB = "b";
    pair.contentHash = "hash " + std::to_string(n);
    auto id = writer.insertPair(pair);
    REQUIRE(id);
    REQUIRE(*id);
    NewLabelEvent label;
    label.pairId = **id;
    label.source = "ai";
    label.value = "a";
    REQUIRE(writer.appendLabel(label));
    REQUIRE(batch.afterWrite());
}

} // namespace

TEST_CASE("a staging batch's rows are hidden, and others can write between its chunks",
          "[store][batch]") {
    test::TempDir dir;
    auto project = openProject(dir.file("p.rlthf"));
    auto batch = StagedBatch::begin(project.db(), BatchKind::Import);
    REQUIRE(batch);
    auto writer = PairWriter::create(project.db(), (*batch)->id());
    REQUIRE(writer);
    writePair(**batch, *writer, 1);
    writePair(**batch, *writer, 2);
    REQUIRE((*batch)->commitChunk());

    auto other = project.openConnection();
    REQUIRE(other);
    CHECK(count(*other, "SELECT count(*) FROM pairs") == 2);
    CHECK(count(*other, "SELECT count(*) FROM visible_pairs") == 0);
    CHECK(count(*other, "SELECT count(*) FROM visible_label_events") == 0);
    CHECK(count(*other, "SELECT count(*) FROM active_labels") == 0);
    CHECK(count(*other, "SELECT count(*) FROM current_labels") == 0);
    // Between chunks the write lock is free: another writer gets it at once.
    REQUIRE(other->execute("PRAGMA busy_timeout = 0"));
    CHECK(other->execute("INSERT INTO settings(key, value) VALUES ('while staging', '1')"));

    writePair(**batch, *writer, 3);
    REQUIRE((*batch)->publish());
    CHECK((*batch)->transactions() >= 2);
    CHECK(count(*other, "SELECT count(*) FROM visible_pairs") == 3);
    CHECK(count(*other, "SELECT count(*) FROM current_labels") == 3);
    // Published events are append-only like every other.
    CHECK_FALSE(other->execute("DELETE FROM label_events WHERE batch_id = ?", (*batch)->id()));
}

TEST_CASE("where no pair shows, no verdict waits: a batch's log is checkpointed seldom",
          "[store][batch]") {
    test::TempDir dir;
    // The size of the log after ten chunks: a checkpoint lets the next chunk write the log
    // from its start again, so the log holds about the chunks since the last one.
    auto logAfterTenChunks = [&](const std::string& path, bool reviewed) {
        auto project = openProject(path);
        if (reviewed) {
            auto first = StagedBatch::begin(project.db(), BatchKind::Import);
            REQUIRE(first);
            auto writer = PairWriter::create(project.db(), (*first)->id());
            REQUIRE(writer);
            writePair(**first, *writer, 0);
            REQUIRE((*first)->publish());
        }
        auto batch = StagedBatch::begin(project.db(), BatchKind::Import);
        REQUIRE(batch);
        auto writer = PairWriter::create(project.db(), (*batch)->id());
        REQUIRE(writer);
        for (int n = 1; n <= 10; ++n) {
            writePair(**batch, *writer, n);
            REQUIRE((*batch)->commitChunk());
        }
        const auto size = std::filesystem::file_size(path + "-wal");
        REQUIRE((*batch)->publish());
        return size;
    };
    const auto empty = logAfterTenChunks(dir.file("empty.rlthf"), false);
    const auto reviewed = logAfterTenChunks(dir.file("reviewed.rlthf"), true);
    INFO("log after ten chunks: " << empty << " bytes in an empty project, " << reviewed
                                  << " in one with a pair");
    CHECK(empty > 2 * reviewed);
}

TEST_CASE("an unpublished batch leaves nothing, and the next task removes what a killed one left",
          "[store][batch]") {
    test::TempDir dir;
    auto project = openProject(dir.file("p.rlthf"));
    auto& db = project.db();
    {
        auto failed = StagedBatch::begin(db, BatchKind::Import);
        REQUIRE(failed);
        auto writer = PairWriter::create(db, (*failed)->id());
        REQUIRE(writer);
        writePair(**failed, *writer, 1);
        REQUIRE((*failed)->commitChunk());
        writePair(**failed, *writer, 2); // in an open chunk when the batch goes
    }
    CHECK(count(db, "SELECT count(*) FROM pairs") == 0);
    CHECK(count(db, "SELECT count(*) FROM label_events") == 0);
    CHECK(count(db, "SELECT count(*) FROM write_batches") == 0);

    // What a killed import and a killed retrain leave: a staging batch with its rows, and
    // an unfinished iteration with its model, scores and queue.
    REQUIRE(db.executeScript(R"sql(
INSERT INTO write_batches(id, kind, status, pid, started_at) VALUES (7, 'import', 'staging', 1, 'x');
INSERT INTO pairs(id, prompt, response_a, response_b, content_hash, shard, created_at, batch_id)
  VALUES (40, 'p', 'a', 'b', 'h40', 3, 'x', 7);
INSERT INTO label_events(pair_id, source, value, created_at, batch_id) VALUES (40, 'ai', 'a', 'x', 7);
INSERT INTO pairs(id, prompt, response_a, response_b, content_hash, shard, created_at)
  VALUES (41, 'p', 'a', 'b', 'h41', 3, 'x');
INSERT INTO iterations(id, started_at, data_revision, status) VALUES (5, 'x', 0, 'running');
INSERT INTO model_runs(id, iteration_id, kind, version, data_revision, created_at)
  VALUES (9, 5, 'linear', 1, 0, 'x');
INSERT INTO scores(model_run_id, pair_id, reward_a, reward_b, margin) VALUES (9, 41, 0, 0, 0);
INSERT INTO queue(iteration_id, pair_id, priority, reason) VALUES (5, 41, 0, 'zone');
)sql"));
    CHECK(count(db, "SELECT count(*) FROM visible_pairs") == 1);
    auto next = StagedBatch::begin(db, BatchKind::Retrain);
    INFO((next ? std::string() : next.message()));
    REQUIRE(next);
    CHECK(count(db, "SELECT group_concat(id) FROM pairs") == 41);
    CHECK(count(db, "SELECT count(*) FROM label_events") == 0);
    CHECK(count(db, "SELECT count(*) FROM write_batches") == 0);
    CHECK(count(db, "SELECT count(*) FROM iterations") == 0);
    CHECK(count(db, "SELECT count(*) FROM model_runs") == 0);
    CHECK(count(db, "SELECT count(*) FROM scores") == 0);
    CHECK(count(db, "SELECT count(*) FROM queue") == 0);
    REQUIRE((*next)->publish());
    CHECK(count(db, "SELECT count(*) FROM write_batches WHERE status = 'published'") == 1);
}
