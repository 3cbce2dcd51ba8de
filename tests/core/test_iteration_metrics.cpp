// An iteration's metrics are written once and read back typed; the flip threshold the final
// model uses comes from the typed value, never from a JSON key.

#include "loop/IterationMetrics.h"

#include <catch2/catch.hpp>

using namespace rlthf;
using namespace rlthf::loop;

TEST_CASE("iteration metrics round-trip through their JSON", "[loop][metrics]") {
    IterationMetrics m;
    m.number = 3;
    m.alpha = 2.5;
    m.beta = 0.125;
    m.pairs = 1000;
    m.trainingPairs = 900;
    m.trainingExamples = 1200;
    m.humanInTraining = 45;
    m.landmarks.size = 1000;
    m.landmarks.elbow = 40;
    m.landmarks.knee = 800;
    m.landmarks.reflection = 950;
    m.landmarks.elbowMargin = 3.5;
    m.landmarks.kneeMargin = -0.25;
    m.landmarks.method = "slope";
    m.reflectionMargin = -3.5;
    m.zoneCounts = {700, 100, 150, 50};
    m.estimates.judgeError = {7, 50};
    m.estimates.queuePrecision = {30, 60};
    m.estimates.flipPrecision = {4, 5};
    m.flipsApplied = true;
    m.flipReason = "flip precision 0.80 ≥ 0.5";
    m.errorModelLengthWeight = 0.75;
    m.targetingCheck = {true, 0.875, 0.675, "targeting finds the judge's errors less often"};
    m.flips = 50;
    m.flipsRevoked = 2;
    m.queued = 45;
    m.staleVerdicts = 1;
    m.humanLabels = 90;
    m.modelEpochs = 6;
    m.seconds = 12.5;
    m.rmGoldAccuracy = 0.91;

    auto back = parseIterationMetrics(toJson(m));
    REQUIRE(back);
    CHECK(back->number == 3);
    CHECK(back->alpha == 2.5);
    CHECK(back->beta == 0.125);
    CHECK(back->pairs == 1000);
    CHECK(back->trainingPairs == 900);
    CHECK(back->trainingExamples == 1200);
    CHECK(back->humanInTraining == 45);
    CHECK(back->landmarks.size == 1000);
    CHECK(back->landmarks.elbow == 40);
    CHECK(back->landmarks.knee == 800);
    CHECK(back->landmarks.reflection == std::optional<std::size_t>(950));
    CHECK(back->landmarks.elbowMargin == 3.5);
    CHECK(back->landmarks.kneeMargin == -0.25);
    CHECK(back->landmarks.method == "slope");
    CHECK(back->reflectionMargin == std::optional<double>(-3.5));
    CHECK(back->zoneCounts == m.zoneCounts);
    CHECK(back->estimates.judgeError.hits == 7);
    CHECK(back->estimates.judgeError.trials == 50);
    CHECK(back->estimates.queuePrecision.hits == 30);
    CHECK(back->estimates.flipPrecision.trials == 5);
    CHECK(back->flipsApplied);
    CHECK(back->flipReason == m.flipReason);
    CHECK(back->errorModelLengthWeight == std::optional<double>(0.75));
    CHECK(back->targetingCheck.judged);
    CHECK(back->targetingCheck.uniformBetter == 0.875);
    CHECK(back->targetingCheck.randomShare == 0.675);
    CHECK(back->targetingCheck.reason == "targeting finds the judge's errors less often");
    CHECK(back->flips == 50);
    CHECK(back->flipsRevoked == 2);
    CHECK(back->queued == 45);
    CHECK(back->staleVerdicts == 1);
    CHECK(back->humanLabels == 90);
    CHECK(back->modelEpochs == 6);
    CHECK(back->seconds == 12.5);
    CHECK(back->rmGoldAccuracy == std::optional<double>(0.91));
    CHECK_FALSE(back->curatedLabelAccuracy.has_value());
    CHECK(back->flipThreshold() == std::optional<double>(-3.5));

    m.flipsApplied = false; // flips withheld: the final model must not flip either
    back = parseIterationMetrics(toJson(m));
    REQUIRE(back);
    CHECK_FALSE(back->flipThreshold().has_value());
}

TEST_CASE("iteration metrics of earlier projects and broken text", "[loop][metrics]") {
    // As written before the number and the typed struct existed.
    auto old = parseIterationMetrics(
        R"({"alpha":4,"beta":0.3,"elbow":5,"knee":9,"reflection":null,"flips_applied":true,)"
        R"("zones":{"kept":3,"flip":1},"rm_gold_accuracy":null})");
    REQUIRE(old);
    CHECK(old->number == 0);
    CHECK(old->landmarks.knee == 9);
    CHECK_FALSE(old->landmarks.reflection.has_value());
    CHECK(old->zoneCounts[static_cast<std::size_t>(Zone::Kept)] == 3);
    CHECK(old->zoneCounts[static_cast<std::size_t>(Zone::Flip)] == 1);
    CHECK_FALSE(old->rmGoldAccuracy.has_value());
    CHECK_FALSE(old->errorModelLengthWeight.has_value());
    CHECK_FALSE(old->targetingCheck.judged);
    CHECK(old->targetingCheck.randomShare == 0.0);
    // Flips were allowed but no reflection point was found: nothing to flip below.
    CHECK_FALSE(old->flipThreshold().has_value());

    CHECK_FALSE(parseIterationMetrics(""));
    CHECK_FALSE(parseIterationMetrics("[1,2]"));
    CHECK_FALSE(parseIterationMetrics("{\"alpha\":"));
}
