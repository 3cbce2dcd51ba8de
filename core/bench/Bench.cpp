#include "bench/Bench.h"

#include "bench/BenchOutput.h"
#include "common/Labels.h"
#include "reward/Features.h"
#include "reward/ParallelEncoder.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <numeric>
#include <random>
#include <string_view>
#include <unordered_map>

namespace rlthf::bench {

namespace {

using curation::QueueReason;
using loop::EnginePair;

struct Split {
    std::vector<std::int32_t> train; // dataset indices
    std::vector<std::int32_t> test;
};

// Everything one method needs for one outer fold.
struct FoldContext {
    const BenchConfig& config;
    const std::vector<reward::EncodedPair>& dataset;
    const std::vector<char>& gold;
    const std::vector<char>& ai;
    const Split& split;
    std::uint64_t seed;
    int repeat;
    int fold;
};

struct RunResult {
    double testAccuracy = 0.0;
    double curatedLabelAccuracy = 0.0;
    std::optional<double> queuePrecision;
    std::optional<double> flipPrecision;
    std::optional<double> auditJudgeError;
    double flips = 0.0;
    std::optional<double> droppedShare; // of the training pairs, when wrong labels are dropped
    double humanLabels = 0.0;
    std::string flipDecision;
};

std::uint64_t mix(std::uint64_t a, std::uint64_t b) { return a * 0x9E3779B97F4A7C15ull + b; }

// Seeded Fisher–Yates with our own index draw: the same order on every standard library.
template <class T>
void shuffle(std::vector<T>& v, std::mt19937_64& rng) {
    for (std::size_t i = v.size(); i > 1; --i)
        std::swap(v[i - 1], v[rng() % i]);
}

// Every method's final model starts from the same seed in a fold (common random numbers),
// so differences between methods come from their labels, not from initialisation.
Result<reward::RewardModel> trainFinal(const FoldContext& ctx,
                                       const std::vector<reward::TrainingExample>& examples) {
    reward::TrainConfig train = ctx.config.engine.train;
    train.seed = mix(ctx.seed, 1);
    return reward::RewardModel::train(ctx.dataset, examples, train);
}

double testAccuracy(const FoldContext& ctx, const reward::RewardModel& model) {
    const auto rewards = model.score(ctx.dataset, ctx.split.test);
    double correct = 0.0;
    for (std::size_t i = 0; i < rewards.size(); ++i) {
        const double d = double(rewards[i].a) - double(rewards[i].b);
        const char gold = ctx.gold[static_cast<std::size_t>(ctx.split.test[i])];
        correct += d == 0.0 ? 0.5 : ((d > 0) == (gold == 'a') ? 1.0 : 0.0);
    }
    return rewards.empty() ? 0.0 : correct / double(rewards.size());
}

// AI labels with some pairs answered by the expert (gold), each of those repeated α times.
Result<RunResult> trainWithCorrections(const FoldContext& ctx,
                                       const std::vector<std::int32_t>& reviewedPositions) {
    const auto& train = ctx.split.train;
    std::vector<bool> reviewed(train.size(), false);
    for (auto pos : reviewedPositions)
        reviewed[static_cast<std::size_t>(pos)] = true;
    const auto& schedule = ctx.config.engine.schedule;
    const int alpha = std::max(
        1, int(std::lround(schedule.alphaAt(ctx.config.iterations - 1, ctx.config.iterations))));
    std::vector<reward::TrainingExample> examples;
    RunResult r;
    double correctLabels = 0.0;
    double overturned = 0.0;
    for (std::size_t pos = 0; pos < train.size(); ++pos) {
        const auto idx = static_cast<std::size_t>(train[pos]);
        const char label = reviewed[pos] ? ctx.gold[idx] : ctx.ai[idx];
        correctLabels += label == ctx.gold[idx] ? 1.0 : 0.0;
        overturned += reviewed[pos] && ctx.ai[idx] != ctx.gold[idx] ? 1.0 : 0.0;
        for (int c = 0; c < (reviewed[pos] ? alpha : 1); ++c)
            examples.push_back({train[pos], label == 'a', 1.0f});
    }
    auto model = trainFinal(ctx, examples);
    if (!model)
        return model.error();
    r.testAccuracy = testAccuracy(ctx, *model);
    r.curatedLabelAccuracy = correctLabels / double(train.size());
    r.humanLabels = double(reviewedPositions.size());
    if (!reviewedPositions.empty())
        r.queuePrecision = overturned / double(reviewedPositions.size());
    return r;
}

std::int64_t budgetFor(const FoldContext& ctx) {
    return std::llround(ctx.config.budget * double(ctx.split.train.size()));
}

Result<RunResult> runAiOnly(const FoldContext& ctx) { return trainWithCorrections(ctx, {}); }

Result<RunResult> runFullHuman(const FoldContext& ctx) {
    std::vector<std::int32_t> all(ctx.split.train.size());
    std::iota(all.begin(), all.end(), 0);
    auto r = trainWithCorrections(ctx, all);
    if (r)
        r->queuePrecision.reset();
    return r;
}

Result<RunResult> runRandom(const FoldContext& ctx) {
    std::vector<std::int32_t> order(ctx.split.train.size());
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(mix(ctx.seed, 3));
    shuffle(order, rng);
    order.resize(static_cast<std::size_t>(std::min<std::int64_t>(budgetFor(ctx), order.size())));
    return trainWithCorrections(ctx, order);
}

// Confident-Learning style: the expert reviews the pairs whose AI label the out-of-fold
// reward models believe least.
Result<RunResult> runConfident(const FoldContext& ctx) {
    const auto& train = ctx.split.train;
    std::vector<reward::TrainingExample> examples;
    for (auto idx : train)
        examples.push_back({idx, ctx.ai[static_cast<std::size_t>(idx)] == 'a', 1.0f});
    reward::TrainConfig config = ctx.config.engine.train;
    config.seed = mix(ctx.seed, 4);
    auto rewards = reward::outOfFoldRewards(ctx.dataset, examples, train, ctx.config.folds, config);
    if (!rewards)
        return rewards.error();
    std::vector<std::int32_t> order(train.size());
    std::iota(order.begin(), order.end(), 0);
    auto margin = [&](std::int32_t pos) {
        return loop::marginFor(
            (*rewards)[static_cast<std::size_t>(pos)],
            ctx.ai[static_cast<std::size_t>(train[static_cast<std::size_t>(pos)])]);
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](std::int32_t x, std::int32_t y) { return margin(x) < margin(y); });
    order.resize(static_cast<std::size_t>(std::min<std::int64_t>(budgetFor(ctx), order.size())));
    return trainWithCorrections(ctx, order);
}

Result<RunResult> runEngine(const FoldContext& ctx, const std::string& method,
                            std::vector<IterationRow>& rows, std::optional<CurveSnapshot>& curve) {
    loop::EngineConfig engine = ctx.config.engine;
    engine.iterations = ctx.config.iterations;
    engine.seed = mix(ctx.seed, 6);
    engine.outOfFold = method == "rlthf_oof";
    const bool drop = method == "rlthf_drop";
    engine.targeting =
        method == "rlthf_learned" || drop ? loop::Targeting::Learned : loop::Targeting::Margin;
    engine.wrongLabels = drop ? loop::WrongLabels::Drop : loop::WrongLabels::Flip;
    if (method == "rlthf_paper") { // the reflection point and the queue exactly as published
        engine.curve.flipBelowProbability = 0.0;
        engine.targetingPolicy.maxRandomShare = 0.0;
    }
    engine.folds = ctx.config.folds;
    engine.batchShare = method == "rlthf_zero_human"
                            ? 0.0
                            : ctx.config.budget / double(std::max(1, ctx.config.iterations));
    const auto& train = ctx.split.train;
    std::vector<EnginePair> pairs(train.size());
    for (std::size_t pos = 0; pos < train.size(); ++pos) {
        pairs[pos].index = train[pos];
        pairs[pos].ai = ctx.ai[static_cast<std::size_t>(train[pos])];
    }
    auto goldOf = [&](std::size_t pos) { return ctx.gold[static_cast<std::size_t>(pairs[pos].index)]; };

    RunResult r;
    for (int it = 0; it < ctx.config.iterations; ++it) {
        auto outcome = loop::runIteration(ctx.dataset, pairs, it, engine);
        if (!outcome)
            return outcome.error();
        if (!curve && it == 0 && method == "rlthf") {
            CurveSnapshot snap;
            snap.margins = outcome->sortedMargins;
            snap.landmarks = outcome->landmarks;
            for (auto pos : outcome->curve)
                snap.aiCorrect.push_back(*pairs[static_cast<std::size_t>(pos)].ai ==
                                         goldOf(static_cast<std::size_t>(pos)));
            curve = std::move(snap);
        }
        loop::applyOutcome(pairs, *outcome);
        for (const auto& item : outcome->batch) // the simulated expert answers with gold
            pairs[static_cast<std::size_t>(item.pairId)].human = goldOf(static_cast<std::size_t>(item.pairId));

        IterationRow row;
        row.repeat = ctx.repeat;
        row.fold = ctx.fold;
        row.method = method;
        row.iteration = it + 1;
        row.alpha = outcome->alpha;
        row.beta = outcome->beta;
        row.trainingPairs = outcome->trainingPairs;
        row.curvePairs = static_cast<std::int64_t>(outcome->curve.size());
        row.elbow = static_cast<std::int64_t>(outcome->landmarks.elbow);
        row.knee = static_cast<std::int64_t>(outcome->landmarks.knee);
        row.reflection = outcome->landmarks.reflection
                             ? std::optional<std::int64_t>(*outcome->landmarks.reflection)
                             : std::nullopt;
        row.flips = static_cast<std::int64_t>(outcome->flips.size());
        row.flipsApplied = outcome->flipDecision.apply;
        row.batch = static_cast<std::int64_t>(outcome->batch.size());
        row.judgeErrorEstimate = outcome->estimates.judgeError.trials
                                     ? std::optional<double>(outcome->estimates.judgeError.estimate())
                                     : std::nullopt;
        row.queuePrecisionEstimate =
            outcome->estimates.queuePrecision.trials
                ? std::optional<double>(outcome->estimates.queuePrecision.estimate())
                : std::nullopt;
        row.flipPrecisionEstimate =
            outcome->estimates.flipPrecision.trials
                ? std::optional<double>(outcome->estimates.flipPrecision.estimate())
                : std::nullopt;
        row.randomReviewShare = outcome->targetingCheck.randomShare;
        row.testAccuracy = testAccuracy(ctx, *outcome->model);
        rows.push_back(row);
        r.flipDecision = outcome->flipDecision.reason;
        if (outcome->estimates.judgeError.trials)
            r.auditJudgeError = outcome->estimates.judgeError.estimate();
    }

    const double alpha = engine.schedule.alphaAt(ctx.config.iterations - 1, ctx.config.iterations);
    const auto set = loop::buildTrainingSet(pairs, alpha, loop::curatedFlipUse(engine.wrongLabels));
    auto model = trainFinal(ctx, set.examples);
    if (!model)
        return model.error();
    r.testAccuracy = testAccuracy(ctx, *model);
    double correct = 0.0;
    for (std::size_t i = 0; i < set.pairs.size(); ++i)
        correct += set.labels[i] == goldOf(static_cast<std::size_t>(set.pairs[i])) ? 1.0 : 0.0;
    r.curatedLabelAccuracy = set.pairs.empty() ? 0.0 : correct / double(set.pairs.size());

    double queued = 0.0, overturned = 0.0, flips = 0.0, rightFlips = 0.0;
    for (std::size_t pos = 0; pos < pairs.size(); ++pos) {
        const auto& p = pairs[pos];
        if (p.human) {
            r.humanLabels += 1.0;
            // What the method spent on finding errors: targeted places, some of them
            // reviewed at random while targeting did worse than chance.
            if (p.queuedAs == QueueReason::Zone || p.queuedAs == QueueReason::TopUp ||
                p.queuedAs == QueueReason::Random) {
                queued += 1.0;
                overturned += *p.human != *p.ai ? 1.0 : 0.0;
            }
        } else if (p.flipped) {
            flips += 1.0;
            rightFlips += otherSide(*p.ai) == goldOf(pos) ? 1.0 : 0.0;
        }
    }
    if (queued > 0)
        r.queuePrecision = overturned / queued;
    r.flips = flips;
    if (drop)
        r.droppedShare = flips / double(pairs.size());
    if (flips > 0)
        r.flipPrecision = rightFlips / flips;
    return r;
}

Stat statOf(const std::vector<double>& values) {
    Stat s;
    s.runs = static_cast<int>(values.size());
    if (values.empty())
        return s;
    s.mean = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
    if (values.size() > 1) {
        double ss = 0.0;
        for (double v : values)
            ss += (v - s.mean) * (v - s.mean);
        s.se = std::sqrt(ss / double(values.size() - 1)) / std::sqrt(double(values.size()));
    }
    return s;
}

std::optional<Stat> optionalStat(const std::vector<std::optional<double>>& values) {
    std::vector<double> present;
    for (const auto& v : values)
        if (v)
            present.push_back(*v);
    if (present.empty())
        return std::nullopt;
    return statOf(present);
}

} // namespace

