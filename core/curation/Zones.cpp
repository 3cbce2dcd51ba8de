// Zones of the curve, the expert batch, the audit estimates and the flip decision.
//
// Batch selection, as implemented (selectBatch):
//  - Only unreviewed pairs are ever selected; no pair appears twice. size 0 → empty batch.
//    If ranked and zones differ in length, only the common prefix is used.
//  - The zone layout is read from `zones` (contiguous, as zonesByRank makes it):
//    knee = first rank whose zone is Human or Flip, reflection = first Flip rank at or
//    after the knee (N if none).
//  - Shares: audit = round(size·auditShare), flipCheck = round(size·flipCheckShare) but at
//    least 1 while an unreviewed pair is in the Flip zone and 0 when none is (shares clamped
//    to [0, 1]; the two together never exceed size). The zone part gets the rest. The one
//    flip check lets a small project reach the flip gate: with 5% of a 6-pair batch rounding
//    to none, its flips were withheld for ever. Flip checks answered in earlier iterations
//    keep counting (the estimate reads each reviewed pair's queue reason).
//  - Draw order: (1) audit — a seeded uniform draw without replacement among ALL unreviewed
//    pairs; (2) flip check — a seeded uniform draw among the unreviewed Flip-zone pairs not
//    already drawn; (3) zone — unreviewed Human-zone pairs not already drawn, lowest margin
//    first (just above the reflection point: likeliest wrong among the pairs the flip rule
//    leaves to people). Measured on the factory benchmark with the capped reflection point
//    (Curve.cpp rule 6): lowest-first 0.972 test accuracy at 0.78 queue precision; both ends
//    in turn 0.968 at 0.62; (4) top-up — when the zone runs short,
//    unreviewed ranks next to the Human zone, alternating: knee−1, reflection, knee−2,
//    reflection+1, …; when one side runs out, the other continues. Before (3), a share
//    randomShare of the slots left after (1) and (2) goes to random review, a seeded
//    uniform draw among the unreviewed pairs not already drawn (none by default: the
//    engine sets it when the verdicts show targeting doing worse than chance).
//    The random draws come first so that they are uniform over their populations: if the
//    zone part went first, the audit would never see the likeliest-wrong pairs and would
//    underestimate the judge's error rate (and overstate the targeting lift). A Human-zone
//    pair taken by the audit is still reviewed, just under reason Audit; the zone part then
//    reaches one rank further.
//  - Shortfalls: slots a part cannot fill (e.g. too few Flip-zone pairs) go to the zone /
//    top-up part, which can reach every unreviewed pair, so the batch has
//    min(size, unreviewed) pairs.
//  - Priorities: the zone/top-up items keep their order; the r random items (audit, flip
//    check and random review merged evenly by their fractional position) are spread over the n
//    slots, item j at slot floor((2j+1)·n / (2r)), i.e. one in the middle of each of r equal
//    stretches (about every 7th item with the default 10% + 5%). The result is sorted by priority.
//  - Randomness: std::mt19937_64 seeded with config.seed and an own rejection-sampled
//    uniform index (not std::uniform_int_distribution), so batches are identical across
//    standard libraries.

#include "curation/Zones.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include <fmt/format.h>

