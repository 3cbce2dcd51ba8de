// Zones, expert batch selection, estimates, flip decision and the α/β schedule.

#include "curation/Zones.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <vector>

using namespace rlthf::curation;

namespace {

CurveLandmarks landmarks(std::size_t n, std::size_t knee, std::optional<std::size_t> reflection) {
    CurveLandmarks lm;
    lm.size = n;
    lm.elbow = 0;
    lm.knee = knee;
    lm.reflection = reflection;
    lm.method = "test";
    return lm;
}

// pairId = 1000 + rank, margins descending.
std::vector<RankedPair> rankedPairs(std::size_t n) {
    std::vector<RankedPair> out(n);
    for (std::size_t r = 0; r < n; ++r)
        out[r] = RankedPair{static_cast<std::int64_t>(1000 + r), 5.0 - 0.01 * static_cast<double>(r),
                            false};
    return out;
}

std::size_t rankOf(const BatchItem& item) { return static_cast<std::size_t>(item.pairId - 1000); }

std::vector<std::size_t> ranksWith(const std::vector<BatchItem>& batch, QueueReason reason) {
    std::vector<std::size_t> out;
    for (const auto& item : batch)
        if (item.reason == reason)
            out.push_back(rankOf(item));
    return out;
}

std::size_t count(const std::vector<BatchItem>& batch, QueueReason reason) {
    return ranksWith(batch, reason).size();
}

bool noDuplicates(const std::vector<BatchItem>& batch) {
    std::set<std::int64_t> ids;
    for (const auto& item : batch)
        ids.insert(item.pairId);
    return ids.size() == batch.size();
}

bool prioritiesInOrder(const std::vector<BatchItem>& batch) {
    for (std::size_t i = 0; i < batch.size(); ++i)
        if (batch[i].priority != static_cast<int>(i))
            return false;
    return true;
}

BatchConfig config(std::size_t size, double audit, double flip, std::uint64_t seed = 1) {
    BatchConfig c;
    c.size = size;
    c.auditShare = audit;
    c.flipCheckShare = flip;
    c.seed = seed;
    return c;
}

} // namespace

TEST_CASE("zonesByRank splits the curve at (1−β)·knee, knee and reflection", "[zones]") {
    auto counts = [](const std::vector<Zone>& zones) {
        std::map<Zone, std::size_t> c;
        for (Zone z : zones)
            ++c[z];
        return c;
    };
    const auto lm = landmarks(20, 10, 16);

    const auto z03 = zonesByRank(lm, 0.3);
    REQUIRE(z03.size() == 20);
    const std::vector<Zone> expected{
        Zone::Kept,      Zone::Kept,      Zone::Kept,  Zone::Kept,  Zone::Kept,
        Zone::Kept,      Zone::Kept,      Zone::BackedOff, Zone::BackedOff, Zone::BackedOff,
        Zone::Human,     Zone::Human,     Zone::Human, Zone::Human, Zone::Human,
        Zone::Human,     Zone::Flip,      Zone::Flip,  Zone::Flip,  Zone::Flip};
    CHECK(z03 == expected);

    auto c0 = counts(zonesByRank(lm, 0.0));
    CHECK(c0[Zone::Kept] == 10);
    CHECK(c0[Zone::BackedOff] == 0);
    auto c1 = counts(zonesByRank(lm, 1.0));
    CHECK(c1[Zone::Kept] == 0);
    CHECK(c1[Zone::BackedOff] == 10);
    CHECK(counts(zonesByRank(lm, -0.5))[Zone::Kept] == 10); // clamped to 0
    CHECK(counts(zonesByRank(lm, 7.0))[Zone::Kept] == 0);   // clamped to 1
    CHECK(counts(zonesByRank(lm, 0.25))[Zone::Kept] == 7);  // floor(7.5)

    // 100 ranks left of the knee, β = 0.3: exactly 70 kept despite 0.7·100 rounding.
    CHECK(counts(zonesByRank(landmarks(200, 100, 150), 0.3))[Zone::Kept] == 70);

    // No reflection: the human zone runs to the end.
    auto noFlip = counts(zonesByRank(landmarks(20, 10, std::nullopt), 0.0));
    CHECK(noFlip[Zone::Human] == 10);
    CHECK(noFlip[Zone::Flip] == 0);

    CHECK(zonesByRank(landmarks(0, 0, std::nullopt), 0.2).empty());
}

