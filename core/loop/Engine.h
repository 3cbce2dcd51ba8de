#pragma once
// One RLTHF iteration in memory: build the training set from the labels and the previous
// iteration's zones, train a reward model, read its margin curve, decide zones, flips and
// the next expert batch. No database here: the project loop and the benchmark share it.

#include "common/Result.h"
#include "curation/Curve.h"
#include "curation/TargetingCheck.h"
#include "curation/Zones.h"
#include "loop/ErrorModel.h"
#include "loop/Targeting.h"
#include "loop/WrongLabels.h"
#include "reward/RewardModel.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rlthf::loop {

struct EngineConfig {
    reward::TrainConfig train;
    curation::CurveConfig curve;
    curation::Schedule schedule;
    curation::FlipPolicy flipPolicy;
    double batchShare = 0.012; // expert batch per iteration, as a share of the pairs
    double auditShare = 0.10;
    double flipCheckShare = 0.05; // flip checks confirm a rule that is usually right: a
                                  // small share keeps the gate informed, the rest goes to
                                  // the zone
    bool outOfFold = false;    // margins from K-fold cross-fitting instead of in-sample
    // Learned by default: it holds the margin rule's results where that rule works and beats
    // random review where the judge's errors follow a pattern (README, Benchmark).
    Targeting targeting = Targeting::Learned;
    // While the verdicts show the queue finding errors less often than uniform review, a
    // share of the targeted places goes to random review (either targeting).
    curation::TargetingPolicy targetingPolicy;
    WrongLabels wrongLabels = WrongLabels::Flip;
    int folds = 5;
    int iterations = 5;        // planned iterations: the α/β schedule spans them
    std::uint64_t seed = 1;
};

// What the engine knows of one pair.
struct EnginePair {
    std::int32_t index = 0;       // into the encoded dataset
    std::optional<char> ai;       // the AI judge's label, 'a' or 'b'
    std::optional<char> human;    // the expert verdict in force
    bool flipped = false;         // the engine's decision that the AI label is wrong is in
                                  // force (flipped or dropped, per EngineConfig::wrongLabels)
    std::optional<curation::Zone> zone;             // from the previous iteration
    std::optional<curation::QueueReason> queuedAs;  // why it was put before an expert
    std::optional<double> queuedMargin;             // its margin Δ then
};

struct TrainingSet {
    std::vector<reward::TrainingExample> examples;
    std::vector<std::int32_t> pairs; // distinct pairs in the set (positions in EnginePair list)
    std::vector<char> labels;        // the label each of those pairs is trained with
};

// Whether flipped pairs belong to a training set.
enum class FlipUse {
    // The loop's own reward model: a pair trained with its flipped label gets a margin that
    // only repeats the flip, so flips would entrench themselves (measured on the factory
    // benchmark: 0.965 vs 0.972 test accuracy). Left out, each flip is re-judged every
    // iteration by a model that did not learn it.
    Exclude,
    Include, // the curated data when wrong labels are flipped: what is exported and what a
             // final model trains on
};

// How the curated data uses the pairs found wrong: flipped, or left out when dropped.
inline FlipUse curatedFlipUse(WrongLabels wrongLabels) {
    return wrongLabels == WrongLabels::Drop ? FlipUse::Exclude : FlipUse::Include;
}

// Δ = r(labelled-preferred) − r(other): how strongly the rewards agree with `label`.
double marginFor(const reward::PairRewards& r, char label);

// Kept pairs with their AI labels, flipped pairs (per FlipUse) with the other label, expert
// pairs repeated α times; on the first iteration (no zones yet) every AI-labelled pair.
// Backed-off, human-zone and withheld flip-zone pairs stay out.
TrainingSet buildTrainingSet(const std::vector<EnginePair>& pairs, double alpha, FlipUse flips);

struct IterationPhase {
    enum Kind { Training, Scoring, Curating } kind = Training;
    reward::TrainProgress train;
};
using EngineProgressFn = std::function<bool(const IterationPhase&)>;

struct IterationOutcome {
    double alpha = 0.0;
    double beta = 0.0;
    std::int64_t trainingPairs = 0;
    std::int64_t trainingExamples = 0;
    std::int64_t humanInTraining = 0;
    std::vector<reward::PairRewards> rewards; // per EnginePair
    std::vector<double> margins;   // per EnginePair: Δ under the AI label (0 when none)
    std::vector<std::int32_t> curve; // positions of the curve's pairs, rank order
    std::vector<double> sortedMargins;
    curation::CurveLandmarks landmarks;
    std::vector<std::optional<curation::Zone>> zones; // per EnginePair (none: off the curve)
    curation::Estimates estimates;
    curation::FlipDecision flipDecision;
    curation::TargetingCheck targetingCheck; // what set the batch's random review share
    std::vector<std::int32_t> flips; // positions whose AI label is flipped from now on
    std::vector<curation::BatchItem> batch; // pairId = position in EnginePair list
    std::optional<ErrorModel> errorModel;   // what chose the batch, under learned targeting
    std::optional<reward::RewardModel> model;
};

// `iteration` is 0-based; pairs are not changed.
Result<IterationOutcome> runIteration(const std::vector<reward::EncodedPair>& dataset,
                                      const std::vector<EnginePair>& pairs, int iteration,
                                      const EngineConfig& config,
                                      const EngineProgressFn& progress = {});

// Applies an outcome to the engine's view: zones, flips (replacing earlier ones), queue reasons.
void applyOutcome(std::vector<EnginePair>& pairs, const IterationOutcome& outcome);

} // namespace rlthf::loop
