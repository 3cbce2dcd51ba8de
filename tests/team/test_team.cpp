// A team on one project through a real PostgreSQL server (PgCluster): publish, join, claims,
// offline-first sync, and the server's order of arrival.

#include "TeamFixtures.h"
#include "loop/Agreement.h"
#include "loop/Review.h"
#include "store/Database.h"
#include "store/StagedBatch.h"
#include "team/Membership.h"
#include "team/PgConnection.h"
#include "team/ServerSchema.h"
#include "team/Sync.h"
#include "team/TeamSetup.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace rlthf;

namespace {

using test::count;
using test::joining;
using test::leadProject;
using test::openProject;
using test::publishedLead;
using test::serverCount;

std::vector<std::int64_t> queuedPairs(store::Database& db) {
    auto queue = loop::openQueue(db, 1000);
    REQUIRE(queue);
    std::vector<std::int64_t> ids;
    for (const auto& entry : *queue)
        ids.push_back(entry.pairId);
    return ids;
}

void verdict(store::Database& db, std::int64_t pair, loop::Verdict v, const std::string& who) {
    loop::VerdictRequest request;
    request.pairId = pair;
    request.verdict = v;
    request.annotator = who;
    REQUIRE(loop::recordVerdict(db, request));
}

// Station "st" joined to the published lead, and the 20 items it claimed.
struct JoinedStation {
    store::Project project;
    std::vector<std::int64_t> claimed;
};
JoinedStation joinStation(const test::PgCluster& pg, const test::TempDir& dir) {
    REQUIRE(team::joinProject(joining(pg, dir.file("st.rlthf"))));
    auto st = openProject(dir.file("st.rlthf"));
    auto claimed = queuedPairs(st.db());
    REQUIRE(claimed.size() == 20);
    return {std::move(st), std::move(claimed)};
}

std::optional<std::string> currentLabel(store::Database& db, std::int64_t pair) {
    auto row = db.firstRow("SELECT value FROM current_labels WHERE pair_id = ?", pair);
    REQUIRE(row);
    return *row ? (*row)->optionalText(0) : std::nullopt;
}

} // namespace

TEST_CASE("a published project reaches its stations, each reviews only what it claimed, and "
          "the lead gets every verdict",
          "[team]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = leadProject(dir, 60);
    team::PublishOptions publish = test::publishing(pg);
    publish.overlapShare = 0.2;
    auto published = team::publishProject(lead.db(), publish);
    REQUIRE(published);
    CHECK(published->pushedPairs == 300);
    CHECK(published->pushedEvents == 600); // an AI and a gold label per pair
    CHECK(published->publishedIteration == std::optional<std::int64_t>(1));
    CHECK(published->queueItems == 60);
    // A second publish of the same project, or another under the same name, is refused.
    CHECK_FALSE(team::publishProject(lead.db(), publish));

    auto joined1 = team::joinProject(joining(pg, dir.file("st1.rlthf")));
    REQUIRE(joined1);
    auto joined2 = team::joinProject(joining(pg, dir.file("st2.rlthf")));
    REQUIRE(joined2);
    CHECK(joined1->pulledPairs == 300);
    CHECK(joined1->pulledEvents == 600);
    CHECK(joined1->receivedIteration == std::optional<std::int64_t>(1));
    CHECK(joined1->claimed == 20);
    CHECK(joined2->claimed == 20);
    auto st1 = openProject(dir.file("st1.rlthf"));
    auto st2 = openProject(dir.file("st2.rlthf"));
    // The replica holds the lead's pairs under the lead's ids, with their labels.
    CHECK(count(st1.db(), "SELECT count(*) FROM pairs") == 300);
    CHECK(count(st1.db(), "SELECT count(*) FROM current_labels") == 300);

    // Each station's queue is exactly its claims; two stations share only overlap items.
    const auto q1 = queuedPairs(st1.db());
    const auto q2 = queuedPairs(st2.db());
    CHECK(q1.size() == 20);
    CHECK(q2.size() == 20);
    std::set<std::int64_t> shared;
    for (auto id : q1)
        if (std::find(q2.begin(), q2.end(), id) != q2.end())
            shared.insert(id);
    // One slot per copy of each item; the two stations hold 40 of them, no two of one item
    // by the same station.
    CHECK(serverCount(pg.uri(), "SELECT count(*) FROM team_claims") ==
          serverCount(pg.uri(), "SELECT sum(copies) FROM team_queue"));
    CHECK(serverCount(pg.uri(), "SELECT count(DISTINCT (pair_id, station)) FROM team_claims "
                                "WHERE station IS NOT NULL") == 40);
    for (auto id : shared)
        CHECK(serverCount(pg.uri(), fmt::format("SELECT copies FROM team_queue WHERE pair_id = {}",
                                                id)) == 2);

    // Verdicts are local first; the next sync pushes them, closes the claims and claims more.
    for (auto id : q1)
        verdict(st1.db(), id, loop::Verdict::A, "alice");
    for (auto id : q2)
        verdict(st2.db(), id, loop::Verdict::B, "bob");
    auto synced1 = team::syncMember(st1.db());
    REQUIRE(synced1);
    CHECK(synced1->pushedEvents == 20);
    CHECK(synced1->claimed == 20);
    auto synced2 = team::syncMember(st2.db());
    REQUIRE(synced2);
    CHECK(synced2->pushedEvents == 20);
    CHECK(synced2->pulledEvents == 20); // alice's
    auto leadSync = team::syncMember(lead.db());
    REQUIRE(leadSync);
    CHECK(leadSync->pulledEvents == 40);
    CHECK(count(lead.db(), "SELECT count(*) FROM expert_labels WHERE annotator = 'alice'") == 20);
    CHECK(count(lead.db(), "SELECT count(*) FROM expert_labels WHERE annotator = 'bob'") == 20);

    // Only the lead settles a dispute; a station's settlement is refused, nothing recorded.
    loop::VerdictRequest settle{q1.front(), loop::Verdict::SettleB, "alice", std::nullopt};
    auto refused = loop::recordVerdict(st1.db(), settle);
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.message(), Catch::Contains("only the lead settles"));
    CHECK(count(st1.db(), "SELECT count(*) FROM label_events WHERE source = 'settled'") == 0);
    settle.annotator = "lead";
    CHECK(loop::recordVerdict(lead.db(), settle));

    // An undo after the push is a revoking event, pushed and pulled like any other.
    auto last = st1.db().scalar("SELECT max(id) FROM label_events WHERE annotator = 'alice'");
    REQUIRE(last);
    REQUIRE(loop::revokeEvent(st1.db(), **last, "alice"));
    REQUIRE(team::syncMember(st1.db()));
    REQUIRE(team::syncMember(lead.db()));
    CHECK(count(lead.db(), "SELECT count(*) FROM expert_labels WHERE annotator = 'alice'") == 19);
    CHECK(serverCount(pg.uri(), "SELECT count(*) FROM team_events WHERE action = 'revoke'") == 1);
}

