#include "store/StagedBatch.h"

#include "store/Project.h"
#include "store/Schema.h"

#include <fmt/format.h>
#include <unistd.h>
#include <vector>

namespace rlthf::store {

namespace {

using Clock = std::chrono::steady_clock;

// The content hash's unique index in a project made with schema 14 or later.
constexpr const char* kContentHashIndex = "pairs_content_hash";

// The page cache while the deferred index is built (KiB; see buildDeferredIndex).
constexpr std::int64_t kIndexSortCacheKiB = 4096;

// Measured with `rlthf-studio --benchmark --while import`: every 16 chunks left verdict
// commits waiting behind the checkpoint's writes (p99 540 ms), every 2 kept them short.
constexpr std::int64_t kChunksPerCheckpoint = 2;
// Where no verdict can wait (see begin()), the log's syncs only cost the task: 300,000 lines
// into a project of one pair took 14.5 s checkpointing every 64 chunks without syncing each
// one, 17.3 s every 16, and 22.1-29.6 s as for a project under review.
constexpr std::int64_t kChunksPerCheckpointWithoutVerdicts = 64;

// An import's page cache (KiB, as SQLite's negative cache_size). With SQLite's default 2 MiB,
// a 1,000,000-pair import kept spilling dirty pages of the content-hash index to the log and
// reading them back; 256 MiB measured faster than both 2 MiB and 1 GiB.
constexpr std::int64_t kImportCacheKiB = 256 * 1024;

// Rows removed per transaction when clearing abandoned writes.
constexpr std::int64_t kRemoveChunk = 2000;

// Runs `sql` (a DELETE of at most kRemoveChunk rows) in short transactions until it
// removes nothing more.
template <class... Args> Status removeInChunks(Database& db, const char* sql, const Args&... args) {
    for (;;) {
        auto tx = Transaction::begin(db);
        if (!tx)
            return tx.error();
        RLTHF_TRY(db.execute(sql, args..., kRemoveChunk));
        const int removed = db.changes();
        RLTHF_TRY(tx->commit());
        if (removed == 0)
            return {};
    }
}

template <class... Args>
Result<std::vector<std::int64_t>> ids(Database& db, const char* sql, const Args&... args) {
    std::vector<std::int64_t> out;
    auto stmt = db.prepare(sql, args...);
    if (!stmt)
        return stmt.error();
    RLTHF_TRY(stmt->forEachRow([&](const Statement& row) { out.push_back(row.int64(0)); }));
    return out;
}

Status removeBatch(Database& db, std::int64_t batch) {
    RLTHF_TRY(removeInChunks(db,
                             "DELETE FROM label_events WHERE id IN (SELECT id FROM label_events "
                             "WHERE batch_id = ? ORDER BY id DESC LIMIT ?)",
                             batch));
    RLTHF_TRY(removeInChunks(db,
                             "DELETE FROM dropped_pairs WHERE (iteration_id, pair_id) IN "
                             "(SELECT iteration_id, pair_id FROM dropped_pairs "
                             "WHERE batch_id = ? LIMIT ?)",
                             batch));
    RLTHF_TRY(removeInChunks(
        db, "DELETE FROM pairs WHERE id IN (SELECT id FROM pairs WHERE batch_id = ? LIMIT ?)",
        batch));
    return db.execute("DELETE FROM write_batches WHERE id = ?", batch);
}

Status removeIteration(Database& db, std::int64_t iteration) {
    // scores and queue are WITHOUT ROWID tables: chunks are picked by their keys.
    auto runs = ids(db, "SELECT id FROM model_runs WHERE iteration_id = ?", iteration);
    if (!runs)
        return runs.error();
    for (const auto run : *runs) {
        RLTHF_TRY(
            removeInChunks(db,
                           "DELETE FROM model_weight_parts WHERE model_run_id = ?1 AND part IN "
                           "(SELECT part FROM model_weight_parts WHERE model_run_id = ?1 "
                           "LIMIT ?2 / 100 + 1)",
                           run));
        RLTHF_TRY(removeInChunks(db,
                                 "DELETE FROM scores WHERE model_run_id = ?1 AND pair_id IN "
                                 "(SELECT pair_id FROM scores WHERE model_run_id = ?1 LIMIT ?2)",
                                 run));
    }
    RLTHF_TRY(removeInChunks(db,
                             "DELETE FROM queue WHERE iteration_id = ?1 AND pair_id IN "
                             "(SELECT pair_id FROM queue WHERE iteration_id = ?1 LIMIT ?2)",
                             iteration));
    RLTHF_TRY(removeInChunks(db,
                             "DELETE FROM dropped_pairs WHERE iteration_id = ?1 AND pair_id IN "
                             "(SELECT pair_id FROM dropped_pairs WHERE iteration_id = ?1 LIMIT ?2)",
                             iteration));
    auto tx = Transaction::begin(db);
    if (!tx)
        return tx.error();
    RLTHF_TRY(db.execute("DELETE FROM model_runs WHERE iteration_id = ?", iteration));
    RLTHF_TRY(db.execute("DELETE FROM iterations WHERE id = ?", iteration));
    return tx->commit();
}

} // namespace

const char* batchKindName(BatchKind kind) {
    switch (kind) {
    case BatchKind::Import:
        return "import";
    case BatchKind::Retrain:
        return "retrain";
    case BatchKind::Propagate:
        return "propagate";
    }
    return "import";
}

Status removeAbandonedWrites(Database& db) {
    auto batches = ids(db, "SELECT id FROM write_batches WHERE status = 'staging' ORDER BY id");
    if (!batches)
        return batches.error();
    for (const auto batch : *batches)
        RLTHF_TRY(removeBatch(db, batch));
    auto iterations = ids(db, "SELECT id FROM iterations WHERE status <> 'done' ORDER BY id");
    if (!iterations)
        return iterations.error();
    for (const auto iteration : *iterations)
        RLTHF_TRY(removeIteration(db, iteration));
    return {};
}

Result<std::unique_ptr<StagedBatch>> StagedBatch::begin(Database& db, BatchKind kind,
                                                        Sharing sharing) {
    RLTHF_TRY(removeAbandonedWrites(db));
    // The batch row is written with the first chunk, so a task that fails before its first
    // commit leaves the file exactly as it was. The id is free: the TaskLock keeps other
    // batches away.
    auto last = db.scalar("SELECT ifnull(max(id), 0) FROM write_batches");
    if (!last)
        return last.error();
    // The chunks need not reach the disk one by one: publish() syncs them all at once.
    // Checkpoints run between chunks (see commitOpenChunk), not inside a commit.
    RLTHF_TRY(db.executeScript("PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0"));
    if (kind == BatchKind::Import)
        RLTHF_TRY(db.executeScript(fmt::format("PRAGMA cache_size = -{}", kImportCacheKiB)));
    // A stage nobody else can open is loaded without the log: every page is written once,
    // into the file, instead of into the log and again by the checkpoint. It goes back to
    // WAL for the publishing commit, and the stage's final checkpoint syncs the file.
    // Its references are not looked up row by row either: its rows refer only to its own
    // batch and to pairs it has just written (2 lookups a pair in an import).
    if (sharing == Sharing::Alone)
        RLTHF_TRY(db.executeScript("PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; "
                                   "PRAGMA foreign_keys = OFF"));
    std::unique_ptr<StagedBatch> batch(new StagedBatch(db, kind, sharing, last->value_or(0) + 1));
    if (sharing == Sharing::Alone)
        RLTHF_TRY(batch->deferContentHashIndex());
    // A project that shows no pair has no verdict to wait on this batch: until it publishes,
    // none can be given (an import into a project made empty; a task that needs pairs does
    // not start).
    auto visible = visiblePairCount(db);
    if (!visible)
        return visible.error();
    batch->m_verdictsPossible = *visible > 0;
    return batch;
}

StagedBatch::~StagedBatch() {
    m_chunk.reset(); // rolls back an open chunk
    if (m_sharing == Sharing::Alone && !m_published)
        (void)m_db.executeScript("PRAGMA journal_mode = WAL");
    if (m_sharing == Sharing::Alone)
        (void)m_db.executeScript("PRAGMA foreign_keys = ON");
    if (!m_published && m_transactions > 0)
        (void)removeAbandonedWrites(m_db); // this batch, and an iteration it left unfinished
    (void)m_db.executeScript("PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000; "
                             "PRAGMA cache_size = -2000"); // SQLite's defaults
}

Status StagedBatch::beforeWrite() {
    if (m_chunk)
        return {};
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return tx.error();
    m_chunkStart = Clock::now();
    m_chunk.emplace(std::move(tx).value());
    if (m_transactions == 0)
        return m_db.execute("INSERT INTO write_batches(id, kind, status, pid, started_at) "
                            "VALUES (?, ?, 'staging', ?, ?)",
                            m_id, batchKindName(m_kind), static_cast<std::int64_t>(::getpid()),
                            nowUtc());
    return {};
}

Status StagedBatch::afterWrite() {
    if (m_chunk && m_sharing == Sharing::Shared &&
        Clock::now() - m_chunkStart >= m_pacer.writeBudget())
        return commitOpenChunk();
    return {};
}

Status StagedBatch::commitChunk() {
    if (m_sharing == Sharing::Alone && !m_publishing)
        return {};
    return commitOpenChunk();
}

Status StagedBatch::commitOpenChunk() {
    if (!m_chunk)
        return {};
    const auto committing = Clock::now();
    auto status = m_chunk->commit();
    m_chunk.reset();
    const auto committed = Clock::now();
    using std::chrono::duration_cast;
    using std::chrono::microseconds;
    m_pacer.record(duration_cast<microseconds>(committing - m_chunkStart),
                   duration_cast<microseconds>(committed - committing));
    m_longestHold = std::max(m_longestHold, duration_cast<microseconds>(committed - m_chunkStart));
    ++m_transactions;
    // A passive checkpoint copies the log back into the file without the write lock, in
    // small steps so that a verdict's sync never finds much of it still to write.
    const std::int64_t checkpointEvery =
        m_verdictsPossible ? kChunksPerCheckpoint : kChunksPerCheckpointWithoutVerdicts;
    if (status && m_transactions % checkpointEvery == 0)
        (void)m_db.executeScript("PRAGMA wal_checkpoint(PASSIVE)");
    // A verdict's commit syncs the log: it must not find this chunk's pages still to write.
    else if (status && m_sharing == Sharing::Shared && m_verdictsPossible)
        (void)m_db.syncLog();
    return status;
}

// A new project's stage is loaded without the content hash's unique index, which publish()
// builds once from the sorted hashes: kept up to date row by row, its inserts at random
// places took about 3.2 of SQLite's 5.0 s for the rows of 1,000,596 pairs, and building it
// after took 0.55 s. The other indexes stay up to date during the load, whose pace the
// reading thread sets then; built after the rows, on one busy core, they made the import
// slower (9.16 and 10.97 s with all of them after against 6.79 and 8.60 s, runs in turn).
// A table with pairs keeps its index: only the import would know its duplicates.
Status StagedBatch::deferContentHashIndex() {
    auto index = m_db.firstRow("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ? "
                               "AND NOT EXISTS (SELECT 1 FROM pairs)",
                               kContentHashIndex);
    if (!index)
        return index.error();
    if (!*index)
        return {}; // a project older than schema 14 has its table's constraint instead
    m_deferredIndex = (*index)->text(0);
    index->reset(); // its statement ends before the schema changes
    RLTHF_TRY(beforeWrite());
    return m_db.executeScript(fmt::format("DROP INDEX {}", kContentHashIndex));
}

Status StagedBatch::buildDeferredIndex() {
    // With a page cache of a few MiB SQLite sorts the keys in runs of that size, each on a
    // helper thread while the next is read, and merges them: 0.55 against 1.44 s with the
    // import's own cache, which holds them all and sorts them in one go on one core.
    auto cache = m_db.scalar("PRAGMA cache_size");
    if (!cache)
        return cache.error();
    RLTHF_TRY(m_db.executeScript(
        fmt::format("PRAGMA threads = 1; PRAGMA cache_size = -{}", kIndexSortCacheKiB)));
    const Status built = m_db.executeScript(*m_deferredIndex);
    RLTHF_TRY(m_db.executeScript(
        fmt::format("PRAGMA threads = 0; PRAGMA cache_size = {}", cache->value_or(-2000))));
    if (!built)
        return Error{
            fmt::format("the content hash's index could not be built: {}", built.message())};
    m_deferredIndex.reset();
    return {};
}

Status StagedBatch::publish(const std::function<Status()>& last) {
    m_publishing = true;
    if (m_deferredIndex) {
        RLTHF_TRY(beforeWrite());
        RLTHF_TRY(buildDeferredIndex());
    }
    RLTHF_TRY(commitOpenChunk());
    if (m_sharing == Sharing::Alone)
        RLTHF_TRY(m_db.executeScript("PRAGMA journal_mode = WAL"));
    // The checkpoint syncs the log written so far without the write lock, so the publishing
    // commit's full sync has only its own few pages to write.
    (void)m_db.executeScript("PRAGMA wal_checkpoint(PASSIVE)");
    RLTHF_TRY(m_db.executeScript("PRAGMA synchronous = FULL"));
    RLTHF_TRY(beforeWrite());
    if (last)
        RLTHF_TRY(last());
    RLTHF_TRY(
        m_db.execute("UPDATE write_batches SET status = 'published', published_at = ? WHERE id = ?",
                     nowUtc(), m_id));
    RLTHF_TRY(commitOpenChunk());
    m_published = true;
    return {};
}

} // namespace rlthf::store
