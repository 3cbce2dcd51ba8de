// CurveChartView: a synthetic curve (steep head, flat middle, steep tail) with known
// landmarks and zones, drawn as a curve and as a histogram.

#include "ui/charts/CurveChartView.h"

#include "DockSizes.h"
#include "LegendLines.h"
#include "TickGap.h"
#include "ui/charts/ChartLegend.h"
#include "ui/i18n/Language.h"

#include <QAreaSeries>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QImage>
#include <QLineSeries>
#include <QPixmap>
#include <QScatterSeries>
#include <QSet>
#include <QTest>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <random>

using rlthf::ui::CurveChartView;

namespace {

constexpr std::size_t kN = 300;
constexpr std::size_t kElbow = 30;
constexpr std::size_t kKnee = 240;
constexpr std::size_t kBackedOff =
    192; // first backed-off rank: (1 − β) of the ranks before the knee

// Head 5 → 1 over ranks 0..29, flat 1 → −0.5 over 30..239, tail −0.5 → −5 over 240..299.
rlthf::loop::CurveData syntheticCurve() {
    rlthf::loop::CurveData curve;
    curve.iteration = 3;
    curve.beta = 0.2;
    for (std::size_t r = 0; r < kN; ++r) {
        double m = 0;
        if (r < kElbow)
            m = 5.0 - 4.0 * double(r) / double(kElbow);
        else if (r < kKnee)
            m = 1.0 - 1.5 * double(r - kElbow) / double(kKnee - kElbow);
        else
            m = -0.5 - 4.5 * double(r - kKnee) / double(kN - 1 - kKnee);
        curve.margins.push_back(m);
        curve.pairIds.push_back(static_cast<std::int64_t>(1000 + r));
    }
    std::size_t reflection = 0;
    while (curve.margins[reflection] > -curve.margins[kElbow])
        ++reflection;
    for (std::size_t r = 0; r < kN; ++r) {
        if (r < kBackedOff)
            curve.zones.push_back(rlthf::Zone::Kept);
        else if (r < kKnee)
            curve.zones.push_back(rlthf::Zone::BackedOff);
        else if (r < reflection)
            curve.zones.push_back(rlthf::Zone::Human);
        else
            curve.zones.push_back(rlthf::Zone::Flip);
    }
    auto& lm = curve.landmarks;
    lm.size = kN;
    lm.elbow = kElbow;
    lm.knee = kKnee;
    lm.reflection = reflection;
    lm.elbowMargin = curve.margins[kElbow];
    lm.kneeMargin = curve.margins[kKnee];
    lm.method = "slope";
    return curve;
}

std::pair<double, double> xRange(QXYSeries* series) {
    const auto points = series->points();
    REQUIRE(!points.isEmpty());
    double low = points.front().x(), high = low;
    for (const QPointF& p : points) {
        low = std::min(low, p.x());
        high = std::max(high, p.x());
    }
    return {low, high};
}

// Non-trivial: big enough and not one flat colour.
void checkPng(const QString& path) {
    QFileInfo info(path);
    REQUIRE(info.exists());
    CHECK(info.size() > 10000);
    QImage image(path);
    REQUIRE(!image.isNull());
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    CHECK(colours.size() > 50);
}

QString saveGrab(QWidget& view, const QString& name) {
    view.resize(960, 540);
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(50);
    const QString path = QDir(QCoreApplication::applicationDirPath()).filePath(name);
    REQUIRE(view.grab().save(path, "PNG"));
    return path;
}

} // namespace

TEST_CASE("CurveChartView starts empty and can be cleared", "[charts][curve]") {
    CurveChartView view;
    CHECK_FALSE(view.hasCurve());
    CHECK(view.chart()->series().isEmpty());
    CHECK(view.curveSeries() == nullptr);
    view.setCurve(syntheticCurve());
    CHECK(view.hasCurve());
    CHECK_FALSE(view.chart()->series().isEmpty());
    view.clear();
    CHECK_FALSE(view.hasCurve());
    CHECK(view.chart()->series().isEmpty());
    CHECK(view.chart()->axes().isEmpty());
}

