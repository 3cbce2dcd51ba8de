#pragma once
// The writes of a long task in short transactions, hidden until published in one short step.
//
// A long task (import, retrain, propagate) begins a batch and tags the rows it writes with
// the batch's id (pairs.batch_id, label_events.batch_id). Its writes go in chunks: a chunk
// is a transaction that holds the write lock for about ChunkPacer::kHoldBudget, its commit
// included, so a verdict waits at most that long. Readers see pairs and labels through the
// visible_pairs, visible_label_events, active_labels and current_labels views, which hide the rows
// of a staging batch; publish() ends the task in one short transaction. So the task stays atomic as
// the user sees it: a failed, cancelled or killed one shows none of its rows.
//
// What an unpublished batch wrote is removed when the object goes; what a killed process
// left (staging batches, unfinished iterations) is removed by the next batch begun on the
// project. Begin a batch only while holding the project's TaskLock: the lock is what makes
// every other staging batch an abandoned one.

#include "common/Result.h"
#include "store/ChunkPacer.h"
#include "store/Database.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rlthf::store {

enum class BatchKind { Import, Retrain, Propagate };

enum class Sharing {
    Shared, // others may write to the project meanwhile: short transactions
    Alone,  // a project nobody else can open yet (a stage): one transaction, the fastest
};

class StagedBatch {
  public:
    // Removes what abandoned batches left, then starts a new staging batch.
    static Result<std::unique_ptr<StagedBatch>> begin(Database& db, BatchKind kind,
                                                      Sharing sharing = Sharing::Shared);
    ~StagedBatch();
    StagedBatch(const StagedBatch&) = delete;
    StagedBatch& operator=(const StagedBatch&) = delete;

    std::int64_t id() const { return m_id; }

    // Call before each write: opens a chunk when none is open.
    Status beforeWrite();
    // Call after each write: commits the chunk once its writes have used the pacer's budget.
    Status afterWrite();
    // Commits the open chunk now: before long work that does not write (Shared only).
    Status commitChunk();
    // Commits the open chunk; then `last` runs and the batch is marked published in one
    // transaction, committed with a full sync.
    Status publish(const std::function<Status()>& last = {});

    // The longest time one transaction of this batch held the write lock.
    std::chrono::microseconds longestHold() const { return m_longestHold; }
    std::int64_t transactions() const { return m_transactions; }
    // False while a stage is loaded without the content hash's unique index: the writer
    // must then give each content once (the index is built at publish()).
    bool findsDuplicates() const { return !m_deferredIndex; }

  private:
    StagedBatch(Database& db, BatchKind kind, Sharing sharing, std::int64_t id)
        : m_db(db), m_kind(kind), m_sharing(sharing), m_id(id) {}
    Status commitOpenChunk();
    Status deferContentHashIndex();
    Status buildDeferredIndex();

    Database& m_db;
    BatchKind m_kind;
    Sharing m_sharing;
    std::int64_t m_id;
    std::optional<Transaction> m_chunk;
    std::chrono::steady_clock::time_point m_chunkStart;
    ChunkPacer m_pacer;
    std::chrono::microseconds m_longestHold{0};
    std::int64_t m_transactions = 0;
    std::optional<std::string> m_deferredIndex; // its CREATE statement, until built
    bool m_publishing = false;
    bool m_published = false;
    bool m_verdictsPossible = true; // the project showed pairs when the batch began
};

// Removes the rows of every staging batch and every unfinished iteration, in short
// transactions. Only while holding the project's TaskLock (see above).
Status removeAbandonedWrites(Database& db);

// The SQL name of a batch kind, as stored in write_batches.kind.
const char* batchKindName(BatchKind kind);

} // namespace rlthf::store
