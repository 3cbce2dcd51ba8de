#include "ui/charts/AxisTicks.h"

#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace rlthf::ui::axisticks {

namespace {

// How many labels fit along the axis, one `labelPixels` apart; at most `ticks`.
int fitting(int ticks, double lengthPixels, double labelPixels) {
    if (!(lengthPixels > 0.0) || !(labelPixels > 0.0))
        return ticks; // not laid out yet
    return std::clamp(static_cast<int>(lengthPixels / labelPixels), 1, ticks);
}

} // namespace

double niceStep(double raw) {
    if (!(raw > 0.0) || !std::isfinite(raw))
        return 1.0;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double factor : {1.0, 2.0, 5.0, 10.0})
        if (factor * power >= raw)
            return factor * power;
    return 10.0 * power;
}

void setCountRange(QValueAxis* axis, double largest, int ticks) {
    const double top = std::max(1.0, std::ceil(largest * 1.1));
    const double step = std::max(1.0, niceStep(top / ticks));
    axis->setRange(0.0, std::ceil(top / step) * step);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
}

double fitInterval(QValueAxis* axis, int ticks, double lengthPixels, double labelPixels,
                   double minStep) {
    const double span = axis->max() - axis->min();
    const double step =
        std::max(minStep, niceStep(span / fitting(ticks, lengthPixels, labelPixels)));
    if (axis->tickInterval() != step) // a change lays the chart out again
        axis->setTickInterval(step);
    return step;
}

double fitAnchoredInterval(QValueAxis* axis, int ticks, double lengthPixels, double labelPixels) {
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    const double low = axis->min();
    const double high = axis->max();
    const auto ticksWithin = [&](double step) {
        return std::floor(high / step) - std::ceil(low / step) + 1.0;
    };
    double step = niceStep((high - low) / fitting(ticks, lengthPixels, labelPixels));
    // A single label would say nothing of the scale; the next smaller round step has more.
    for (int smaller = 0; smaller < 3 && ticksWithin(step) < 2.0; ++smaller)
        step = niceStep(step * 0.4);
    if (axis->tickInterval() != step)
        axis->setTickInterval(step);
    return step;
}

} // namespace rlthf::ui::axisticks
