#include "curation/TargetingCheck.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <vector>

namespace rlthf::curation {

namespace {

// Beta(1 + hits, 1 + misses) density at the midpoints of `steps` equal cells, normalised
// to sum to 1 (the cells' probabilities).
std::vector<double> posteriorCells(const Proportion& p, int steps) {
    const double a = 1.0 + static_cast<double>(std::max<std::int64_t>(p.hits, 0));
    const double b = 1.0 + static_cast<double>(std::max<std::int64_t>(p.trials - p.hits, 0));
    std::vector<double> cells(static_cast<std::size_t>(steps));
    double total = 0.0;
    for (int i = 0; i < steps; ++i) {
        const double x = (i + 0.5) / steps;
        cells[static_cast<std::size_t>(i)] =
            std::exp((a - 1.0) * std::log(x) + (b - 1.0) * std::log1p(-x));
        total += cells[static_cast<std::size_t>(i)];
    }
    for (double& c : cells)
        c /= total;
    return cells;
}

} // namespace

double probabilityGreater(const Proportion& x, const Proportion& y) {
    constexpr int kSteps = 2000;
    const auto fx = posteriorCells(x, kSteps);
    const auto fy = posteriorCells(y, kSteps);
    // P(X > Y) = Σ_i P(X in cell i) · (P(Y below cell i) + ½ P(Y in cell i)).
    double below = 0.0, greater = 0.0;
    for (std::size_t i = 0; i < fx.size(); ++i) {
        greater += fx[i] * (below + 0.5 * fy[i]);
        below += fy[i];
    }
    return std::clamp(greater, 0.0, 1.0);
}

TargetingCheck checkTargeting(const Estimates& estimates, const TargetingPolicy& policy) {
    TargetingCheck check;
    const Proportion& uniform = estimates.judgeError;
    const Proportion& targeted = estimates.queuePrecision;
    if (uniform.trials < policy.minUniform || targeted.trials < policy.minTargeted) {
        check.reason =
            fmt::format("targeting not yet judged: {} of {} uniform and {} of {} targeted verdicts",
                        uniform.trials, policy.minUniform, targeted.trials, policy.minTargeted);
        return check;
    }
    check.judged = true;
    check.uniformBetter = probabilityGreater(uniform, targeted);
    check.randomShare = std::clamp(policy.maxRandomShare * (2.0 * check.uniformBetter - 1.0), 0.0,
                                   std::clamp(policy.maxRandomShare, 0.0, 1.0));
    const auto figures = fmt::format(
        "the queue overturned {} of {} AI labels ({:.2f}), the audit and random review {} of "
        "{} ({:.2f})",
        targeted.hits, targeted.trials, targeted.estimate(), uniform.hits, uniform.trials,
        uniform.estimate());
    if (check.randomShare > 0.0)
        check.reason = fmt::format(
            "targeting finds the judge's errors less often than random review (probability "
            "{:.2f}: {}): {:.0f}% of the next batch's targeted places are reviewed at random",
            check.uniformBetter, figures, 100.0 * check.randomShare);
    else
        check.reason = fmt::format("targeting holds: {}", figures);
    return check;
}

} // namespace rlthf::curation
