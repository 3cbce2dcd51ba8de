// The sorted reward-margin curve and its landmarks.
//
// ── The rule, as implemented ─────────────────────────────────────────────────────────────
// Input: Δ sorted descending (rank 0 = largest margin), N points, assumed finite.
//
//  1. Smoothing. w = max(3, round(smoothingShare·N)), made odd by adding 1 when even and
//     capped at N (largest odd ≤ N). smooth() is a centered moving average whose window
//     shrinks symmetrically at the ends (rank i averages ranks i−h_i … i+h_i with
//     h_i = min(w/2, i, N−1−i)), so the end points keep their raw value and a straight
//     line stays a straight line.
//  2. Slope s(k) = smoothed(k+1) − smoothed(k), k = 0 … N−2 (≤ 0 for a sorted curve).
//  3. Flat-middle slope m = median of |s(k)| over the middle half of the ranks,
//     k ∈ [N/4, 3N/4) (the mean of the two middle values when the count is even).
//  4. Threshold τ = max(slopeFactor·m, 1e-9·range), range = Δ(0) − Δ(N−1). The floor
//     makes exact plateaus (m = 0) and rounding noise count as flat. A slope is "flat"
//     when |s(k)| ≤ τ, "steep" otherwise.
//  5. Elbow = the first rank k with a flat slope, scanning from the left (end of the steep
//     head). Knee = one past the last rank k with a flat slope, scanning from the right
//     (start of the steep tail): ranks ≥ knee are the tail.
//     Steps (piecewise-constant curves): if the curve *begins* with a flat run (s(0) flat)
//     and the first steep slope after it lies in the first quarter (k < N/4), that run is a
//     plateau of the head, not the flat middle: the elbow is the first flat slope after
//     that steep run. If the first steep slope lies at or after N/4 the curve has no head
//     and elbow = 0. Mirrored at the right end: if the curve *ends* with a flat run and the
//     last steep slope before it lies in the last quarter (k > N−2−N/4), the knee is one
//     past the last flat slope before that steep run; otherwise knee = N (no tail).
//     method = "steps" when either plateau rule was used, else "slope".
//     e.g. [5]*30 + [1]*200 + [−4]*30 → elbow 31, knee 228.
//  6. Reflection = the first rank r ≥ knee with raw Δ(r) ≤ −h, only when Δ(elbow) > 0;
//     otherwise (or when no rank qualifies) there is none. h = Δ(elbow) (the paper's rule),
//     capped by the flip probability p when 0 < p < 0.5: h = min(Δ(elbow), ln((1−p)/p)),
//     i.e. a pair is also past the reflection point once the reward model's Bradley–Terry
//     probability for its label, σ(Δ), is at most p (default 0.2: Δ ≤ −1.39). Why: when the
//     RM separates well, Δ(elbow) is large (≈ 3.5 on the factory benchmark) and the paper's
//     point falls on the last ~0.5% of ranks although nearly every pair below Δ ≈ −1 is
//     mislabelled; the experts then spend their budget on pairs the RM already knows are
//     wrong, instead of the uncertain ones that teach it most.
//  7. elbowMargin = Δ(elbow), kneeMargin = Δ(knee); a landmark equal to N (past the end)
//     reports Δ(N−1).
//  Guarantee: elbow ≤ knee ≤ N.
//
// Fallbacks, each with its own method string:
//  - N = 0: everything 0, no reflection — "empty".
//  - N < 20 (too few points to differentiate): elbow = 0, knee = first rank with Δ < 0
//    (N if none), reflection by rule 6 with elbow 0 — "tiny".
//  - range ≤ 1e-12, or m = 0 and every |s| = 0: elbow 0, knee N, no reflection — "flat".
//  - all Δ > 0: no special case needed — elbow and knee come from the rule above, and rule
//    6 finds no reflection (no Δ ≤ −Δ(elbow) < 0), so method stays "slope"/"steps".
//  - The slope rule fails (no flat slope at all — e.g. slopeFactor < 1 on an evenly sloped
//    curve — or elbow ≥ knee): Kneedle (Satopää et al. 2011) on the smoothed curve —
//    "kneedle". Elbow = the rank of the first half [0, N/2) farthest *below* the chord
//    joining its end points (a steep-then-flat head is convex, so it sags below its chord);
//    knee = the rank of the second half [N/2, N) farthest *above* its chord (a flat-then-
//    steep tail is concave). If no point is more than 1e-9·range away from the chord, that
//    half has no corner: elbow = 0 / knee = N. Both halves are disjoint, so elbow < knee.
//  A perfectly straight line (all slopes equal) is all "flat" by rule 4 (|s| = m ≤ 2m):
//  elbow 0, knee N, method "slope" — no head, no tail, no human zone.
// ─────────────────────────────────────────────────────────────────────────────────────────

