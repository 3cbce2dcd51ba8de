// The iteration history of a project with fake iterations, and HistoryChartView's series.

#include "ui/charts/HistoryChartView.h"

#include "DockSizes.h"
#include "LegendLines.h"
#include "TickGap.h"
#include "UiFixtures.h"
#include "ui/charts/ChartLegend.h"
#include "ui/i18n/Language.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QLineSeries>
#include <QTemporaryDir>
#include <QTest>
#include <QVBoxLayout>
#include <QValueAxis>
#include <catch2/catch.hpp>
#include <cmath>

using rlthf::ui::HistoryChartView;
using rlthf::ui::IterationPoint;

namespace {

void insertIteration(rlthf::store::Database& db, const std::string& status,
                     const std::string& params, const std::string& metrics) {
    auto ok = db.execute("INSERT INTO iterations(started_at, finished_at, data_revision, status, "
                         "params, metrics) VALUES (?, ?, ?, ?, ?, ?)",
                         "2024-01-01T00:00:00.000Z", "2024-01-01T00:01:00.000Z", 1, status, params,
                         metrics);
    if (!ok)
        FAIL("cannot insert iteration: " << ok.message());
}

} // namespace

TEST_CASE("the history reads the finished iterations' metrics", "[charts][history]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    auto project =
        rlthf::test::createProject(dir.filePath(QStringLiteral("h.rlthf")).toStdString());
    auto& db = project.db();
    insertIteration(db, "done", R"({"iteration":1,"alpha":0.3})",
                    R"({"alpha":0.3,"beta":0.2,"human_labels":12,"flips":4,)"
                    R"("rm_gold_accuracy":null,"curated_label_accuracy":null})");
    insertIteration(db, "failed", R"({"iteration":2})", R"({})");
    insertIteration(db, "done", R"({"iteration":2})",
                    R"({"human_labels":40,"flips":9,"rm_gold_accuracy":0.81,)"
                    R"("curated_label_accuracy":0.93,"zones":{"kept":10}})");
    insertIteration(db, "running", R"({"iteration":3})", R"({})");

    auto finished = rlthf::loop::iterationHistory(db);
    REQUIRE(finished);
    const auto history = rlthf::ui::historyPoints(*finished);
    REQUIRE(history.size() == 2);
    CHECK(history[0].number == 1);
    CHECK(history[0].humanLabels == 12);
    CHECK(history[0].flips == 4);
    CHECK_FALSE(history[0].rmGoldAccuracy.has_value());
    CHECK_FALSE(history[0].curatedLabelAccuracy.has_value());
    CHECK(history[1].number == 2);
    CHECK(history[1].humanLabels == 40);
    CHECK(history[1].flips == 9);
    REQUIRE(history[1].rmGoldAccuracy.has_value());
    CHECK(*history[1].rmGoldAccuracy == Approx(0.81));
    REQUIRE(history[1].curatedLabelAccuracy.has_value());
    CHECK(*history[1].curatedLabelAccuracy == Approx(0.93));

    HistoryChartView view;
    view.setHistory(history);
    REQUIRE(view.barSeries() != nullptr);
    REQUIRE(view.humanLabelSet() != nullptr);
    REQUIRE(view.flipSet() != nullptr);
    CHECK(view.humanLabelSet()->count() == 2);
    CHECK(view.humanLabelSet()->at(0) == 12);
    CHECK(view.humanLabelSet()->at(1) == 40);
    CHECK(view.flipSet()->at(0) == 4);
    CHECK(view.flipSet()->at(1) == 9);
    CHECK(view.iterationAxis()->categories() ==
          QStringList{QStringLiteral("1"), QStringLiteral("2")});
    CHECK(view.countAxis()->max() >= 40);
    // Gold only in iteration 2: one point per accuracy line, at its category.
    REQUIRE(view.curatedAccuracySeries().size() == 1);
    REQUIRE(view.rmAccuracySeries().size() == 1);
    CHECK(view.curatedAccuracySeries().front()->points() == QList<QPointF>{QPointF(1, 0.93)});
    CHECK(view.rmAccuracySeries().front()->points() == QList<QPointF>{QPointF(1, 0.81)});
    CHECK(view.accuracyAxis()->min() == 0.0);
    CHECK(view.accuracyAxis()->max() == 1.0);
    CHECK(view.accuracyAxis()->isVisible());
}

