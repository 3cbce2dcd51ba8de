#include "ui/tasks/ProblemLabel.h"

#include <QLabel>

namespace rlthf::ui {

QLabel* newProblemLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
    label->hide();
    return label;
}

bool showProblem(QLabel* label, const QString& problem) {
    if (problem.isEmpty()) {
        label->hide();
        return false;
    }
    label->setText(problem);
    label->show();
    return true;
}

} // namespace rlthf::ui
