#include "ui/charts/CurveChartView.h"

#include "ui/charts/AxisTicks.h"
#include "ui/charts/ChartLegend.h"
#include "ui/charts/ChartStyle.h"
#include "vocab/VocabularyColour.h"

#include <QAreaSeries>
#include <QBarSeries>
#include <QBarSet>
#include <QBrush>
#include <QChart>
#include <QEvent>
#include <QFontMetricsF>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QPainter>
#include <QPen>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>

namespace rlthf::ui {

namespace {

// The y range the zone bands and landmark lines span: the finite margins plus 5 %.
std::pair<double, double> paddedRange(double low, double high) {
    if (!(low <= high))
        return {-1.0, 1.0};
    double span = high - low;
    if (span <= 0.0)
        span = std::max(1.0, std::abs(high));
    return {low - 0.05 * span, high + 0.05 * span};
}

std::pair<double, double> finiteRange(std::span<const double> values) {
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    for (double v : values) {
        if (!std::isfinite(v))
            continue;
        low = std::min(low, v);
        high = std::max(high, v);
    }
    return {low, high};
}

// Ticks on an axis when there is room for them.
constexpr int kMostTicks = 8;

// Decimals that tell ticks `step` apart (a step of 1, 2 or 5 times a power of ten).
int decimalsFor(double step) {
    return std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)));
}

void hideFromLegend(QChart* chart, QAbstractSeries* series) {
    for (QLegendMarker* marker : chart->legend()->markers(series))
        marker->setVisible(false);
    series->setProperty(kNotInLegend, true);
}

// A band per run [first, last] of ranks, x from first to last + 1 (or any mapped range).
QAreaSeries* makeBand(const std::vector<std::pair<double, double>>& spans, double yLow,
                      double yHigh, const QColor& color, const QString& name) {
    auto* upper = new QLineSeries;
    auto* lower = new QLineSeries;
    double minX = spans.front().first;
    double maxX = spans.front().second;
    for (const auto& [from, to] : spans) {
        upper->append(from, yLow);
        upper->append(from, yHigh);
        upper->append(to, yHigh);
        upper->append(to, yLow);
        minX = std::min(minX, from);
        maxX = std::max(maxX, to);
    }
    lower->append(minX, yLow);
    lower->append(maxX, yLow);
    auto* area = new QAreaSeries(upper, lower);
    upper->setParent(area);
    lower->setParent(area);
    area->setName(name);
    QColor fill = color;
    fill.setAlpha(56);
    area->setBrush(fill);
    area->setPen(Qt::NoPen);
    return area;
}

} // namespace

CurveChartView::CurveChartView(QWidget* parent) : QChartView(new QChart, parent) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->legend()->setVisible(false); // see ChartLegend
    chart()->setMargins(QMargins(6, 6, 6, 6));
    connect(chart(), &QChart::plotAreaChanged, this, &CurveChartView::fitAxes);
    connect(chart(), &QChart::plotAreaChanged, this, &CurveChartView::placeLabels);
    m_zoneSeries = QList<QAreaSeries*>(kTermCount<Zone>, nullptr);
    showEmpty();
}

CurveChartView::~CurveChartView() = default;

void CurveChartView::setCurve(const loop::CurveData& curve) {
    m_curve = curve;
    m_hasCurve = true;
    m_placeholder = ChartPlaceholder::NothingYet;
    rebuild();
}

void CurveChartView::clear() {
    showNothing(ChartPlaceholder::NothingYet);
}

void CurveChartView::setLoading() {
    m_placeholder = ChartPlaceholder::Loading;
    if (!m_hasCurve)
        showEmpty();
}

void CurveChartView::setUnreadable() {
    showNothing(ChartPlaceholder::Unreadable);
}

void CurveChartView::setOnLead() {
    showNothing(ChartPlaceholder::OnLead);
}

void CurveChartView::showNothing(ChartPlaceholder placeholder) {
    m_curve = loop::CurveData{};
    m_hasCurve = false;
    m_placeholder = placeholder;
    rebuild();
}

void CurveChartView::setMode(Mode mode) {
    if (mode == m_mode)
        return;
    m_mode = mode;
    rebuild();
    Q_EMIT modeChanged(mode);
}

QAreaSeries* CurveChartView::zoneSeries(Zone zone) const {
    return m_zoneSeries.value(static_cast<qsizetype>(zone));
}

QLineSeries* CurveChartView::markerSeries(Landmark landmark) const {
    return m_markers[static_cast<int>(landmark)];
}