TEST_CASE("selectBatch: composition, zone order and shares", "[zones]") {
    const auto ranked = rankedPairs(200);
    const auto zones = zonesByRank(landmarks(200, 150, 180), 0.2);
    const auto batch = selectBatch(ranked, zones, config(20, 0.10, 0.10, 3));

    REQUIRE(batch.size() == 20);
    CHECK(noDuplicates(batch));
    CHECK(prioritiesInOrder(batch));
    CHECK(count(batch, QueueReason::Audit) == 2);
    CHECK(count(batch, QueueReason::FlipCheck) == 2);
    CHECK(count(batch, QueueReason::Zone) == 16);
    CHECK(count(batch, QueueReason::TopUp) == 0);

    for (std::size_t r : ranksWith(batch, QueueReason::FlipCheck))
        CHECK(zones[r] == Zone::Flip);

    // Zone part: Human ranks lowest margin first (just above the reflection point),
    // skipping only ranks the audit already drew.
    const auto audited = ranksWith(batch, QueueReason::Audit);
    std::vector<std::size_t> expectedZone;
    for (std::size_t r = 180; r > 150 && expectedZone.size() < 16; --r)
        if (std::find(audited.begin(), audited.end(), r - 1) == audited.end())
            expectedZone.push_back(r - 1);
    CHECK(ranksWith(batch, QueueReason::Zone) == expectedZone);
}

TEST_CASE("selectBatch: top-up alternates left of the knee and the flip side", "[zones]") {
    const auto ranked = rankedPairs(200);
    const auto zones = zonesByRank(landmarks(200, 100, 104), 0.0);
    const auto batch = selectBatch(ranked, zones, config(10, 0.0, 0.0));
    REQUIRE(batch.size() == 10);
    std::vector<std::size_t> ranks;
    for (const auto& item : batch)
        ranks.push_back(rankOf(item));
    CHECK(ranks == std::vector<std::size_t>{103, 102, 101, 100, 99, 104, 98, 105, 97, 106});
    CHECK(ranksWith(batch, QueueReason::Zone) == std::vector<std::size_t>{103, 102, 101, 100});
    CHECK(count(batch, QueueReason::TopUp) == 6);

    SECTION("reviewed neighbours are skipped") {
        auto r2 = ranked;
        r2[99].reviewed = true;
        r2[104].reviewed = true;
        r2[101].reviewed = true;
        const auto b = selectBatch(r2, zones, config(8, 0.0, 0.0));
        std::vector<std::size_t> got;
        for (const auto& item : b)
            got.push_back(rankOf(item));
        CHECK(got == std::vector<std::size_t>{103, 102, 100, 98, 105, 97, 106, 96});
    }
    SECTION("one side runs out, the other continues") {
        const auto small = rankedPairs(10);
        const auto z = zonesByRank(landmarks(10, 2, 4), 0.0);
        const auto b = selectBatch(small, z, config(8, 0.0, 0.0));
        std::vector<std::size_t> got;
        for (const auto& item : b)
            got.push_back(rankOf(item));
        CHECK(got == std::vector<std::size_t>{3, 2, 1, 4, 0, 5, 6, 7});
    }
}

