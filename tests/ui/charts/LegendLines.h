#pragma once
// Whether each legend entry is laid out on one line at the legend's width.

#include "ui/charts/ChartLegend.h"

#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <vector>

namespace rlthf::test {

// The number of lines `entry` (its words) spans in the legend as laid out now; 0 if absent.
inline int linesSpanned(const ui::ChartLegend& legend, const QString& entry) {
    QTextDocument doc;
    doc.setDefaultFont(legend.font());
    doc.setDocumentMargin(0);
    doc.setHtml(legend.text());
    doc.setTextWidth(legend.contentsRect().width());
    (void)doc.size(); // lays the text out
    // The legend's characters as the eye reads them, each with the line it is drawn on.
    QString flat;
    std::vector<int> lineOf;
    int line = 0;
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        const QTextLayout* layout = block.layout();
        for (int i = 0; i < layout->lineCount(); ++i, ++line) {
            const QTextLine l = layout->lineAt(i);
            for (const QChar c : block.text().mid(l.textStart(), l.textLength())) {
                if (c == QChar(0x2060)) // a word joiner draws nothing
                    continue;
                flat += c == QChar(0x00a0) ? QChar(' ') : c == QChar(0x2011) ? QChar('-') : c;
                lineOf.push_back(line);
            }
        }
    }
    const auto at = flat.indexOf(entry);
    if (at < 0)
        return 0;
    return lineOf[static_cast<std::size_t>(at + entry.size() - 1)] -
           lineOf[static_cast<std::size_t>(at)] + 1;
}

} // namespace rlthf::test
