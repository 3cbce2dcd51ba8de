#include "TaskTestFixtures.h"

#include "ui/tasks/TaskProgressWidget.h"
#include "ui/tasks/TaskRunner.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace rlthf;
using rlthf::ui::TaskProgress;
using rlthf::ui::TaskProgressWidget;
using rlthf::ui::TaskResult;
using rlthf::ui::TaskRunner;

TEST_CASE("TaskProgressWidget describes progress in one line", "[tasks][widget]") {
    TaskProgress p;
    p.task = QStringLiteral("Retrain & rescore");
    p.phase = QStringLiteral("Training");
    p.epoch = 3;
    p.maxEpochs = 20;
    p.fraction = 0.42;
    p.secondsLeft = 11.2;
    CHECK(TaskProgressWidget::describe(p) == QStringLiteral("Training · epoch 3/20 · 42% · about 12 s left"));

    p.epoch = 0;
    p.secondsLeft = 600;
    p.phase = QStringLiteral("Importing");
    CHECK(TaskProgressWidget::describe(p) == QStringLiteral("Importing · 42% · about 10 min left"));

    p.indeterminate = true;
    p.secondsLeft = -1;
    p.phase = QStringLiteral("Propagating");
    CHECK(TaskProgressWidget::describe(p) == QStringLiteral("Propagating"));
}

TEST_CASE("TaskProgressWidget follows the runner and cancels it", "[tasks][widget]") {
    test::FactoryProject fx;
    TaskRunner runner;
    TaskProgressWidget widget(&runner);
    CHECK(widget.isHidden());

    QSignalSpy finished(&runner, &TaskRunner::finished);
    QSignalSpy progress(&runner, &TaskRunner::progress);
    auto settings = test::quickSettings(200);
    settings.engine.train.patience = 1000;
    REQUIRE(runner.startRetrain(fx.qpath(), settings));
    CHECK_FALSE(widget.isHidden());
    REQUIRE(progress.wait(120000));
    QTRY_VERIFY(widget.label()->text().startsWith(QStringLiteral("Training · epoch ")));
    CHECK(widget.cancelButton()->isEnabled());

    QTest::mouseClick(widget.cancelButton(), Qt::LeftButton);
    CHECK(runner.isCancelling());
    CHECK_FALSE(widget.cancelButton()->isEnabled());
    if (finished.isEmpty())
        REQUIRE(finished.wait(120000));
    const auto result = finished.takeFirst().at(0).value<TaskResult>();
    CHECK(result.cancelled);
    CHECK(widget.isHidden());
    CHECK(fx.doneIterations() == 0);
}
