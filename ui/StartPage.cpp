#include "ui/StartPage.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace rlthf::ui {

StartPage::StartPage(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("startPage"));
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_new = new QPushButton(this);
    m_new->setObjectName(QStringLiteral("startNewProject"));
    m_open = new QPushButton(this);
    m_open->setObjectName(QStringLiteral("startOpenProject"));
    m_demo = new QPushButton(this);
    m_demo->setObjectName(QStringLiteral("startDemoProject"));
    m_recentTitle = new QLabel(this);
    m_recent = new QListWidget(this);
    m_recent->setObjectName(QStringLiteral("startRecentProjects"));
    m_recent->setMaximumHeight(10 * m_recent->fontMetrics().height() + 12);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_open);
    buttons->addWidget(m_demo);
    buttons->addStretch(1);
    auto* column = new QVBoxLayout;
    column->addStretch(1);
    column->addWidget(m_title);
    column->addWidget(m_intro);
    column->addSpacing(12);
    column->addLayout(buttons);
    column->addSpacing(18);
    column->addWidget(m_recentTitle);
    column->addWidget(m_recent);
    column->addStretch(2);
    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 4);
    outer->addStretch(1);

    connect(m_new, &QPushButton::clicked, this, &StartPage::newProjectRequested);
    connect(m_open, &QPushButton::clicked, this, &StartPage::openProjectRequested);
    connect(m_demo, &QPushButton::clicked, this, &StartPage::demoRequested);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        Q_EMIT recentRequested(item->data(Qt::UserRole).toString());
    });
    retranslate();
}

void StartPage::setRecentProjects(const QStringList& paths) {
    m_recent->clear();
    for (const QString& path : paths) {
        auto* item = new QListWidgetItem(
            QStringLiteral("%1 \u2014 %2")
                .arg(QFileInfo(path).fileName(), QDir::toNativeSeparators(QFileInfo(path).path())),
            m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
    }
    m_recentTitle->setVisible(!paths.isEmpty());
    m_recent->setVisible(!paths.isEmpty());
}

void StartPage::setDemoBusy(bool busy) {
    m_demoBusy = busy;
    m_demo->setEnabled(!busy);
    retranslate();
}

void StartPage::retranslate() {
    m_title->setText(tr("RLTHF Studio"));
    m_intro->setText(tr("Review the preference pairs an AI judge probably got wrong, retrain the "
                        "reward model, and export corrected shards. Start with a project:"));
    m_new->setText(tr("&New Project\u2026"));
    m_open->setText(tr("&Open\u2026"));
    m_demo->setText(m_demoBusy ? tr("Creating the demo project\u2026")
                               : tr("Open the &Demo Project"));
    m_demo->setToolTip(tr("2,000 generated factory-QA pairs with AI and gold labels, trained once: "
                          "about twenty verdicts and two retrains show the whole loop."));
    m_recentTitle->setText(tr("Recent projects"));
}

void StartPage::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

} // namespace rlthf::ui