TEST_CASE("CurveChartView says a curve is being read, and that it could not be read",
          "[charts][curve]") {
    using rlthf::ui::ChartPlaceholder;
    CurveChartView view;
    const QString nothingYet = view.chart()->title();
    CHECK(nothingYet.contains(QLatin1String("No reward-margin curve yet")));

    view.setLoading();
    CHECK(view.placeholder() == ChartPlaceholder::Loading);
    CHECK(view.chart()->title().contains(QLatin1String("Reading the reward-margin curve")));
    view.setCurve(syntheticCurve());
    CHECK(view.placeholder() == ChartPlaceholder::NothingYet);
    const QString drawn = view.chart()->title();
    CHECK(drawn.startsWith(QLatin1String("Iteration")));

    // Read again: the curve on screen stays until the new one comes.
    view.setLoading();
    CHECK(view.hasCurve());
    CHECK(view.chart()->title() == drawn);
    CHECK_FALSE(view.chart()->series().isEmpty());

    view.setUnreadable();
    CHECK_FALSE(view.hasCurve());
    CHECK(view.chart()->series().isEmpty());
    CHECK(view.chart()->title().contains(QLatin1String("could not be read")));
    view.clear();
    CHECK(view.chart()->title() == nothingYet);
}

TEST_CASE("An empty chart's hint is shown whole in the chart docks and at the chart's "
          "smallest size, in both languages",
          "[charts][curve][i18n]") {
    rlthf::test::forEachDockSizeAndLanguage([](const QString&, const QString&, const QSize& dock) {
        CurveChartView view;
        // A desktop whose fonts are a size larger than the tests' (found: cut short in a real
        // window at the dock's smallest width, where it fitted with the tests' font).
        QFont larger = view.chart()->titleFont();
        larger.setPointSizeF(larger.pointSizeF() * 1.25);
        view.chart()->setTitleFont(larger);
        for (const QSize size : {dock, view.minimumSize()}) {
            INFO(size.width() << "x" << size.height());
            view.resize(size);
            view.show();
            REQUIRE(QTest::qWaitForWindowExposed(&view));
            QTest::qWait(50);
            // The title as drawn: Qt Charts cuts a title that does not fit short with "...".
            QStringList drawn;
            for (QGraphicsItem* item : view.scene()->items())
                if (auto* text = dynamic_cast<QGraphicsTextItem*>(item))
                    drawn << text->toPlainText();
            INFO(drawn.join(QLatin1Char('|')).toStdString());
            REQUIRE(drawn.size() == 1);
            CHECK_FALSE(drawn.front().contains(QLatin1String("...")));
        }
    });
}

TEST_CASE("CurveChartView draws the curve, the landmarks and the zones", "[charts][curve]") {
    const auto curve = syntheticCurve();
    CurveChartView view;
    view.setCurve(curve);
    QChart* chart = view.chart();

    // 4 zone bands + the curve + 3 landmark lines.
    CHECK(chart->series().size() == 8);
    REQUIRE(view.curveSeries() != nullptr);
    CHECK(view.curveSeries()->count() == static_cast<int>(kN)); // small N: every point
    CHECK(view.curveSeries()->at(0) == QPointF(0, curve.margins[0]));
    CHECK(view.curveSeries()->at(int(kN) - 1).y() == Approx(curve.margins.back()));
    CHECK_FALSE(view.xAxis()->titleText().isEmpty());
    CHECK_FALSE(view.yAxis()->titleText().isEmpty());

    SECTION("markers stand at the landmark ranks") {
        const std::pair<CurveChartView::Landmark, std::size_t> expected[] = {
            {CurveChartView::Landmark::Elbow, kElbow},
            {CurveChartView::Landmark::Knee, kKnee},
            {CurveChartView::Landmark::Reflection, *curve.landmarks.reflection},
        };
        for (const auto& [landmark, rank] : expected) {
            QLineSeries* marker = view.markerSeries(landmark);
            REQUIRE(marker != nullptr);
            REQUIRE(marker->count() >= 2);
            for (const QPointF& p : marker->points())
                CHECK(p.x() == Approx(double(rank)));
            CHECK(marker->name().contains(QString::number(rank)));
            // The line spans the whole y range.
            CHECK(marker->at(0).y() == Approx(view.yAxis()->min()));
            CHECK(marker->at(marker->count() - 1).y() == Approx(view.yAxis()->max()));
            CHECK(marker->name().contains(QString::number(rank)));
        }
    }

    SECTION("zone bands cover their rank ranges") {
        const std::size_t reflection = *curve.landmarks.reflection;
        const struct {
            rlthf::Zone zone;
            const char* title;
            double from, to;
        } zones[] = {
            {rlthf::Zone::Kept, "Kept", 0, double(kBackedOff)},
            {rlthf::Zone::BackedOff, "Backed off", double(kBackedOff), double(kKnee)},
            {rlthf::Zone::Human, "Human review", double(kKnee), double(reflection)},
            {rlthf::Zone::Flip, "Auto-flip", double(reflection), double(kN)},
        };
        for (const auto& zone : zones) {
            INFO(zone.title);
            QAreaSeries* band = view.zoneSeries(zone.zone);
            REQUIRE(band != nullptr);
            CHECK(band->name() == QLatin1String(zone.title));
            const auto [from, to] = xRange(band->upperSeries());
            CHECK(from == Approx(zone.from));
            CHECK(to == Approx(zone.to));
            // Full height of the plot.
            double top = -1e9;
            for (const QPointF& p : band->upperSeries()->points())
                top = std::max(top, p.y());
            CHECK(top == Approx(view.yAxis()->max()));
        }
        CHECK(view.zoneRuns(rlthf::Zone::Human).size() == 1);
    }
}

