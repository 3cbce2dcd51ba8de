#pragma once
// The latest iteration's reward margins Δ sorted descending, with the elbow, knee and
// reflection point marked and the four zones (kept, backed off, human review, auto-flip)
// shaded; or, in histogram mode, the distribution of Δ with the same landmarks.

#include "loop/Review.h"
#include "ui/charts/ChartPlaceholder.h"

#include <QChartView>
#include <QList>
#include <QPointF>
#include <QString>
#include <cstddef>
#include <span>
#include <utility>
#include <vector>

class QAreaSeries;
class QGraphicsSimpleTextItem;
class QBarSeries;
class QBarSet;
class QLineSeries;
class QValueAxis;

namespace rlthf::ui {

class CurveChartView : public QChartView {
    Q_OBJECT

public:
    enum class Mode { Curve, Histogram };
    Q_ENUM(Mode)
    using Landmark = rlthf::Landmark;

    // Curves longer than this are drawn from a min/max-per-bucket subsample.
    static constexpr std::size_t kMaxPoints = 2000;
    static constexpr int kHistogramBins = 40;
    explicit CurveChartView(QWidget* parent = nullptr);
    ~CurveChartView() override;

    void setCurve(const loop::CurveData& curve);
    void clear();
    // A curve is being read: said until it comes, unless a curve is shown meanwhile.
    void setLoading();
    // The curve could not be read: none is shown.
    void setUnreadable();
    // No curve here: a team station's is drawn on the lead's project.
    void setOnLead();
    ChartPlaceholder placeholder() const { return m_placeholder; }
    bool hasCurve() const { return m_hasCurve; }
    const loop::CurveData& curve() const { return m_curve; }

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }

    // For tests and tooltips; null where the series does not exist in the current mode.
    QLineSeries* curveSeries() const { return m_curveSeries; }
    QAreaSeries* zoneSeries(Zone zone) const;
    QLineSeries* markerSeries(Landmark landmark) const;
    // The landmarks' labels ("Knee · rank 666"), drawn inside the plot area: beside their
    // line, on the side where they fit.
    QList<QGraphicsSimpleTextItem*> landmarkLabels() const;
    QBarSeries* histogramSeries() const { return m_histogramSeries; }
    QValueAxis* xAxis() const { return m_xAxis; }
    QValueAxis* yAxis() const { return m_yAxis; }

    // Rank runs [first, last] of one zone.
    std::vector<std::pair<std::size_t, std::size_t>> zoneRuns(Zone zone) const;
    // Histogram of the finite margins: counts per bin and the margin range they span.
    struct Histogram {
        std::vector<int> counts;
        double low = 0.0;
        double high = 0.0;
    };
    static Histogram histogram(std::span<const double> margins, int bins);
    // Indices of the points drawn for a curve of n points (all when n ≤ maxPoints);
    // keeps the first and last rank and the extremes of every bucket.
    static std::vector<std::size_t> downsample(std::span<const double> values,
                                               std::size_t maxPoints);

Q_SIGNALS:
    void modeChanged(rlthf::ui::CurveChartView::Mode mode);
    // The series were made again (a new curve, a cleared one, another mode).
    void rebuilt();

protected:
    void changeEvent(QEvent* event) override; // language change: drawn again

private:
    void rebuild();
    void buildCurve();
    void buildHistogram();
    void showEmpty();
    void showNothing(ChartPlaceholder placeholder); // drops the curve, then says why
    QLineSeries* addMarker(Landmark landmark, double x, double yLow, double yHigh, double labelAt,
                           const QString& label, QValueAxis* xAxis, QValueAxis* yAxis);
    // Ticks as far apart as their labels need at the plot's present size.
    void fitAxes();
    void placeLabels();

    struct LandmarkLabel {
        QGraphicsSimpleTextItem* item;
        QPointF at; // in the series' values
        QLineSeries* series;
    };
    std::vector<LandmarkLabel> m_labels;

    loop::CurveData m_curve;
    bool m_hasCurve = false;
    ChartPlaceholder m_placeholder = ChartPlaceholder::NothingYet;
    Mode m_mode = Mode::Curve;

    QLineSeries* m_curveSeries = nullptr;
    QList<QAreaSeries*> m_zoneSeries; // by Zone, null where the zone is empty
    QLineSeries* m_markers[3] = {nullptr, nullptr, nullptr};
    QBarSeries* m_histogramSeries = nullptr;
    QValueAxis* m_xAxis = nullptr;
    QValueAxis* m_yAxis = nullptr;
};

} // namespace rlthf::ui
