// Curve landmarks: smoothing, sorting, the slope rule and its fallbacks.

#include "curation/Curve.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace rlthf::curation;

namespace {

// count points from a to b, b excluded (so consecutive segments do not repeat a value).
std::vector<double> segment(double a, double b, std::size_t count) {
    std::vector<double> out(count);
    for (std::size_t i = 0; i < count; ++i)
        out[i] = a + (b - a) * static_cast<double>(i) / static_cast<double>(count);
    return out;
}

std::vector<double> concat(std::initializer_list<std::vector<double>> parts) {
    std::vector<double> out;
    for (const auto& p : parts)
        out.insert(out.end(), p.begin(), p.end());
    return out;
}

// Head: 100 points 10 → 2, flat: 800 points 2 → −1, tail: 100 points −1 → −10.
std::vector<double> threePart(double shift = 0.0) {
    auto d = concat({segment(10, 2, 100), segment(2, -1, 800), segment(-1, -10, 100)});
    for (double& v : d)
        v += shift;
    return d;
}

std::vector<double> constant(double value, std::size_t count) {
    return std::vector<double>(count, value);
}

// Rule 6 by brute force: the first rank ≥ knee with Δ ≤ −min(Δ(elbow), ln((1−p)/p)).
std::optional<std::size_t> bruteReflection(const std::vector<double>& d, std::size_t elbow,
                                           std::size_t knee,
                                           double p = CurveConfig{}.flipBelowProbability) {
    if (elbow >= d.size() || !(d[elbow] > 0))
        return std::nullopt;
    const double head = p > 0 && p < 0.5 ? std::min(d[elbow], std::log((1 - p) / p)) : d[elbow];
    for (std::size_t r = knee; r < d.size(); ++r)
        if (d[r] <= -head)
            return r;
    return std::nullopt;
}

// The reflection point exactly as published: Δ ≤ −Δ(elbow), no probability cap.
CurveConfig paperRule() {
    CurveConfig c;
    c.flipBelowProbability = 0.0;
    return c;
}

bool within(std::size_t value, double expected, double tolerance) {
    return std::abs(static_cast<double>(value) - expected) <= tolerance;
}

} // namespace

TEST_CASE("smooth: centered moving average with a symmetric window shrinking at the ends",
          "[curve]") {
    const std::vector<double> line{1, 2, 3, 4, 5};
    CHECK(smooth(line, 3) == std::vector<double>{1, 2, 3, 4, 5});

    const std::vector<double> spike{0, 0, 3, 0, 0};
    const auto s3 = smooth(spike, 3);
    REQUIRE(s3.size() == 5);
    CHECK(s3[0] == Approx(0.0));
    CHECK(s3[1] == Approx(1.0));
    CHECK(s3[2] == Approx(1.0));
    CHECK(s3[3] == Approx(1.0));
    CHECK(s3[4] == Approx(0.0));

    const std::vector<double> spike7{0, 0, 5, 0, 0, 0, 0};
    const auto s5 = smooth(spike7, 5);
    const std::vector<double> expected5{0, 5.0 / 3.0, 1, 1, 1, 0, 0};
    REQUIRE(s5.size() == expected5.size());
    for (std::size_t i = 0; i < expected5.size(); ++i)
        CHECK(s5[i] == Approx(expected5[i]).margin(1e-12));

    // An even window acts as the next odd one.
    CHECK(smooth(spike7, 4) == s5);
    // Window 0 or 1 copies; empty stays empty.
    CHECK(smooth(spike, 1) == spike);
    CHECK(smooth(spike, 0) == spike);
    CHECK(smooth(std::vector<double>{}, 5).empty());
    // Plateaus stay exact (no drift from the running sums).
    const auto plateau = smooth(constant(5.0, 50), 11);
    CHECK(std::all_of(plateau.begin(), plateau.end(), [](double v) { return v == 5.0; }));
}

TEST_CASE("sortedDescending sorts any permutation, NaN last", "[curve]") {
    const auto d = threePart();
    std::vector<double> shuffled = d;
    std::mt19937 rng(7);
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    REQUIRE(shuffled != d);
    const auto sorted = sortedDescending(shuffled);
    CHECK(sorted == d);

    const auto a = findLandmarks(sorted);
    const auto b = findLandmarks(d);
    CHECK(a.elbow == b.elbow);
    CHECK(a.knee == b.knee);
    CHECK(a.reflection == b.reflection);

    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto withNan = sortedDescending(std::vector<double>{1.0, nan, 3.0, -2.0});
    REQUIRE(withNan.size() == 4);
    CHECK(withNan[0] == 3.0);
    CHECK(withNan[1] == 1.0);
    CHECK(withNan[2] == -2.0);
    CHECK(std::isnan(withNan[3]));
}

