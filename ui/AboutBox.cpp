#include "ui/AboutBox.h"

#include <QCoreApplication>
#include <QMessageBox>

namespace rlthf::ui {

void showAboutBox(QWidget* parent) {
    const QString version = QCoreApplication::applicationVersion().toHtmlEscaped();
    QMessageBox::about(
        parent, QCoreApplication::translate("AboutBox", "About RLTHF Studio"),
        QCoreApplication::translate(
            "AboutBox",
            "<h3>RLTHF Studio %1</h3>"
            "<p>The review workstation for reward-model preference data: experts review the "
            "pairs whose AI labels are most likely wrong, and the reward model learns from "
            "their verdicts.</p>"
            "<p>RLTHF Studio is free software: you can share and change it under the terms of "
            "the <a href=\"https://www.gnu.org/licenses/gpl-3.0.html\">GNU General Public "
            "License</a>, version 3 or later. It comes with no warranty, to the extent "
            "permitted by law.</p>")
            .arg(version));
}

} // namespace rlthf::ui
