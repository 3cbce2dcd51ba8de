#include "ui/OutdatedNotice.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace rlthf::ui {

OutdatedNotice::OutdatedNotice(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("outdatedNotice"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* text = new QLabel(tr("Changed on disk since it was opened; read only here"), this);
    text->setToolTip(tr("This project's file has changed since you opened it, and you may only "
                        "read it here: what you see is the project as it was."));
    auto* reopen = new QPushButton(tr("Open Again"), this);
    reopen->setObjectName(QStringLiteral("reopenButton"));
    connect(reopen, &QPushButton::clicked, this, &OutdatedNotice::reopenRequested);
    layout->addWidget(text);
    layout->addWidget(reopen);
    hide(); // until the file changes
}

} // namespace rlthf::ui
