#include "ui/charts/ChartStyle.h"

namespace rlthf::ui::chartstyle {

QColor zoneColor(const QString& zoneKey) {
    if (zoneKey == QLatin1String("kept"))
        return QColor(0x2e, 0x9d, 0x4f);
    if (zoneKey == QLatin1String("backed_off"))
        return QColor(0x9e, 0x9e, 0x9e);
    if (zoneKey == QLatin1String("human"))
        return QColor(0x1f, 0x77, 0xd4);
    if (zoneKey == QLatin1String("flip"))
        return QColor(0xd6, 0x3c, 0x2f);
    return QColor(0x60, 0x60, 0x60);
}

QColor landmarkColor(int landmark) {
    switch (landmark) {
    case 0:
        return QColor(0xe0, 0x8a, 0x00); // elbow: orange
    case 1:
        return QColor(0x7b, 0x3f, 0xb5); // knee: purple
    default:
        return QColor(0xb0, 0x00, 0x30); // reflection: crimson
    }
}

QColor curveColor() { return QColor(0x20, 0x20, 0x28); }

QColor barColor(int index) {
    return index == 0 ? QColor(0x1f, 0x77, 0xd4) : QColor(0xd6, 0x3c, 0x2f);
}

QColor lineColor(int index) {
    return index == 0 ? QColor(0x2e, 0x9d, 0x4f) : QColor(0xe0, 0x8a, 0x00);
}

} // namespace rlthf::ui::chartstyle
