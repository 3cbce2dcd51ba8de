#pragma once
// Ticks of the charts' value axes as far apart as their labels need. With a fixed number of
// ticks, a chart in a small dock drew its labels closer than a line apart, and Qt Charts
// shows such labels as "…" (found: the curve's margin axis in a 480-pixel-high window).

class QValueAxis;

namespace rlthf::ui::axisticks {

// 1, 2 or 5 times a power of ten, at least `raw`.
double niceStep(double raw);

// A count axis: 0 to a round number above `largest` (a tenth to spare, at least 1), whole
// ticks about `ticks` apart from 0 (fitInterval then fits them to the plot).
void setCountRange(QValueAxis* axis, double largest, int ticks);

// Sets a round tick interval on an axis with dynamic ticks: about `ticks` ticks over its
// range, fewer when they would come closer than `labelPixels` along its `lengthPixels`, and
// at least `minStep`. Returns the interval.
double fitInterval(QValueAxis* axis, int ticks, double lengthPixels, double labelPixels,
                   double minStep = 0.0);

// The same for an axis whose range ends where its data ends (the histogram's margins): its
// ticks fall on multiples of the interval, 0 among them, at least two inside the range.
double fitAnchoredInterval(QValueAxis* axis, int ticks, double lengthPixels, double labelPixels);

} // namespace rlthf::ui::axisticks