TEST_CASE("CurveChartView shows where the AI label disagrees with gold", "[charts][curve]") {
    auto curve = syntheticCurve();
    curve.aiMatchesGold.assign(kN, std::nullopt);
    curve.aiMatchesGold[10] = true;
    curve.aiMatchesGold[250] = false;
    curve.aiMatchesGold[290] = false;
    CurveChartView view;
    view.setCurve(curve);
    CHECK(view.chart()->series().size() == 9);
    QScatterSeries* wrong = nullptr;
    for (QAbstractSeries* s : view.chart()->series())
        if (auto* scatter = qobject_cast<QScatterSeries*>(s))
            wrong = scatter;
    REQUIRE(wrong != nullptr);
    REQUIRE(wrong->count() == 2);
    CHECK(wrong->at(0).x() == 250);
    CHECK(wrong->at(1).x() == 290);
}

TEST_CASE("CurveChartView histogram mode", "[charts][curve]") {
    const auto curve = syntheticCurve();
    CurveChartView view;
    view.setCurve(curve);
    int modeChanges = 0;
    QObject::connect(&view, &CurveChartView::modeChanged, [&] { ++modeChanges; });
    view.setMode(CurveChartView::Mode::Histogram);
    CHECK(modeChanges == 1);
    CHECK(view.mode() == CurveChartView::Mode::Histogram);
    CHECK(view.curveSeries() == nullptr);

    QBarSeries* bars = view.histogramSeries();
    REQUIRE(bars != nullptr);
    REQUIRE(bars->count() == 1);
    QBarSet* set = bars->barSets().front();
    CHECK(set->count() == CurveChartView::kHistogramBins);
    double total = 0;
    for (int i = 0; i < set->count(); ++i)
        total += set->at(i);
    CHECK(total == Approx(double(kN)));

    // Markers at the landmark margins, on the margin axis.
    CHECK(view.xAxis()->min() == Approx(curve.margins.back()));
    CHECK(view.xAxis()->max() == Approx(curve.margins.front()));
    const auto* elbow = view.markerSeries(CurveChartView::Landmark::Elbow);
    const auto* knee = view.markerSeries(CurveChartView::Landmark::Knee);
    const auto* reflection = view.markerSeries(CurveChartView::Landmark::Reflection);
    REQUIRE(elbow);
    REQUIRE(knee);
    REQUIRE(reflection);
    CHECK(elbow->at(0).x() == Approx(curve.landmarks.elbowMargin));
    CHECK(knee->at(0).x() == Approx(curve.landmarks.kneeMargin));
    CHECK(reflection->at(0).x() == Approx(curve.margins[*curve.landmarks.reflection]));
    CHECK(elbow->at(0).x() == elbow->at(elbow->count() - 1).x());

    // Back to the curve.
    view.setMode(CurveChartView::Mode::Curve);
    CHECK(modeChanges == 2);
    CHECK(view.histogramSeries() == nullptr);
    REQUIRE(view.curveSeries() != nullptr);
    view.setMode(CurveChartView::Mode::Curve);
    CHECK(modeChanges == 2);
}