#include "curation/Curve.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace rlthf::curation {

namespace {

constexpr std::size_t kTinyN = 20;
constexpr double kFlatRange = 1e-12;
constexpr double kRelativeFloor = 1e-9;

double marginAt(std::span<const double> d, std::size_t rank) {
    if (d.empty())
        return 0.0;
    return d[std::min(rank, d.size() - 1)];
}

// First rank r ≥ from with d[r] ≤ −h (rule 6), when d[elbow] > 0.
std::optional<std::size_t> reflectionFrom(std::span<const double> d, std::size_t elbow,
                                          std::size_t from, double flipProbability) {
    if (elbow >= d.size())
        return std::nullopt;
    double head = d[elbow];
    if (!(head > 0.0))
        return std::nullopt;
    if (flipProbability > 0.0 && flipProbability < 0.5)
        head = std::min(head, std::log((1.0 - flipProbability) / flipProbability));
    for (std::size_t r = from; r < d.size(); ++r)
        if (d[r] <= -head)
            return r;
    return std::nullopt;
}

double median(std::vector<double> values) {
    if (values.empty())
        return 0.0;
    const std::size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid),
                     values.end());
    const double upper = values[mid];
    if (values.size() % 2 == 1)
        return upper;
    const double lower =
        *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
    return 0.5 * (lower + upper);
}

void finish(CurveLandmarks& lm, std::span<const double> d, const CurveConfig& config) {
    lm.elbowMargin = marginAt(d, lm.elbow);
    lm.kneeMargin = marginAt(d, lm.knee);
    lm.reflection = reflectionFrom(d, lm.elbow, lm.knee, config.flipBelowProbability);
}

// Kneedle on the smoothed curve; see rule "kneedle" above.
void kneedle(CurveLandmarks& lm, const std::vector<double>& sm, double range) {
    const std::size_t n = sm.size();
    const std::size_t half = n / 2;
    const double eps = kRelativeFloor * range;

    // Signed vertical distance of sm[k] to the chord over [a, b]; sign = +1 above, −1 below.
    auto farthest = [&](std::size_t a, std::size_t b, double sign) -> std::optional<std::size_t> {
        if (b <= a + 1)
            return std::nullopt;
        const double ya = sm[a];
        const double slope = (sm[b] - ya) / static_cast<double>(b - a);
        double best = eps;
        std::optional<std::size_t> at;
        for (std::size_t k = a; k <= b; ++k) {
            const double chord = ya + slope * static_cast<double>(k - a);
            const double dist = sign * (sm[k] - chord);
            if (dist > best) {
                best = dist;
                at = k;
            }
        }
        return at;
    };

    lm.elbow = farthest(0, half - 1, -1.0).value_or(0);
    lm.knee = farthest(half, n - 1, +1.0).value_or(n);
    lm.method = "kneedle";
}

} // namespace

std::vector<double> sortedDescending(std::span<const double> margins) {
    std::vector<double> out(margins.begin(), margins.end());
    // NaN ranks after every number (a strict weak order, so std::sort stays well-defined).
    std::sort(out.begin(), out.end(), [](double a, double b) {
        if (std::isnan(a))
            return false;
        if (std::isnan(b))
            return true;
        return a > b;
    });
    return out;
}

std::vector<double> smooth(std::span<const double> curve, std::size_t window) {
    const std::size_t n = curve.size();
    std::vector<double> out(curve.begin(), curve.end());
    if (n == 0 || window <= 1)
        return out;
    const std::size_t h = window / 2; // an even window acts as window + 1

    // Compensated (Neumaier) prefix sums of curve − curve[0]: plateaus stay exact and the
    // rounding error of a window sum stays at the size of the window sum, not of the prefix.
    const double ref = curve[0];
    std::vector<double> hi(n + 1, 0.0), lo(n + 1, 0.0);
    double sum = 0.0, comp = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double v = curve[i] - ref;
        const double t = sum + v;
        if (std::abs(sum) >= std::abs(v))
            comp += (sum - t) + v;
        else
            comp += (v - t) + sum;
        sum = t;
        hi[i + 1] = sum;
        lo[i + 1] = comp;
    }
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t hw = std::min({h, i, n - 1 - i});
        const std::size_t a = i - hw, b = i + hw + 1; // [a, b)
        const double windowSum = (hi[b] - hi[a]) + (lo[b] - lo[a]);
        out[i] = ref + windowSum / static_cast<double>(b - a);
    }
    return out;
}

