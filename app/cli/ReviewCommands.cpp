// rlthf queue and rlthf annotate: the experts' side of the loop, no reward model needed.

#include "CliSupport.h"
#include "ProjectOpening.h"
#include "loop/Review.h"
#include "team/Membership.h"
#include "team/Sync.h"
#include "team/TeamSetup.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cctype>

namespace rlthf::cli {

namespace {

// A team station lists the items it holds claims on; holding none, it claims the next
// ones first. Offline it lists what it still holds. Whether this project is a station.
bool claimIfNone(Context& ctx, store::Database& db) {
    auto membership = team::readMembership(db);
    if (!membership || !*membership || (*membership)->role != team::TeamRole::Station)
        return false;
    auto held = team::openClaims(db);
    if (held && *held == 0)
        if (auto synced = team::syncMember(db); !synced)
            fmt::print(ctx.err, "rlthf: note: {}; listing the claims this station still holds\n",
                       synced.message());
    return true;
}

} // namespace

int cmdQueue(Context& ctx, const Args& args) {
    auto limit = args.integer("limit", 20);
    if (!limit)
        return usage(ctx, limit.message());
    auto opened = openWithSettings(args);
    if (!opened)
        return fail(ctx, opened.message());
    const bool station = claimIfNone(ctx, opened->project.db());
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
    if (entries->empty() && station) {
        fmt::print(ctx.out, "this station holds no open claims: the team's queue is claimed "
                            "or judged; `rlthf team sync` later brings the next queue\n");
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
        fmt::print(
            ctx.out, "pair {}: {} {} {} (was {}), event {}\n", *pair, *annotator,
            *verdict == loop::Verdict::SettleA || *verdict == loop::Verdict::SettleB ? "settles on"
                                                                                     : "prefers",
            char(std::toupper(*recorded->value)),
            recorded->previous ? std::string(1, char(std::toupper(*recorded->previous))) : "-",
            recorded->eventId);
    else
        fmt::print(ctx.out, "pair {}: skipped by {}, event {}\n", *pair, *annotator,
                   recorded->eventId);
    return kOk;
}

} // namespace rlthf::cli