TEST_CASE("the history of a project without iterations", "[charts][history]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    auto project =
        rlthf::test::createProject(dir.filePath(QStringLiteral("e.rlthf")).toStdString());
    auto finished = rlthf::loop::iterationHistory(project.db());
    REQUIRE(finished);
    CHECK(finished->empty());
    HistoryChartView view;
    view.setHistory({});
    CHECK(view.chart()->series().isEmpty());
    CHECK(view.barSeries() == nullptr);
}

TEST_CASE("HistoryChartView says a history is being read, and that it could not be read",
          "[charts][history]") {
    using rlthf::ui::ChartPlaceholder;
    HistoryChartView view;
    CHECK(view.chart()->title() == QLatin1String("No finished iterations yet"));
    view.setLoading();
    CHECK(view.placeholder() == ChartPlaceholder::Loading);
    CHECK(view.chart()->title().startsWith(QLatin1String("Reading the iteration history")));

    IterationPoint first;
    first.number = 1;
    first.humanLabels = 12;
    view.setHistory({first});
    CHECK(view.chart()->title() == QLatin1String("Iteration history"));
    view.setLoading(); // the history on screen stays until the new one comes
    CHECK(view.chart()->title() == QLatin1String("Iteration history"));
    CHECK(view.barSeries() != nullptr);

    view.setUnreadable();
    CHECK(view.history().empty());
    CHECK(view.barSeries() == nullptr);
    CHECK(view.chart()->title() == QLatin1String("The iteration history could not be read"));
    view.clear();
    CHECK(view.chart()->title() == QLatin1String("No finished iterations yet"));
}

TEST_CASE("HistoryChartView splits accuracy lines where gold is missing", "[charts][history]") {
    std::vector<IterationPoint> history = {
        {1, 10, 0, 0.70, 0.60},
        {2, 20, 3, std::nullopt, std::nullopt},
        {3, 30, 5, 0.80, 0.75},
        {4, 35, 6, 0.85, std::nullopt},
        {5, 38, 2, std::nullopt, std::nullopt},
    };
    HistoryChartView view;
    view.setHistory(history);
    // 1 bar series + curated (2 runs) + rm (2 runs).
    CHECK(view.chart()->series().size() == 5);
    REQUIRE(view.curatedAccuracySeries().size() == 2);
    CHECK(view.curatedAccuracySeries()[0]->points() == QList<QPointF>{QPointF(0, 0.70)});
    CHECK(view.curatedAccuracySeries()[1]->points() ==
          (QList<QPointF>{QPointF(2, 0.80), QPointF(3, 0.85)}));
    REQUIRE(view.rmAccuracySeries().size() == 2);
    CHECK(view.rmAccuracySeries()[1]->points() == QList<QPointF>{QPointF(2, 0.75)});
    CHECK(view.humanLabelSet()->count() == 5);

    view.resize(900, 480);
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(50);
    const QString path =
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("history_chart.png"));
    REQUIRE(view.grab().save(path, "PNG"));
    CHECK(QFileInfo(path).size() > 10000);

    // No gold anywhere: no accuracy lines, the right axis hidden.
    for (auto& point : history)
        point.curatedLabelAccuracy = point.rmGoldAccuracy = std::nullopt;
    view.setHistory(history);
    CHECK(view.curatedAccuracySeries().isEmpty());
    CHECK(view.rmAccuracySeries().isEmpty());
    CHECK(view.chart()->series().size() == 1);
    CHECK_FALSE(view.accuracyAxis()->isVisible());
}