const std::vector<std::string>& allMethods() {
    static const std::vector<std::string> methods = {
        "ai_only",       "random",     "rlthf",     "rlthf_paper", "rlthf_oof",
        "rlthf_learned", "rlthf_drop", "confident", "full_human",  "rlthf_zero_human"};
    return methods;
}

std::string defaultMethod() {
    const loop::EngineConfig defaults;
    if (defaults.targeting != loop::Targeting::Learned)
        return "rlthf";
    return defaults.wrongLabels == loop::WrongLabels::Drop ? "rlthf_drop" : "rlthf_learned";
}

std::vector<std::vector<std::int32_t>> groupsByPrompt(const BenchData& data) {
    std::vector<std::vector<std::int32_t>> groups;
    std::unordered_map<std::string_view, std::size_t> groupOf;
    for (std::size_t i = 0; i < data.pairs.size(); ++i) {
        const auto [it, added] = groupOf.try_emplace(data.pairs[i].prompt, groups.size());
        if (added)
            groups.emplace_back();
        groups[it->second].push_back(std::int32_t(i));
    }
    return groups;
}

std::vector<std::vector<std::int32_t>> singletons(std::size_t n) {
    std::vector<std::vector<std::int32_t>> groups(n);
    for (std::size_t i = 0; i < n; ++i)
        groups[i] = {std::int32_t(i)};
    return groups;
}

