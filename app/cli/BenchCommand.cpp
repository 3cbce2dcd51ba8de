#include "CliSupport.h"
#include "TerminalProgress.h"
#include "bench/Bench.h"

#include <charconv>
#include <sstream>
#include <tuple>

namespace rlthf::cli {

namespace {

std::string cell(const std::optional<bench::Stat>& s) {
    return s ? fmt::format("{:.3f}±{:.3f}", s->mean, s->se) : std::string("—");
}

// "START,END" for a schedule.
Result<std::pair<double, double>> range(const Args& args, const std::string& name,
                                        std::pair<double, double> fallback) {
    if (!args.has(name))
        return fallback;
    const std::string text = args.value(name);
    const auto comma = text.find(',');
    try {
        if (comma != std::string::npos)
            return std::pair{std::stod(text.substr(0, comma)), std::stod(text.substr(comma + 1))};
    } catch (const std::exception&) {
    }
    return Error{fmt::format("option --{} needs START,END, not \"{}\"", name, text)};
}

} // namespace

int cmdBench(Context& ctx, const Args& args) {
    bench::BenchConfig config;
    auto data = args.required("data");
    if (!data)
        return usage(ctx, data.message());
    config.dataPath = *data;
    auto out = args.required("out");
    if (!out)
        return usage(ctx, out.message());
    config.outDir = *out;
    const auto format = data::parseFormat(args.value("format", "pairs"));
    if (!format)
        return usage(ctx, "--format must be hh-rlhf, pairs or trl");
    config.format = *format;
    const auto judge = bench::parseJudge(
        args.value("judge", *format == data::Format::Pairs ? "file" : "uniform"));
    if (!judge)
        return usage(ctx, "--judge must be uniform, verbose, position or file");
    config.judge = *judge;
    auto budget = args.number("budget", config.budget);
    auto flipBelow = args.number("flip-below", config.engine.curve.flipBelowProbability);
    auto randomReviewMax =
        args.number("random-review-max", config.engine.targetingPolicy.maxRandomShare);
    auto iterations = args.integer("iterations", config.iterations);
    auto folds = args.integer("folds", config.folds);
    auto repeats = args.integer("repeats", config.repeats);
    auto seed = args.integer("seed", static_cast<long long>(config.seed));
    auto threads = args.integer("threads", 0);
    for (const Status& s :
         {Status(budget ? Status() : budget.error()),
          Status(flipBelow ? Status() : flipBelow.error()),
          Status(randomReviewMax ? Status() : randomReviewMax.error()),
          Status(iterations ? Status() : iterations.error()),
          Status(folds ? Status() : folds.error()), Status(repeats ? Status() : repeats.error()),
          Status(seed ? Status() : seed.error()), Status(threads ? Status() : threads.error())})
        if (!s)
            return usage(ctx, s.message());
    if (*budget < 0 || *budget > 1)
        return usage(ctx, "--budget must be between 0 and 1");
    config.budget = *budget;
    if (*flipBelow < 0 || *flipBelow >= 0.5)
        return usage(ctx, "--flip-below must be at least 0 and below 0.5 (0: the published "
                          "reflection rule alone)");
    config.engine.curve.flipBelowProbability = *flipBelow;
    if (*randomReviewMax < 0 || *randomReviewMax > 1)
        return usage(ctx, "--random-review-max must be between 0 and 1 (0: never review at "
                          "random instead of targeting)");
    config.engine.targetingPolicy.maxRandomShare = *randomReviewMax;
    config.engine.train.features.numberGrounding = !args.has("no-number-grounding");
    config.iterations = static_cast<int>(*iterations);
    config.folds = static_cast<int>(*folds);
    config.repeats = static_cast<int>(*repeats);
    config.seed = static_cast<std::uint64_t>(*seed);
    config.engine.train.threads = static_cast<int>(*threads);
    const std::string groupBy = args.value("group-by", "prompt");
    if (groupBy != "prompt" && groupBy != "none")
        return usage(ctx, "--group-by must be prompt or none");
    config.groupByPrompt = groupBy == "prompt";
    if (args.has("tokenizer")) {
        const auto tokenizer = reward::parseTokenizer(args.value("tokenizer"));
        if (!tokenizer)
            return usage(ctx, "--tokenizer must be words or cjk-bigrams");
        config.engine.train.features.tokenizer = *tokenizer;
    }
    if (args.has("model")) {
        const auto kind = reward::parseModelKind(args.value("model"));
        if (!kind)
            return usage(ctx, "--model must be linear or mlp");
        config.engine.train.kind = *kind;
    }
    auto& schedule = config.engine.schedule;
    auto alpha = range(args, "alpha", {schedule.alphaStart, schedule.alphaEnd});
    auto beta = range(args, "beta", {schedule.betaStart, schedule.betaEnd});
    if (!alpha || !beta)
        return usage(ctx, !alpha ? alpha.message() : beta.message());
    std::tie(schedule.alphaStart, schedule.alphaEnd) = *alpha;
    std::tie(schedule.betaStart, schedule.betaEnd) = *beta;
    if (args.has("methods")) {
        config.methods.clear();
        std::stringstream list(args.value("methods"));
        for (std::string m; std::getline(list, m, ',');)
            if (!m.empty())
                config.methods.push_back(m);
    }
    TerminalProgress progress(ctx, "bench", args.has("quiet"));
    config.log = [&progress](const std::string& line) { progress.note(line); };
    config.progress = [&progress](double fraction, const std::string& run) {
        progress.update(fraction, run);
    };

    auto report = bench::runBench(config);
    progress.hide();
    if (!report)
        return fail(ctx, report.message());
    fmt::print(ctx.out, "{} pairs, judge {} (agreement {:.3f}), budget {:g}%, {} iterations, {}×{}-fold, {:.0f} s\n",
               report->pairs, bench::judgeName(config.judge), report->judgeAgreement,
               100 * config.budget, config.iterations, config.repeats, config.folds,
               report->seconds);
    fmt::print(ctx.out, "{:<17} {:>13} {:>13} {:>13} {:>13} {:>7} {:>7} {:>6}\n", "method",
               "test acc", "curated", "queue prec", "flip prec", "flips", "human", "roi");
    for (const auto& name : config.methods) {
        const auto it = report->methods.find(name);
        if (it == report->methods.end())
            continue;
        const auto& s = it->second;
        fmt::print(ctx.out, "{:<17} {:>13} {:>13} {:>13} {:>13} {:>7.0f} {:>7.0f} {:>6}\n", name,
                   cell(s.testAccuracy), cell(s.curatedLabelAccuracy), cell(s.queuePrecision),
                   cell(s.flipPrecision), s.flips.mean, s.humanLabels.mean,
                   s.roi ? fmt::format("{:.1f}", *s.roi) : std::string("—"));
    }
    fmt::print(ctx.out, "wrote {}/bench.json, table.md, iterations.csv, curve.csv and curve.png\n", config.outDir);
    return kOk;
}

} // namespace rlthf::cli