TEST_CASE("stations claiming at the same moment skip each other's slots: each gets a full "
          "claim, none holds two copies of an item",
          "[team]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = leadProject(dir, 300, 600);
    team::PublishOptions publish = test::publishing(pg);
    publish.overlapShare = 0.3;
    REQUIRE(team::publishProject(lead.db(), publish));
    constexpr int kStations = 6;
    std::vector<store::Project> stations;
    for (int i = 0; i < kStations; ++i) {
        const auto path = dir.file(fmt::format("st{}.rlthf", i));
        REQUIRE(team::joinProject(joining(pg, path)));
        stations.push_back(openProject(path));
        for (auto id : queuedPairs(stations.back().db()))
            verdict(stations.back().db(), id, loop::Verdict::A, fmt::format("expert{}", i));
    }
    // All six push their verdicts and claim their next 20 at once.
    std::vector<std::thread> threads;
    std::vector<Result<team::SyncReport>> reports(kStations, Error{"not run"});
    for (int i = 0; i < kStations; ++i)
        threads.emplace_back([&, i] { reports[i] = team::syncMember(stations[i].db()); });
    for (auto& t : threads)
        t.join();
    for (const auto& report : reports) {
        REQUIRE(report);
        CHECK(report->claimed == 20);
    }
    CHECK(serverCount(pg.uri(), "SELECT count(*) FROM team_claims WHERE station IS NOT NULL") ==
          2 * kStations * 20);
    CHECK(serverCount(pg.uri(), "SELECT count(*) FROM (SELECT pair_id, station FROM team_claims "
                                "WHERE station IS NOT NULL GROUP BY pair_id, station "
                                "HAVING count(*) > 1) d") == 0);
    // Two stations' queues meet only on overlap items.
    std::map<std::int64_t, int> holders;
    for (auto& st : stations)
        for (auto id : queuedPairs(st.db()))
            ++holders[id];
    for (const auto& [id, n] : holders)
        if (n > 1)
            CHECK(serverCount(pg.uri(), fmt::format("SELECT copies FROM team_queue WHERE "
                                                    "pair_id = {}",
                                                    id)) == n);
}