namespace rlthf::curation {

// Kept = first floor((1−β)·knee) ranks (a 1e-9 slack absorbs rounding such as 0.7·100),
// BackedOff = rest of [0, knee), Human = [knee, reflection), Flip = [reflection, N).
// β is clamped to [0, 1] (NaN counts as 0); knee and reflection are clamped to the curve.
std::vector<Zone> zonesByRank(const CurveLandmarks& landmarks, double beta) {
    const std::size_t n = landmarks.size;
    if (!(beta >= 0.0))
        beta = 0.0;
    beta = std::min(beta, 1.0);
    const std::size_t knee = std::min(landmarks.knee, n);
    const std::size_t reflection =
        std::clamp(landmarks.reflection.value_or(n), knee, n);
    const auto kept = std::min(
        knee, static_cast<std::size_t>(std::floor((1.0 - beta) * static_cast<double>(knee) + 1e-9)));

    std::vector<Zone> zones(n, Zone::Human);
    for (std::size_t r = 0; r < n; ++r) {
        if (r < kept)
            zones[r] = Zone::Kept;
        else if (r < knee)
            zones[r] = Zone::BackedOff;
        else if (r < reflection)
            zones[r] = Zone::Human;
        else
            zones[r] = Zone::Flip;
    }
    return zones;
}

namespace {

// Uniform index in [0, n), n > 0, by rejection: identical on every standard library.
std::size_t uniformIndex(std::mt19937_64& rng, std::size_t n) {
    const std::uint64_t bound = static_cast<std::uint64_t>(n);
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() -
                                (std::numeric_limits<std::uint64_t>::max() % bound);
    std::uint64_t x = rng();
    while (x >= limit)
        x = rng();
    return static_cast<std::size_t>(x % bound);
}

// Draws up to count elements of pool without replacement (partial Fisher–Yates).
std::vector<std::size_t> draw(std::vector<std::size_t> pool, std::size_t count,
                              std::mt19937_64& rng) {
    count = std::min(count, pool.size());
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t j = i + uniformIndex(rng, pool.size() - i);
        std::swap(pool[i], pool[j]);
    }
    pool.resize(count);
    return pool;
}

std::size_t shareOf(std::size_t size, double share) {
    if (!(share > 0.0))
        return 0;
    share = std::min(share, 1.0);
    return static_cast<std::size_t>(std::llround(static_cast<double>(size) * share));
}

} // namespace

