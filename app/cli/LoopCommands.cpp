#include "CliSupport.h"
#include "loop/ProjectLoop.h"
#include "loop/Review.h"
#include "plot/CurvePlot.h"
#include "store/Project.h"
#include "store/ProjectFiles.h"
#include "store/TaskLock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cctype>
#include <fstream>
#include <optional>

namespace rlthf::cli {

namespace {

struct OpenedProject {
    std::optional<store::TaskLock> lock; // held by long tasks until the command returns
    store::Project project;
    loop::LoopSettings settings;
};

// `longTask` names a task that takes the project's task lock (retrain, propagate).
Result<OpenedProject> openWithSettings(const Args& args, const char* longTask = nullptr) {
    auto db = args.required("db");
    if (!db)
        return db.error();
    std::optional<store::TaskLock> lock;
    if (longTask) {
        auto acquired = store::TaskLock::acquire(*db, longTask);
        if (!acquired)
            return acquired.error();
        lock.emplace(std::move(acquired).value());
    }
    auto project = store::Project::open(*db);
    if (!project)
        return project.error();
    auto settings = loop::loadLoopSettings(*project);
    if (!settings)
        return settings.error();
    return OpenedProject{std::move(lock), std::move(*project), *settings};
}

std::string percent(const curation::Proportion& p) {
    if (p.trials == 0)
        return "no data yet";
    return fmt::format("{:.0f}% ({}/{}, 95% interval {:.0f}–{:.0f}%)", 100 * p.estimate(), p.hits,
                       p.trials, 100 * p.low(), 100 * p.high());
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
    auto& settings = opened->settings;
    if (*threads > 0)
        settings.engine.train.threads = static_cast<int>(*threads);
    for (long long i = 0; i < *iterations; ++i) {
        int lastEpoch = -1;
        auto summary = loop::runProjectIteration(
            opened->project.db(), settings, [&](const loop::IterationPhase& phase) {
                if (phase.kind == loop::IterationPhase::Training &&
                    phase.train.epoch != lastEpoch && phase.train.epoch > 0) {
                    lastEpoch = phase.train.epoch;
                    fmt::print(ctx.err, "  training: epoch {}/{}\r", phase.train.epoch,
                               phase.train.maxEpochs);
                }
                return true;
            });
        if (!summary)
            return fail(ctx, summary.message());
        const auto& s = *summary;
        const auto& lm = s.landmarks;
        fmt::print(ctx.out,
                   "iteration {}: {} pairs on the curve; elbow {}, knee {}, reflection {}\n",
                   s.number, lm.size, lm.elbow, lm.knee,
                   lm.reflection ? std::to_string(*lm.reflection) : std::string("none"));
        fmt::print(ctx.out, "  queued {} pairs for experts; {}\n", s.queued, s.flipDecision.reason);
        fmt::print(ctx.out, "  judge error (audit) {}; queue precision {}\n",
                   percent(s.estimates.judgeError), percent(s.estimates.queuePrecision));
        if (const auto lift = s.estimates.targetingLift()) {
            if (*lift <= 1.0)
                fmt::print(ctx.out,
                           "  warning: the queue finds AI errors no more often than a "
                           "random audit (lift {:.2f}); margin targeting does not work "
                           "on this data\n",
                           *lift);
            else
                fmt::print(ctx.out, "  the queue finds AI errors {:.1f}x as often as the audit\n",
                           *lift);
        }
        if (s.staleVerdicts > 0)
            fmt::print(ctx.out, "  {} verdicts arrived during the run; they count next time\n",
                       s.staleVerdicts);
        printWriteSharing(ctx, s.transactions, s.longestTransaction);
    }
    return kOk;
}

int cmdQueue(Context& ctx, const Args& args) {
    auto limit = args.integer("limit", 20);
    if (!limit)
        return usage(ctx, limit.message());
    auto opened = openWithSettings(args);
    if (!opened)
        return fail(ctx, opened.message());
    auto entries = loop::openQueue(opened->project.db(), static_cast<int>(*limit));
    if (!entries)
        return fail(ctx, entries.message());
    if (args.has("json")) {
        QJsonArray items;
        for (const auto& e : *entries) {
            QJsonObject o;
            o.insert(QStringLiteral("pair"), static_cast<qint64>(e.pairId));
            o.insert(QStringLiteral("priority"), e.priority);
            o.insert(QStringLiteral("reason"), QString::fromStdString(e.reason));
            o.insert(QStringLiteral("margin"), e.margin ? QJsonValue(*e.margin) : QJsonValue());
            o.insert(QStringLiteral("zone"),
                     e.zone ? QJsonValue(QString::fromStdString(*e.zone)) : QJsonValue());
            o.insert(QStringLiteral("ai_label"),
                     e.aiLabel ? QJsonValue(QString(QChar(*e.aiLabel))) : QJsonValue());
            o.insert(QStringLiteral("prompt"), QString::fromStdString(e.prompt));
            items.append(o);
        }
        ctx.out << QJsonDocument(items).toJson(QJsonDocument::Indented).toStdString();
        return kOk;
    }
    if (entries->empty()) {
        fmt::print(ctx.out, "the queue is empty: run `rlthf retrain` for the next batch\n");
        return kOk;
    }
    fmt::print(ctx.out, "{:>8} {:>4} {:<10} {:>8} {:<10} {}\n", "pair", "prio", "reason", "margin",
               "zone", "prompt");
    for (const auto& e : *entries) {
        std::string prompt =
            e.prompt.substr(0, e.prompt.find('\n') == std::string::npos
                                   ? 60
                                   : std::min<std::size_t>(60, e.prompt.find('\n')));
        fmt::print(ctx.out, "{:>8} {:>4} {:<10} {:>8} {:<10} {}\n", e.pairId, e.priority, e.reason,
                   e.margin ? fmt::format("{:.3f}", *e.margin) : std::string("-"),
                   e.zone.value_or("-"), prompt);
    }
    return kOk;
}

int cmdAnnotate(Context& ctx, const Args& args) {
    auto pair = args.integer("pair", -1);
    if (!pair)
        return usage(ctx, pair.message());
    if (*pair < 0)
        return usage(ctx, "option --pair is required");
    const auto verdict = loop::parseVerdict(args.value("verdict"));
    if (!verdict)
        return usage(ctx, "--verdict must be a, b, confirm, flip, skip, settle-a or settle-b");
    auto annotator = args.required("annotator");
    if (!annotator)
        return usage(ctx, annotator.message());
    auto opened = openWithSettings(args);
    if (!opened)
        return fail(ctx, opened.message());
    loop::VerdictRequest request{*pair, *verdict, *annotator, std::nullopt};
    if (args.has("comment"))
        request.comment = args.value("comment");
    auto recorded = loop::recordVerdict(opened->project.db(), request);
    if (!recorded)
        return fail(ctx, recorded.message());
    if (recorded->value)
        fmt::print(ctx.out, "pair {}: {} {} {} (was {}), event {}\n", *pair, *annotator,
                   *verdict == loop::Verdict::SettleA || *verdict == loop::Verdict::SettleB
                       ? "settles on"
                       : "prefers",
                   char(std::toupper(*recorded->value)),
                   recorded->previous ? std::string(1, char(std::toupper(*recorded->previous)))
                                      : "-",
                   recorded->eventId);
    else
        fmt::print(ctx.out, "pair {}: skipped by {}, event {}\n", *pair, *annotator,
                   recorded->eventId);
    return kOk;
}

int cmdPropagate(Context& ctx, const Args& args) {
    auto opened = openWithSettings(args, "propagate");
    if (!opened)
        return fail(ctx, opened.message());
    auto summary = loop::propagate(opened->project.db(), opened->settings);
    if (!summary)
        return fail(ctx, summary.message());
    fmt::print(ctx.out,
               "propagated labels to {} pairs outside the active shard ({} differ from the "
               "AI label); {} pairs with expert verdicts kept theirs\n",
               summary->labelled, summary->flipped, summary->skippedReviewed);
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
    if (store::isProjectFile(*out, opened->project.path()))
        return fail(ctx, fmt::format("{}: is the project's own file; choose another name", *out));
    auto curve = loop::latestCurve(opened->project.db());
    if (!curve)
        return fail(ctx, curve.message());
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
