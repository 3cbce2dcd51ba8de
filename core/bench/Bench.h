#pragma once
// `rlthf bench`: RLTHF against its baselines under outer K-fold evaluation, with a
// simulated judge and a simulated expert who answers with the gold label.

#include "bench/BenchData.h"
#include "common/Result.h"
#include "loop/Engine.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rlthf::bench {

// ai_only, random, rlthf (margin targeting), rlthf_paper (the published reflection rule),
// rlthf_oof, rlthf_learned (targeting learned from the verdicts), rlthf_drop (rlthf_learned
// dropping the pairs it finds wrong instead of flipping them), confident, full_human,
// rlthf_zero_human
const std::vector<std::string>& allMethods();
// The method that a project's default settings run: rlthf_learned (learned targeting).
std::string defaultMethod();

// The pairs' indexes in groups that a split keeps together: one group per distinct prompt (in
// order of first appearance), so no prompt or response is on both sides of a split.
std::vector<std::vector<std::int32_t>> groupsByPrompt(const BenchData& data);
// One group per pair: the folds deal single pairs (--group-by none).
std::vector<std::vector<std::int32_t>> singletons(std::size_t n);
// Each pair's fold: the groups in a seeded order, each to the fold holding fewest pairs so
// far (the lowest on a tie). With one pair per group this deals the shuffled pairs round the
// folds, as the benchmark did before it grouped.
std::vector<int> assignFolds(const std::vector<std::vector<std::int32_t>>& groups, int folds,
                             std::uint64_t seed);

struct BenchConfig {
    std::string dataPath;
    data::Format format = data::Format::Pairs;
    Judge judge = Judge::Uniform;
    double budget = 0.06; // human labels as a share of the training pairs
    int iterations = 5;
    int folds = 5;        // outer folds; also the inner folds of out-of-fold margins
    int repeats = 1;
    // Keep pairs with the same prompt on one side of every split (which matters only where
    // prompts repeat); off, the folds deal single pairs, so a response may be trained and
    // tested on.
    bool groupByPrompt = true;
    std::uint64_t seed = 1;
    std::string outDir;
    std::vector<std::string> methods = allMethods();
    loop::EngineConfig engine;
    std::function<void(const std::string&)> log;
    // Before each run of a method on a fold: the share of all runs done and which starts.
    std::function<void(double fraction, const std::string& run)> progress;
};

// Mean and standard error over the runs (repeats × folds).
struct Stat {
    double mean = 0.0;
    double se = 0.0;
    int runs = 0;
};

struct MethodSummary {
    Stat testAccuracy;
    Stat curatedLabelAccuracy;
    std::optional<Stat> queuePrecision;
    std::optional<Stat> flipPrecision; // none when no run flipped anything
    Stat flips;
    Stat humanLabels;
    std::optional<Stat> auditJudgeError; // the engine's own estimate from its audit share
    std::optional<double> roi; // none when random annotation gained nothing measurable
    // rlthf_drop: the share of the training pairs left out of the curated data.
    std::optional<Stat> droppedShare;
    std::string lastFlipDecision;
};

struct BenchReport {
    std::int64_t pairs = 0;
    double judgeAgreement = 0.0;
    // The position judge: the share of pairs on which its two orders disagree.
    std::optional<double> judgeOrdersDisagree;
    std::map<std::string, MethodSummary> methods;
    double seconds = 0.0;
};

Result<BenchReport> runBench(const BenchConfig& config);

} // namespace rlthf::bench
