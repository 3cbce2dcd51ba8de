#pragma once
// A chart's legend in full words, wrapping onto more lines in a narrow dock. Qt Charts' own
// legend keeps one row and elides every entry to a letter ("K… B… H…") when the dock is
// narrow, so the charts hide it and show this under them instead.

#include <QLabel>

class QChart;

namespace rlthf::ui {

// Series with this property set to true stay out of the legend (landmark lines).
inline constexpr const char* kNotInLegend = "rlthfNotInLegend";

class ChartLegend : public QLabel {
    Q_OBJECT

  public:
    explicit ChartLegend(QChart* chart, QWidget* parent = nullptr);

    // Reads the chart's visible legend entries again (after the chart was rebuilt).
    void refresh();
    // The entries shown, in order, for tests.
    const QStringList& entries() const { return m_entries; }

  private:
    QChart* m_chart;
    QStringList m_entries;
};

} // namespace rlthf::ui
