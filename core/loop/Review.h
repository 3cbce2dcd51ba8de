#pragma once
// Expert verdicts, the review queue and the latest curve, as stored in a project.

#include "common/Result.h"
#include "curation/Curve.h"
#include "loop/IterationMetrics.h"
#include "vocab/Vocabulary.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rlthf::store {
class Database;
}

namespace rlthf::loop {

enum class Verdict {
    A,       // response A is better
    B,       // response B is better
    Confirm, // the AI label is right
    Flip,    // the AI label is wrong
    Skip,    // no verdict now; the pair stays open
    SettleA, // the lead settles a dispute: A is better (source 'settled')
    SettleB, // the lead settles a dispute: B is better
};
std::optional<Verdict> parseVerdict(const std::string& text);

struct VerdictRequest {
    std::int64_t pairId = 0;
    Verdict verdict = Verdict::Skip;
    std::string annotator;
    std::optional<std::string> comment;
};

struct RecordedVerdict {
    std::int64_t eventId = 0;
    std::optional<char> value;    // the label it gave (none for skip)
    std::optional<char> previous; // the pair's label before
};

// Appends the verdict as a 'human' event (confirm and flip refer to the AI label), or a
// settlement as a 'settled' event: the pair's label until a later settlement replaces it.
Result<RecordedVerdict> recordVerdict(store::Database& db, const VerdictRequest& request);

// Undo: appends an event that revokes an earlier one; nothing is deleted.
Result<std::int64_t> revokeEvent(store::Database& db, std::int64_t eventId,
                                 const std::string& annotator);

struct QueueEntry {
    std::int64_t pairId = 0;
    int priority = 0;
    std::string reason;
    std::optional<double> margin;
    std::optional<std::string> zone;
    std::optional<char> aiLabel;
    std::string prompt;
};

// What experts should review now, in order: pairs the LLM judge was uncertain about (reason
// "uncertain", no AI label), then the latest iteration's queue; without the pairs that have
// a verdict (or were skipped) since.
Result<std::vector<QueueEntry>> openQueue(store::Database& db, int limit);
Result<std::int64_t> openQueueSize(store::Database& db);
// The open items, one page, as a FROM source aliased `q` with columns pair_id, priority
// (unique, ascending = review order), reason and iteration_id (NULL for uncertain pairs).
// It binds ?1 (the last priority seen; the smallest int64 for the first page) and ?2 (the
// page size); the caller still orders by q.priority and limits to ?2.
const char* openQueuePageSource();

struct CurveData {
    int iteration = 0;
    std::vector<std::int64_t> pairIds; // rank order
    std::vector<double> margins;       // sorted descending
    std::vector<std::optional<Zone>> zones; // nullopt: a rank without a stored zone
    std::vector<std::optional<bool>> aiMatchesGold; // where a gold label exists
    curation::CurveLandmarks landmarks;
    double beta = 0.0;
};
// The latest finished iteration's curve; none while no finished iteration has its reward
// model in this project (before the first retrain, and on a team station, whose lead
// retrains and keeps the model and its scores).
Result<std::optional<CurveData>> latestCurve(store::Database& db);

struct FinishedIteration {
    std::int64_t id = 0;
    int number = 0; // 1-based
    IterationMetrics metrics;
};
// The finished ('done') iterations in order.
Result<std::vector<FinishedIteration>> iterationHistory(store::Database& db);

} // namespace rlthf::loop