TEST_CASE("The histogram's margin axis is labelled at round margins, 0 among them",
          "[charts][curve]") {
    // Margins from -5.24 to 6.46: ticks spread evenly over that range read -5.24, -3.57, …
    auto curve = syntheticCurve();
    for (double& m : curve.margins)
        m = 1.17 * m + 0.61;
    for (const QSize size : {QSize(320, 220), QSize(480, 330), QSize(900, 600)}) {
        INFO(size.width() << "x" << size.height());
        CurveChartView view;
        view.setCurve(curve);
        view.setMode(CurveChartView::Mode::Histogram);
        view.resize(size);
        view.show();
        REQUIRE(QTest::qWaitForWindowExposed(&view));
        QTest::qWait(50);
        const QValueAxis& axis = *view.xAxis();
        CHECK(axis.min() == Approx(curve.margins.back()));
        CHECK(axis.max() == Approx(curve.margins.front()));
        REQUIRE(axis.tickType() == QValueAxis::TicksDynamic);
        CHECK(axis.tickAnchor() == 0.0);
        const double step = axis.tickInterval();
        const double power = std::pow(10.0, std::floor(std::log10(step) + 1e-9));
        const double factor = step / power;
        CHECK((factor == Approx(1.0) || factor == Approx(2.0) || factor == Approx(5.0)));
        CHECK(std::floor(axis.max() / step) - std::ceil(axis.min() / step) >= 1.0);
        const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)));
        CHECK(axis.labelFormat() == QStringLiteral("%.%1f").arg(decimals));
    }
}

TEST_CASE("CurveChartView histogram helper", "[charts][curve]") {
    const std::vector<double> values = {0.0, 1.0, 2.0, 3.0, 4.0, std::nan(""), 4.0};
    const auto h = CurveChartView::histogram(values, 4);
    CHECK(h.low == 0.0);
    CHECK(h.high == 4.0);
    CHECK(h.counts == std::vector<int>{1, 1, 1, 3});
    const std::vector<double> flat = {2.0, 2.0, 2.0};
    const auto f = CurveChartView::histogram(flat, 40);
    CHECK(std::accumulate(f.counts.begin(), f.counts.end(), 0) == 3);
    CHECK(f.low < 2.0);
    CHECK(f.high > 2.0);
}

TEST_CASE("CurveChartView downsamples large curves and keeps the extremes", "[charts][curve]") {
    const std::size_t n = 100000;
    std::vector<double> values(n);
    std::mt19937 rng(7);
    std::normal_distribution<double> normal(0.0, 1.0);
    for (double& v : values)
        v = normal(rng);
    const auto maxAt = std::size_t(std::max_element(values.begin(), values.end()) - values.begin());
    const auto minAt = std::size_t(std::min_element(values.begin(), values.end()) - values.begin());
    const auto kept = CurveChartView::downsample(values, CurveChartView::kMaxPoints);
    CHECK(kept.size() <= CurveChartView::kMaxPoints);
    CHECK(kept.size() > CurveChartView::kMaxPoints / 2);
    CHECK(kept.front() == 0);
    CHECK(kept.back() == n - 1);
    CHECK(std::is_sorted(kept.begin(), kept.end()));
    CHECK(std::find(kept.begin(), kept.end(), maxAt) != kept.end());
    CHECK(std::find(kept.begin(), kept.end(), minAt) != kept.end());

    // The view draws the subsample of a large sorted curve, markers still at exact ranks.
    rlthf::loop::CurveData curve;
    std::sort(values.begin(), values.end(), std::greater<>());
    curve.margins = values;
    curve.zones.assign(n, rlthf::Zone::Kept);
    curve.landmarks.size = n;
    curve.landmarks.elbow = 1234;
    curve.landmarks.knee = 98765;
    CurveChartView view;
    view.setCurve(curve);
    REQUIRE(view.curveSeries() != nullptr);
    CHECK(view.curveSeries()->count() <= int(CurveChartView::kMaxPoints));
    CHECK(view.curveSeries()->at(0).y() == values.front());
    CHECK(view.curveSeries()->at(view.curveSeries()->count() - 1).y() == values.back());
    CHECK(view.markerSeries(CurveChartView::Landmark::Knee)->at(0).x() == 98765.0);
    CHECK(view.markerSeries(CurveChartView::Landmark::Reflection) == nullptr);
    CHECK(view.zoneSeries(rlthf::Zone::Flip) == nullptr);
}

TEST_CASE("CurveChartView renders to PNG", "[charts][curve][render]") {
    auto curve = syntheticCurve();
    curve.aiMatchesGold.assign(kN, std::nullopt);
    for (std::size_t r = 0; r < kN; r += 7)
        curve.aiMatchesGold[r] = (r < kKnee) ? (r % 5 != 0) : (r % 3 == 0);
    CurveChartView view;
    view.setCurve(curve);
    checkPng(saveGrab(view, QStringLiteral("curve_chart.png")));
    view.setMode(CurveChartView::Mode::Histogram);
    checkPng(saveGrab(view, QStringLiteral("curve_histogram.png")));
}

