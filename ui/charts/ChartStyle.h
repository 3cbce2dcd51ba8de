#pragma once
// Colours shared by the charts (and anything else that shows zones or landmarks).

#include <QColor>
#include <QString>

namespace rlthf::ui::chartstyle {

// Zone keys as stored in the project: "kept", "backed_off", "human", "flip".
QColor zoneColor(const QString& zoneKey);
QColor landmarkColor(int landmark); // 0 elbow, 1 knee, 2 reflection
QColor curveColor();
QColor barColor(int index);
QColor lineColor(int index);

} // namespace rlthf::ui::chartstyle
