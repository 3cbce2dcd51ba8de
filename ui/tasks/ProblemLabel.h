#pragma once
// The red line under a settings form that names the first problem with what was entered.

#include <QString>

class QLabel;
class QWidget;

namespace rlthf::ui {

// A hidden, word-wrapped label for problems, named `objectName` for tests.
QLabel* newProblemLabel(const QString& objectName, QWidget* parent);
// Shows `problem`, or hides the label when it is empty; true when there is a problem,
// so the dialog stays open.
bool showProblem(QLabel* label, const QString& problem);

} // namespace rlthf::ui