TEST_CASE("on a small queue a station joining late gets its share: the first hands back the "
          "items its expert reaches last",
          "[team]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = publishedLead(pg, dir, 10, 0);

    auto joined1 = team::joinProject(joining(pg, dir.file("st1.rlthf")));
    REQUIRE(joined1);
    CHECK(joined1->claimed == 10); // alone, it takes the whole queue
    auto joined2 = team::joinProject(joining(pg, dir.file("st2.rlthf")));
    REQUIRE(joined2);
    CHECK(joined2->claimed == 0); // nothing free yet
    auto st1 = openProject(dir.file("st1.rlthf"));
    auto st2 = openProject(dir.file("st2.rlthf"));

    auto synced1 = team::syncMember(st1.db());
    REQUIRE(synced1);
    CHECK(synced1->handedBack == 5);
    CHECK(synced1->heldClaims == 5);
    auto synced2 = team::syncMember(st2.db());
    REQUIRE(synced2);
    CHECK(synced2->claimed == 5);
    const auto q1 = queuedPairs(st1.db());
    const auto q2 = queuedPairs(st2.db());
    REQUIRE(q1.size() == 5);
    REQUIRE(q2.size() == 5);
    // The first keeps the top of the queue, the second gets the rest: no item twice.
    CHECK(*std::max_element(q1.begin(), q1.end()) < *std::min_element(q2.begin(), q2.end()));
    // Settled: further syncs move nothing.
    auto again1 = team::syncMember(st1.db());
    REQUIRE(again1);
    CHECK(again1->handedBack == 0);
    CHECK(again1->claimed == 0);
    auto again2 = team::syncMember(st2.db());
    REQUIRE(again2);
    CHECK(again2->claimed == 0);
    CHECK(queuedPairs(st1.db()).size() == 5);
}

TEST_CASE("a station that leaves hands its open items back at once, and the others no longer "
          "share with it",
          "[team]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = publishedLead(pg, dir, 10, 0);
    REQUIRE(team::joinProject(joining(pg, dir.file("st1.rlthf"))));
    REQUIRE(team::joinProject(joining(pg, dir.file("st2.rlthf"))));
    auto st1 = openProject(dir.file("st1.rlthf"));
    auto st2 = openProject(dir.file("st2.rlthf"));
    REQUIRE(team::syncMember(st1.db()));
    REQUIRE(team::syncMember(st2.db()));
    REQUIRE(queuedPairs(st1.db()).size() == 5);
    REQUIRE(queuedPairs(st2.db()).size() == 5);
    const auto first = queuedPairs(st1.db()).front();
    verdict(st1.db(), first, loop::Verdict::A, "alice");

    team::SyncOptions leaving;
    leaving.leaving = true;
    auto left = team::syncMember(st1.db(), leaving);
    REQUIRE(left);
    CHECK(left->pushedEvents == 1); // the verdict given before leaving is on the server
    CHECK(left->handedBack == 4);
    CHECK(left->droppedClaims == 4);
    CHECK(left->heldClaims == 0);
    CHECK(queuedPairs(st1.db()).empty());
    CHECK(serverCount(pg.uri(), "SELECT count(*) FROM team_stations WHERE last_seen IS NULL") == 1);

    // Within the lease, the other station takes the four at its next sync: the one that left
    // is not counted as reviewing, so no share holds them back for it.
    auto took = team::syncMember(st2.db());
    REQUIRE(took);
    CHECK(took->claimed == 4);
    CHECK(took->handedBack == 0);
    const auto q2 = queuedPairs(st2.db());
    CHECK(q2.size() == 9);
    CHECK(std::find(q2.begin(), q2.end(), first) == q2.end()); // judged already

    // Back the next morning: an ordinary sync makes it a reviewing station again.
    auto back = team::syncMember(st1.db());
    REQUIRE(back);
    CHECK(serverCount(pg.uri(), "SELECT count(*) FROM team_stations WHERE last_seen IS NULL") == 0);
}

TEST_CASE("an overlap item stays in the second station's queue after the first one's verdict "
          "arrives: both experts judge it",
          "[team]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = publishedLead(pg, dir, 4, 1); // every item goes to two stations
    REQUIRE(team::joinProject(joining(pg, dir.file("st1.rlthf"))));
    REQUIRE(team::joinProject(joining(pg, dir.file("st2.rlthf"))));
    auto st1 = openProject(dir.file("st1.rlthf"));
    auto st2 = openProject(dir.file("st2.rlthf"));
    REQUIRE(queuedPairs(st1.db()).size() == 4);
    for (auto id : queuedPairs(st2.db()))
        verdict(st2.db(), id, loop::Verdict::A, "bob");
    REQUIRE(team::syncMember(st2.db()));

    auto pulled = team::syncMember(st1.db());
    REQUIRE(pulled);
    CHECK(pulled->pulledEvents == 4);
    CHECK(pulled->droppedClaims == 0);
    CHECK(pulled->heldClaims == 4);
    const auto q1 = queuedPairs(st1.db());
    REQUIRE(q1.size() == 4); // bob's verdicts do not answer them for alice
    for (auto id : q1)
        verdict(st1.db(), id, loop::Verdict::B, "alice");
    REQUIRE(team::syncMember(st1.db()));
    REQUIRE(team::syncMember(lead.db()));
    CHECK(count(lead.db(), "SELECT count(DISTINCT annotator) FROM expert_labels") == 2);
    CHECK(count(lead.db(), "SELECT count(*) FROM expert_labels") == 8);
}