TEST_CASE("HistoryChartView counts on whole numbers, its legend in full words",
          "[charts][history]") {
    for (const auto& [human, flips] :
         {std::pair{0, 0}, std::pair{3, 1}, std::pair{27, 4}, std::pair{1400, 90}}) {
        INFO(human << " human labels");
        HistoryChartView view;
        rlthf::ui::ChartLegend legend(view.chart());
        QObject::connect(&view, &HistoryChartView::rebuilt, &legend,
                         &rlthf::ui::ChartLegend::refresh);
        view.setHistory({{1, human, flips, 0.7, 0.6}});
        QValueAxis* counts = view.countAxis();
        REQUIRE(counts != nullptr);
        // Ticks 0, step, 2 step, ... with a whole step: never "0, 0, 0, 0, 1".
        CHECK(counts->tickType() == QValueAxis::TicksDynamic);
        CHECK(counts->tickInterval() >= 1.0);
        CHECK(counts->tickInterval() == std::floor(counts->tickInterval()));
        CHECK(counts->max() >= human);
        CHECK(counts->max() / counts->tickInterval() <= 6.0);
        CHECK(legend.entries() == QStringList{QStringLiteral("Human labels"),
                                              QStringLiteral("Flips"),
                                              QStringLiteral("Curated-label accuracy"),
                                              QStringLiteral("Reward-model accuracy")});
    }
}

TEST_CASE("The history dock renders at both window sizes in both languages, legend in full",
          "[charts][history][render][i18n]") {
    rlthf::test::forEachDockSizeAndLanguage(
        [](const QString& language, const QString& name, const QSize& size) {
            QWidget box;
            auto* layout = new QVBoxLayout(&box);
            auto* view = new HistoryChartView(&box);
            auto* legend = new rlthf::ui::ChartLegend(view->chart(), &box);
            QObject::connect(view, &HistoryChartView::rebuilt, legend,
                             &rlthf::ui::ChartLegend::refresh);
            layout->addWidget(view, 1);
            layout->addWidget(legend);
            view->setHistory(
                {{1, 10, 0, 0.71, 0.64}, {2, 20, 15, 0.78, 0.70}, {3, 30, 21, 0.83, 0.74}});
            box.resize(size);
            box.show();
            REQUIRE(QTest::qWaitForWindowExposed(&box));
            QTest::qWait(50);

            const QRectF plot = view->chart()->plotArea();
            CHECK(plot.width() > size.width() / 2);
            CHECK(plot.height() > 60);
            CHECK(QRectF(view->rect()).contains(plot));
            REQUIRE(legend->entries().size() == 4);
            for (const QString& entry : legend->entries())
                CHECK_FALSE(entry.contains(QChar(0x2026)));
            // An entry's words stay together on a line: 「精度」 was split across two.
            for (const QString& entry : legend->entries())
                CHECK(rlthf::test::linesSpanned(*legend, entry) == 1);
            CHECK(legend->height() >= legend->heightForWidth(legend->width()));
            const QString file = QStringLiteral("history_dock_%1_%2.png").arg(language, name);
            REQUIRE(box.grab().save(QDir(QCoreApplication::applicationDirPath()).filePath(file),
                                    "PNG"));
        });
}

TEST_CASE("The history chart's tick labels stay a line apart in a small dock",
          "[charts][history]") {
    for (const QSize size : {QSize(320, 220), QSize(340, 330), QSize(480, 700)}) {
        INFO(size.width() << "x" << size.height());
        HistoryChartView view;
        view.setHistory({{1, 1400, 90, 0.7, 0.6}, {2, 1800, 40, 0.8, 0.7}});
        view.resize(size);
        view.show();
        REQUIRE(QTest::qWaitForWindowExposed(&view));
        QTest::qWait(50);
        const double height = view.chart()->plotArea().height();
        const double line = QFontMetricsF(view.countAxis()->labelsFont()).height();
        for (const QValueAxis* axis : {view.countAxis(), view.accuracyAxis()}) {
            CHECK(rlthf::test::tickGap(*axis, height) >= 1.5 * line);
            CHECK(rlthf::test::tickGap(*axis, height) <= height);
        }
        CHECK(view.countAxis()->tickInterval() == std::floor(view.countAxis()->tickInterval()));
    }
}
