#include "loop/Engine.h"

#include "common/Labels.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace rlthf::loop {

namespace {

using curation::Zone;

void add(TrainingSet& set, std::int32_t pos, std::int32_t index, char label, int copies) {
    set.pairs.push_back(pos);
    set.labels.push_back(label);
    for (int i = 0; i < copies; ++i)
        set.examples.push_back({index, label == 'a', 1.0f});
}

// Learned targeting once the verdicts support an ErrorModel: the curve's pairs are zoned by
// the log-odds that their AI label is wrong instead of by margin (the zones keep their
// sizes: the likeliest wrong are the Human zone, the next the backed-off ones), and the batch
// takes the Human zone likeliest first. While flips are applied the Flip zone stays the
// margin's; while they are not, its pairs (the lowest margins) compete for the Human zone
// too, and those left over stay the Flip zone, for the flip checks. Audit and flip checks
// are drawn as in the margin rule.
std::optional<std::vector<curation::BatchItem>>
learnedBatch(const std::vector<reward::EncodedPair>& dataset, const std::vector<EnginePair>& pairs,
             IterationOutcome& out, const std::vector<Zone>& rankZones,
             const curation::BatchConfig& batch) {
    const auto signalsOf = [&](std::size_t pos, double margin) {
        return errorSignals(dataset[static_cast<std::size_t>(pairs[pos].index)], *pairs[pos].ai,
                            margin);
    };
    // A verdict's signals are those its pair had when it was queued: the current model has
    // learned the verdict, so its margin there would tell the answer.
    std::vector<ErrorExample> examples;
    for (std::size_t pos = 0; pos < pairs.size(); ++pos) {
        const EnginePair& p = pairs[pos];
        if (p.human && p.ai && p.queuedMargin)
            examples.push_back({signalsOf(pos, *p.queuedMargin), *p.human != *p.ai});
    }
    out.errorModel = ErrorModel::fit(examples);
    if (!out.errorModel)
        return std::nullopt;
    const ErrorModel& model = *out.errorModel;

    const bool flipsApplied = out.flipDecision.apply;
    std::vector<std::pair<double, std::size_t>> candidates; // logit, rank
    std::vector<std::size_t> flipTail;                      // ranks that stay in the Flip zone
    std::size_t human = 0, backedOff = 0;
    for (std::size_t rank = 0; rank < out.curve.size(); ++rank) {
        const Zone zone = rankZones[rank];
        human += zone == Zone::Human ? 1 : 0;
        backedOff += zone == Zone::BackedOff ? 1 : 0;
        if (zone == Zone::Flip && flipsApplied) {
            flipTail.push_back(rank);
            continue;
        }
        const auto pos = static_cast<std::size_t>(out.curve[rank]);
        candidates.emplace_back(model.logit(signalsOf(pos, out.margins[pos])), rank);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& x, const auto& y) { return x.first > y.first; });
    human = std::max(human, batch.size);

    // From the likeliest wrong down; the batch's ranked list is that order reversed (least
    // likely wrong first), then the Flip zone.
    std::vector<curation::RankedPair> ranked;
    std::vector<Zone> zones;
    std::size_t humanTaken = 0, backedOffTaken = 0;
    std::vector<std::size_t> leftoverFlips;
    for (const auto& [logit, rank] : candidates) {
        Zone zone = Zone::Kept;
        if (humanTaken < human) {
            zone = Zone::Human;
            ++humanTaken;
        } else if (rankZones[rank] == Zone::Flip) {
            leftoverFlips.push_back(rank);
            continue;
        } else if (backedOffTaken < backedOff) {
            zone = Zone::BackedOff;
            ++backedOffTaken;
        }
        const auto pos = out.curve[rank];
        ranked.push_back({pos, -logit, false});
        zones.push_back(zone);
        out.zones[static_cast<std::size_t>(pos)] = zone;
    }
    std::reverse(ranked.begin(), ranked.end());
    std::reverse(zones.begin(), zones.end());
    flipTail.insert(flipTail.end(), leftoverFlips.begin(), leftoverFlips.end());
    for (auto rank : flipTail) {
        const auto pos = out.curve[rank];
        ranked.push_back({pos, out.margins[static_cast<std::size_t>(pos)], false});
        zones.push_back(Zone::Flip);
    }
    return curation::selectBatch(ranked, zones, batch);
}

} // namespace

double marginFor(const reward::PairRewards& r, char label) {
    return label == 'a' ? double(r.a) - double(r.b) : double(r.b) - double(r.a);
}

TrainingSet buildTrainingSet(const std::vector<EnginePair>& pairs, double alpha, FlipUse flips) {
    TrainingSet set;
    const int copies = std::max(1, static_cast<int>(std::lround(alpha)));
    for (std::size_t pos = 0; pos < pairs.size(); ++pos) {
        const EnginePair& p = pairs[pos];
        const auto at = static_cast<std::int32_t>(pos);
        if (p.human) {
            add(set, at, p.index, *p.human, copies);
        } else if (!p.ai) {
            continue;
        } else if (!p.zone || *p.zone == Zone::Kept) {
            add(set, at, p.index, *p.ai, 1);
        } else if (*p.zone == Zone::Flip && p.flipped && flips == FlipUse::Include) {
            add(set, at, p.index, otherSide(*p.ai), 1);
        }
    }
    return set;
}