TEST_CASE("a server set up by the first version keeps its claims as slots when upgraded",
          "[team]") {
    test::PgCluster pg;
    auto admin = team::PgConnection::open(pg.uri());
    REQUIRE(admin);
    // Schema 1 as it was, with a project whose item 2 was judged by two stations (a
    // conflict) and item 3 is held by one.
    REQUIRE(admin->script(team::serverMigrationSql(1)));
    REQUIRE(admin->script(R"sql(
CREATE TABLE rlthf_team_schema (version integer NOT NULL);
INSERT INTO rlthf_team_schema VALUES (1);
INSERT INTO team_projects (id, name, lead_station)
    VALUES (1, 'line3', '00000000-0000-4000-8000-000000000000');
INSERT INTO team_stations (id, project_id, name) VALUES
    ('00000000-0000-4000-8000-000000000000', 1, 'lead'),
    ('00000000-0000-4000-8000-000000000001', 1, 'a'),
    ('00000000-0000-4000-8000-000000000002', 1, 'b');
INSERT INTO team_pairs (project_id, pair_id, prompt, response_a, response_b, content_hash,
                        shard, created_at)
    SELECT 1, i, 'p', 'a', 'b', 'h' || i, 0, 'now' FROM generate_series(1, 4) i;
INSERT INTO team_iterations (project_id, iteration) VALUES (1, 1);
INSERT INTO team_queue (project_id, iteration, pair_id, priority, reason, copies)
    VALUES (1, 1, 1, 1, 'zone', 2), (1, 1, 2, 2, 'zone', 1), (1, 1, 3, 3, 'zone', 1),
           (1, 1, 4, 4, 'zone', 1);
INSERT INTO team_claims (project_id, iteration, pair_id, station, claimed_at, lease_until,
                         done) VALUES
    (1, 1, 2, '00000000-0000-4000-8000-000000000001', now() - interval '2 hours', now(), true),
    (1, 1, 2, '00000000-0000-4000-8000-000000000002', now() - interval '1 hour', now(), true),
    (1, 1, 3, '00000000-0000-4000-8000-000000000002', now(), now() + interval '1 hour', false);
)sql"));
    // A station's role may not upgrade the tables: it is told who can.
    REQUIRE(admin->script("CREATE ROLE dave LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public "
                          "TO dave;"));
    {
        auto station = team::PgConnection::open(pg.uri("team", "dave"));
        REQUIRE(station);
        const Status refused = team::migrateServer(*station);
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.message(), Catch::Contains("only their owner (rlthf) can upgrade"));
    }
    // The lead's next sync upgrades them (the lead has published iteration 1 already).
    test::TempDir dir;
    auto lead = leadProject(dir, 4);
    team::Membership m = team::newMembership(pg.uri(), "line3", team::TeamRole::Lead);
    m.station = "00000000-0000-4000-8000-000000000000";
    m.publishedIteration = 1;
    REQUIRE(team::saveMembership(lead.db(), m));
    auto synced = team::syncMember(lead.db());
    INFO((synced.ok() ? std::string() : synced.message()));
    REQUIRE(synced);
    auto slots = admin->query("SELECT pair_id, copy, coalesce(station::text, ''), done FROM "
                              "team_claims ORDER BY pair_id, copy");
    REQUIRE(slots);
    std::vector<std::string> seen;
    for (int r = 0; r < slots->rows(); ++r)
        seen.push_back(fmt::format(
            "{}/{} {} {}", slots->text(r, 0), slots->text(r, 1),
            slots->text(r, 2).empty() ? "free" : slots->text(r, 2).substr(35), slots->text(r, 3)));
    CHECK(seen ==
          std::vector<std::string>{"1/1 free f", "1/2 free f", "2/1 1 t", "3/1 2 f", "4/1 free f"});
    CHECK(serverCount(pg.uri(), "SELECT max(version) FROM rlthf_team_schema") ==
          team::latestServerSchemaVersion());
}

