#pragma once
// The sorted reward-margin curve and its landmarks (elbow, knee, reflection point).
// Plain C++, no LibTorch.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rlthf::curation {

struct CurveConfig {
    double smoothingShare = 0.01; // moving-average window as a share of N (at least 3 points)
    double slopeFactor = 2.0;     // "steep" means |slope| above slopeFactor × the flat middle's
    // The reflection point comes no later than the first pair whose label the reward model
    // gives a Bradley–Terry probability σ(Δ) ≤ this (Δ ≤ −1.39 for 0.2); 0: the paper's
    // rule alone (Δ ≤ −Δ(elbow)). See rule 6 in Curve.cpp.
    double flipBelowProbability = 0.2;
};

// Landmarks as ranks into the curve sorted descending (rank 0 = largest margin).
struct CurveLandmarks {
    std::size_t size = 0;
    std::size_t elbow = 0;                  // head → flat: first rank of the flat middle
    std::size_t knee = 0;                   // flat → tail: first rank of the steep tail
    std::optional<std::size_t> reflection;  // first rank ≥ knee with Δ ≤ −Δ(elbow) (capped, see
                                            // CurveConfig); none if no such rank
    double elbowMargin = 0.0;
    double kneeMargin = 0.0;
    std::string method; // which rule placed elbow and knee: "slope", "steps", "kneedle",
                        // "tiny", "flat" or "empty" (see Curve.cpp)
};

// Δ sorted descending, copied from any order (NaN, if any, last).
std::vector<double> sortedDescending(std::span<const double> margins);

// Centered moving average; the window shrinks symmetrically at the ends (the end points keep
// their value); an even window acts as the next odd one, 0 or 1 copies the input.
std::vector<double> smooth(std::span<const double> curve, std::size_t window);

// Elbow and knee from the first derivative of the smoothed curve; the rule and its
// fallbacks (tiny N, flat, all positive, steps) are documented in Curve.cpp.
CurveLandmarks findLandmarks(std::span<const double> sortedDesc, const CurveConfig& config = {});

} // namespace rlthf::curation