std::vector<std::pair<std::size_t, std::size_t>>
CurveChartView::zoneRuns(Zone zone) const {
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    const auto& zones = m_curve.zones;
    for (std::size_t rank = 0; rank < zones.size(); ++rank) {
        if (zones[rank] != zone)
            continue;
        if (!runs.empty() && runs.back().second + 1 == rank)
            runs.back().second = rank;
        else
            runs.emplace_back(rank, rank);
    }
    return runs;
}

CurveChartView::Histogram CurveChartView::histogram(std::span<const double> margins, int bins) {
    Histogram h;
    bins = std::max(1, bins);
    h.counts.assign(static_cast<std::size_t>(bins), 0);
    auto [low, high] = finiteRange(margins);
    if (!(low <= high)) {
        h.low = -0.5;
        h.high = 0.5;
        return h;
    }
    if (high - low <= 0.0) {
        low -= 0.5;
        high += 0.5;
    }
    h.low = low;
    h.high = high;
    const double width = (high - low) / bins;
    for (double v : margins) {
        if (!std::isfinite(v))
            continue;
        int bin = static_cast<int>(std::floor((v - low) / width));
        bin = std::clamp(bin, 0, bins - 1);
        ++h.counts[static_cast<std::size_t>(bin)];
    }
    return h;
}

std::vector<std::size_t> CurveChartView::downsample(std::span<const double> values,
                                                    std::size_t maxPoints) {
    std::vector<std::size_t> kept;
    const std::size_t n = values.size();
    if (n <= std::max<std::size_t>(maxPoints, 2)) {
        for (std::size_t i = 0; i < n; ++i)
            if (std::isfinite(values[i]))
                kept.push_back(i);
        return kept;
    }
    // Two points (the minimum and the maximum, in rank order) per bucket.
    const std::size_t buckets = std::max<std::size_t>(1, maxPoints / 2 - 1);
    kept.reserve(2 * buckets + 2);
    kept.push_back(0);
    for (std::size_t b = 0; b < buckets; ++b) {
        const std::size_t from = b * n / buckets;
        const std::size_t to = (b + 1) * n / buckets;
        std::size_t minAt = n, maxAt = n;
        for (std::size_t i = from; i < to; ++i) {
            if (!std::isfinite(values[i]))
                continue;
            if (minAt == n || values[i] < values[minAt])
                minAt = i;
            if (maxAt == n || values[i] > values[maxAt])
                maxAt = i;
        }
        if (minAt == n)
            continue;
        const std::size_t first = std::min(minAt, maxAt);
        const std::size_t second = std::max(minAt, maxAt);
        if (first != kept.back())
            kept.push_back(first);
        if (second != kept.back())
            kept.push_back(second);
    }
    if (kept.back() != n - 1)
        kept.push_back(n - 1);
    // Rank 0 or N−1 may be NaN (sorted last); drop what cannot be drawn.
    std::erase_if(kept, [&](std::size_t i) { return !std::isfinite(values[i]); });
    return kept;
}

QList<QGraphicsSimpleTextItem*> CurveChartView::landmarkLabels() const {
    QList<QGraphicsSimpleTextItem*> items;
    for (const LandmarkLabel& label : m_labels)
        items << label.item;
    return items;
}

void CurveChartView::fitAxes() {
    if (!m_xAxis || !m_yAxis)
        return;
    const QRectF plot = chart()->plotArea();
    const QFontMetricsF x(m_xAxis->labelsFont());
    const QFontMetricsF y(m_yAxis->labelsFont());
    const double lineApart = 2.0 * y.height();
    if (m_mode == Mode::Curve) {
        // Ranks are whole; the widest is the last.
        const QString widest = QString::number(static_cast<qint64>(m_xAxis->max()));
        axisticks::fitInterval(m_xAxis, kMostTicks - 2, plot.width(),
                               x.horizontalAdvance(widest) + x.height(), 1.0);
        const double step = axisticks::fitInterval(m_yAxis, kMostTicks, plot.height(), lineApart);
        m_yAxis->setLabelFormat(QStringLiteral("%.%1f").arg(decimalsFor(step)));
    } else {
        const QString widest = QString::asprintf(
            "%.2f", -std::max(std::abs(m_xAxis->min()), std::abs(m_xAxis->max())));
        const double step = axisticks::fitAnchoredInterval(
            m_xAxis, kMostTicks + 1, plot.width(), x.horizontalAdvance(widest) + x.height());
        m_xAxis->setLabelFormat(QStringLiteral("%.%1f").arg(decimalsFor(step)));
        axisticks::fitInterval(m_yAxis, kMostTicks - 2, plot.height(), lineApart, 1.0);
    }
}