TEST_CASE("pushing the same events again changes nothing on the server", "[team]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = publishedLead(pg, dir, 30);
    REQUIRE(team::joinProject(joining(pg, dir.file("st.rlthf"))));
    auto st = openProject(dir.file("st.rlthf"));
    for (auto id : queuedPairs(st.db()))
        verdict(st.db(), id, loop::Verdict::Confirm, "carol");
    REQUIRE(team::syncMember(st.db()));
    const auto onServer = serverCount(pg.uri(), "SELECT count(*) FROM team_events");
    // As if the sync had been killed after the server kept the events but before the
    // station noted it: the station sends them again.
    REQUIRE(st.db().execute("UPDATE team_events SET seq = NULL WHERE station IS NULL"));
    auto again = team::syncMember(st.db());
    REQUIRE(again);
    CHECK(again->pushedEvents == 0);
    CHECK(again->knownEvents == 20);
    CHECK(serverCount(pg.uri(), "SELECT count(*) FROM team_events") == onServer);
    CHECK(count(st.db(), "SELECT count(*) FROM team_events WHERE seq IS NULL") == 0);
}

TEST_CASE("events of a task still being staged during a sync are sent once it publishes them",
          "[team]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = publishedLead(pg, dir, 10);
    store::Database& db = lead.db();
    // A propagate stages a label (invisible until published); meanwhile the lead gives a
    // verdict, which gets a higher id, and a sync runs.
    auto batch = store::StagedBatch::begin(db, store::BatchKind::Propagate);
    REQUIRE(batch);
    REQUIRE((*batch)->beforeWrite());
    REQUIRE(db.execute("INSERT INTO label_events (pair_id, source, action, value, created_at, "
                       "batch_id) VALUES (250, 'propagated', 'label', 'b', 'now', ?)",
                       (*batch)->id()));
    REQUIRE((*batch)->afterWrite());
    REQUIRE((*batch)->commitChunk());
    verdict(db, 251, loop::Verdict::A, "lead");
    auto first = team::syncMember(db);
    REQUIRE(first);
    CHECK(first->pushedEvents == 1); // the verdict only
    CHECK(test::eventsWaiting(db) == 0);
    REQUIRE((*batch)->publish());
    CHECK(test::eventsWaiting(db) == 1);
    auto second = team::syncMember(db);
    REQUIRE(second);
    CHECK(second->pushedEvents == 1);
    CHECK(serverCount(pg.uri(), "SELECT count(*) FROM team_events WHERE pair_id = 250 AND "
                                "source = 'propagated'") == 1);
    // Nothing is looked at twice: a sync with nothing new sends nothing.
    auto third = team::syncMember(db);
    REQUIRE(third);
    CHECK(third->pushedEvents == 0);
}

TEST_CASE("the server's order of arrival decides the latest verdict, not the stations' clocks",
          "[team]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = publishedLead(pg, dir, 10);
    REQUIRE(team::joinProject(joining(pg, dir.file("st1.rlthf"))));
    REQUIRE(team::joinProject(joining(pg, dir.file("st2.rlthf"))));
    auto st1 = openProject(dir.file("st1.rlthf"));
    auto st2 = openProject(dir.file("st2.rlthf"));
    const std::int64_t pair = 200;
    verdict(st1.db(), pair, loop::Verdict::A, "alice"); // first, but pushed last
    verdict(st2.db(), pair, loop::Verdict::B, "bob");
    REQUIRE(team::syncMember(st2.db()));
    REQUIRE(team::syncMember(st1.db()));
    REQUIRE(team::syncMember(st2.db()));
    REQUIRE(team::syncMember(lead.db()));
    // alice's verdict reached the server last: it is the label everywhere, although on
    // bob's station it came in after his own and on alice's it was recorded first.
    CHECK(currentLabel(lead.db(), pair) == std::optional<std::string>("a"));
    CHECK(currentLabel(st1.db(), pair) == std::optional<std::string>("a"));
    CHECK(currentLabel(st2.db(), pair) == std::optional<std::string>("a"));
    // The two stations disagree: the lead sees the dispute, settles it, and the settlement
    // is the label on every station after their next sync.
    auto agreement = loop::annotatorAgreement(lead.db());
    REQUIRE(agreement);
    CHECK(agreement->unsettledPairs == std::vector<std::int64_t>{pair});
    // The lead's export gives the label in force with who gave it and at which station.
    auto row = test::exportedPairs(lead, dir.file("before.jsonl")).at(pair);
    CHECK(row.value("label").toString() == "a");
    CHECK(row.value("label_source").toString() == "human");
    CHECK(row.value("annotator").toString() == "alice");
    CHECK(row.value("station").toString().toStdString() == dir.file("st1.rlthf"));
    REQUIRE(loop::settle(lead.db(), pair, 'b', "lead"));
    REQUIRE(team::syncMember(lead.db()));
    REQUIRE(team::syncMember(st1.db()));
    CHECK(currentLabel(st1.db(), pair) == std::optional<std::string>("b"));
    // The settlement was given at the lead station.
    row = test::exportedPairs(lead, dir.file("after.jsonl")).at(pair);
    CHECK(row.value("label_source").toString() == "settled");
    CHECK(row.value("station").toString() == "lead");
    // A pair without an expert's label names no station.
    CHECK_FALSE(test::exportedPairs(lead, dir.file("ai.jsonl")).at(pair + 1).contains("station"));

    // A verdict given after that, not yet pushed, is the latest expert verdict on its own
    // station; the settlement still decides the label.
    verdict(st2.db(), pair, loop::Verdict::A, "bob");
    auto latest = st2.db().firstRow("SELECT value FROM expert_labels x LEFT JOIN team_events t "
                                    "ON t.event_id = x.id WHERE x.pair_id = ? AND x.source = "
                                    "'human' ORDER BY t.seq IS NULL DESC, t.seq DESC LIMIT 1",
                                    pair);
    REQUIRE(latest);
    REQUIRE(*latest);
    CHECK((*latest)->text(0) == "a");
    REQUIRE(team::syncMember(st2.db()));
    CHECK(currentLabel(st2.db(), pair) == std::optional<std::string>("b"));
}

