#pragma once
// The RLTHF loop over a project file: snapshot → train → margins → curation → persist.
// Every function takes the connection to use, so a worker thread can bring its own.

#include "common/Result.h"
#include "loop/Engine.h"
#include "loop/LoopSettings.h"
#include "store/Database.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rlthf::loop {

// The labels of the active shard at one data revision.
struct Snapshot {
    std::int64_t revision = 0;
    int iteration = 0; // 0-based index of the iteration to run (done iterations so far)
    std::vector<std::int64_t> pairIds;
    std::vector<reward::EncodedPair> dataset;
    std::vector<EnginePair> pairs;
    std::vector<std::optional<char>> gold; // for metrics only; never trained on
};

Result<Snapshot> takeSnapshot(store::Database& db, const LoopSettings& settings);

struct IterationSummary {
    std::int64_t iterationId = 0;
    int number = 0; // 1-based
    std::int64_t dataRevision = 0;
    std::int64_t staleVerdicts = 0; // verdicts that arrived during the run: they count next time
    std::int64_t queued = 0;
    std::int64_t flips = 0;
    std::int64_t flipsRevoked = 0;
    std::int64_t dropped = 0; // wrong_labels = drop: the pairs found wrong, left out instead
    curation::CurveLandmarks landmarks;
    curation::FlipDecision flipDecision;
    curation::TargetingCheck targetingCheck;
    curation::Estimates estimates;
    std::optional<double> errorModelLengthWeight; // as in IterationMetrics
    // How the run shared the project: its write transactions and the longest of them.
    std::int64_t transactions = 0;
    std::chrono::microseconds longestTransaction{0};
};

// Writes scores, zones, the queue, flip events and the iteration record in short
// transactions; the iteration comes into force only with the last one.
Result<IterationSummary> persistIteration(store::Database& db, const Snapshot& snapshot,
                                          const IterationOutcome& outcome,
                                          const LoopSettings& settings);

// One whole iteration; cancelling through progress leaves the project as it was.
Result<IterationSummary> runProjectIteration(store::Database& db, const LoopSettings& settings,
                                             const EngineProgressFn& progress = {});

struct PropagationSummary {
    std::int64_t labelled = 0;
    std::int64_t flipped = 0;     // propagated labels that differ from the AI label
    std::int64_t dropped = 0;     // wrong_labels = drop: found wrong, dropped, not labelled
    std::int64_t skippedReviewed = 0;
    // How the run shared the project: its write transactions and the longest of them.
    std::int64_t transactions = 0;
    std::chrono::microseconds longestTransaction{0};
};
// Pairs read so far of those outside the active shard; returning false cancels the run.
using PropagationProgressFn = std::function<bool(std::int64_t done, std::int64_t total)>;
// Labels the pairs outside the active shard with the latest iteration's reward model; a
// cancelled or failed run publishes none of its labels.
Result<PropagationSummary> propagate(store::Database& db, const LoopSettings& settings,
                                     const PropagationProgressFn& progress = {});

// The serialised reward model of a model run: its parts in order (schema 8), or the one
// blob of runs written before.
Result<std::string> modelWeights(store::Database& db, std::int64_t modelRunId);

} // namespace rlthf::loop