std::vector<int> assignFolds(const std::vector<std::vector<std::int32_t>>& groups, int folds,
                             std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::size_t> order(groups.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    shuffle(order, rng);
    std::size_t pairs = 0;
    for (const auto& group : groups)
        pairs += group.size();
    std::vector<int> foldOf(pairs, 0);
    std::vector<std::size_t> size(std::size_t(folds), 0);
    for (const std::size_t g : order) {
        const auto fold = std::size_t(std::min_element(size.begin(), size.end()) - size.begin());
        size[fold] += groups[g].size();
        for (const std::int32_t i : groups[g])
            foldOf[std::size_t(i)] = int(fold);
    }
    return foldOf;
}

Result<BenchReport> runBench(const BenchConfig& config) {
    const auto started = std::chrono::steady_clock::now();
    auto log = [&](const std::string& line) {
        if (config.log)
            config.log(line);
    };
    for (const auto& m : config.methods)
        if (std::find(allMethods().begin(), allMethods().end(), m) == allMethods().end())
            return Error{fmt::format("unknown method \"{}\"", m)};
    if (config.folds < 2)
        return Error{"--folds must be at least 2"};
    if (config.iterations < 1 || config.repeats < 1)
        return Error{"--iterations and --repeats must be at least 1"};

    auto data = loadBenchData(config.dataPath, config.format);
    if (!data)
        return data.error();
    const std::size_t n = data->pairs.size();
    log(fmt::format("{} pairs with gold labels ({} lines skipped)", n, data->rejectedLines));

    const reward::TrainConfig& train = config.engine.train;
    reward::ParallelEncoder encoding(
        reward::FeatureEncoder(reward::featuresToEncode(train.kind, train.features)));
    std::vector<char> gold;
    gold.reserve(n);
    for (const auto& p : data->pairs) {
        encoding.add({}, p.prompt, p.a, p.b);
        gold.push_back(p.gold);
    }
    const std::vector<reward::EncodedPair> dataset = encoding.take();

    const auto groups = config.groupByPrompt ? groupsByPrompt(*data) : singletons(n);
    log(fmt::format("{} groups of pairs kept on one side of each split", groups.size()));

    // The position judge errs where a gold model finds the pair close: that model is trained
    // on the gold labels, out of fold, so each pair's margin comes from a model that did
    // not see it.
    std::vector<bool> close;
    if (config.judge == Judge::Position) {
        std::vector<reward::TrainingExample> examples;
        std::vector<std::int32_t> all(n);
        for (std::size_t i = 0; i < n; ++i) {
            examples.push_back({static_cast<std::int32_t>(i), gold[i] == 'a', 1.0f});
            all[i] = static_cast<std::int32_t>(i);
        }
        reward::TrainConfig goldModel = config.engine.train;
        goldModel.seed = mix(config.seed, 21);
        auto rewards = reward::outOfFoldRewards(dataset, examples, all, config.folds, goldModel);
        if (!rewards)
            return rewards.error();
        std::vector<double> margins(n);
        for (std::size_t i = 0; i < n; ++i)
            margins[i] = loop::marginFor((*rewards)[i], gold[i]);
        close = closePairs(margins);
    }

    BenchReport report;
    report.pairs = static_cast<std::int64_t>(n);
    if (!close.empty())
        report.judgeOrdersDisagree =
            double(std::count(close.begin(), close.end(), true)) / double(n);
    std::map<std::string, std::vector<RunResult>> results;
    std::vector<IterationRow> rows;
    std::optional<CurveSnapshot> curve;
    double agreement = 0.0;

    for (int rep = 0; rep < config.repeats; ++rep) {
        const std::uint64_t seed = mix(config.seed, static_cast<std::uint64_t>(rep));
        auto ai = simulateJudge(*data, config.judge, seed, close.empty() ? nullptr : &close);
        if (!ai)
            return ai.error();
        for (std::size_t i = 0; i < n; ++i)
            agreement += (*ai)[i] == gold[i] ? 1.0 : 0.0;

        const std::vector<int> foldOf = assignFolds(groups, config.folds, mix(seed, 11));
        for (int fold = 0; fold < config.folds; ++fold) {
            Split split;
            for (std::size_t i = 0; i < n; ++i)
                (foldOf[i] == fold ? split.test : split.train).push_back(std::int32_t(i));
            std::sort(split.train.begin(), split.train.end());
            std::sort(split.test.begin(), split.test.end());
            const FoldContext ctx{config, dataset, gold, *ai, split,
                                  mix(seed, 100 + std::uint64_t(fold)), rep, fold};
            for (const auto& method : config.methods) {
                if (config.progress) {
                    const std::size_t runsDone =
                        (std::size_t(rep) * std::size_t(config.folds) + std::size_t(fold)) *
                            config.methods.size() +
                        std::size_t(&method - config.methods.data());
                    config.progress(double(runsDone) /
                                        double(std::size_t(config.repeats) *
                                               std::size_t(config.folds) * config.methods.size()),
                                    fmt::format("repeat {}/{}, fold {}/{}, {}", rep + 1,
                                                config.repeats, fold + 1, config.folds, method));
                }
                const auto t0 = std::chrono::steady_clock::now();
                Result<RunResult> run = Error{};
                if (method == "ai_only")
                    run = runAiOnly(ctx);
                else if (method == "full_human")
                    run = runFullHuman(ctx);
                else if (method == "random")
                    run = runRandom(ctx);
                else if (method == "confident")
                    run = runConfident(ctx);
                else
                    run = runEngine(ctx, method, rows, curve);
                if (!run)
                    return Error{fmt::format("{} (repeat {}, fold {}): {}", method, rep + 1,
                                             fold + 1, run.message())};
                const double secs = std::chrono::duration<double>(
                                        std::chrono::steady_clock::now() - t0).count();
                log(fmt::format("repeat {}/{} fold {}/{} {:<17} test acc {:.3f}  curated {:.3f}  "
                                "human {:>5.0f}  flips {:>5.0f}  {:.1f} s",
                                rep + 1, config.repeats, fold + 1, config.folds, method,
                                run->testAccuracy, run->curatedLabelAccuracy, run->humanLabels,
                                run->flips, secs));
                results[method].push_back(std::move(*run));
            }
        }
    }
    report.judgeAgreement = agreement / double(n * std::size_t(config.repeats));

    for (const auto& [method, runs] : results) {
        MethodSummary s;
        std::vector<double> acc, curated, flips, human;
        std::vector<std::optional<double>> queue, flip, audit, dropped;
        for (const auto& r : runs) {
            acc.push_back(r.testAccuracy);
            curated.push_back(r.curatedLabelAccuracy);
            flips.push_back(r.flips);
            human.push_back(r.humanLabels);
            queue.push_back(r.queuePrecision);
            flip.push_back(r.flipPrecision);
            audit.push_back(r.auditJudgeError);
            dropped.push_back(r.droppedShare);
            s.lastFlipDecision = r.flipDecision;
        }
        s.testAccuracy = statOf(acc);
        s.curatedLabelAccuracy = statOf(curated);
        s.flips = statOf(flips);
        s.humanLabels = statOf(human);
        s.queuePrecision = optionalStat(queue);
        s.flipPrecision = optionalStat(flip);
        s.auditJudgeError = optionalStat(audit);
        s.droppedShare = optionalStat(dropped);
        report.methods[method] = s;
    }
    // ROI: accuracy gained over ai_only per human label, relative to random annotation's.
    // Gains are paired per run (same fold, same seed), and the ROI is left out when random's
    // own gain is within noise (under 2 standard errors): a ratio over a gain
    // indistinguishable from zero says nothing.
    auto pairedGain = [&](const std::string& method) {
        std::vector<double> gains;
        const auto& runs = results[method];
        const auto& base = results["ai_only"];
        for (std::size_t i = 0; i < runs.size() && i < base.size(); ++i)
            gains.push_back(runs[i].testAccuracy - base[i].testAccuracy);
        return statOf(gains);
    };
    if (results.count("ai_only") && results.count("random")) {
        const Stat randomGain = pairedGain("random");
        const double randomLabels = report.methods["random"].humanLabels.mean;
        if (randomLabels > 0 && randomGain.mean > 2.0 * randomGain.se) {
            const double randomRate = randomGain.mean / randomLabels;
            for (auto& [method, s] : report.methods)
                if (s.humanLabels.mean > 0)
                    s.roi = (pairedGain(method).mean / s.humanLabels.mean) / randomRate;
        }
    }
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!config.outDir.empty())
        RLTHF_TRY(writeBenchOutputs(config, report, rows, curve));
    return report;
}

} // namespace rlthf::bench