TEST_CASE("selectBatch: reviewed pairs never selected, and the batch reaches min(size, unreviewed)",
          "[zones]") {
    auto ranked = rankedPairs(300);
    for (std::size_t r = 0; r < ranked.size(); r += 3)
        ranked[r].reviewed = true;
    const auto zones = zonesByRank(landmarks(300, 200, 260), 0.1);
    const std::size_t unreviewed = 200;

    for (std::size_t size : {1u, 7u, 40u, 199u, 200u, 500u}) {
        const auto batch = selectBatch(ranked, zones, config(size, 0.1, 0.1, size));
        INFO("size " << size);
        CHECK(batch.size() == std::min<std::size_t>(size, unreviewed));
        CHECK(noDuplicates(batch));
        CHECK(prioritiesInOrder(batch));
        for (const auto& item : batch)
            CHECK_FALSE(ranked[rankOf(item)].reviewed);
    }
    CHECK(selectBatch(ranked, zones, config(0, 0.1, 0.1)).empty());
}

TEST_CASE("selectBatch: flip check is 0 without unreviewed flip pairs, short flip zone",
          "[zones]") {
    const auto ranked = rankedPairs(200);
    SECTION("no flip zone") {
        const auto zones = zonesByRank(landmarks(200, 150, std::nullopt), 0.2);
        const auto batch = selectBatch(ranked, zones, config(20, 0.1, 0.1));
        REQUIRE(batch.size() == 20);
        CHECK(count(batch, QueueReason::FlipCheck) == 0);
        CHECK(count(batch, QueueReason::Audit) == 2);
        CHECK(count(batch, QueueReason::Zone) == 18);
    }
    SECTION("flip zone fully reviewed") {
        auto r2 = ranked;
        for (std::size_t r = 190; r < 200; ++r)
            r2[r].reviewed = true;
        const auto zones = zonesByRank(landmarks(200, 150, 190), 0.2);
        const auto batch = selectBatch(r2, zones, config(20, 0.1, 0.1));
        REQUIRE(batch.size() == 20);
        CHECK(count(batch, QueueReason::FlipCheck) == 0);
        CHECK(count(batch, QueueReason::Zone) == 18);
    }
    SECTION("one unreviewed flip pair: one check, the slot goes to the zone") {
        const auto zones = zonesByRank(landmarks(200, 150, 199), 0.2);
        const auto batch = selectBatch(ranked, zones, config(20, 0.1, 0.1));
        REQUIRE(batch.size() == 20);
        CHECK(ranksWith(batch, QueueReason::FlipCheck) == std::vector<std::size_t>{199});
        CHECK(count(batch, QueueReason::Audit) == 2);
        CHECK(count(batch, QueueReason::Zone) == 17);
    }
    SECTION("a batch too small for the share still draws one flip check") {
        const auto zones = zonesByRank(landmarks(200, 150, 190), 0.2);
        const auto batch = selectBatch(ranked, zones, config(6, 0.1, 0.05));
        REQUIRE(batch.size() == 6);
        CHECK(count(batch, QueueReason::FlipCheck) == 1);
        CHECK(count(batch, QueueReason::Audit) == 1);
        CHECK(count(batch, QueueReason::Zone) == 4);
        CHECK(count(selectBatch(ranked, zones, config(6, 0.1, 0.0)), QueueReason::FlipCheck) == 0);
    }
    SECTION("zone too short: the top-up fills the batch") {
        const auto zones = zonesByRank(landmarks(200, 170, 175), 0.2);
        const auto batch = selectBatch(ranked, zones, config(30, 0.1, 0.1));
        REQUIRE(batch.size() == 30);
        CHECK(noDuplicates(batch));
        CHECK(count(batch, QueueReason::Audit) == 3);
        CHECK(count(batch, QueueReason::FlipCheck) == 3);
        CHECK(count(batch, QueueReason::Zone) + count(batch, QueueReason::TopUp) == 24);
        CHECK(count(batch, QueueReason::TopUp) >= 19);
    }
}