void CurveChartView::placeLabels() {
    const QRectF plot = chart()->plotArea();
    constexpr double kGap = 4.0;
    for (const LandmarkLabel& label : m_labels) {
        const QPointF p = chart()->mapToPosition(label.at, label.series);
        const QRectF box = label.item->boundingRect();
        // Right of the line where the label fits, else left of it; never past the plot.
        double x = p.x() + kGap;
        if (x + box.width() > plot.right() - kGap)
            x = p.x() - kGap - box.width();
        x = std::max(plot.left() + kGap, std::min(x, plot.right() - kGap - box.width()));
        double y = p.y() - box.height() / 2.0;
        y = std::max(plot.top() + kGap, std::min(y, plot.bottom() - kGap - box.height()));
        label.item->setPos(x, y);
    }
}

void CurveChartView::rebuild() {
    QChart* c = chart();
    for (const LandmarkLabel& label : m_labels)
        delete label.item;
    m_labels.clear();
    m_xAxis = nullptr; // before the axes go: fitAxes may run meanwhile
    m_yAxis = nullptr;
    c->removeAllSeries();
    for (QAbstractAxis* axis : c->axes()) {
        c->removeAxis(axis);
        delete axis;
    }
    m_curveSeries = nullptr;
    m_zoneSeries.fill(nullptr);
    std::fill(std::begin(m_markers), std::end(m_markers), nullptr);
    m_histogramSeries = nullptr;

    if (!m_hasCurve || m_curve.margins.empty()) {
        showEmpty();
        return;
    }
    const std::size_t n = m_curve.margins.size();
    c->setTitle(tr("Iteration %1 \u2014 %n pair(s)", nullptr, static_cast<int>(n))
                    .arg(m_curve.iteration));
    if (m_mode == Mode::Curve)
        buildCurve();
    else
        buildHistogram();
    placeLabels();
    Q_EMIT rebuilt();
}

void CurveChartView::showEmpty() {
    // Two lines: Qt Charts does not wrap a title, and one line is cut short in the dock.
    switch (m_placeholder) {
    case ChartPlaceholder::NothingYet:
        chart()->setTitle(tr("No reward-margin curve yet") + QStringLiteral("<br>") +
                          tr("Run an iteration first"));
        break;
    case ChartPlaceholder::Loading:
        chart()->setTitle(tr("Reading the reward-margin curve\u2026"));
        break;
    case ChartPlaceholder::Unreadable:
        chart()->setTitle(tr("The reward-margin curve") + QStringLiteral("<br>") +
                          tr("could not be read"));
        break;
    case ChartPlaceholder::OnLead:
        chart()->setTitle(tr("The reward-margin curve<br>is on the team lead's project"));
        break;
    }
    Q_EMIT rebuilt();
}

QLineSeries* CurveChartView::addMarker(Landmark landmark, double x, double yLow, double yHigh,
                                       double labelAt, const QString& label, QValueAxis* xAxis,
                                       QValueAxis* yAxis) {
    auto* series = new QLineSeries;
    series->setName(label);
    series->append(x, yLow);
    series->append(x, labelAt);
    series->append(x, yHigh);
    const QColor color = qColorOf(landmark);
    QPen pen(color);
    pen.setWidthF(1.6);
    pen.setStyle(Qt::DashLine);
    series->setPen(pen);
    chart()->addSeries(series);
    series->attachAxis(xAxis);
    series->attachAxis(yAxis);
    hideFromLegend(chart(), series);
    // One label, part-way up the line, so that close landmarks do not overwrite each other;
    // placed inside the plot area by placeLabels().
    auto* text = new QGraphicsSimpleTextItem(label, chart());
    text->setBrush(color);
    QFont font = text->font();
    font.setBold(true);
    text->setFont(font);
    text->setZValue(10);
    m_labels.push_back({text, QPointF(x, labelAt), series});
    m_markers[static_cast<int>(landmark)] = series;
    return series;
}

