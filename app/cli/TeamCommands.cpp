// `rlthf team publish|join|sync`: a project shared by a team through a PostgreSQL server.

#include "CliSupport.h"
#include "store/Project.h"
#include "team/Membership.h"
#include "team/TeamSetup.h"

#include <string>

namespace rlthf::cli {

namespace {

void printReport(Context& ctx, const team::SyncReport& r, bool leaving = false) {
    if (r.pushedPairs > 0)
        fmt::print(ctx.out, "  sent {} pairs\n", r.pushedPairs);
    if (r.pulledPairs > 0)
        fmt::print(ctx.out, "  received {} pairs\n", r.pulledPairs);
    fmt::print(ctx.out, "  sent {} label events", r.pushedEvents);
    if (r.knownEvents > 0)
        fmt::print(ctx.out, " ({} more were already on the server)", r.knownEvents);
    fmt::print(ctx.out, "; received {} from other stations\n", r.pulledEvents);
    if (r.publishedIteration)
        fmt::print(ctx.out, "  published the queue of iteration {}: {} items\n",
                   *r.publishedIteration, r.queueItems);
    if (r.receivedIteration)
        fmt::print(ctx.out, "  received the queue of iteration {}: {} items\n",
                   *r.receivedIteration, r.queueItems);
    if (!r.conflicts.empty()) {
        std::string pairs;
        for (auto id : r.conflicts)
            pairs += (pairs.empty() ? "" : ", ") + std::to_string(id);
        fmt::print(ctx.out,
                   "  {} items were judged by more stations than planned (a lease ran out while "
                   "a station was offline): pairs {}; every verdict is kept, and those that "
                   "disagree wait for the lead's settlement\n",
                   r.conflicts.size(), pairs);
    }
    if (r.handedBack > 0 && !leaving)
        fmt::print(ctx.out,
                   "  handed back {} items beyond this station's share, for stations with "
                   "fewer\n",
                   r.handedBack);
    if (r.claimed > 0 || r.heldClaims > 0)
        fmt::print(ctx.out, "  claimed {} items; this station holds {} open claims\n", r.claimed,
                   r.heldClaims);
}

int publish(Context& ctx, const Args& args) {
    auto dbPath = args.required("db");
    auto server = args.required("server");
    auto name = args.required("name");
    for (const auto* required : {&dbPath, &server, &name})
        if (!*required)
            return usage(ctx, required->message());
    team::PublishOptions options;
    options.server = *server;
    options.name = *name;
    auto overlap = args.number("overlap", options.overlapShare);
    if (!overlap)
        return usage(ctx, overlap.message());
    if (!(*overlap >= 0.0 && *overlap <= 1.0))
        return usage(ctx, "--overlap must be a share between 0 and 1");
    options.overlapShare = *overlap;
    auto lease = args.integer("lease-minutes", 60);
    if (!lease)
        return usage(ctx, lease.message());
    if (*lease < 1 || *lease > 7 * 24 * 60)
        return usage(ctx, "--lease-minutes must be between 1 and 10080 (a week)");
    options.leaseSeconds = static_cast<int>(*lease * 60);
    auto project = store::Project::open(*dbPath);
    if (!project)
        return fail(ctx, project.message());
    auto report = team::publishProject(project->db(), options);
    if (!report)
        return fail(ctx, report.message());
    fmt::print(ctx.out, "published {} as \"{}\" on {}\n", *dbPath, *name,
               team::redactedUri(*server));
    printReport(ctx, *report);
    return kOk;
}

int join(Context& ctx, const Args& args) {
    auto server = args.required("server");
    auto name = args.required("name");
    auto out = args.required("out");
    for (const auto* required : {&server, &name, &out})
        if (!*required)
            return usage(ctx, required->message());
    team::JoinOptions options;
    options.server = *server;
    options.name = *name;
    options.out = *out;
    options.stationName = args.value("station-name", "station");
    auto report = team::joinProject(options);
    if (!report)
        return fail(ctx, report.message());
    fmt::print(ctx.out, "joined \"{}\" on {} as {}\n", *name, team::redactedUri(*server), *out);
    printReport(ctx, *report);
    return kOk;
}

int sync(Context& ctx, const Args& args) {
    auto dbPath = args.required("db");
    if (!dbPath)
        return usage(ctx, dbPath.message());
    auto project = store::Project::open(*dbPath);
    if (!project)
        return fail(ctx, project.message());
    team::SyncOptions options;
    options.leaving = args.has("leave");
    auto report = team::syncMember(project->db(), options);
    if (!report)
        return fail(ctx, report.message());
    fmt::print(ctx.out, "synced {}\n", *dbPath);
    printReport(ctx, *report, options.leaving);
    if (options.leaving)
        fmt::print(ctx.out,
                   "  handed back {} open items to the team; this station counts as away until "
                   "its next sync\n",
                   report->handedBack);
    return kOk;
}

} // namespace

std::optional<std::string> syncAroundLoop(Context& ctx, store::Database& db, LoopStep step,
                                          const char* command) {
    auto membership = team::readMembership(db);
    if (!membership)
        return membership.message();
    if (!*membership)
        return std::nullopt;
    if ((*membership)->role == team::TeamRole::Station)
        return fmt::format("this project is a station of the team project \"{}\": the lead "
                           "runs {}; `rlthf team sync` brings the lead's next queue",
                           (*membership)->name, command);
    auto report = team::syncMember(db);
    if (!report) {
        fmt::print(ctx.err, "rlthf: warning: {}; {}\n", report.message(),
                   step == LoopStep::Before
                       ? "going on with the verdicts this project already has"
                       : "`rlthf team sync` publishes the queue once the server is reachable");
        return std::nullopt;
    }
    fmt::print(ctx.out, "team sync {} {}:\n", step == LoopStep::Before ? "before" : "after",
               command);
    printReport(ctx, *report);
    return std::nullopt;
}

int cmdTeam(Context& ctx, const Args& args) {
    const auto& words = args.positional();
    const std::string what = words.size() == 1 ? words[0] : std::string();
    if (what == "publish")
        return publish(ctx, args);
    if (what == "join")
        return join(ctx, args);
    if (what == "sync")
        return sync(ctx, args);
    return usage(ctx, "team needs what to do: `rlthf team publish`, `rlthf team join` or "
                      "`rlthf team sync`");
}

} // namespace rlthf::cli
