#include "loop/ErrorModel.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>

using namespace rlthf;
using loop::ErrorExample;
using loop::ErrorModel;
using loop::ErrorSignals;

namespace {

double uniform(std::mt19937_64& rng) {
    return double(rng() >> 11) * 0x1.0p-53;
}
double sigmoid(double z) {
    return 1.0 / (1.0 + std::exp(-z));
}

// Verdicts on pairs of random margins and length ratios; `wrongness` gives each its
// log-odds of an overturned AI label.
template <class F> std::vector<ErrorExample> verdicts(int n, std::uint64_t seed, F wrongness) {
    std::mt19937_64 rng(seed);
    std::vector<ErrorExample> out;
    for (int i = 0; i < n; ++i) {
        const ErrorSignals s{4.0 * uniform(rng) - 1.0, 2.0 * uniform(rng) - 1.0};
        out.push_back({s, uniform(rng) < sigmoid(wrongness(s))});
    }
    return out;
}

} // namespace

TEST_CASE("the error model waits for verdicts of both outcomes", "[loop][error-model]") {
    std::vector<ErrorExample> examples;
    for (int i = 0; i < 40; ++i)
        examples.push_back({{double(i) / 10.0, 0.0}, i < ErrorModel::kMinEachOutcome - 1});
    CHECK_FALSE(ErrorModel::fit(examples));
    examples.push_back({{-1.0, 0.0}, true});
    CHECK(ErrorModel::fit(examples));
    CHECK_FALSE(ErrorModel::fit({}));
}

TEST_CASE("without a pattern in the verdicts the error model keeps the margin's order",
          "[loop][error-model]") {
    // The judge errs as the reward model believes: P(wrong) = σ(−Δ), whatever the length.
    const auto model =
        ErrorModel::fit(verdicts(2000, 3, [](const ErrorSignals& s) { return -s.margin; }));
    REQUIRE(model);
    CHECK(std::abs(model->lengthWeight()) < 0.3);
    CHECK(std::abs(model->marginWeight()) < 0.3);
    CHECK(model->logit({-0.5, 0.8}) > model->logit({0.5, -0.8}));
    CHECK(model->logit({-0.5, -0.8}) > model->logit({0.5, 0.8}));
}

TEST_CASE("the error model learns that a judge errs when it chose the longer response",
          "[loop][error-model]") {
    // Wrong mostly where the AI-chosen response is much longer, and the reward model learned
    // that bias: those pairs have high margins.
    const auto model = ErrorModel::fit(
        verdicts(120, 5, [](const ErrorSignals& s) { return 3.0 * s.lengthRatio - 1.0; }));
    REQUIRE(model);
    CHECK(model->lengthWeight() > 0.5);
    // A confident label on a much longer choice is now more likely wrong than a doubtful
    // label on a shorter one: the margin rule would have queued the latter.
    CHECK(model->logit({2.0, 0.9}) > model->logit({0.0, -0.9}));
}

TEST_CASE("the error model's ridge keeps few verdicts from deciding much", "[loop][error-model]") {
    const auto few = verdicts(12, 7, [](const ErrorSignals& s) { return 3.0 * s.lengthRatio; });
    const auto many = verdicts(600, 7, [](const ErrorSignals& s) { return 3.0 * s.lengthRatio; });
    const auto fromFew = ErrorModel::fit(few);
    const auto fromMany = ErrorModel::fit(many);
    REQUIRE(fromFew);
    REQUIRE(fromMany);
    CHECK(fromMany->lengthWeight() > fromFew->lengthWeight());
    CHECK(fromMany->lengthWeight() > 1.0);
}
