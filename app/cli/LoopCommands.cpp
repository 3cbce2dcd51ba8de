#include "CliSupport.h"
#include "ProjectOpening.h"
#include "TerminalProgress.h"
#include "loop/ProjectLoop.h"
#include "loop/Review.h"
#include "plot/CurvePlot.h"
#include "store/Project.h"
#include "store/ProjectFiles.h"
#include "team/Membership.h"

#include <cmath>
#include <fstream>
#include <optional>

namespace rlthf::cli {

namespace {

// What the error model read in the verdicts about the judge and length, in words.
std::string describeLengthWeight(double weight) {
    constexpr double kNoPattern = 0.25; // per standard deviation of the length ratio
    if (std::abs(weight) < kNoPattern)
        return fmt::format("no length pattern in the verdicts (weight {:+.2f})", weight);
    return fmt::format("AI labels are likelier wrong where the AI chose the {} answer "
                       "(weight {:+.2f}); the queue follows that",
                       weight > 0 ? "longer" : "shorter", weight);
}

// How far one iteration is, and in which stage. Training takes nearly all of its time.
std::pair<double, std::string> describe(const loop::IterationPhase& phase) {
    switch (phase.kind) {
    case loop::IterationPhase::Training:
        return {0.9 * phase.train.fraction,
                phase.train.epoch > 0
                    ? fmt::format("training, epoch {}/{}", phase.train.epoch, phase.train.maxEpochs)
                    : std::string("training")};
    case loop::IterationPhase::Scoring:
        return {0.9, "scoring"};
    case loop::IterationPhase::Curating:
        return {0.95, "curating and saving"};
    }
    return {0.0, ""};
}

std::string percent(const curation::Proportion& p) {
    if (p.trials == 0)
        return "no data yet";
    return fmt::format("{:.0f}% ({}/{}, 95% interval {:.0f}–{:.0f}%)", 100 * p.estimate(), p.hits,
                       p.trials, 100 * p.low(), 100 * p.high());
}

// Why a project has no curve to show.
std::string noCurveReason(store::Database& db) {
    auto station = team::isStation(db);
    if (station && *station)
        return "this project is a team station: its lead retrains, and the curve is on the "
               "lead's project";
    return "no iteration yet: run `rlthf retrain` first";
}

} // namespace

int cmdRetrain(Context& ctx, const Args& args) {
    if (!args.has("db"))
        return usage(ctx, "option --db is required");
    auto iterations = args.integer("iterations", 1);
    auto threads = args.integer("threads", 0);
    if (!iterations || !threads)
        return usage(ctx, !iterations ? iterations.message() : threads.message());
    if (*iterations < 1)
        return usage(ctx, "--iterations must be at least 1");
    auto opened = openWithSettings(args, "retrain");
    if (!opened)
        return fail(ctx, opened.message());
    if (auto refused = syncAroundLoop(ctx, opened->project.db(), LoopStep::Before, "retrain"))
        return fail(ctx, *refused);
    auto& settings = opened->settings;
    if (*threads > 0)
        settings.engine.train.threads = static_cast<int>(*threads);
    TerminalProgress progress(ctx, "retrain", args.has("quiet"));
    for (long long i = 0; i < *iterations; ++i) {
        auto summary = loop::runProjectIteration(
            opened->project.db(), settings, [&](const loop::IterationPhase& phase) {
                const auto [share, stage] = describe(phase);
                progress.update((double(i) + share) / double(*iterations),
                                fmt::format("iteration {}/{}: {}", i + 1, *iterations, stage));
                return true;
            });
        progress.hide();
        if (!summary)
            return fail(ctx, summary.message());
        const auto& s = *summary;
        const auto& lm = s.landmarks;
        fmt::print(ctx.out,
                   "iteration {}: {} pairs on the curve; elbow {}, knee {}, reflection {}\n",
                   s.number, lm.size, lm.elbow, lm.knee,
                   lm.reflection ? std::to_string(*lm.reflection) : std::string("none"));
        fmt::print(ctx.out, "  queued {} pairs for experts; {}\n", s.queued, s.flipDecision.reason);
        if (settings.engine.wrongLabels == loop::WrongLabels::Drop && s.flipDecision.apply)
            fmt::print(ctx.out,
                       "  dropped {} pairs found wrong instead of flipping them: the curated "
                       "data leaves them out\n",
                       s.dropped);
        fmt::print(ctx.out, "  judge error (audit) {}; queue precision {}\n",
                   percent(s.estimates.judgeError), percent(s.estimates.queuePrecision));
        if (const auto weight = s.errorModelLengthWeight)
            fmt::print(ctx.out, "  learned targeting: {}\n", describeLengthWeight(*weight));
        if (s.targetingCheck.randomShare > 0.0)
            fmt::print(ctx.out, "  warning: {}\n", s.targetingCheck.reason);
        else if (const auto lift = s.estimates.targetingLift()) {
            if (*lift <= 1.0)
                fmt::print(ctx.out,
                           "  warning: the queue finds AI errors no more often than a "
                           "random audit (lift {:.2f}); {} targeting does not work "
                           "on this data\n",
                           *lift, loop::targetingName(settings.engine.targeting));
            else
                fmt::print(ctx.out, "  the queue finds AI errors {:.1f}x as often as the audit\n",
                           *lift);
        }
        if (s.staleVerdicts > 0)
            fmt::print(ctx.out, "  {} verdicts arrived during the run; they count next time\n",
                       s.staleVerdicts);
        printWriteSharing(ctx, s.transactions, s.longestTransaction);
    }
    (void)syncAroundLoop(ctx, opened->project.db(), LoopStep::After, "retrain");
    return kOk;
}

int cmdPropagate(Context& ctx, const Args& args) {
    auto opened = openWithSettings(args, "propagate");
    if (!opened)
        return fail(ctx, opened.message());
    if (auto refused = syncAroundLoop(ctx, opened->project.db(), LoopStep::Before, "propagate"))
        return fail(ctx, *refused);
    TerminalProgress progress(ctx, "propagate", args.has("quiet"));
    auto summary = loop::propagate(
        opened->project.db(), opened->settings, [&progress](std::int64_t done, std::int64_t total) {
            progress.update(done, total ? double(done) / double(total) : 0.0, "pairs");
            return true;
        });
    progress.hide();
    if (!summary)
        return fail(ctx, summary.message());
    fmt::print(ctx.out,
               "propagated labels to {} pairs outside the active shard ({} differ from the "
               "AI label); {} pairs with expert verdicts kept theirs\n",
               summary->labelled, summary->flipped, summary->skippedReviewed);
    if (summary->dropped > 0)
        fmt::print(ctx.out,
                   "dropped {} pairs the model found wrong instead of flipping them "
                   "(wrong_labels = drop)\n",
                   summary->dropped);
    printWriteSharing(ctx, summary->transactions, summary->longestTransaction);
    return kOk;
}

int cmdCurve(Context& ctx, const Args& args) {
    auto out = args.required("out");
    if (!out)
        return usage(ctx, out.message());
    const bool png = out->size() > 4 && out->substr(out->size() - 4) == ".png";
    const bool csv = out->size() > 4 && out->substr(out->size() - 4) == ".csv";
    if (!png && !csv)
        return usage(ctx, "--out must end in .csv or .png");
    auto opened = openWithSettings(args);
    if (!opened)
        return fail(ctx, opened.message());
    if (auto own = store::refuseProjectFile(*out, opened->project.path(), "choose another name");
        !own)
        return fail(ctx, own.message());
    auto latest = loop::latestCurve(opened->project.db());
    if (!latest)
        return fail(ctx, latest.message());
    if (!*latest)
        return fail(ctx, noCurveReason(opened->project.db()));
    const loop::CurveData* curve = &**latest;
    const auto& lm = curve->landmarks;
    if (png) {
        plot::CurvePlot p;
        p.title = fmt::format("Sorted reward margins, iteration {}", curve->iteration);
        p.margins = curve->margins;
        p.landmarks = lm;
        p.beta = curve->beta;
        std::vector<bool> correct;
        bool complete = !curve->aiMatchesGold.empty();
        for (const auto& m : curve->aiMatchesGold) {
            complete = complete && m.has_value();
            correct.push_back(m.value_or(false));
        }
        if (complete)
            p.windowAccuracy = plot::windowShares(correct, 10);
        auto written = plot::writeCurvePng(p, *out);
        if (!written)
            return fail(ctx, written.message());
    } else {
        std::string text = "rank,pair_id,margin,zone,marker,ai_matches_gold\n";
        for (std::size_t k = 0; k < curve->margins.size(); ++k) {
            const std::string marker = k == lm.elbow  ? idOf(Landmark::Elbow)
                                       : k == lm.knee ? idOf(Landmark::Knee)
                                       : lm.reflection && k == *lm.reflection
                                           ? idOf(Landmark::Reflection)
                                           : std::string();
            const auto& m = curve->aiMatchesGold[k];
            text += fmt::format("{},{},{:.6f},{},{},{}\n", k, curve->pairIds[k], curve->margins[k],
                                curve->zones[k] ? idOf(*curve->zones[k]) : std::string(), marker, m ? (*m ? "1" : "0") : "");
        }
        std::ofstream file(*out, std::ios::binary);
        file << text;
        if (!file)
            return fail(ctx, fmt::format("{}: cannot write", *out));
    }
    fmt::print(ctx.out, "wrote the curve of iteration {} ({} pairs) to {}\n", curve->iteration,
               curve->margins.size(), *out);
    return kOk;
}

} // namespace rlthf::cli