TEST_CASE("slope rule finds elbow, knee and reflection of a head/flat/tail curve", "[curve]") {
    const auto d = threePart();
    REQUIRE(d.size() == 1000);
    const auto lm = findLandmarks(d, paperRule());
    CHECK(lm.method == "slope");
    CHECK(lm.size == 1000);
    CHECK(within(lm.elbow, 100, 30));
    CHECK(within(lm.knee, 900, 30));
    CHECK(lm.elbowMargin == d[lm.elbow]);
    CHECK(lm.kneeMargin == d[lm.knee]);
    REQUIRE(lm.reflection.has_value());
    CHECK(lm.reflection == bruteReflection(d, lm.elbow, lm.knee, 0.0));
    CHECK(d[*lm.reflection] <= -d[lm.elbow]);
    CHECK(d[*lm.reflection - 1] > -d[lm.elbow]);
    CHECK(*lm.reflection > 900); // Δ(elbow) ≈ 2 is reached inside the tail
}

TEST_CASE("slope rule on an inverse-tanh (logit) curve matches the analytic crossings",
          "[curve]") {
    // Δ(u) = −2·atanh(2u − 1), u = (k + ½)/N: |Δ'| ∝ 1/(u(1−u)). The middle-half median is at
    // u = 3/8, so τ = 2/(3/8·5/8) and the crossings solve u(1−u) = 0.1171875:
    // u = (1 − √0.53125)/2 ≈ 0.13556 and 1 − that.
    const std::size_t n = 2000;
    std::vector<double> d(n);
    for (std::size_t k = 0; k < n; ++k) {
        const double u = (static_cast<double>(k) + 0.5) / static_cast<double>(n);
        d[k] = -2.0 * std::atanh(2.0 * u - 1.0);
    }
    const double u0 = (1.0 - std::sqrt(0.53125)) / 2.0;
    const auto lm = findLandmarks(d, paperRule());
    CHECK(lm.method == "slope");
    CHECK(within(lm.elbow, u0 * n, 0.03 * n));
    CHECK(within(lm.knee, (1.0 - u0) * n, 0.03 * n));
    CHECK(lm.reflection == bruteReflection(d, lm.elbow, lm.knee, 0.0));
    REQUIRE(lm.reflection.has_value());
    // Symmetric curve: the reflection sits at the mirror image of the elbow.
    CHECK(within(*lm.reflection, static_cast<double>(n - 1 - lm.elbow), 2));
}

TEST_CASE("all-positive curve: landmarks by the rule, no reflection point", "[curve]") {
    const auto d = threePart(20.0);
    REQUIRE(d.back() > 0.0);
    const auto lm = findLandmarks(d);
    const auto unshifted = findLandmarks(threePart());
    CHECK(lm.method == "slope");
    CHECK(lm.elbow == unshifted.elbow);
    CHECK(lm.knee == unshifted.knee);
    CHECK(within(lm.elbow, 100, 30));
    CHECK(within(lm.knee, 900, 30));
    CHECK_FALSE(lm.reflection.has_value());
}

TEST_CASE("steps: elbow after the first drop, knee before the last", "[curve]") {
    const auto d = concat({constant(5, 30), constant(1, 200), constant(-4, 30)});
    const auto lm = findLandmarks(d);
    CHECK(lm.method == "steps");
    CHECK(lm.elbow >= 30);
    CHECK(lm.elbow <= 33);
    CHECK(lm.knee <= 230);
    CHECK(lm.knee >= 226);
    CHECK(lm.elbowMargin == 1.0);
    REQUIRE(lm.reflection.has_value());
    CHECK(*lm.reflection == 230); // first rank with Δ ≤ −1
}

TEST_CASE("curve without a head: elbow 0, knee at the tail", "[curve]") {
    const auto d = concat({segment(1, 0, 900), segment(0, -10, 100)});
    const auto lm = findLandmarks(d);
    CHECK(lm.method == "slope");
    CHECK(lm.elbow == 0);
    CHECK(within(lm.knee, 900, 30));
    CHECK(lm.reflection == bruteReflection(d, 0, lm.knee));
    REQUIRE(lm.reflection.has_value());
}

TEST_CASE("empty curve", "[curve]") {
    const auto lm = findLandmarks(std::vector<double>{});
    CHECK(lm.method == "empty");
    CHECK(lm.size == 0);
    CHECK(lm.elbow == 0);
    CHECK(lm.knee == 0);
    CHECK(lm.elbowMargin == 0.0);
    CHECK(lm.kneeMargin == 0.0);
    CHECK_FALSE(lm.reflection.has_value());
}

TEST_CASE("tiny curve: elbow 0, knee at the first negative margin", "[curve]") {
    const std::vector<double> d{3, 2, 1, -0.5, -2, -3.5};
    const auto lm = findLandmarks(d, paperRule());
    CHECK(lm.method == "tiny");
    CHECK(lm.elbow == 0);
    CHECK(lm.knee == 3);
    CHECK(lm.elbowMargin == 3.0);
    CHECK(lm.kneeMargin == -0.5);
    CHECK(lm.reflection == std::optional<std::size_t>(5));

    const auto positive = findLandmarks(std::vector<double>{3, 2, 1});
    CHECK(positive.method == "tiny");
    CHECK(positive.knee == 3);
    CHECK_FALSE(positive.reflection.has_value());

    const auto negative = findLandmarks(std::vector<double>{-1, -2, -3});
    CHECK(negative.knee == 0);
    CHECK_FALSE(negative.reflection.has_value()); // Δ(0) ≤ 0: no reflection

    std::vector<double> nineteen = segment(5, -5, 19);
    CHECK(findLandmarks(nineteen).method == "tiny");
    nineteen.push_back(-6);
    CHECK(findLandmarks(nineteen).method != "tiny");
}

