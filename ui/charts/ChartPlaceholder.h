#pragma once

namespace rlthf::ui {

// What a chart with nothing to draw says: that there is nothing yet, that its data is being
// read (a large project's curve takes seconds), that its data could not be read, or that it
// is drawn on the team lead's project (a station's iterations come from there, its model
// and scores stay there).
enum class ChartPlaceholder { NothingYet, Loading, Unreadable, OnLead };

} // namespace rlthf::ui
