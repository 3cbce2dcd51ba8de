#pragma once

class QWidget;

namespace rlthf::ui {

// Help ▸ About RLTHF Studio: the version, what the program is for, and its licence.
void showAboutBox(QWidget* parent);

} // namespace rlthf::ui