void CurveChartView::buildCurve() {
    QChart* c = chart();
    const auto& margins = m_curve.margins;
    const std::size_t n = margins.size();
    const auto [low, high] = finiteRange(margins);
    const auto [padLow, padHigh] = paddedRange(low, high);

    m_xAxis = new QValueAxis;
    m_xAxis->setTitleText(tr("Rank (largest margin first)"));
    m_xAxis->setRange(0.0, static_cast<double>(std::max<std::size_t>(n, 1)));
    m_xAxis->setLabelFormat(QStringLiteral("%d"));
    // Round rank ticks (0, 2 000, 4 000, ...) while the range stays exactly 0..N.
    m_xAxis->setTickType(QValueAxis::TicksDynamic);
    m_xAxis->setTickAnchor(0.0);
    m_yAxis = new QValueAxis;
    m_yAxis->setTitleText(tr("Reward margin \u0394"));
    // Round the padded range out to a round step; ticks on multiples of it (see fitAxes).
    const double yStep = axisticks::niceStep((padHigh - padLow) / kMostTicks);
    m_yAxis->setRange(std::floor(padLow / yStep) * yStep, std::ceil(padHigh / yStep) * yStep);
    m_yAxis->setTickType(QValueAxis::TicksDynamic);
    m_yAxis->setTickAnchor(0.0);
    fitAxes();
    // Bands and markers span the axis exactly.
    const double yLow = m_yAxis->min();
    const double yHigh = m_yAxis->max();
    c->addAxis(m_xAxis, Qt::AlignBottom);
    c->addAxis(m_yAxis, Qt::AlignLeft);

    // Zone bands first, so that the curve and the markers are drawn over them.
    for (Zone zone : allOf<Zone>()) {
        const auto runs = zoneRuns(zone);
        if (runs.empty())
            continue;
        std::vector<std::pair<double, double>> spans;
        for (const auto& [first, last] : runs)
            spans.emplace_back(static_cast<double>(first), static_cast<double>(last + 1));
        QAreaSeries* band =
            makeBand(spans, yLow, yHigh, qColorOf(zone), labelOf(zone));
        c->addSeries(band);
        band->attachAxis(m_xAxis);
        band->attachAxis(m_yAxis);
        m_zoneSeries[static_cast<qsizetype>(zone)] = band;
    }

    m_curveSeries = new QLineSeries;
    m_curveSeries->setName(tr("Margin \u0394"));
    QList<QPointF> points;
    const auto drawn = downsample(margins, kMaxPoints);
    points.reserve(static_cast<qsizetype>(drawn.size()));
    for (std::size_t rank : drawn)
        points.append(QPointF(static_cast<double>(rank), margins[rank]));
    m_curveSeries->replace(points);
    QPen pen(chartstyle::curveColor());
    pen.setWidthF(2.0);
    m_curveSeries->setPen(pen);
    c->addSeries(m_curveSeries);
    m_curveSeries->attachAxis(m_xAxis);
    m_curveSeries->attachAxis(m_yAxis);
    connect(m_curveSeries, &QLineSeries::hovered, this, [this](const QPointF& point, bool state) {
        if (!state || m_curve.margins.empty()) {
            QToolTip::hideText();
            return;
        }
        const auto last = static_cast<double>(m_curve.margins.size() - 1);
        const auto rank = static_cast<std::size_t>(std::clamp(std::round(point.x()), 0.0, last));
        const QString zone = rank < m_curve.zones.size() && m_curve.zones[rank]
                                 ? labelOf(*m_curve.zones[rank])
                                 : QString();
        QToolTip::showText(QCursor::pos(), tr("Rank %1: \u0394 = %2 (%3)")
                                               .arg(QLocale().toString(qulonglong(rank)))
                                               .arg(QLocale().toString(m_curve.margins[rank], 'f', 3))
                                               .arg(zone),
                           this);
    });

    // Where gold labels exist: the ranks whose AI label disagrees with gold.
    QList<QPointF> wrong;
    for (std::size_t rank = 0; rank < std::min(n, m_curve.aiMatchesGold.size()); ++rank)
        if (m_curve.aiMatchesGold[rank] == false && std::isfinite(margins[rank]))
            wrong.append(QPointF(static_cast<double>(rank), margins[rank]));
    if (!wrong.isEmpty()) {
        if (wrong.size() > static_cast<qsizetype>(kMaxPoints)) {
            QList<QPointF> thinned;
            const double step = double(wrong.size()) / double(kMaxPoints);
            for (std::size_t i = 0; i < kMaxPoints; ++i)
                thinned.append(wrong[static_cast<qsizetype>(double(i) * step)]);
            wrong = std::move(thinned);
        }
        auto* scatter = new QScatterSeries;
        scatter->setName(tr("AI label \u2260 gold"));
        scatter->setMarkerSize(5.0);
        scatter->setColor(qColorOf(Zone::Flip));
        scatter->setBorderColor(Qt::transparent);
        scatter->replace(wrong);
        c->addSeries(scatter);
        scatter->attachAxis(m_xAxis);
        scatter->attachAxis(m_yAxis);
    }

    const auto& lm = m_curve.landmarks;
    const auto labelAt = [&](double share) { return yLow + share * (yHigh - yLow); };
    const QLocale locale;
    const auto rankLabel = [&](Landmark which, std::size_t rank) {
        return tr("%1 \u00b7 rank %2").arg(labelOf(which), locale.toString(qulonglong(rank)));
    };
    if (lm.size > 0) {
        addMarker(Landmark::Elbow, double(lm.elbow), yLow, yHigh, labelAt(0.92),
                  rankLabel(Landmark::Elbow, lm.elbow), m_xAxis, m_yAxis);
        addMarker(Landmark::Knee, double(lm.knee), yLow, yHigh, labelAt(0.80),
                  rankLabel(Landmark::Knee, lm.knee), m_xAxis, m_yAxis);
        if (lm.reflection)
            addMarker(Landmark::Reflection, double(*lm.reflection), yLow, yHigh, labelAt(0.68),
                      rankLabel(Landmark::Reflection, *lm.reflection), m_xAxis, m_yAxis);
    }
}

