#include "ui/charts/ChartLegend.h"

#include <QAbstractBarSeries>
#include <QAreaSeries>
#include <QBarSet>
#include <QChart>
#include <QLegend>
#include <QXYSeries>

#include <algorithm>

namespace rlthf::ui {

namespace {

// `text` with a word joiner (U+2060) between each two characters, none inside a surrogate
// pair.
QString joinCharacters(const QString& text) {
    QString joined;
    joined.reserve(text.size() * 2);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (i > 0 && !text[i].isLowSurrogate())
            joined += QChar(0x2060);
        joined += text[i];
    }
    return joined;
}

} // namespace

ChartLegend::ChartLegend(QChart* chart, QWidget* parent) : QLabel(parent), m_chart(chart) {
    setObjectName(QStringLiteral("chartLegend"));
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setContentsMargins(6, 0, 6, 4);
    m_chart->legend()->setVisible(false);
}

void ChartLegend::refresh() {
    m_entries.clear();
    QStringList items;
    const auto add = [&](const QString& name, QColor colour) {
        if (name.isEmpty() || m_entries.contains(name)) // a line drawn in runs is one entry
            return;
        colour.setAlpha(std::max(colour.alpha(), 140)); // pale zone fills still show
        m_entries << name;
        // A swatch and its words never part at a line break; entries may. Qt's rich text has
        // no inline nowrap, so: no-break spaces and hyphens, and a word joiner between
        // characters, since Japanese breaks between any two (「精度」 was split).
        QString words = joinCharacters(name).toHtmlEscaped();
        words.replace(QLatin1Char(' '), QStringLiteral("&nbsp;"));
        words.replace(QLatin1Char('-'), QChar(0x2011));
        items << QStringLiteral("<span style=\"color:%1\">\u25a0</span>&nbsp;%2")
                     .arg(colour.name(QColor::HexArgb), words);
    };
    for (QAbstractSeries* series : m_chart->series()) {
        if (!series->isVisible() || series->property(kNotInLegend).toBool())
            continue;
        if (auto* bars = qobject_cast<QAbstractBarSeries*>(series)) {
            for (QBarSet* set : bars->barSets())
                add(set->label(), set->color());
        } else if (auto* area = qobject_cast<QAreaSeries*>(series)) {
            add(area->name(), area->brush().color());
        } else if (auto* xy = qobject_cast<QXYSeries*>(series)) {
            add(xy->name(), xy->color());
        }
    }
    setText(items.join(QStringLiteral(" &nbsp; ")));
    setVisible(!items.isEmpty());
}

} // namespace rlthf::ui