TEST_CASE("a station works with the server down and syncs once it is back", "[team]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = publishedLead(pg, dir, 30);
    auto [st, claimed] = joinStation(pg, dir);

    pg.stop();
    for (auto id : claimed) // the expert goes on; nothing waits for the network
        verdict(st.db(), id, loop::Verdict::B, "dave");
    auto offline = team::syncMember(st.db());
    REQUIRE_FALSE(offline);
    CHECK_THAT(offline.message(), Catch::Contains("cannot reach the team server"));
    CHECK(count(st.db(), "SELECT count(*) FROM expert_labels WHERE annotator = 'dave'") == 20);

    pg.start();
    auto back = team::syncMember(st.db());
    REQUIRE(back);
    CHECK(back->pushedEvents == 20);
    REQUIRE(team::syncMember(lead.db()));
    CHECK(count(lead.db(), "SELECT count(*) FROM expert_labels WHERE annotator = 'dave'") == 20);
}

TEST_CASE("a server that stops answering mid-command is given up after the answer wait, not "
          "waited on for ever",
          "[team]") {
    test::PgCluster pg;
    using namespace std::chrono;
    constexpr milliseconds wait{1500};
    auto conn = team::PgConnection::open(pg.uri(), 5, wait);
    REQUIRE(conn);
    auto backend = conn->query("SELECT pg_backend_pid()");
    REQUIRE(backend);
    const auto pid = static_cast<pid_t>(backend->int64(0, 0));
    // The server process serving this connection stalls; its host still answers the network,
    // so TCP's own timeouts never fire.
    REQUIRE(::kill(pid, SIGSTOP) == 0);
    const auto start = steady_clock::now();
    auto stalled = conn->query("SELECT 1");
    const auto waited = steady_clock::now() - start;
    REQUIRE(::kill(pid, SIGCONT) == 0);
    REQUIRE_FALSE(stalled);
    CHECK_THAT(stalled.message(), Catch::Contains("no answer within 1 s"));
    CHECK(waited >= wait);
    CHECK(waited < wait + seconds(3));
    // The connection went with it; a new one works.
    CHECK_THAT(conn->query("SELECT 1").message(), Catch::Contains("not connected"));
    auto again = team::PgConnection::open(pg.uri(), 5, wait);
    REQUIRE(again);
    auto one = again->query("SELECT 1");
    REQUIRE(one);
    CHECK(one->int64(0, 0) == 1);
}

