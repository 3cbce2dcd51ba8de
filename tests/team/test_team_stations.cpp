// Three station processes record 500 verdicts each through the real `rlthf` while the team
// server is restarted twice and one station is SIGKILLed and started again. Afterwards the
// server's log holds every acknowledged verdict exactly once, no item outside the overlap
// share was claimed by two stations, and the lead's project holds the union.

#include "Spawn.h"
#include "TeamFixtures.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fstream>
#include <map>
#include <set>
#include <sys/wait.h>
#include <thread>

using namespace rlthf;
using namespace std::chrono_literals;

namespace {

constexpr int kStations = 3;
constexpr int kVerdictsEach = 500;

std::set<std::int64_t> acknowledged(const std::string& file) {
    std::set<std::int64_t> ids;
    std::ifstream in(file);
    for (std::int64_t id; in >> id;)
        ids.insert(id);
    return ids;
}

struct StationRun {
    std::string db, annotator, acked;
    int parity = 0; // its verdicts: a on pairs whose id plus parity is even, else b
    pid_t pid = -1;
};

void startLoop(StationRun& s, const std::string& log) {
    // setsid: the loop leads its own process group, so one signal stops it and its children.
    s.pid = test::spawnLogged("/usr/bin/setsid",
                              {"bash", RLTHF_STATION_LOOP, std::string(RLTHF_BIN_DIR) + "/rlthf",
                               s.db, s.annotator, s.acked, std::to_string(kVerdictsEach),
                               std::to_string(s.parity)},
                              log);
    REQUIRE(s.pid > 0);
}

std::size_t totalAcknowledged(const std::vector<StationRun>& stations) {
    std::size_t n = 0;
    for (const auto& s : stations)
        n += acknowledged(s.acked).size();
    return n;
}

void waitFor(const std::vector<StationRun>& stations, std::size_t verdicts) {
    const auto deadline = std::chrono::steady_clock::now() + 600s;
    while (totalAcknowledged(stations) < verdicts) {
        REQUIRE(std::chrono::steady_clock::now() < deadline);
        std::this_thread::sleep_for(100ms);
    }
}

} // namespace

TEST_CASE("three stations, two server restarts and a killed station: every acknowledged "
          "verdict reaches the server once",
          "[team][stations]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = test::leadProject(dir, 1800, 2200);
    store::Database& leadDb = lead.db();
    REQUIRE(team::publishProject(leadDb, test::publishing(pg)));

    std::vector<StationRun> stations(kStations);
    for (int i = 0; i < kStations; ++i) {
        auto& s = stations[static_cast<std::size_t>(i)];
        s.db = dir.file(fmt::format("station{}.rlthf", i));
        s.annotator = fmt::format("expert{}", i);
        s.acked = dir.file(fmt::format("acked{}.txt", i));
        s.parity = i % 2;
        team::JoinOptions join{pg.uri(), "line3", s.db, fmt::format("bench{}", i)};
        REQUIRE(team::joinProject(join));
        startLoop(s, dir.file(fmt::format("loop{}", i)));
    }

    const std::size_t all = kStations * kVerdictsEach;
    waitFor(stations, all / 5);
    pg.stop(); // the server goes away mid-work...
    std::this_thread::sleep_for(1500ms);
    pg.start(); // ...and comes back
    waitFor(stations, all * 2 / 5);
    kill(-stations[1].pid, SIGKILL); // a station dies, whatever it was doing
    waitpid(stations[1].pid, nullptr, 0);
    startLoop(stations[1], dir.file("loop1-again"));
    waitFor(stations, all * 3 / 5);
    pg.stop();
    std::this_thread::sleep_for(1500ms);
    pg.start();
    for (auto& s : stations) {
        int status = 0;
        REQUIRE(waitpid(s.pid, &status, 0) == s.pid);
        CHECK(WIFEXITED(status));
    }

    // A last sync everywhere, with the server up.
    std::map<std::string, std::set<std::int64_t>> expected;
    for (auto& s : stations) {
        auto project = store::Project::open(s.db);
        REQUIRE(project);
        REQUIRE(team::syncMember(project->db()));
        expected[s.annotator] = acknowledged(s.acked);
        CHECK(expected[s.annotator].size() == kVerdictsEach);
    }
    REQUIRE(team::syncMember(leadDb));

    auto conn = team::PgConnection::open(pg.uri());
    REQUIRE(conn);
    // Every acknowledged verdict is on the server exactly once; nothing else is.
    auto events = conn->query("SELECT annotator, pair_id, count(*) FROM team_events "
                              "WHERE source = 'human' GROUP BY annotator, pair_id");
    REQUIRE(events);
    std::map<std::string, std::set<std::int64_t>> onServer;
    for (int r = 0; r < events->rows(); ++r) {
        CHECK(events->int64(r, 2) == 1);
        onServer[events->text(r, 0)].insert(events->int64(r, 1));
    }
    for (const auto& [who, ids] : expected) {
        INFO(who);
        // The killed station's last annotate may have recorded a verdict it never
        // acknowledged; anything else on the server was acknowledged.
        std::vector<std::int64_t> unacknowledged;
        for (auto id : onServer[who])
            if (!ids.count(id))
                unacknowledged.push_back(id);
        CHECK(unacknowledged.size() <= (who == "expert1" ? 1u : 0u));
        for (auto id : ids)
            CHECK(onServer[who].count(id) == 1);
    }
    // No item outside the overlap share went to two stations: none was judged by two.
    auto doubled = conn->query(
        "SELECT count(*) FROM (SELECT e.pair_id FROM team_events e JOIN team_queue q USING "
        "(project_id, pair_id) WHERE q.copies = 1 AND e.source = 'human' GROUP BY e.pair_id "
        "HAVING count(DISTINCT e.station) > 1) d");
    REQUIRE(doubled);
    CHECK(doubled->int64(0, 0) == 0);
    // The lead has the union, each verdict once...
    std::size_t total = 0;
    for (const auto& [who, ids] : onServer)
        total += ids.size();
    auto atLead = leadDb.scalar("SELECT count(*) FROM expert_labels");
    REQUIRE(atLead);
    CHECK(static_cast<std::size_t>(atLead->value_or(0)) == total);
    // ...and its export gives every judged pair the verdict that reached the server last,
    // with who gave it and where; every other pair keeps its AI label.
    auto latest =
        conn->query("SELECT DISTINCT ON (e.pair_id) e.pair_id, e.value, e.annotator, s.name "
                    "FROM team_events e JOIN team_stations s ON s.id = e.station "
                    "WHERE e.source = 'human' ORDER BY e.pair_id, e.seq DESC");
    REQUIRE(latest);
    CHECK(latest->rows() >= static_cast<int>(kVerdictsEach));
    auto exported = test::exportedPairs(lead, dir.file("lead.jsonl"));
    std::size_t judged = 0;
    for (int r = 0; r < latest->rows(); ++r) {
        const auto& row = exported.at(latest->int64(r, 0));
        INFO(latest->int64(r, 0));
        CHECK(row.value("label_source").toString() == "human");
        CHECK(row.value("label").toString().toStdString() == latest->text(r, 1));
        CHECK(row.value("annotator").toString().toStdString() == latest->text(r, 2));
        CHECK(row.value("station").toString().toStdString() == latest->text(r, 3));
    }
    for (const auto& [id, row] : exported)
        judged += row.value("label_source").toString() == "human";
    CHECK(judged == static_cast<std::size_t>(latest->rows()));
}
