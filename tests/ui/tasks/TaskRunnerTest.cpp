#include "TaskTestFixtures.h"

#include "loop/Review.h"
#include "ui/tasks/TaskRunner.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

#include <fstream>
#include <memory>

using namespace rlthf;
using rlthf::ui::TaskKind;
using rlthf::ui::TaskProgress;
using rlthf::ui::TaskResult;
using rlthf::ui::TaskRunner;

namespace {

constexpr int kJobTimeoutMs = 120000;

TaskResult waitForResult(QSignalSpy& finished) {
    if (finished.isEmpty())
        REQUIRE(finished.wait(kJobTimeoutMs));
    REQUIRE(finished.count() == 1);
    return finished.takeFirst().at(0).value<TaskResult>();
}

} // namespace

TEST_CASE("TaskRunner retrains on a worker thread and reports progress", "[tasks][retrain]") {
    test::FactoryProject fx;
    TaskRunner runner;
    QSignalSpy started(&runner, &TaskRunner::started);
    QSignalSpy finished(&runner, &TaskRunner::finished);
    std::vector<TaskProgress> reports;
    QObject::connect(&runner, &TaskRunner::progress, [&](const TaskProgress& p) { reports.push_back(p); });

    // The GUI thread keeps running its timers while the job runs.
    int ticks = 0;
    QTimer timer;
    timer.setInterval(5);
    QObject::connect(&timer, &QTimer::timeout, [&] { ++ticks; });
    timer.start();

    REQUIRE(runner.startRetrain(fx.qpath(), test::quickSettings()));
    CHECK(runner.isRunning());
    CHECK(runner.currentKind() == TaskKind::Retrain);
    CHECK_FALSE(runner.startRetrain(fx.qpath(), test::quickSettings())); // one job at a time
    REQUIRE(started.count() == 1);

    const TaskResult result = waitForResult(finished);
    timer.stop();
    INFO(result.message.toStdString());
    CHECK(result.ok);
    CHECK_FALSE(result.cancelled);
    CHECK(result.kind == TaskKind::Retrain);
    CHECK_FALSE(runner.isRunning());
    CHECK(result.counts.iteration == 1);
    CHECK(result.staleVerdicts == 0);
    CHECK(result.revisionAtStart == result.revisionAtEnd);
    CHECK(result.revisionAtStart == fx.labelEvents()); // label ids count from 1 in a fresh project
    CHECK(fx.doneIterations() == 1);
    CHECK(ticks >= 3);

    REQUIRE(reports.size() >= 3);
    // Throttled: at most ~20 a second, plus one per phase change.
    CHECK(static_cast<double>(reports.size()) <= result.elapsedSeconds * 20.0 + 4.0);
    bool sawEpoch = false;
    bool sawTraining = false;
    for (std::size_t i = 0; i < reports.size(); ++i) {
        const auto& p = reports[i];
        CHECK(p.kind == TaskKind::Retrain);
        CHECK_FALSE(p.task.isEmpty());
        CHECK(p.fraction >= 0.0);
        CHECK(p.fraction <= 1.0);
        if (i > 0)
            CHECK(p.fraction >= reports[i - 1].fraction);
        sawEpoch = sawEpoch || (p.epoch >= 1 && p.maxEpochs == 6);
        sawTraining = sawTraining || p.phase == QStringLiteral("Training");
        if (p.phase != QStringLiteral("Training")) // scoring and curating have no epochs
            CHECK(p.epoch == 0);
    }
    CHECK(sawEpoch);
    CHECK(sawTraining);
    CHECK(reports.back().fraction > reports.front().fraction);
    CHECK(reports.back().phase == QStringLiteral("Curating"));
}

