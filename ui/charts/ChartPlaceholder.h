#pragma once

namespace rlthf::ui {

// What a chart with nothing to draw says: that there is nothing yet, that its data is being
// read (a large project's curve takes seconds), or that its data could not be read.
enum class ChartPlaceholder { NothingYet, Loading, Unreadable };

} // namespace rlthf::ui
