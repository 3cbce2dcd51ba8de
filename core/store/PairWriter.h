#pragma once
// Bulk writes of pairs and label events with statements prepared once. The caller wraps
// them in transactions; with a batch id, every row written is part of that StagedBatch.

#include "common/Result.h"
#include "store/Database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rlthf::store {

struct NewPair {
    std::optional<std::string> externalId;
    std::string prompt;
    std::string responseA;
    std::string responseB;
    std::string contentHash;
    int shard = 0;
    std::optional<std::string> meta; // JSON object text
};

struct NewLabelEvent {
    std::int64_t pairId = 0;
    std::string source;           // ai | gold | human | flipped | propagated
    std::string action = "label"; // label | skip | revoke
    std::optional<std::string> value;
    std::optional<std::string> previous;
    std::optional<std::string> annotator;
    std::optional<std::int64_t> iteration;
    std::optional<std::string> comment;
    std::optional<double> margin;
    std::optional<std::int64_t> revokes;
    std::optional<std::string> createdAt; // now when unset
};

class PairWriter {
  public:
    enum class Duplicates {
        Skipped,     // a pair whose content hash is stored already is not written again
        FoundBefore, // the caller gives each content once (no unique index to ask yet)
    };
    static Result<PairWriter> create(Database& db, std::optional<std::int64_t> batchId = {},
                                     Duplicates duplicates = Duplicates::Skipped);

    // The new pair's id; none when a pair with the same content hash is already stored.
    Result<std::optional<std::int64_t>> insertPair(const NewPair& pair);
    Result<std::int64_t> appendLabel(const NewLabelEvent& event);
    // Appends them after those queued before, in order; labels that say only pair, source
    // and side (an import's) wait to be written many per statement: flushLabels() writes
    // those still waiting. Used inside the caller's transactions, like the rest.
    Status queueLabels(const std::vector<NewLabelEvent>& events);
    Status flushLabels();

  private:
    struct PendingLabel {
        std::int64_t pairId;
        std::string source;
        std::string value;
    };
    PairWriter(Database& db, std::optional<std::int64_t> batchId, Statement pair, Statement label,
               Statement plainLabel, Statement plainLabels)
        : m_db(&db), m_batchId(batchId), m_insertPair(std::move(pair)),
          m_insertLabel(std::move(label)), m_insertPlainLabel(std::move(plainLabel)),
          m_insertPlainLabels(std::move(plainLabels)) {}
    Status writePlainLabels(Statement& stmt, std::size_t first, std::size_t count);
    Database* m_db;
    std::optional<std::int64_t> m_batchId;
    Statement m_insertPair;
    Statement m_insertLabel;
    Statement m_insertPlainLabel;  // one row
    Statement m_insertPlainLabels; // kPlainLabelsPerStatement rows
    std::vector<PendingLabel> m_pendingLabels;
};

} // namespace rlthf::store