TEST_CASE("A cancelled retrain leaves the project unchanged", "[tasks][retrain][cancel]") {
    test::FactoryProject fx;
    TaskRunner runner;
    {
        QSignalSpy finished(&runner, &TaskRunner::finished);
        REQUIRE(runner.startRetrain(fx.qpath(), test::quickSettings()));
        REQUIRE(waitForResult(finished).ok);
    }
    REQUIRE(fx.doneIterations() == 1);
    const auto iterations = fx.doneIterations();
    const auto events = fx.labelEvents();
    const auto modelRuns = fx.count("SELECT count(*) FROM model_runs");
    const std::string before = fx.checkpointedBytes();

    QSignalSpy finished(&runner, &TaskRunner::finished);
    QSignalSpy cancelRequested(&runner, &TaskRunner::cancelRequested);
    int progressCount = 0;
    QObject::connect(&runner, &TaskRunner::progress, &runner, [&](const TaskProgress&) {
        if (++progressCount == 1)
            runner.cancel();
    });
    // A longer run, so the cancel lands while the model trains.
    auto settings = test::quickSettings(200);
    settings.engine.train.patience = 1000;
    REQUIRE(runner.startRetrain(fx.qpath(), settings));
    const TaskResult result = waitForResult(finished);
    INFO(result.message.toStdString());
    CHECK(progressCount >= 1);
    CHECK(cancelRequested.count() == 1);
    CHECK_FALSE(result.ok);
    CHECK(result.cancelled);
    CHECK_FALSE(result.message.isEmpty());
    CHECK_FALSE(runner.isRunning());

    CHECK(fx.doneIterations() == iterations);
    CHECK(fx.count("SELECT count(*) FROM iterations") == iterations);
    CHECK(fx.labelEvents() == events);
    CHECK(fx.count("SELECT count(*) FROM model_runs") == modelRuns);
    CHECK(fx.checkpointedBytes() == before);

    // The runner takes the next job.
    QSignalSpy again(&runner, &TaskRunner::finished);
    REQUIRE(runner.startPropagate(fx.qpath(), test::quickSettings()));
    const TaskResult propagated = waitForResult(again);
    INFO(propagated.message.toStdString());
    CHECK(propagated.kind == TaskKind::Propagate);
    CHECK(propagated.ok); // shard fraction 1: nothing outside the active shard
    CHECK(propagated.counts.labelled == 0);
}

TEST_CASE("Verdicts given while a retrain runs are kept and reported as stale", "[tasks][retrain][stale]") {
    test::FactoryProject fx;
    TaskRunner runner;
    QSignalSpy finished(&runner, &TaskRunner::finished);
    const auto revisionBefore = fx.labelEvents();
    int progressCount = 0;
    std::vector<std::int64_t> written;
    QObject::connect(&runner, &TaskRunner::progress, &runner, [&](const TaskProgress&) {
        if (++progressCount != 1)
            return;
        // On the GUI's own connection, while the worker trains.
        for (std::int64_t pairId : {1, 2, 3}) {
            auto recorded = loop::recordVerdict(fx.project.db(), {pairId, loop::Verdict::A, "tester", {}});
            if (!recorded)
                FAIL("verdict not written: " << recorded.message());
            written.push_back(recorded->eventId);
        }
    });
    auto settings = test::quickSettings(100);
    settings.engine.train.patience = 1000;
    REQUIRE(runner.startRetrain(fx.qpath(), settings));
    const TaskResult result = waitForResult(finished);
    INFO(result.message.toStdString());
    REQUIRE(written.size() == 3);
    CHECK(result.ok);
    CHECK(result.staleVerdicts == 3);
    CHECK(result.revisionAtStart == revisionBefore);
    CHECK(result.revisionAtEnd == written.back());
    CHECK(result.message.contains(QStringLiteral("3 verdicts")));
    CHECK(result.message.contains(QStringLiteral("next iteration")));
    CHECK(fx.labelEvents() == revisionBefore + 3);
    CHECK(fx.count("SELECT count(*) FROM label_events WHERE source = 'human'") == 3);
    CHECK(fx.doneIterations() == 1);
    CHECK(fx.count("SELECT data_revision FROM iterations") == revisionBefore);
}