TEST_CASE("selectBatch: deterministic per seed, different across seeds", "[zones]") {
    const auto ranked = rankedPairs(1000);
    const auto zones = zonesByRank(landmarks(1000, 900, 960), 0.2);
    auto ids = [](const std::vector<BatchItem>& b) {
        std::vector<std::pair<std::int64_t, int>> out;
        for (const auto& item : b)
            out.emplace_back(item.pairId, static_cast<int>(item.reason));
        return out;
    };
    const auto a1 = selectBatch(ranked, zones, config(50, 0.2, 0.1, 11));
    const auto a2 = selectBatch(ranked, zones, config(50, 0.2, 0.1, 11));
    const auto b = selectBatch(ranked, zones, config(50, 0.2, 0.1, 12));
    CHECK(ids(a1) == ids(a2));
    CHECK(ranksWith(a1, QueueReason::Audit) != ranksWith(b, QueueReason::Audit));
    CHECK(ranksWith(a1, QueueReason::FlipCheck) != ranksWith(b, QueueReason::FlipCheck));
}

TEST_CASE("selectBatch: the audit draws uniformly from all unreviewed pairs", "[zones]") {
    // Over many seeds, each quarter of the ranks gets about a quarter of the audit draws.
    const auto ranked = rankedPairs(400);
    const auto zones = zonesByRank(landmarks(400, 300, 380), 0.2);
    std::array<int, 4> quarter{};
    int total = 0;
    for (std::uint64_t seed = 1; seed <= 400; ++seed) {
        const auto batch = selectBatch(ranked, zones, config(10, 0.5, 0.0, seed));
        for (std::size_t r : ranksWith(batch, QueueReason::Audit)) {
            ++quarter[r / 100];
            ++total;
        }
    }
    REQUIRE(total == 2000);
    for (int q : quarter)
        CHECK(std::abs(q - 500) < 90); // ~4.6 standard deviations
}

TEST_CASE("selectBatch: audit and flip checks are interleaved through the priorities",
          "[zones]") {
    const auto ranked = rankedPairs(200);
    const auto zones = zonesByRank(landmarks(200, 150, 180), 0.2);
    const auto batch = selectBatch(ranked, zones, config(20, 0.1, 0.1, 5));
    REQUIRE(batch.size() == 20);
    CHECK(prioritiesInOrder(batch));
    // 4 random items over 20 slots: one in the middle of each stretch of 5.
    std::vector<std::pair<int, QueueReason>> random;
    for (const auto& item : batch)
        if (item.reason == QueueReason::Audit || item.reason == QueueReason::FlipCheck)
            random.emplace_back(item.priority, item.reason);
    CHECK(random == std::vector<std::pair<int, QueueReason>>{{2, QueueReason::Audit},
                                                             {7, QueueReason::FlipCheck},
                                                             {12, QueueReason::Audit},
                                                             {17, QueueReason::FlipCheck}});

    // Default-share batch of 100: the first 10 items already hold random items.
    const auto big = selectBatch(rankedPairs(1000), zonesByRank(landmarks(1000, 700, 900), 0.2),
                                 config(100, 0.1, 0.1, 5));
    REQUIRE(big.size() == 100);
    int randomInFirstHalf = 0;
    for (int i = 0; i < 50; ++i)
        if (big[i].reason == QueueReason::Audit || big[i].reason == QueueReason::FlipCheck)
            ++randomInFirstHalf;
    CHECK(randomInFirstHalf == 10);
    CHECK((big[2].reason == QueueReason::Audit || big[2].reason == QueueReason::FlipCheck));
}

