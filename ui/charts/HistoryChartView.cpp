#include "ui/charts/HistoryChartView.h"

#include "ui/charts/AxisTicks.h"
#include "ui/charts/ChartStyle.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QEvent>
#include <QFontMetricsF>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QPen>
#include <QValueAxis>
#include <QtGlobal>
#include <algorithm>
#include <cmath>
#include <limits>

namespace rlthf::ui {

namespace {

// Ticks on an axis when there is room for them.
constexpr int kMostTicks = 5;

std::optional<double> share(const std::optional<double>& value) {
    if (!value)
        return std::nullopt;
    return std::clamp(*value, 0.0, 1.0);
}

int count(std::int64_t value) {
    return static_cast<int>(std::clamp<std::int64_t>(value, 0, std::numeric_limits<int>::max()));
}

} // namespace

std::vector<IterationPoint> historyPoints(const std::vector<loop::FinishedIteration>& history) {
    std::vector<IterationPoint> points;
    points.reserve(history.size());
    for (const auto& it : history) {
        IterationPoint point;
        point.number = it.number;
        point.humanLabels = count(it.metrics.humanLabels);
        point.flips = count(it.metrics.flips);
        point.curatedLabelAccuracy = share(it.metrics.curatedLabelAccuracy);
        point.rmGoldAccuracy = share(it.metrics.rmGoldAccuracy);
        points.push_back(point);
    }
    return points;
}

HistoryChartView::HistoryChartView(QWidget* parent) : QChartView(new QChart, parent) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->legend()->setVisible(false); // see ChartLegend
    chart()->setMargins(QMargins(6, 6, 6, 6));
    connect(chart(), &QChart::plotAreaChanged, this, &HistoryChartView::fitAxes);
    rebuild();
}

void HistoryChartView::fitAxes() {
    if (!m_countAxis || !m_accuracyAxis)
        return;
    const double height = chart()->plotArea().height();
    const double lineApart = 2.0 * QFontMetricsF(m_countAxis->labelsFont()).height();
    axisticks::fitInterval(m_countAxis, kMostTicks, height, lineApart, 1.0);
    axisticks::fitInterval(m_accuracyAxis, kMostTicks, height, lineApart);
}

HistoryChartView::~HistoryChartView() = default;

void HistoryChartView::setHistory(std::vector<IterationPoint> history) {
    m_history = std::move(history);
    m_placeholder = ChartPlaceholder::NothingYet;
    rebuild();
}

void HistoryChartView::setLoading() {
    m_placeholder = ChartPlaceholder::Loading;
    if (m_history.empty())
        rebuild();
}

void HistoryChartView::setUnreadable() {
    m_history.clear();
    m_placeholder = ChartPlaceholder::Unreadable;
    rebuild();
}

QString HistoryChartView::emptyTitle() const {
    switch (m_placeholder) {
    case ChartPlaceholder::Loading:
        return tr("Reading the iteration history\u2026");
    case ChartPlaceholder::Unreadable:
        return tr("The iteration history could not be read");
    case ChartPlaceholder::NothingYet:
    case ChartPlaceholder::OnLead: // the history is the lead's, shown here too
        break;
    }
    return tr("No finished iterations yet");
}

QList<QLineSeries*> HistoryChartView::addAccuracy(std::optional<double> IterationPoint::*value,
                                                  const QString& name, const QColor& color) {
    QList<QLineSeries*> runs;
    QLineSeries* current = nullptr;
    for (std::size_t i = 0; i < m_history.size(); ++i) {
        const auto& v = m_history[i].*value;
        if (!v) {
            current = nullptr;
            continue;
        }
        if (!current) {
            current = new QLineSeries;
            current->setName(name);
            QPen pen(color);
            pen.setWidthF(2.2);
            current->setPen(pen);
            current->setPointsVisible(true);
            current->setMarkerSize(7.0);
            runs.append(current);
        }
        current->append(static_cast<double>(i), *v);
    }
    QChart* c = chart();
    for (QLineSeries* series : runs) {
        c->addSeries(series);
        series->attachAxis(m_iterationAxis);
        series->attachAxis(m_accuracyAxis);
        if (series != runs.front())
            for (QLegendMarker* marker : c->legend()->markers(series))
                marker->setVisible(false);
    }
    return runs;
}

void HistoryChartView::rebuild() {
    QChart* c = chart();
    m_countAxis = nullptr; // before the axes go: fitAxes may run meanwhile
    m_accuracyAxis = nullptr;
    c->removeAllSeries();
    for (QAbstractAxis* axis : c->axes()) {
        c->removeAxis(axis);
        delete axis;
    }
    m_bars = nullptr;
    m_humanSet = nullptr;
    m_flipSet = nullptr;
    m_curated.clear();
    m_rm.clear();
    m_iterationAxis = nullptr;

    if (m_history.empty()) {
        c->setTitle(emptyTitle());
        Q_EMIT rebuilt();
        return;
    }
    c->setTitle(tr("Iteration history"));

    m_iterationAxis = new QBarCategoryAxis;
    m_iterationAxis->setTitleText(tr("Iteration"));
    m_countAxis = new QValueAxis;
    m_countAxis->setTitleText(tr("Pairs"));
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    m_accuracyAxis = new QValueAxis;
    m_accuracyAxis->setTitleText(tr("Accuracy vs. gold"));
    m_accuracyAxis->setRange(0.0, 1.0);
    m_accuracyAxis->setTickType(QValueAxis::TicksDynamic);
    m_accuracyAxis->setTickAnchor(0.0);
    m_accuracyAxis->setLabelFormat(QStringLiteral("%.1f"));
    c->addAxis(m_iterationAxis, Qt::AlignBottom);
    c->addAxis(m_countAxis, Qt::AlignLeft);
    c->addAxis(m_accuracyAxis, Qt::AlignRight);

    m_humanSet = new QBarSet(tr("Human labels"));
    m_humanSet->setColor(chartstyle::barColor(0));
    m_humanSet->setBorderColor(chartstyle::barColor(0).darker(130));
    m_flipSet = new QBarSet(tr("Flips"));
    m_flipSet->setColor(chartstyle::barColor(1));
    m_flipSet->setBorderColor(chartstyle::barColor(1).darker(130));
    QStringList categories;
    int maxCount = 0;
    for (const auto& point : m_history) {
        categories.append(QString::number(point.number));
        m_humanSet->append(point.humanLabels);
        m_flipSet->append(point.flips);
        maxCount = std::max({maxCount, point.humanLabels, point.flips});
    }
    m_iterationAxis->append(categories);
    // Counts are whole: ticks on whole numbers only (not 0, 0, 0, 0, 1 for a range of one).
    axisticks::setCountRange(m_countAxis, maxCount, kMostTicks);
    fitAxes();

    m_bars = new QBarSeries;
    m_bars->append(m_humanSet);
    m_bars->append(m_flipSet);
    c->addSeries(m_bars);
    m_bars->attachAxis(m_iterationAxis);
    m_bars->attachAxis(m_countAxis);

    m_curated = addAccuracy(&IterationPoint::curatedLabelAccuracy, tr("Curated-label accuracy"),
                            chartstyle::lineColor(0));
    m_rm = addAccuracy(&IterationPoint::rmGoldAccuracy, tr("Reward-model accuracy"),
                       chartstyle::lineColor(1));
    // Without any gold labels the right axis has nothing to show.
    m_accuracyAxis->setVisible(!m_curated.isEmpty() || !m_rm.isEmpty());
    Q_EMIT rebuilt();
}

void HistoryChartView::changeEvent(QEvent* event) {
    QChartView::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        rebuild();
}

} // namespace rlthf::ui