TEST_CASE("Import and export run through the TaskRunner", "[tasks][import][export]") {
    test::FactoryProject fx(200);
    TaskRunner runner;
    const auto pairs = fx.pairCount();
    const auto events = fx.labelEvents();
    const std::string before = fx.checkpointedBytes();

    SECTION("a bad line fails with FILE:LINE and changes nothing") {
        const std::string bad = fx.dir.file("bad.jsonl");
        REQUIRE(demo::writeFactoryPairs({5, 99}, bad));
        {
            std::ofstream out(bad, std::ios::app);
            out << "{\"id\": \"broken\", \"prompt\": 42\n";
        }
        QSignalSpy finished(&runner, &TaskRunner::finished);
        REQUIRE(runner.startImport(fx.qpath(), {QString::fromStdString(bad)}, {}));
        const TaskResult result = waitForResult(finished);
        INFO(result.message.toStdString());
        CHECK(result.kind == TaskKind::Import);
        CHECK_FALSE(result.ok);
        CHECK_FALSE(result.cancelled);
        CHECK(result.message.startsWith(QString::fromStdString(bad) + QStringLiteral(":6: ")));
        CHECK(result.revisionAtStart == result.revisionAtEnd);
        CHECK(fx.pairCount() == pairs);
        CHECK(fx.labelEvents() == events);
        CHECK(fx.checkpointedBytes() == before);
    }

    SECTION("a good import reports its counts") {
        const std::string more = fx.dir.file("more.jsonl");
        REQUIRE(demo::writeFactoryPairs({250}, more)); // the first 200 are already in
        QSignalSpy finished(&runner, &TaskRunner::finished);
        REQUIRE(runner.startImport(fx.qpath(), {QString::fromStdString(more)}, {}));
        const TaskResult result = waitForResult(finished);
        INFO(result.message.toStdString());
        CHECK(result.ok);
        CHECK(result.counts.imported >= 45); // the generator repeats a pair now and then
        CHECK(result.counts.imported + result.counts.duplicates == 250);
        CHECK(result.counts.labels > 0);
        CHECK(result.revisionAtEnd > result.revisionAtStart);
        CHECK(fx.pairCount() == pairs + result.counts.imported);
        CHECK_FALSE(result.message.isEmpty());
    }

    SECTION("export writes the file") {
        const std::string out = fx.dir.file("export.jsonl");
        QSignalSpy finished(&runner, &TaskRunner::finished);
        REQUIRE(runner.startExport(fx.qpath(), QString::fromStdString(out), {}));
        const TaskResult result = waitForResult(finished);
        INFO(result.message.toStdString());
        CHECK(result.kind == TaskKind::Export);
        CHECK(result.ok);
        CHECK(result.counts.rows == pairs);
        REQUIRE(result.files.size() == 1);
        CHECK(result.files.front() == QString::fromStdString(out));
        std::ifstream in(out);
        REQUIRE(in.good());
        std::int64_t lines = 0;
        for (std::string line; std::getline(in, line);)
            ++lines;
        CHECK(lines == pairs);
    }

    SECTION("a missing project fails without a crash") {
        QSignalSpy finished(&runner, &TaskRunner::finished);
        REQUIRE(runner.startExport(QString::fromStdString(fx.dir.file("nope.rlthf")),
                                   QString::fromStdString(fx.dir.file("x.jsonl")), {}));
        const TaskResult result = waitForResult(finished);
        CHECK_FALSE(result.ok);
        CHECK_FALSE(result.message.isEmpty());
    }
}

TEST_CASE("Destroying the runner cancels the job and joins its thread", "[tasks][cancel]") {
    test::FactoryProject fx;
    const auto events = fx.labelEvents();
    {
        auto runner = std::make_unique<TaskRunner>();
        QSignalSpy progress(runner.get(), &TaskRunner::progress);
        auto settings = test::quickSettings(200);
        settings.engine.train.patience = 1000;
        REQUIRE(runner->startRetrain(fx.qpath(), settings));
        REQUIRE(progress.wait(kJobTimeoutMs));
        runner.reset(); // must not hang nor crash
    }
    CHECK(fx.doneIterations() == 0);
    CHECK(fx.labelEvents() == events);
}