Result<IterationOutcome> runIteration(const std::vector<reward::EncodedPair>& dataset,
                                      const std::vector<EnginePair>& pairs, int iteration,
                                      const EngineConfig& config,
                                      const EngineProgressFn& progress) {
    IterationOutcome out;
    out.alpha = config.schedule.alphaAt(iteration, config.iterations);
    out.beta = config.schedule.betaAt(iteration, config.iterations);
    const TrainingSet set = buildTrainingSet(pairs, out.alpha, FlipUse::Exclude);
    if (set.examples.empty())
        return Error{"no labelled pairs to train on: have the AI judge label them first (AI ▸ "
                     "Label with AI, or `rlthf label`), or import pairs with labels",
                     ErrorKind::NoLabelsToTrain};
    out.trainingPairs = static_cast<std::int64_t>(set.pairs.size());
    out.trainingExamples = static_cast<std::int64_t>(set.examples.size());
    for (std::size_t i = 0; i < set.pairs.size(); ++i) {
        const EnginePair& p = pairs[static_cast<std::size_t>(set.pairs[i])];
        out.humanInTraining += p.human ? 1 : 0;
    }

    reward::TrainConfig train = config.train;
    train.seed = config.seed * 1000003u + static_cast<std::uint64_t>(iteration);
    auto report = [&](const reward::TrainProgress& t) {
        return !progress || progress({IterationPhase::Training, t});
    };
    auto model = reward::RewardModel::train(dataset, set.examples, train, report);
    if (!model)
        return model.error();

    if (progress && !progress({IterationPhase::Scoring, {}}))
        return Error{"training cancelled"};
    std::vector<std::int32_t> indices(pairs.size());
    for (std::size_t pos = 0; pos < pairs.size(); ++pos)
        indices[pos] = pairs[pos].index;
    if (config.outOfFold) {
        auto oof = reward::outOfFoldRewards(dataset, set.examples, indices, config.folds, train,
                                            report);
        if (!oof)
            return oof.error();
        out.rewards = std::move(*oof);
    } else {
        out.rewards = model->score(dataset, indices);
    }
    out.model.emplace(std::move(*model));

    if (progress && !progress({IterationPhase::Curating, {}}))
        return Error{"training cancelled"};
    out.margins.assign(pairs.size(), 0.0);
    for (std::size_t pos = 0; pos < pairs.size(); ++pos) {
        if (pairs[pos].ai)
            out.margins[pos] = marginFor(out.rewards[pos], *pairs[pos].ai);
        // The curve holds what is still in question: AI-labelled pairs without a verdict.
        if (pairs[pos].ai && !pairs[pos].human)
            out.curve.push_back(static_cast<std::int32_t>(pos));
    }
    std::stable_sort(out.curve.begin(), out.curve.end(), [&](std::int32_t x, std::int32_t y) {
        return out.margins[static_cast<std::size_t>(x)] > out.margins[static_cast<std::size_t>(y)];
    });
    out.sortedMargins.reserve(out.curve.size());
    for (auto pos : out.curve)
        out.sortedMargins.push_back(out.margins[static_cast<std::size_t>(pos)]);
    out.landmarks = curation::findLandmarks(out.sortedMargins, config.curve);
    const auto rankZones = curation::zonesByRank(out.landmarks, out.beta);
    out.zones.assign(pairs.size(), std::nullopt);
    for (std::size_t rank = 0; rank < out.curve.size(); ++rank)
        out.zones[static_cast<std::size_t>(out.curve[rank])] = rankZones[rank];

    std::vector<curation::ReviewedItem> reviewed;
    for (const EnginePair& p : pairs)
        if (p.human && p.ai && p.queuedAs)
            reviewed.push_back({*p.queuedAs, *p.human != *p.ai});
    out.estimates = curation::estimate(reviewed);
    out.flipDecision = curation::decideFlips(out.estimates.flipPrecision, config.flipPolicy);
    if (out.flipDecision.apply)
        for (std::size_t rank = 0; rank < out.curve.size(); ++rank)
            if (rankZones[rank] == Zone::Flip)
                out.flips.push_back(out.curve[rank]);

    curation::BatchConfig batch;
    batch.size = static_cast<std::size_t>(std::lround(config.batchShare * double(pairs.size())));
    batch.auditShare = config.auditShare;
    batch.flipCheckShare = config.flipCheckShare;
    batch.seed = config.seed * 7919u + static_cast<std::uint64_t>(iteration);
    out.targetingCheck = curation::checkTargeting(out.estimates, config.targetingPolicy);
    batch.randomShare = out.targetingCheck.randomShare;
    if (config.targeting == Targeting::Learned)
        if (auto learned = learnedBatch(dataset, pairs, out, rankZones, batch)) {
            out.batch = std::move(*learned);
            return out;
        }
    std::vector<curation::RankedPair> ranked;
    ranked.reserve(out.curve.size());
    for (auto pos : out.curve)
        ranked.push_back({pos, out.margins[static_cast<std::size_t>(pos)], false});
    out.batch = curation::selectBatch(ranked, rankZones, batch);
    return out;
}

void applyOutcome(std::vector<EnginePair>& pairs, const IterationOutcome& outcome) {
    for (std::size_t pos = 0; pos < pairs.size(); ++pos) {
        pairs[pos].zone = outcome.zones[pos];
        pairs[pos].flipped = false;
    }
    for (auto pos : outcome.flips)
        pairs[static_cast<std::size_t>(pos)].flipped = true;
    for (const auto& item : outcome.batch) {
        auto& p = pairs[static_cast<std::size_t>(item.pairId)];
        if (!p.human) {
            p.queuedAs = item.reason;
            p.queuedMargin = outcome.margins[static_cast<std::size_t>(item.pairId)];
        }
    }
}

} // namespace rlthf::loop