TEST_CASE("a station cut off mid-push holds the project's log only until the server ends its "
          "open transaction, and the other stations' syncs go on",
          "[team]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = publishedLead(pg, dir, 30);
    auto [st, claimed] = joinStation(pg, dir);
    for (auto id : claimed)
        verdict(st.db(), id, loop::Verdict::B, "dave");

    // The connection of a station whose cable was pulled while it pushed: its transaction
    // holds the project's log lock, and nothing more comes from it. (Its limit is shortened
    // here; the default is 30 s.)
    using namespace std::chrono;
    team::SessionLimits limits;
    limits.idleInTransaction = milliseconds(1500);
    auto cutOff = team::PgConnection::open(pg.uri(), 5, team::PgConnection::kAnswerWait, limits);
    REQUIRE(cutOff);
    REQUIRE(cutOff->execute("BEGIN"));
    REQUIRE(cutOff->execute("SELECT pg_advisory_xact_lock(72174, id::integer) FROM team_projects "
                            "WHERE name = 'line3'"));

    const auto start = steady_clock::now();
    auto synced = team::syncMember(st.db());
    const auto waited = steady_clock::now() - start;
    REQUIRE(synced);
    CHECK(synced->pushedEvents == 20);
    CHECK(waited >= milliseconds(1000)); // it did wait for the lock
    CHECK(waited < seconds(20));
    CHECK(serverCount(pg.uri(), "SELECT count(*) FROM team_events WHERE annotator = 'dave'") == 20);
    // The server ended the cut-off station's session.
    CHECK_FALSE(cutOff->query("SELECT 1"));
}

TEST_CASE("the server bounds this program's sessions: an open transaction left waiting, a lock "
          "waited on, a silent station",
          "[team]") {
    test::PgCluster pg;
    auto conn = team::PgConnection::open(pg.uri());
    REQUIRE(conn);
    const auto setting = [&](const char* name) {
        auto value = conn->query(std::string("SELECT current_setting('") + name + "')");
        REQUIRE(value);
        return value->text(0, 0);
    };
    CHECK(setting("idle_in_transaction_session_timeout") == "30s");
    CHECK(setting("lock_timeout") == "30s");
    CHECK(setting("tcp_keepalives_idle") != "");

    // A lock held past the wait: the command fails and says so in words.
    REQUIRE(conn->execute("BEGIN"));
    REQUIRE(conn->execute("SELECT pg_advisory_xact_lock(72174, 1)"));
    team::SessionLimits limits;
    limits.lockWait = std::chrono::milliseconds(500);
    auto other = team::PgConnection::open(pg.uri(), 5, team::PgConnection::kAnswerWait, limits);
    REQUIRE(other);
    auto waited = other->execute("SELECT pg_advisory_xact_lock(72174, 1)");
    REQUIRE_FALSE(waited);
    CHECK_THAT(waited.message(), Catch::Contains("kept the project locked too long"));
    REQUIRE(conn->execute("COMMIT"));
    CHECK(other->execute("SELECT pg_advisory_xact_lock(72174, 1)"));
}

TEST_CASE("a password in the server URI is refused and never written to a project", "[team]") {
    test::TempDir dir;
    auto lead = leadProject(dir, 5);
    team::PublishOptions publish;
    publish.server = "postgresql://lead:secret@db.example/team";
    publish.name = "line3";
    auto refused = team::publishProject(lead.db(), publish);
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.message(), Catch::Contains("PGPASSWORD"));
    CHECK_THAT(refused.message(), !Catch::Contains("secret"));
    CHECK(count(lead.db(), "SELECT count(*) FROM settings WHERE key = 'team'") == 0);
    CHECK(team::redactedUri("postgresql://lead:secret@db.example/team") ==
          "postgresql://lead:***@db.example/team");
    CHECK(team::redactedUri("postgresql:///team?host=/run&password=secret&sslmode=require") ==
          "postgresql:///team?host=/run&password=***&sslmode=require");
    CHECK_FALSE(team::uriHasPassword("postgresql://lead@db.example/team?sslmode=verify-full"));
}

TEST_CASE("a verdict given on an item whose lease went to another station is kept and shown "
          "to the lead as a conflict",
          "[team]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = leadProject(dir, 40);
    team::PublishOptions publish = test::publishing(pg);
    publish.overlapShare = 0.0;
    publish.leaseSeconds = 1;
    REQUIRE(team::publishProject(lead.db(), publish));
    REQUIRE(team::joinProject(joining(pg, dir.file("st1.rlthf"))));
    auto st1 = openProject(dir.file("st1.rlthf"));
    const auto held = queuedPairs(st1.db());
    REQUIRE(held.size() == 20);
    // Station 1 goes offline long enough for its leases to run out; station 2 claims the
    // same items; both judge them.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    REQUIRE(team::joinProject(joining(pg, dir.file("st2.rlthf"))));
    auto st2 = openProject(dir.file("st2.rlthf"));
    CHECK(queuedPairs(st2.db()) == held);
    verdict(st1.db(), held[0], loop::Verdict::A, "alice");
    verdict(st1.db(), held[1], loop::Verdict::A, "alice");
    verdict(st2.db(), held[0], loop::Verdict::B, "bob");
    verdict(st2.db(), held[1], loop::Verdict::A, "bob");
    REQUIRE(team::syncMember(st2.db()));
    REQUIRE(team::syncMember(st1.db()));
    auto report = team::syncMember(lead.db());
    REQUIRE(report);
    CHECK(report->conflicts == std::vector<std::int64_t>{held[0], held[1]});
    CHECK(count(lead.db(), "SELECT count(*) FROM expert_labels") == 4); // all kept
    auto agreement = loop::annotatorAgreement(lead.db());
    REQUIRE(agreement);
    CHECK(agreement->unsettledPairs == std::vector<std::int64_t>{held[0]});
}

