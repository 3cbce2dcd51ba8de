// The status bar's team part on a real station: it syncs in the background, counts the
// verdicts waiting while the server is down, and sends them once it is back.

#include "TeamFixtures.h"
#include "document/ProjectDocument.h"
#include "loop/Review.h"
#include "ui/MainWindow.h"
#include "ui/TeamStatus.h"
#include "ui/charts/CurveChartView.h"

#include <QChart>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <catch2/catch.hpp>

using namespace rlthf;

namespace {

// Waits for the next sync to end; its state.
document::TeamState nextSync(document::ProjectDocument& doc, ui::TeamStatus& status) {
    QSignalSpy synced(&doc, &document::ProjectDocument::teamSynced);
    status.syncNow();
    REQUIRE(synced.wait(20000));
    return status.state();
}

} // namespace

TEST_CASE("the team status syncs a station, counts what waits offline and sends it later",
          "[team][ui]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = test::publishedLead(pg, dir, 30);
    REQUIRE(team::joinProject(test::joining(pg, dir.file("st.rlthf"))));
    auto doc = document::ProjectDocument::open(QString::fromStdString(dir.file("st.rlthf")),
                                               document::OpenMode::Existing);
    REQUIRE(doc);
    ui::TeamStatus status;
    {
        QSignalSpy synced(doc->get(), &document::ProjectDocument::teamSynced);
        status.setDocument(doc->get()); // syncs at once
        REQUIRE(synced.wait(20000));
    }
    CHECK(status.state().member);
    CHECK(status.state().station);
    CHECK(status.state().reachable);
    CHECK(status.text().startsWith(QStringLiteral("Team line3: synced ")));

    pg.stop();
    auto queue = (*doc)->openQueue(5);
    REQUIRE(queue);
    REQUIRE(queue->size() == 5);
    for (auto pair : *queue) {
        QSignalSpy written(doc->get(), &document::ProjectDocument::verdictWritten);
        REQUIRE((*doc)->record({pair, loop::Verdict::A, "erin", std::nullopt}) != 0);
        REQUIRE(written.wait(5000));
    }
    CHECK(status.text().endsWith(QStringLiteral("5 verdicts waiting")));
    const auto offline = nextSync(**doc, status);
    CHECK_FALSE(offline.reachable);
    CHECK(offline.waiting == 5);
    CHECK(status.text().contains(QStringLiteral("offline")));
    CHECK(status.toolTip().contains(QStringLiteral("cannot reach the team server")));

    pg.start();
    const auto back = nextSync(**doc, status);
    CHECK(back.reachable);
    CHECK(back.waiting == 0);
    CHECK_FALSE(status.text().contains(QStringLiteral("waiting")));
    CHECK(test::serverCount(pg.uri(), "SELECT count(*) FROM team_events WHERE annotator = "
                                      "'erin'") == 5);
    status.setDocument(nullptr);

    // File ▸ Save a Copy makes a project of its own: opened, it would otherwise sync as this
    // station, under its claims.
    const auto copy = QString::fromStdString(dir.file("copy.rlthf"));
    std::optional<Status> saved;
    (*doc)->saveCopy(copy, [&](Status status) { saved = std::move(status); });
    REQUIRE(QTest::qWaitFor([&] { return saved.has_value(); }, 30000));
    REQUIRE(*saved);
    CHECK((*doc)->teamState().member);
    auto copied = document::ProjectDocument::open(copy, document::OpenMode::Existing);
    REQUIRE(copied);
    CHECK_FALSE((*copied)->teamState().member);
    auto copyProject = test::openProject(copy.toStdString());
    CHECK(test::count(copyProject.db(), "SELECT count(*) FROM expert_labels WHERE annotator = "
                                        "'erin'") == 5);
}

