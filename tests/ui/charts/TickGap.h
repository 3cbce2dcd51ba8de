#pragma once
// Pixels between two neighbouring ticks of a value axis drawn `length` pixels long.

#include <QValueAxis>

namespace rlthf::test {

inline double tickGap(const QValueAxis& axis, double length) {
    const double gaps = axis.tickType() == QValueAxis::TicksDynamic
                            ? (axis.max() - axis.min()) / axis.tickInterval()
                            : axis.tickCount() - 1;
    return length / gaps;
}

} // namespace rlthf::test
