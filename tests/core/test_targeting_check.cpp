// The targeting check: when uniform review beats the queue, and by how much the next batch
// reviews at random.

#include "curation/TargetingCheck.h"

#include <catch2/catch.hpp>

using namespace rlthf::curation;

namespace {

Estimates estimates(Proportion uniform, Proportion targeted) {
    Estimates e;
    e.judgeError = uniform;
    e.queuePrecision = targeted;
    return e;
}

} // namespace

TEST_CASE("probabilityGreater compares two shares under uniform priors", "[targeting]") {
    // Equal evidence: a coin toss, either way round.
    CHECK(probabilityGreater({5, 20}, {5, 20}) == Approx(0.5).margin(1e-6));
    CHECK(probabilityGreater({0, 0}, {0, 0}) == Approx(0.5).margin(1e-6));
    // Beta(2, 1) against Beta(1, 1): P(X > Y) = E[X] = 2/3.
    CHECK(probabilityGreater({1, 1}, {0, 0}) == Approx(2.0 / 3.0).margin(1e-4));
    // Beta(1, 2) against Beta(1, 1): 1/3; and the two orders add up to one.
    CHECK(probabilityGreater({0, 1}, {0, 0}) == Approx(1.0 / 3.0).margin(1e-4));
    CHECK(probabilityGreater({30, 100}, {20, 100}) + probabilityGreater({20, 100}, {30, 100}) ==
          Approx(1.0).margin(1e-6));
    // Much evidence of a clear difference: near certain.
    CHECK(probabilityGreater({400, 1000}, {200, 1000}) > 0.999);
    CHECK(probabilityGreater({200, 1000}, {400, 1000}) < 0.001);
    // More evidence of the same difference: more certain.
    CHECK(probabilityGreater({12, 40}, {8, 40}) < probabilityGreater({120, 400}, {80, 400}));
}

TEST_CASE("checkTargeting waits for enough verdicts of both kinds", "[targeting]") {
    const auto tooFewUniform = checkTargeting(estimates({8, 9}, {0, 100}));
    CHECK_FALSE(tooFewUniform.judged);
    CHECK(tooFewUniform.randomShare == 0.0);
    CHECK(tooFewUniform.reason == "targeting not yet judged: 9 of 10 uniform and 100 of 10 "
                                  "targeted verdicts");
    const auto tooFewTargeted = checkTargeting(estimates({8, 100}, {0, 9}));
    CHECK_FALSE(tooFewTargeted.judged);
    CHECK(tooFewTargeted.randomShare == 0.0);
}

TEST_CASE("checkTargeting keeps targeting while it finds errors at least as often", "[targeting]") {
    // The factory set's figures: queue 0.78, audit 0.25.
    const auto good = checkTargeting(estimates({25, 100}, {390, 500}));
    CHECK(good.judged);
    CHECK(good.uniformBetter < 1e-6);
    CHECK(good.randomShare == 0.0);
    CHECK(good.reason.starts_with("targeting holds:"));
    // A little better than uniform review: the evidence does not favour uniform review.
    const auto level = checkTargeting(estimates({30, 100}, {160, 500}));
    CHECK(level.uniformBetter < 0.5);
    CHECK(level.randomShare == 0.0);
    // Level: a coin toss, and next to nothing changes.
    CHECK(checkTargeting(estimates({30, 100}, {150, 500})).randomShare < 0.05);
}

TEST_CASE("checkTargeting reviews at random as the evidence against targeting grows",
          "[targeting]") {
    // Queue 0.20, audit 0.34 (the margin rule under the verbosity judge).
    const auto some = checkTargeting(estimates({4, 12}, {10, 50}));
    const auto more = checkTargeting(estimates({34, 100}, {100, 500}));
    CHECK(some.judged);
    CHECK(some.uniformBetter > 0.5);
    CHECK(some.randomShare > 0.0);
    CHECK(more.uniformBetter > some.uniformBetter);
    CHECK(more.randomShare > some.randomShare);
    // Near certain: nearly all but the share that keeps targeting measured.
    CHECK(more.uniformBetter > 0.995);
    CHECK(more.randomShare == Approx(0.9).margin(0.01));
    CHECK(checkTargeting(estimates({400, 1000}, {200, 1000})).randomShare ==
          Approx(0.9).margin(1e-6));
    CHECK(more.reason.starts_with("targeting finds the judge's errors less often than random "
                                  "review (probability 1.00: the queue overturned 100 of 500 AI "
                                  "labels (0.20), the audit and random review 34 of 100 (0.34)): "
                                  "90% of the next batch's targeted places"));
    // The share follows 2·P − 1 between the two.
    CHECK(some.randomShare == Approx(0.9 * (2.0 * some.uniformBetter - 1.0)));

    TargetingPolicy off;
    off.maxRandomShare = 0.0; // the published rule: never
    CHECK(checkTargeting(estimates({34, 100}, {100, 500}), off).randomShare == 0.0);
}
