#pragma once
// What `rlthf bench` writes: bench.json, iterations.csv and curve.png.

#include "bench/Bench.h"

namespace rlthf::bench {

struct IterationRow {
    int repeat = 0;
    int fold = 0;
    std::string method;
    int iteration = 0;
    double alpha = 0.0;
    double beta = 0.0;
    std::int64_t trainingPairs = 0;
    std::int64_t curvePairs = 0;
    std::int64_t elbow = 0;
    std::int64_t knee = 0;
    std::optional<std::int64_t> reflection;
    std::int64_t flips = 0;
    bool flipsApplied = false;
    std::int64_t batch = 0;
    std::optional<double> judgeErrorEstimate;
    std::optional<double> queuePrecisionEstimate;
    std::optional<double> flipPrecisionEstimate;
    double randomReviewShare = 0.0; // of the batch's targeted places (TargetingCheck)
    double testAccuracy = 0.0;
};

// The first rlthf iteration's curve, with whether each AI label agreed with gold.
struct CurveSnapshot {
    std::vector<double> margins;
    std::vector<bool> aiCorrect;
    curation::CurveLandmarks landmarks;
};

Status writeBenchOutputs(const BenchConfig& config, const BenchReport& report,
                         const std::vector<IterationRow>& rows,
                         const std::optional<CurveSnapshot>& curve);

} // namespace rlthf::bench
