#pragma once
// One exchange between a project and its team server, in short steps that can each be
// repeated after a failure without changing the result:
//   the lead pushes its new pairs; every station pushes the label events it recorded
//   (verdicts, skips, undos; the lead also its AI labels, flips and settlements), each
//   under a global id the server keeps once; then pulls the events of the others in the
//   server's order of arrival; the lead publishes its latest iteration's queue, a station
//   takes it over; a station renews its claims and claims the next items when it runs low.

#include "common/Result.h"
#include "team/Membership.h"
#include "team/PgConnection.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rlthf::store {
class Database;
}

namespace rlthf::team {

struct TeamProject {
    std::int64_t id = 0;
    std::string leadStation;
    double overlapShare = 0.05;
    int leaseSeconds = 3600;
};
// The team project of that name on the server, or an error naming it.
Result<TeamProject> findTeamProject(PgConnection& conn, const std::string& name);

struct SyncOptions {
    bool claim = true;   // a station claims items when it holds fewer than claimBatch
    int claimBatch = 20; // items claimed at a time (a small claim, renewed on every sync)
    // A station counts as reviewing while it synced this recently (the window syncs every
    // 30 s); the open items are shared among those stations.
    int activeSeconds = 300;
    // station: its expert stops reviewing (the window closes, or `rlthf team sync --leave`):
    // after sending its verdicts it hands back every open claim, claims none, and counts as
    // away, so that the others may take its items at once instead of when their leases end.
    // Its next ordinary sync brings it back.
    bool leaving = false;
};

struct SyncReport {
    std::int64_t pushedPairs = 0;  // lead: pairs new on the server
    std::int64_t pulledPairs = 0;  // station: pairs new here
    std::int64_t pushedEvents = 0; // label events new on the server
    std::int64_t knownEvents = 0;  // pushed again after an interrupted sync: already there
    std::int64_t pulledEvents = 0; // other stations' events new here
    std::optional<std::int64_t> publishedIteration; // lead: the queue published now
    std::optional<std::int64_t> receivedIteration;  // station: the queue taken over now
    std::int64_t queueItems = 0;                    // items of that queue
    // lead: items of the published queue judged by more stations than planned (a lease ran
    // out while a station was offline and another took the item); every verdict is kept.
    std::vector<std::int64_t> conflicts;
    std::int64_t claimed = 0;                       // station: items newly claimed
    // station: claims freed for the others (beyond its share; all of them when leaving)
    std::int64_t handedBack = 0;
    // station: items its queue held before the sync and no longer holds (handed back, or a
    // lease another station took over): its queue must drop them.
    std::int64_t droppedClaims = 0;
    std::int64_t heldClaims = 0;                    // station: open claims held after the sync
};

// `membership` is updated (and saved) as the sync advances.
Result<SyncReport> syncProject(store::Database& db, PgConnection& conn, Membership& membership,
                               const SyncOptions& options = {});

// A station's open claims on its current queue, not counting pairs it has judged.
Result<std::int64_t> openClaims(store::Database& db);

// Label events recorded here that the server does not have yet (each sync pushes them in
// the order they were recorded, so they are the newest ones).
Result<std::int64_t> eventsWaiting(store::Database& db);

} // namespace rlthf::team
