#include "ui/charts/ChartStyle.h"

namespace rlthf::ui::chartstyle {

QColor curveColor() { return QColor(0x20, 0x20, 0x28); }

QColor barColor(int index) {
    return index == 0 ? QColor(0x1f, 0x77, 0xd4) : QColor(0xd6, 0x3c, 0x2f);
}

QColor lineColor(int index) {
    return index == 0 ? QColor(0x2e, 0x9d, 0x4f) : QColor(0xe0, 0x8a, 0x00);
}

} // namespace rlthf::ui::chartstyle