TEST_CASE("a station's role, set up as the README says, adds to the log but cannot change it",
          "[team]") {
    // The administrator's statements of README.md (Team work), run after the first publish.
    const std::vector<std::string> grants = {
        "CREATE ROLE rlthf_station NOLOGIN;",
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO rlthf_station;",
        "GRANT INSERT, UPDATE ON team_stations TO rlthf_station;",
        "GRANT UPDATE ON team_claims TO rlthf_station;",
        "GRANT INSERT ON team_events TO rlthf_station;",
        "GRANT USAGE ON SEQUENCE team_events_seq_seq TO rlthf_station;",
    };
    const std::string readme = [] {
        std::ifstream in(RLTHF_SOURCE_DIR "/README.md");
        return std::string(std::istreambuf_iterator<char>(in), {});
    }();
    for (const auto& grant : grants)
        CHECK(readme.find(grant) != std::string::npos);

    test::PgCluster pg;
    test::TempDir dir;
    auto lead = publishedLead(pg, dir, 30);
    {
        auto admin = team::PgConnection::open(pg.uri());
        REQUIRE(admin);
        for (const auto& grant : grants)
            REQUIRE(admin->script(grant));
        REQUIRE(admin->script("CREATE ROLE carol LOGIN IN ROLE rlthf_station;"));
    }
    auto join = joining(pg, dir.file("st.rlthf"));
    join.server = pg.uri("team", "carol");
    auto joined = team::joinProject(join);
    INFO((joined.ok() ? std::string() : joined.message()));
    REQUIRE(joined);
    auto st = openProject(dir.file("st.rlthf"));
    for (auto id : queuedPairs(st.db()))
        verdict(st.db(), id, loop::Verdict::B, "carol");
    auto synced = team::syncMember(st.db());
    REQUIRE(synced);
    CHECK(synced->pushedEvents == 20);

    auto carol = team::PgConnection::open(pg.uri("team", "carol"));
    REQUIRE(carol);
    for (const char* change : {"UPDATE team_events SET value = 'a'", "DELETE FROM team_events",
                               "DELETE FROM team_claims", "TRUNCATE team_events",
                               "INSERT INTO team_claims (project_id, iteration, pair_id, copy) "
                               "VALUES (1, 1, 1, 3)"}) {
        INFO(change);
        auto refused = carol->script(change);
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.message(), Catch::Contains("permission denied"));
    }
    CHECK(serverCount(pg.uri(), "SELECT count(*) FROM team_events WHERE annotator = 'carol'") ==
          20);
}

TEST_CASE("programs of one station syncing at once wait for each other on the server instead "
          "of deadlocking",
          "[team]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = publishedLead(pg, dir, 60, 0);
    REQUIRE(team::joinProject(joining(pg, dir.file("st1.rlthf"))));
    REQUIRE(team::joinProject(joining(pg, dir.file("st2.rlthf"))));
    // Each thread stands for a program with its own connections: the window's background
    // sync, `rlthf team sync` (now and then with --leave), and another station. Without the
    // station's lock, PostgreSQL aborted one of them as a deadlock in 5 of 6 runs.
    std::mutex guard;
    std::vector<std::string> failures;
    auto syncMany = [&](const std::string& path, bool leaveSometimes) {
        auto project = store::Project::open(path);
        for (int i = 0; project && i < 120; ++i) {
            team::SyncOptions options;
            options.claimBatch = 5 + i % 7;
            options.leaving = leaveSometimes && i % 5 == 4;
            if (auto synced = team::syncMember(project->db(), options); !synced) {
                std::lock_guard lock(guard);
                failures.push_back(synced.message());
            }
        }
        if (!project) {
            std::lock_guard lock(guard);
            failures.push_back(project.message());
        }
    };
    std::vector<std::thread> programs;
    programs.emplace_back(syncMany, dir.file("st1.rlthf"), false);
    programs.emplace_back(syncMany, dir.file("st1.rlthf"), true);
    programs.emplace_back(syncMany, dir.file("st1.rlthf"), true);
    programs.emplace_back(syncMany, dir.file("st2.rlthf"), false);
    for (auto& program : programs)
        program.join();
    INFO((failures.empty() ? std::string() : failures.front()));
    CHECK(failures.empty());
}