TEST_CASE("selectBatch: random review takes its share of the targeted places, uniformly",
          "[zones]") {
    const auto ranked = rankedPairs(400);
    const auto zones = zonesByRank(landmarks(400, 300, 380), 0.2);
    BatchConfig c = config(40, 0.1, 0.05, 7);
    const auto plain = selectBatch(ranked, zones, c);
    c.randomShare = 0.5;
    const auto half = selectBatch(ranked, zones, c);
    REQUIRE(half.size() == 40);
    CHECK(noDuplicates(half));
    CHECK(prioritiesInOrder(half));
    // 4 audit and 2 flip checks as before; of the 34 targeted places 17 go to random review.
    CHECK(count(half, QueueReason::Audit) == 4);
    CHECK(count(half, QueueReason::FlipCheck) == 2);
    CHECK(count(half, QueueReason::Random) == 17);
    CHECK(count(half, QueueReason::Zone) + count(half, QueueReason::TopUp) == 17);
    // The audit and flip checks are drawn first, so they are the same pairs as without it.
    CHECK(ranksWith(half, QueueReason::Audit) == ranksWith(plain, QueueReason::Audit));
    CHECK(ranksWith(half, QueueReason::FlipCheck) == ranksWith(plain, QueueReason::FlipCheck));
    // No share: no random review, and the same batch as a config without the field.
    CHECK(count(plain, QueueReason::Random) == 0);
    // Random review items are spread through the priorities, not left to the end.
    const auto randomRanks = ranksWith(half, QueueReason::Random);
    int inFirstHalf = 0;
    for (int i = 0; i < 20; ++i)
        inFirstHalf += half[static_cast<std::size_t>(i)].reason == QueueReason::Random ? 1 : 0;
    CHECK(inFirstHalf >= 7);

    // Over many seeds the random review is uniform over the ranks, not only the zone's.
    std::array<int, 4> quarter{};
    int total = 0;
    c.auditShare = 0.0;
    c.flipCheckShare = 0.0;
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        c.seed = seed;
        for (std::size_t r : ranksWith(selectBatch(ranked, zones, c), QueueReason::Random)) {
            ++quarter[r / 100];
            ++total;
        }
    }
    REQUIRE(total == 200 * 20);
    for (int q : quarter)
        CHECK(std::abs(q - 1000) < 130); // ~4.7 standard deviations
}

TEST_CASE("estimate counts random review with the audit", "[zones]") {
    const Estimates e = estimate({{QueueReason::Random, true},
                                  {QueueReason::Random, false},
                                  {QueueReason::Audit, false},
                                  {QueueReason::Zone, true}});
    CHECK(e.judgeError.trials == 3);
    CHECK(e.judgeError.hits == 1);
    CHECK(e.queuePrecision.trials == 1);
}

TEST_CASE("Proportion: Wilson score interval", "[zones]") {
    const Proportion p{8, 10};
    CHECK(p.estimate() == Approx(0.8));
    CHECK(p.low() == Approx(0.4902).margin(5e-4));
    CHECK(p.high() == Approx(0.9433).margin(5e-4));

    const Proportion none{0, 0};
    CHECK(none.estimate() == 0.0);
    CHECK(none.low() == 0.0);
    CHECK(none.high() == 1.0);

    const Proportion zero{0, 10};
    CHECK(zero.low() == Approx(0.0).margin(1e-12));
    CHECK(zero.high() == Approx(0.2775).margin(5e-4));
    const Proportion all{10, 10};
    CHECK(all.low() == Approx(0.7225).margin(5e-4));
    CHECK(all.high() == Approx(1.0).margin(1e-12));

    const Proportion one{1, 12};
    CHECK(one.low() == Approx(0.0149).margin(5e-4));
    CHECK(one.high() == Approx(0.3539).margin(5e-4));
    // A wider z gives a wider interval.
    CHECK(p.low(2.576) < p.low());
    CHECK(p.high(2.576) > p.high());
}

TEST_CASE("estimate routes verdicts by reason and gives the targeting lift", "[zones]") {
    std::vector<ReviewedItem> items;
    auto add = [&](QueueReason r, int overturned, int kept) {
        for (int i = 0; i < overturned; ++i)
            items.push_back({r, true});
        for (int i = 0; i < kept; ++i)
            items.push_back({r, false});
    };
    add(QueueReason::Audit, 2, 8);
    add(QueueReason::Zone, 3, 5);
    add(QueueReason::TopUp, 1, 1);
    add(QueueReason::FlipCheck, 4, 3);
    const Estimates e = estimate(items);
    CHECK(e.judgeError.hits == 2);
    CHECK(e.judgeError.trials == 10);
    CHECK(e.queuePrecision.hits == 4);
    CHECK(e.queuePrecision.trials == 10);
    CHECK(e.flipPrecision.hits == 4);
    CHECK(e.flipPrecision.trials == 7);
    REQUIRE(e.targetingLift().has_value());
    CHECK(*e.targetingLift() == Approx(2.0));

    Estimates noAudit = estimate({{QueueReason::Zone, true}});
    CHECK_FALSE(noAudit.targetingLift().has_value());
    Estimates cleanAudit = estimate({{QueueReason::Zone, true}, {QueueReason::Audit, false}});
    CHECK_FALSE(cleanAudit.targetingLift().has_value()); // judge error estimate 0
    Estimates noQueue = estimate({{QueueReason::Audit, true}});
    CHECK_FALSE(noQueue.targetingLift().has_value());
    CHECK(estimate({}).judgeError.trials == 0);
}