TEST_CASE("CurveChartView renders in Japanese", "[charts][curve][render][i18n]") {
    auto& app = *QCoreApplication::instance();
    REQUIRE(rlthf::ui::installTranslators(app, QStringLiteral("ja")));
    CurveChartView view;
    view.setCurve(syntheticCurve());
    CHECK(view.zoneSeries(rlthf::Zone::Human)->name() != QLatin1String("Human review"));
    const QString path = saveGrab(view, QStringLiteral("curve_chart_ja.png"));
    rlthf::ui::installTranslators(app, QStringLiteral("en"));
    checkPng(path);
}

TEST_CASE("The chart docks read at a glance: labels inside the plot, legend in full words",
          "[charts][curve][render][i18n]") {
    rlthf::test::forEachDockSizeAndLanguage([](const QString& language, const QString& name,
                                               const QSize& size) {
        QWidget box;
        auto* layout = new QVBoxLayout(&box);
        auto* view = new CurveChartView(&box);
        auto* legend = new rlthf::ui::ChartLegend(view->chart(), &box);
        QObject::connect(view, &CurveChartView::rebuilt, legend, &rlthf::ui::ChartLegend::refresh);
        layout->addWidget(view, 1);
        layout->addWidget(legend);
        auto curve = syntheticCurve();
        curve.aiMatchesGold.assign(kN, std::nullopt);
        for (std::size_t r = 0; r < kN; r += 7)
            curve.aiMatchesGold[r] = r % 3 == 0;
        view->setCurve(curve);
        box.resize(size);
        box.show();
        REQUIRE(QTest::qWaitForWindowExposed(&box));
        QTest::qWait(50);

        const QRectF plot = view->chart()->plotArea();
        const auto labels = view->landmarkLabels();
        REQUIRE(labels.size() == 3);
        for (QGraphicsSimpleTextItem* label : labels) {
            INFO(label->text().toStdString());
            const QRectF box = QRectF(label->pos(), label->boundingRect().size());
            CHECK(plot.contains(box));
        }
        // Every entry in full, none cut: the legend is as tall as its wrapped text.
        REQUIRE(legend->entries().size() == 6);
        for (const QString& entry : legend->entries())
            CHECK_FALSE(entry.contains(QChar(0x2026)));
        // An entry's words stay together on a line: 「精度」 was split across two.
        for (const QString& entry : legend->entries())
            CHECK(rlthf::test::linesSpanned(*legend, entry) == 1);
        CHECK(legend->height() >= legend->heightForWidth(legend->width()));
        const QString file = QStringLiteral("curve_dock_%1_%2.png").arg(language, name);
        REQUIRE(
            box.grab().save(QDir(QCoreApplication::applicationDirPath()).filePath(file), "PNG"));
    });
}

TEST_CASE("The chart's tick labels stay a line apart in a small dock instead of turning into "
          "\"…\"",
          "[charts][curve]") {
    for (const QSize size : {QSize(320, 220), QSize(340, 330), QSize(480, 700)}) {
        for (const auto mode : {CurveChartView::Mode::Curve, CurveChartView::Mode::Histogram}) {
            INFO(size.width() << "x" << size.height() << " "
                              << (mode == CurveChartView::Mode::Curve ? "curve" : "histogram"));
            CurveChartView view;
            view.setCurve(syntheticCurve());
            view.setMode(mode);
            view.resize(size);
            view.show();
            REQUIRE(QTest::qWaitForWindowExposed(&view));
            QTest::qWait(50);
            const QRectF plot = view.chart()->plotArea();
            const QFontMetricsF font(view.yAxis()->labelsFont());
            CHECK(rlthf::test::tickGap(*view.yAxis(), plot.height()) >= 1.5 * font.height());
            CHECK(rlthf::test::tickGap(*view.xAxis(), plot.width()) >=
                  font.horizontalAdvance(QStringLiteral("-0.00")));
            // Still a scale: at least two labels on each axis.
            CHECK(rlthf::test::tickGap(*view.yAxis(), plot.height()) <= plot.height());
            CHECK(rlthf::test::tickGap(*view.xAxis(), plot.width()) <= plot.width());
        }
    }
}
