#pragma once
// Zones of the curve, the expert batch of an iteration, the audit and the estimates that
// tell whether targeting and automatic flips work on this data.

#include "curation/Curve.h"
#include "vocab/Vocabulary.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rlthf::curation {

using rlthf::Zone;
using rlthf::QueueReason;

// Zone of every rank of a curve of landmarks.size ranks.
std::vector<Zone> zonesByRank(const CurveLandmarks& landmarks, double beta);

// One pair of the curve, in rank order (descending margin).
struct RankedPair {
    std::int64_t pairId = 0;
    double margin = 0.0;   // Δ under the AI label
    bool reviewed = false; // an expert verdict exists: never queued again
};

struct BatchConfig {
    std::size_t size = 0;       // total pairs in the batch
    double auditShare = 0.10;   // of size, drawn uniformly from all unreviewed pairs
    double flipCheckShare = 0.05; // of size, drawn uniformly from unreviewed flip-zone pairs
    double randomShare = 0.0;     // of the slots left, drawn uniformly instead of targeted
                                  // (see TargetingCheck)
    std::uint64_t seed = 1;
};

struct BatchItem {
    std::int64_t pairId = 0;
    int priority = 0; // 0 = review first
    QueueReason reason = QueueReason::Zone;
};

// The zone part takes the zone lowest margin first (most likely wrong). When the zone has
// too few unreviewed pairs it is topped up from the ranks nearest to it on both sides.
// Audit and flip-check draws are seeded and never repeat a pair already in the batch; they
// are drawn before the zone part so that each is uniform over its population.
// Priorities interleave audit and flip-check items with zone items, so the audit keeps
// its share even when the expert stops half-way through the batch.
std::vector<BatchItem> selectBatch(const std::vector<RankedPair>& ranked,
                                   const std::vector<Zone>& zones, const BatchConfig& config);

// A share with its Wilson score interval.
struct Proportion {
    std::int64_t hits = 0;
    std::int64_t trials = 0;
    double estimate() const; // hits / trials, 0 when no trials
    double low(double z = 1.96) const;
    double high(double z = 1.96) const;
};

// An expert verdict on a queued pair: did the expert overturn the AI label?
struct ReviewedItem {
    QueueReason reason = QueueReason::Zone;
    bool overturned = false;
};

struct Estimates {
    Proportion judgeError;     // audit and random review: overturned / reviewed
    Proportion queuePrecision; // zone + top-up: overturned / reviewed
    Proportion flipPrecision;  // flip checks: overturned / checked (a flip would have been right)
    // Queue precision ÷ judge error: > 1 when targeting finds errors better than chance.
    std::optional<double> targetingLift() const;
};
Estimates estimate(const std::vector<ReviewedItem>& reviewed);

struct FlipPolicy {
    double minPrecision = 0.5;   // flips only while the estimate is above this...
    std::int64_t minChecked = 5; // ...with at least this many flip checks...
    bool useLowerBound = true;   // ...judged by the Wilson lower bound, not the point estimate
};
struct FlipDecision {
    enum class Why {
        TooFewChecks,   // fewer flip checks answered than the policy needs
        PrecisionTooLow, // enough checks, but too few of them found the AI label wrong
        PrecisionHigh,   // enough checks, and the flip rule held: flips applied
    };
    bool apply = false;
    Why why = Why::TooFewChecks;
    std::int64_t checked = 0; // flip checks answered
    std::int64_t wrong = 0;   // of them, AI labels the expert overturned
    std::int64_t needed = 0;  // checks the policy needs before it judges
    double judged = 0.0;      // the estimate or its Wilson lower bound, as the policy says
    double threshold = 0.0;   // judged must be above this
    std::string reason;       // in words for the lead (English; the window words its own)
};
FlipDecision decideFlips(const Proportion& flipPrecision, const FlipPolicy& policy = {});

// α (amplification) and β (back-off) fall linearly from start to end over the iterations.
struct Schedule {
    double alphaStart = 4.0;
    double alphaEnd = 1.0;
    double betaStart = 0.30;
    double betaEnd = 0.05;
    double alphaAt(int iteration, int iterations) const; // iteration is 0-based
    double betaAt(int iteration, int iterations) const;
};

} // namespace rlthf::curation
