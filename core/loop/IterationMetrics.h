#pragma once
// What one finished iteration measured and decided: written once to iterations.metrics as
// JSON (the keys are part of the project file format) and read back only through
// parseIterationMetrics, so no caller depends on a key's spelling.

#include "common/Result.h"
#include "curation/Curve.h"
#include "curation/TargetingCheck.h"
#include "curation/Zones.h"
#include "vocab/Vocabulary.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rlthf::loop {

struct IterationMetrics {
    int number = 0; // 1-based place in the loop; 0 in projects written before it was recorded
    double alpha = 0.0;
    double beta = 0.0;
    std::int64_t pairs = 0; // on the curve's shard
    std::int64_t trainingPairs = 0;
    std::int64_t trainingExamples = 0;
    std::int64_t humanInTraining = 0;
    curation::CurveLandmarks landmarks;
    std::optional<double> reflectionMargin; // Δ at the reflection point, when there is one
    std::array<std::int64_t, kTermCount<Zone>> zoneCounts{}; // pairs per Zone
    curation::Estimates estimates;
    bool flipsApplied = false;
    std::string flipReason;
    // Whether the queue beat uniform review, and the next batch's share of random review.
    curation::TargetingCheck targetingCheck;
    // Learned targeting chose the batch: the error model's weight on how much longer the
    // AI-chosen response is (per standard deviation; > 0: longer choices are likelier wrong).
    std::optional<double> errorModelLengthWeight;
    std::int64_t flips = 0;
    std::int64_t flipsRevoked = 0;
    std::int64_t dropped = 0; // wrong_labels = drop: the pairs found wrong, left out instead
    std::int64_t queued = 0;
    std::int64_t staleVerdicts = 0;
    std::int64_t humanLabels = 0; // pairs with an expert verdict when the iteration started
    int modelEpochs = 0;
    double seconds = 0.0;
    // Where gold labels exist: how right the reward model and the curated labels are.
    std::optional<double> rmGoldAccuracy;
    std::optional<double> curatedLabelAccuracy;

    // The Δ below which the final model may flip labels when it labels the rest of the
    // data: the reflection point's, and only while this iteration allowed flips.
    std::optional<double> flipThreshold() const;
};

std::string toJson(const IterationMetrics& metrics);
// Missing keys (projects written by earlier versions) keep their defaults; text that is
// not a JSON object is an error.
Result<IterationMetrics> parseIterationMetrics(std::string_view json);

} // namespace rlthf::loop