TEST_CASE("decideFlips: too few checks, withheld, applied", "[zones]") {
    const auto few = decideFlips(Proportion{2, 2});
    CHECK_FALSE(few.apply);
    CHECK(few.reason == "flips withheld: 2 of 5 needed flip checks answered");
    CHECK(few.why == FlipDecision::Why::TooFewChecks);
    CHECK(few.checked == 2);
    CHECK(few.needed == 5);
    CHECK(decideFlips(Proportion{1, 1}).reason ==
          "flips withheld: 1 of 5 needed flip checks answered");

    const auto bad = decideFlips(Proportion{1, 12});
    CHECK_FALSE(bad.apply);
    CHECK(bad.why == FlipDecision::Why::PrecisionTooLow);
    CHECK(bad.reason == "flips withheld: 1 of 12 checked flip-zone labels were wrong (precision "
                        "0.08, 95% interval 0.01–0.35); lower bound 0.01 is not above 0.50");

    const auto good = decideFlips(Proportion{11, 12});
    CHECK(good.apply);
    CHECK(good.why == FlipDecision::Why::PrecisionHigh);
    CHECK(good.wrong == 11);
    CHECK(good.judged == Approx(0.646).margin(0.005));
    CHECK(good.threshold == 0.5);
    CHECK(good.reason == "flips applied: 11 of 12 checked flip-zone labels were wrong (precision "
                         "0.92, 95% interval 0.65–0.99); lower bound 0.65 is above 0.50");

    // Lower bound vs point estimate: 4 of 6 (0.67, low ≈ 0.30).
    FlipPolicy pointPolicy;
    pointPolicy.useLowerBound = false;
    CHECK(decideFlips(Proportion{4, 6}, pointPolicy).apply);
    CHECK_FALSE(decideFlips(Proportion{4, 6}).apply);
    CHECK(decideFlips(Proportion{4, 6}, pointPolicy).reason.find("estimate 0.67 is above 0.50") !=
          std::string::npos);
    // "above" is strict: an estimate of exactly 0.5 is withheld.
    CHECK_FALSE(decideFlips(Proportion{5, 10}, pointPolicy).apply);
    // minChecked is honoured exactly.
    FlipPolicy three;
    three.minChecked = 3;
    three.useLowerBound = false;
    CHECK(decideFlips(Proportion{3, 3}, three).apply);
    CHECK_FALSE(decideFlips(Proportion{2, 2}, three).apply);
}

TEST_CASE("Schedule: α and β fall linearly from start to end", "[zones]") {
    const Schedule s;
    CHECK(s.alphaAt(0, 5) == Approx(4.0));
    CHECK(s.alphaAt(4, 5) == Approx(1.0));
    CHECK(s.alphaAt(2, 5) == Approx(2.5));
    CHECK(s.betaAt(0, 5) == Approx(0.30));
    CHECK(s.betaAt(4, 5) == Approx(0.05));
    CHECK(s.betaAt(2, 5) == Approx(0.175));
    CHECK(s.alphaAt(1, 3) == Approx(2.5));
    CHECK(s.alphaAt(0, 1) == Approx(4.0));
    CHECK(s.betaAt(0, 0) == Approx(0.30));
    CHECK(s.alphaAt(9, 5) == Approx(1.0)); // past the end stays at the end
}