TEST_CASE("a sync that hands back claims tells the window its queue changed", "[team][ui]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = test::publishedLead(pg, dir, 10, 0);
    REQUIRE(team::joinProject(test::joining(pg, dir.file("st1.rlthf"))));
    auto doc = document::ProjectDocument::open(QString::fromStdString(dir.file("st1.rlthf")),
                                               document::OpenMode::Existing);
    REQUIRE(doc);
    ui::TeamStatus status;
    {
        QSignalSpy synced(doc->get(), &document::ProjectDocument::teamSynced);
        status.setDocument(doc->get());
        REQUIRE(synced.wait(20000));
    }
    REQUIRE((*doc)->openQueue(20)->size() == 10);
    REQUIRE(team::joinProject(test::joining(pg, dir.file("st2.rlthf"))));

    QSignalSpy changed(&status, &ui::TeamStatus::queueChanged);
    CHECK(nextSync(**doc, status).queueChanged);
    CHECK(changed.count() == 1);
    CHECK((*doc)->openQueue(20)->size() == 5);
}

TEST_CASE("a station's window hands its open items back when it closes or opens another "
          "project, after sending its verdicts",
          "[team][ui]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = test::publishedLead(pg, dir, 10, 0);
    REQUIRE(team::joinProject(test::joining(pg, dir.file("st1.rlthf"))));
    const auto station = QString::fromStdString(dir.file("st1.rlthf"));
    const auto openClaims = [&] {
        return test::serverCount(pg.uri(), "SELECT count(*) FROM team_claims WHERE station IS "
                                           "NOT NULL AND NOT done AND lease_until > now()");
    };
    REQUIRE(openClaims() == 10);

    ui::MainWindow window;
    window.setInteractive(false);
    window.setAnnotator(QStringLiteral("aiko"));
    window.show();
    REQUIRE(window.openProject(station));
    auto* doc = window.projectDocument();
    const auto queue = doc->openQueue(20);
    REQUIRE(queue);
    REQUIRE(queue->size() == 10);
    {
        QSignalSpy written(doc, &document::ProjectDocument::verdictWritten);
        REQUIRE(doc->record({queue->front(), loop::Verdict::A, "aiko", std::nullopt}) != 0);
        REQUIRE(written.wait(5000));
    }
    REQUIRE(window.newProject(QString::fromStdString(dir.file("other.rlthf"))));
    CHECK(openClaims() == 0); // the nine unanswered items are free for the others now
    CHECK(test::serverCount(pg.uri(), "SELECT count(*) FROM team_events WHERE annotator = "
                                      "'aiko'") == 1);

    // Opened again, it claims them back (its first sync); closed, it hands them back.
    REQUIRE(window.openProject(station));
    QTRY_VERIFY_WITH_TIMEOUT(openClaims() == 9, 20000);
    CHECK(window.close());
    CHECK(openClaims() == 0);

    // Without the server the window still closes, after a few seconds at most; the items
    // then wait for their leases.
    auto st1 = test::openProject(dir.file("st1.rlthf"));
    REQUIRE(team::syncMember(st1.db()));
    REQUIRE(openClaims() == 9);
    ui::MainWindow offline;
    offline.setInteractive(false);
    offline.show();
    REQUIRE(offline.openProject(station));
    pg.stop();
    CHECK(offline.close());
    pg.start();
    CHECK(openClaims() == 9);
}

TEST_CASE("a station's window says that the reward-margin curve is on the lead's project, not "
          "that it could not be read",
          "[team][ui]") {
    test::PgCluster pg;
    test::TempDir dir;
    auto lead = test::publishedLead(pg, dir, 30);
    REQUIRE(team::joinProject(test::joining(pg, dir.file("st.rlthf"))));
    // The station has the lead's finished iteration (its queue) but not its model and scores.
    auto station = test::openProject(dir.file("st.rlthf"));
    CHECK(test::count(station.db(), "SELECT count(*) FROM iterations WHERE status = 'done'") == 1);
    CHECK(test::count(station.db(), "SELECT count(*) FROM model_runs") == 0);
    auto curve = loop::latestCurve(station.db());
    REQUIRE(curve);
    CHECK_FALSE(*curve);

    ui::MainWindow window;
    window.setInteractive(false);
    QSignalSpy charts(&window, &ui::MainWindow::chartsRefreshed);
    REQUIRE(window.openProject(QString::fromStdString(dir.file("st.rlthf"))));
    REQUIRE(charts.wait(20000));
    CHECK(window.curveChart()->placeholder() == ui::ChartPlaceholder::OnLead);
    CHECK(window.curveChart()->chart()->title().contains(QStringLiteral("lead's project")));
    CHECK_FALSE(window.statusBar()->currentMessage().contains(QStringLiteral("could not be read")));
}