CurveLandmarks findLandmarks(std::span<const double> d, const CurveConfig& config) {
    CurveLandmarks lm;
    const std::size_t n = d.size();
    lm.size = n;

    if (n == 0) {
        lm.method = "empty";
        return lm;
    }

    if (n < kTinyN) {
        lm.method = "tiny";
        lm.elbow = 0;
        lm.knee = n;
        for (std::size_t r = 0; r < n; ++r)
            if (d[r] < 0.0) {
                lm.knee = r;
                break;
            }
        finish(lm, d, config);
        return lm;
    }

    const double range = d.front() - d.back();
    auto setFlat = [&] {
        lm.method = "flat";
        lm.elbow = 0;
        lm.knee = n;
        lm.elbowMargin = d.front();
        lm.kneeMargin = d.back();
        lm.reflection.reset();
    };
    if (!(range > kFlatRange)) {
        setFlat();
        return lm;
    }

    // 1. Smoothing window.
    const double share = std::isfinite(config.smoothingShare) ? config.smoothingShare : 0.0;
    std::size_t w = static_cast<std::size_t>(
        std::max(3.0, std::round(std::max(0.0, share) * static_cast<double>(n))));
    if (w % 2 == 0)
        ++w;
    if (w > n)
        w = (n % 2 == 1) ? n : n - 1;
    const std::vector<double> sm = smooth(d, w);

    // 2. |slopes|.
    const std::size_t slopes = n - 1;
    std::vector<double> a(slopes);
    for (std::size_t k = 0; k < slopes; ++k)
        a[k] = std::abs(sm[k + 1] - sm[k]);

    // 3. Flat-middle slope.
    const std::size_t midLo = n / 4;
    const std::size_t midHi = std::min(3 * n / 4, slopes);
    const double m =
        median(std::vector<double>(a.begin() + static_cast<std::ptrdiff_t>(midLo),
                                   a.begin() + static_cast<std::ptrdiff_t>(midHi)));
    if (m == 0.0 && std::all_of(a.begin(), a.end(), [](double v) { return v == 0.0; })) {
        setFlat();
        return lm;
    }

    // 4. Threshold.
    const double factor = std::isfinite(config.slopeFactor) ? config.slopeFactor : 2.0;
    const double tau = std::max(factor * m, kRelativeFloor * range);
    auto flat = [&](std::size_t k) { return a[k] <= tau; };

    // 5. Elbow, from the left.
    bool ok = true;
    bool steps = false;
    std::size_t k = 0;
    if (flat(0)) {
        while (k < slopes && flat(k))
            ++k; // k = first steep slope after the leading plateau (or slopes)
        if (k < slopes && k < n / 4) {
            steps = true;
            while (k < slopes && !flat(k))
                ++k;
            ok = k < slopes;
            lm.elbow = k;
        } else {
            lm.elbow = 0;
        }
    } else {
        while (k < slopes && !flat(k))
            ++k;
        ok = k < slopes;
        lm.elbow = k;
    }

    // 5. Knee, from the right (j counts slopes from the right: slope index = j − 1).
    if (ok) {
        std::size_t j = slopes;
        const std::size_t lastQuarter = n - 2 - n / 4; // steep slopes beyond it are "tail"
        if (flat(slopes - 1)) {
            while (j > 0 && flat(j - 1))
                --j; // j − 1 = last steep slope before the trailing plateau
            if (j > 0 && j - 1 > lastQuarter) {
                steps = true;
                while (j > 0 && !flat(j - 1))
                    --j;
                ok = j > 0;
                lm.knee = j; // one past the last flat slope before that steep run
            } else {
                lm.knee = n;
            }
        } else {
            while (j > 0 && !flat(j - 1))
                --j;
            ok = j > 0;
            lm.knee = j;
        }
    }

    if (!ok || lm.elbow >= lm.knee) {
        kneedle(lm, sm, range);
    } else {
        lm.method = steps ? "steps" : "slope";
    }
    finish(lm, d, config);
    return lm;
}

} // namespace rlthf::curation