std::vector<BatchItem> selectBatch(const std::vector<RankedPair>& ranked,
                                   const std::vector<Zone>& zones, const BatchConfig& config) {
    const std::size_t n = std::min(ranked.size(), zones.size());
    if (config.size == 0 || n == 0)
        return {};

    std::vector<bool> taken(n, false);
    auto available = [&](std::size_t r) { return !ranked[r].reviewed && !taken[r]; };

    std::size_t knee = n;
    for (std::size_t r = 0; r < n; ++r)
        if (zones[r] == Zone::Human || zones[r] == Zone::Flip) {
            knee = r;
            break;
        }
    std::size_t reflection = n;
    for (std::size_t r = knee; r < n; ++r)
        if (zones[r] == Zone::Flip) {
            reflection = r;
            break;
        }

    std::vector<std::size_t> unreviewed, flipPool;
    for (std::size_t r = 0; r < n; ++r) {
        if (ranked[r].reviewed)
            continue;
        unreviewed.push_back(r);
        if (zones[r] == Zone::Flip)
            flipPool.push_back(r);
    }
    const std::size_t target = std::min(config.size, unreviewed.size());

    const std::size_t auditN = std::min(shareOf(config.size, config.auditShare), config.size);
    const std::size_t flipN =
        flipPool.empty() || !(config.flipCheckShare > 0.0)
            ? 0
            : std::min(std::max<std::size_t>(shareOf(config.size, config.flipCheckShare), 1),
                       config.size - auditN);

    std::mt19937_64 rng(config.seed);

    // (1) Audit over all unreviewed pairs.
    const std::vector<std::size_t> audit = draw(unreviewed, std::min(auditN, target), rng);
    for (std::size_t r : audit)
        taken[r] = true;

    // (2) Flip check over the unreviewed Flip zone.
    std::vector<std::size_t> flipRest;
    for (std::size_t r : flipPool)
        if (!taken[r])
            flipRest.push_back(r);
    const std::vector<std::size_t> flipCheck =
        draw(std::move(flipRest), std::min(flipN, target - audit.size()), rng);
    for (std::size_t r : flipCheck)
        taken[r] = true;

    // (3) Random review, uniform over the unreviewed pairs not yet drawn: the share of the
    // targeted slots given up while the verdicts show targeting doing worse than chance.
    const std::size_t targetedSlots = target - audit.size() - flipCheck.size();
    std::vector<std::size_t> rest;
    if (shareOf(targetedSlots, config.randomShare) > 0)
        for (std::size_t r : unreviewed)
            if (!taken[r])
                rest.push_back(r);
    const std::vector<std::size_t> randomReview =
        draw(std::move(rest), shareOf(targetedSlots, config.randomShare), rng);
    for (std::size_t r : randomReview)
        taken[r] = true;

    // (4) Zone, lowest margin first; (5) top-up. Together they take every slot left.
    const std::size_t zoneN = targetedSlots - randomReview.size();
    std::vector<std::pair<std::size_t, QueueReason>> ordered; // rank, reason
    for (std::size_t rank = reflection; rank > knee && ordered.size() < zoneN; --rank)
        if (zones[rank - 1] == Zone::Human && available(rank - 1)) {
            taken[rank - 1] = true;
            ordered.emplace_back(rank - 1, QueueReason::Zone);
        }
    std::size_t left = knee;        // next left candidate is left − 1
    std::size_t right = reflection; // next right candidate
    bool fromLeft = true;
    while (ordered.size() < zoneN && (left > 0 || right < n)) {
        bool pickedLeft = fromLeft ? left > 0 : right >= n;
        if (pickedLeft) {
            while (left > 0 && !available(left - 1))
                --left;
            if (left > 0) {
                --left;
                taken[left] = true;
                ordered.emplace_back(left, QueueReason::TopUp);
            }
        } else {
            while (right < n && !available(right))
                ++right;
            if (right < n) {
                taken[right] = true;
                ordered.emplace_back(right, QueueReason::TopUp);
                ++right;
            }
        }
        fromLeft = !fromLeft;
    }

    // Random items, audit, flip check and random review merged evenly by fractional
    // position (ties in that order).
    std::vector<std::pair<std::size_t, QueueReason>> randomItems;
    {
        const std::pair<const std::vector<std::size_t>*, QueueReason> streams[] = {
            {&audit, QueueReason::Audit},
            {&flipCheck, QueueReason::FlipCheck},
            {&randomReview, QueueReason::Random}};
        std::size_t next[std::size(streams)] = {};
        for (;;) {
            std::size_t best = std::size(streams);
            double bestPosition = 2.0;
            for (std::size_t s = 0; s < std::size(streams); ++s) {
                const auto& items = *streams[s].first;
                if (next[s] >= items.size())
                    continue;
                const double position =
                    (static_cast<double>(next[s]) + 0.5) / static_cast<double>(items.size());
                if (position < bestPosition) {
                    best = s;
                    bestPosition = position;
                }
            }
            if (best == std::size(streams))
                break;
            randomItems.emplace_back((*streams[best].first)[next[best]++], streams[best].second);
        }
    }

    const std::size_t total = ordered.size() + randomItems.size();
    const std::size_t rCount = randomItems.size();
    std::vector<BatchItem> batch;
    batch.reserve(total);
    std::size_t nextRandom = 0, nextOrdered = 0;
    for (std::size_t slot = 0; slot < total; ++slot) {
        const bool randomSlot =
            nextRandom < rCount && slot == (2 * nextRandom + 1) * total / (2 * rCount);
        const auto& [rank, reason] =
            randomSlot ? randomItems[nextRandom++] : ordered[nextOrdered++];
        batch.push_back(BatchItem{ranked[rank].pairId, static_cast<int>(slot), reason});
    }
    return batch;
}

double Proportion::estimate() const {
    if (trials <= 0)
        return 0.0;
    return std::clamp(static_cast<double>(hits) / static_cast<double>(trials), 0.0, 1.0);
}