void CurveChartView::buildHistogram() {
    QChart* c = chart();
    const auto& margins = m_curve.margins;
    const Histogram h = histogram(margins, kHistogramBins);
    const int maxCount = h.counts.empty() ? 0 : *std::max_element(h.counts.begin(), h.counts.end());
    auto* countAxis = new QValueAxis;
    axisticks::setCountRange(countAxis, maxCount, kMostTicks - 2);
    const double yHigh = countAxis->max();

    // Bars live on a hidden bin-index axis that spans exactly the margin axis.
    auto* binAxis = new QValueAxis;
    binAxis->setRange(-0.5, kHistogramBins - 0.5);
    binAxis->setVisible(false);
    m_xAxis = new QValueAxis;
    m_xAxis->setTitleText(tr("Reward margin \u0394"));
    m_xAxis->setRange(h.low, h.high);
    m_yAxis = countAxis;
    m_yAxis->setTitleText(tr("Pairs"));
    m_yAxis->setLabelFormat(QStringLiteral("%d"));
    c->addAxis(m_xAxis, Qt::AlignBottom);
    c->addAxis(binAxis, Qt::AlignBottom);
    c->addAxis(m_yAxis, Qt::AlignLeft);
    fitAxes();

    // Zone bands over the margin range each zone covers.
    for (Zone zone : allOf<Zone>()) {
        const auto runs = zoneRuns(zone);
        std::vector<std::pair<double, double>> spans;
        for (const auto& [first, last] : runs) {
            const double top = margins[first];
            const double bottom = margins[last];
            if (std::isfinite(top) && std::isfinite(bottom))
                spans.emplace_back(std::min(top, bottom), std::max(top, bottom));
        }
        if (spans.empty())
            continue;
        QAreaSeries* band =
            makeBand(spans, 0.0, yHigh, qColorOf(zone), labelOf(zone));
        c->addSeries(band);
        band->attachAxis(m_xAxis);
        band->attachAxis(m_yAxis);
        m_zoneSeries[static_cast<qsizetype>(zone)] = band;
    }

    auto* set = new QBarSet(tr("Pairs per bin"));
    for (int count : h.counts)
        set->append(count);
    set->setColor(chartstyle::curveColor().lighter(260));
    set->setBorderColor(chartstyle::curveColor());
    m_histogramSeries = new QBarSeries;
    m_histogramSeries->setBarWidth(0.95);
    m_histogramSeries->append(set);
    c->addSeries(m_histogramSeries);
    m_histogramSeries->attachAxis(binAxis);
    m_histogramSeries->attachAxis(m_yAxis);

    const auto& lm = m_curve.landmarks;
    const QLocale locale;
    const auto marginLabel = [&](Landmark which, double margin) {
        return tr("%1 \u00b7 \u0394 %2").arg(labelOf(which), locale.toString(margin, 'f', 2));
    };
    if (lm.size > 0) {
        addMarker(Landmark::Elbow, lm.elbowMargin, 0.0, yHigh, 0.92 * yHigh,
                  marginLabel(Landmark::Elbow, lm.elbowMargin), m_xAxis, m_yAxis);
        addMarker(Landmark::Knee, lm.kneeMargin, 0.0, yHigh, 0.80 * yHigh,
                  marginLabel(Landmark::Knee, lm.kneeMargin), m_xAxis, m_yAxis);
        if (lm.reflection && *lm.reflection < margins.size()) {
            const double margin = margins[*lm.reflection];
            addMarker(Landmark::Reflection, margin, 0.0, yHigh, 0.68 * yHigh,
                      marginLabel(Landmark::Reflection, margin), m_xAxis, m_yAxis);
        }
    }
}

void CurveChartView::changeEvent(QEvent* event) {
    QChartView::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        rebuild();
}

} // namespace rlthf::ui