TEST_CASE("the flip probability caps the reflection threshold at ln((1−p)/p)", "[curve]") {
    // Head Δ(elbow) ≈ 4: the paper's point is the first Δ ≤ −4; with the default p = 0.2 the
    // first Δ ≤ −ln(0.8/0.2) ≈ −1.39 comes first.
    const double p = CurveConfig{}.flipBelowProbability;
    REQUIRE(p == 0.2);
    const double cap = std::log((1.0 - p) / p);
    const auto d = concat({segment(8, 4, 100), segment(4, -1, 800), segment(-1, -5, 100)});
    const auto paper = findLandmarks(d, paperRule());
    const auto capped = findLandmarks(d);
    REQUIRE(paper.reflection.has_value());
    REQUIRE(capped.reflection.has_value());
    CHECK(paper.elbow == capped.elbow);
    CHECK(paper.knee == capped.knee);
    CHECK(d[paper.elbow] > 3.0);
    CHECK(*capped.reflection < *paper.reflection);
    CHECK(capped.reflection == bruteReflection(d, capped.elbow, capped.knee, p));
    CHECK(d[*capped.reflection] <= -cap);
    CHECK(d[*capped.reflection - 1] > -cap);
    // A lower p moves the point further down the tail.
    CurveConfig strict;
    strict.flipBelowProbability = 0.12;
    const auto stricter = findLandmarks(d, strict);
    REQUIRE(stricter.reflection.has_value());
    CHECK(*stricter.reflection > *capped.reflection);
    CHECK(*stricter.reflection < *paper.reflection);
    CHECK(d[*stricter.reflection] <= -std::log(0.88 / 0.12));

    // A weak head (Δ(elbow) below the cap) keeps the paper's point.
    std::vector<double> weak = d;
    for (double& v : weak)
        v /= 4.0;
    CHECK(findLandmarks(weak).reflection == findLandmarks(weak, paperRule()).reflection);

    // p outside (0, 0.5) leaves the paper's rule alone.
    CurveConfig half;
    half.flipBelowProbability = 0.5;
    CHECK(findLandmarks(d, half).reflection == paper.reflection);
}

TEST_CASE("flat curve: elbow 0, knee N, no reflection", "[curve]") {
    const auto lm = findLandmarks(constant(0.7, 500));
    CHECK(lm.method == "flat");
    CHECK(lm.elbow == 0);
    CHECK(lm.knee == 500);
    CHECK_FALSE(lm.reflection.has_value());

    const auto nearlyFlat = findLandmarks(concat({constant(1.0, 250), constant(1.0 - 1e-13, 250)}));
    CHECK(nearlyFlat.method == "flat");
}

TEST_CASE("Kneedle fallback when the slope rule finds no flat slope", "[curve]") {
    // slopeFactor 0.5 puts τ below every slope of the evenly sloped middle.
    const auto d = threePart();
    const auto lm = findLandmarks(d, CurveConfig{0.01, 0.5});
    CHECK(lm.method == "kneedle");
    CHECK(within(lm.elbow, 100, 30));
    CHECK(within(lm.knee, 900, 30));
    CHECK(lm.reflection == bruteReflection(d, lm.elbow, lm.knee));

    // A straight line has no corner for Kneedle either: no head, no tail.
    const auto line = segment(5, -5, 300);
    const auto kl = findLandmarks(line, CurveConfig{0.01, 0.5});
    CHECK(kl.method == "kneedle");
    CHECK(kl.elbow == 0);
    CHECK(kl.knee == 300);
}

TEST_CASE("straight line under the default rule: all flat, no head, no tail", "[curve]") {
    const auto line = segment(5, -5, 300);
    const auto lm = findLandmarks(line);
    CHECK(lm.method == "slope");
    CHECK(lm.elbow == 0);
    CHECK(lm.knee == 300);
    CHECK_FALSE(lm.reflection.has_value());
    CHECK(lm.kneeMargin == line.back());
}

TEST_CASE("elbow ≤ knee ≤ N on random sorted curves", "[curve]") {
    std::mt19937_64 rng(42);
    std::normal_distribution<double> normal(0.0, 1.0);
    for (std::size_t n : {20u, 21u, 37u, 100u, 999u, 2307u}) {
        for (int rep = 0; rep < 5; ++rep) {
            std::vector<double> raw(n);
            for (double& v : raw)
                v = normal(rng) * (1.0 + rep) + 0.3 * rep;
            const auto d = sortedDescending(raw);
            const auto lm = findLandmarks(d);
            INFO("n=" << n << " rep=" << rep << " method=" << lm.method);
            CHECK(lm.size == n);
            CHECK(lm.elbow <= lm.knee);
            CHECK(lm.knee <= n);
            CHECK(lm.reflection == bruteReflection(d, lm.elbow, lm.knee));
        }
    }
}