namespace {
// Wilson score interval: (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n).
std::pair<double, double> wilson(const Proportion& p, double z) {
    if (p.trials <= 0)
        return {0.0, 1.0};
    const double n = static_cast<double>(p.trials);
    const double phat = p.estimate();
    const double z2 = z * z;
    const double denom = 1.0 + z2 / n;
    const double center = (phat + z2 / (2.0 * n)) / denom;
    const double half = z * std::sqrt(phat * (1.0 - phat) / n + z2 / (4.0 * n * n)) / denom;
    return {std::clamp(center - half, 0.0, 1.0), std::clamp(center + half, 0.0, 1.0)};
}
} // namespace

double Proportion::low(double z) const { return wilson(*this, z).first; }
double Proportion::high(double z) const { return wilson(*this, z).second; }

std::optional<double> Estimates::targetingLift() const {
    if (queuePrecision.trials <= 0 || judgeError.trials <= 0)
        return std::nullopt;
    const double err = judgeError.estimate();
    if (!(err > 0.0))
        return std::nullopt;
    return queuePrecision.estimate() / err;
}

Estimates estimate(const std::vector<ReviewedItem>& reviewed) {
    Estimates e;
    for (const ReviewedItem& item : reviewed) {
        Proportion* p = nullptr;
        switch (item.reason) {
        case QueueReason::Audit:
        case QueueReason::Random: // as uniform as the audit
            p = &e.judgeError;
            break;
        case QueueReason::Zone:
        case QueueReason::TopUp:
            p = &e.queuePrecision;
            break;
        case QueueReason::FlipCheck:
            p = &e.flipPrecision;
            break;
        }
        if (p == nullptr)
            continue;
        ++p->trials;
        if (item.overturned)
            ++p->hits;
    }
    return e;
}

// Applies flips only with trials ≥ minChecked and (useLowerBound ? Wilson low : estimate)
// strictly above minPrecision. The reason states the measurement and the comparison.
FlipDecision decideFlips(const Proportion& flipPrecision, const FlipPolicy& policy) {
    FlipDecision d;
    const std::int64_t trials = std::max<std::int64_t>(flipPrecision.trials, 0);
    d.checked = trials;
    d.wrong = flipPrecision.hits;
    d.needed = policy.minChecked;
    d.threshold = policy.minPrecision;
    if (trials < policy.minChecked) {
        d.apply = false;
        d.why = FlipDecision::Why::TooFewChecks;
        d.reason = fmt::format("flips withheld: {} of {} needed flip checks answered", trials,
                               policy.minChecked);
        return d;
    }
    const double est = flipPrecision.estimate();
    const double lo = flipPrecision.low();
    const double hi = flipPrecision.high();
    const double judged = policy.useLowerBound ? lo : est;
    d.judged = judged;
    d.apply = judged > policy.minPrecision;
    d.why = d.apply ? FlipDecision::Why::PrecisionHigh : FlipDecision::Why::PrecisionTooLow;
    d.reason = fmt::format(
        "flips {}: {} of {} checked flip-zone labels were wrong (precision {:.2f}, 95% interval "
        "{:.2f}–{:.2f}); {} {:.2f} is {} {:.2f}",
        d.apply ? "applied" : "withheld", flipPrecision.hits, trials, est, lo, hi,
        policy.useLowerBound ? "lower bound" : "estimate", judged,
        d.apply ? "above" : "not above", policy.minPrecision);
    return d;
}

namespace {
double linear(double start, double end, int iteration, int iterations) {
    if (iterations <= 1)
        return start;
    const double t = std::clamp(static_cast<double>(iteration) / static_cast<double>(iterations - 1),
                                0.0, 1.0);
    return start + (end - start) * t;
}
} // namespace

double Schedule::alphaAt(int iteration, int iterations) const {
    return linear(alphaStart, alphaEnd, iteration, iterations);
}
double Schedule::betaAt(int iteration, int iterations) const {
    return linear(betaStart, betaEnd, iteration, iterations);
}

} // namespace rlthf::curation
