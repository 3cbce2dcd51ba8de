#pragma once
// Colours of the charts' own series. Zones, landmarks and label sources take theirs from
// the vocabulary (vocab/VocabularyColour.h), shared with the PNG plot.

#include <QColor>

namespace rlthf::ui::chartstyle {

QColor curveColor();
QColor barColor(int index);
QColor lineColor(int index);

} // namespace rlthf::ui::chartstyle
