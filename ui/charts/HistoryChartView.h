#pragma once
// One bar group per finished iteration (human labels used, flips) on the left axis and,
// where gold labels exist, the curated-label and reward-model accuracy on a 0..1 right axis.

#include "loop/Review.h"
#include "ui/charts/ChartPlaceholder.h"

#include <QChartView>
#include <QList>
#include <optional>
#include <vector>

class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QLineSeries;
class QValueAxis;

namespace rlthf::ui {

struct IterationPoint {
    int number = 0; // 1-based iteration number
    int humanLabels = 0;
    int flips = 0;
    std::optional<double> curatedLabelAccuracy; // null without gold labels
    std::optional<double> rmGoldAccuracy;       // null without gold labels
};

// One point per finished iteration; accuracies outside 0..1 are clamped.
std::vector<IterationPoint> historyPoints(const std::vector<loop::FinishedIteration>& history);

class HistoryChartView : public QChartView {
    Q_OBJECT

public:
    explicit HistoryChartView(QWidget* parent = nullptr);
    ~HistoryChartView() override;

    void setHistory(std::vector<IterationPoint> history);
    void clear() { setHistory({}); }
    // The history is being read: said until it comes, unless a history is shown meanwhile.
    void setLoading();
    // The history could not be read: none is shown.
    void setUnreadable();
    ChartPlaceholder placeholder() const { return m_placeholder; }
    const std::vector<IterationPoint>& history() const { return m_history; }

    // For tests; null (or empty) when there is no history.
    QBarSeries* barSeries() const { return m_bars; }
    QBarSet* humanLabelSet() const { return m_humanSet; }
    QBarSet* flipSet() const { return m_flipSet; }
    // An accuracy line is split where an iteration has no gold value; one series per run.
    const QList<QLineSeries*>& curatedAccuracySeries() const { return m_curated; }
    const QList<QLineSeries*>& rmAccuracySeries() const { return m_rm; }
    QBarCategoryAxis* iterationAxis() const { return m_iterationAxis; }
    QValueAxis* countAxis() const { return m_countAxis; }
    QValueAxis* accuracyAxis() const { return m_accuracyAxis; }

Q_SIGNALS:
    // The series were made again.
    void rebuilt();

protected:
    void changeEvent(QEvent* event) override; // language change: drawn again

private:
    void rebuild();
    QString emptyTitle() const;
    // Ticks as far apart as their labels need at the plot's present size.
    void fitAxes();
    QList<QLineSeries*> addAccuracy(std::optional<double> IterationPoint::*value,
                                    const QString& name, const QColor& color);

    std::vector<IterationPoint> m_history;
    ChartPlaceholder m_placeholder = ChartPlaceholder::NothingYet;
    QBarSeries* m_bars = nullptr;
    QBarSet* m_humanSet = nullptr;
    QBarSet* m_flipSet = nullptr;
    QList<QLineSeries*> m_curated;
    QList<QLineSeries*> m_rm;
    QBarCategoryAxis* m_iterationAxis = nullptr;
    QValueAxis* m_countAxis = nullptr;
    QValueAxis* m_accuracyAxis = nullptr;
};

} // namespace rlthf::ui
