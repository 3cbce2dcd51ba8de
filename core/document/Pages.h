#pragma once
// Keyset-paged reads of the window's long lists: the pairs of a project and the review
// queue with its neighbours. A page starts after the last key seen, so a project with a
// million pairs opens and scrolls at once.

#include "common/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rlthf::store {
class Database;
}

namespace rlthf::document {

template <class Row> struct Page {
    std::vector<Row> rows;
    bool more = false; // another page follows
};

// One row of the pair table, with the label the pair carries now.
struct PairRow {
    std::int64_t id = 0;     // the key
    std::string promptStart; // the prompt's first 512 bytes
    int shard = 0;
    std::optional<std::string> label;  // "a" or "b"
    std::optional<std::string> source; // a LabelSource id
};
Result<Page<PairRow>> pairPage(store::Database& db, std::int64_t afterId, int pageSize);
const char* pairPageSql(); // parameters: last id, limit (for query-plan tests)

enum class QueueFilter {
    ToReview,    // the open queue, in review order
    AutoFlipped, // flips in force, oldest first
    Kept,        // the latest curve's kept zone, by rank
    Reviewed,    // expert verdicts and settlements in force, optionally by one annotator
};

struct QueueRow {
    std::int64_t key = 0; // ascending within a filter
    std::int64_t pairId = 0;
    std::optional<std::string> order;  // priority, iteration, rank or annotator, as text
    std::optional<std::string> reason; // QueueReason/Zone id, "uncertain", or a verdict
    std::optional<double> margin;
    std::string promptStart; // the prompt's first 300 bytes
};
// Rows after `afterKey` (the smallest int64 for the first page). `annotator` filters
// Reviewed; empty means everyone.
Result<Page<QueueRow>> queuePage(store::Database& db, QueueFilter filter, std::int64_t afterKey,
                                 int pageSize, const std::string& annotator = {});
const char* queuePageSql(QueueFilter filter); // parameters: last key, limit, annotator

} // namespace rlthf::document
