#include "ui/judge/LabelProgressPanel.h"

#include "ui/tasks/TaskRunner.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace rlthf::ui {

namespace {
QString number(qint64 n) { return QLocale().toString(n); }
} // namespace

LabelProgressPanel::LabelProgressPanel(TaskRunner* runner, QWidget* parent)
    : QWidget(parent), m_runner(runner) {
    auto* form = new QFormLayout;
    for (int f = 0; f < FieldCount; ++f) {
        auto* value = new QLabel(this);
        value->setObjectName(QStringLiteral("labelField%1").arg(f));
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(f == Problem);
        m_fields[f] = value;
        auto* name = new QLabel(this);
        m_names[f] = name;
        form->addRow(name, value);
    }
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("labelProgressBar"));
    m_pause = new QPushButton(this);
    m_pause->setObjectName(QStringLiteral("labelPauseButton"));
    m_stop = new QPushButton(this);
    m_stop->setObjectName(QStringLiteral("labelStopButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_pause);
    buttons->addWidget(m_stop);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_bar);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addStretch(1);

    if (runner) {
        connect(m_pause, &QPushButton::clicked, runner,
                [runner] { runner->setPaused(!runner->isPaused()); });
        connect(m_stop, &QPushButton::clicked, runner, &TaskRunner::cancel);
        connect(runner, &TaskRunner::started, this, &LabelProgressPanel::updateButtons);
        connect(runner, &TaskRunner::finished, this, &LabelProgressPanel::updateButtons);
        connect(runner, &TaskRunner::pausedChanged, this, &LabelProgressPanel::updateButtons);
        connect(runner, &TaskRunner::cancelRequested, this, &LabelProgressPanel::updateButtons);
    }
    retranslate();
    setPricePer1kTokens(0.0);
    reset();
}

void LabelProgressPanel::retranslate() {
    const QString names[FieldCount] = {tr("Pairs labelled:"), tr("Uncertain:"), tr("Unparseable:"),
                                       tr("Failed:"),         tr("Requests:"),  tr("Retries:"),
                                       tr("Tokens:"),         tr("Estimated cost:"),
                                       tr("Last problem:")};
    for (int f = 0; f < FieldCount; ++f)
        m_names[f]->setText(names[f]);
    m_pause->setToolTip(tr("Start no new pair; requests in flight finish and are kept"));
    m_stop->setText(tr("S&top"));
    m_stop->setToolTip(tr("End the run; the answers received so far are kept"));
    updateButtons();
}

void LabelProgressPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void LabelProgressPanel::setPricePer1kTokens(double price) {
    m_price = price;
    m_names[Cost]->setVisible(price > 0.0);
    m_fields[Cost]->setVisible(price > 0.0);
}

void LabelProgressPanel::reset() {
    showProgress({});
    m_fields[Problem]->setText(tr("none"));
    updateButtons();
}

void LabelProgressPanel::showProgress(const judge::LabelProgress& p) {
    m_fields[Pairs]->setText(tr("%1 of %2").arg(number(p.labelled), number(p.totalPairs)));
    m_fields[Uncertain]->setText(number(p.uncertain));
    m_fields[Unparseable]->setText(number(p.unparseable));
    m_fields[Failed]->setText(number(p.failed));
    m_fields[Requests]->setText(tr("%1 (%2 in flight)").arg(number(p.requests)).arg(p.inFlight));
    m_fields[Retries]->setText(number(p.retries));
    m_fields[Tokens]->setText(tr("%1 prompt + %2 completion")
                                  .arg(number(p.promptTokens), number(p.completionTokens)));
    const double tokens = static_cast<double>(p.promptTokens + p.completionTokens);
    m_fields[Cost]->setText(QLocale().toString(tokens / 1000.0 * m_price, 'f', 4));
    if (!p.lastProblem.empty())
        m_fields[Problem]->setText(QString::fromStdString(p.lastProblem));
    m_bar->setRange(0, static_cast<int>(std::max<std::int64_t>(p.totalPairs, 1)));
    m_bar->setValue(static_cast<int>(std::min(p.settled(), p.totalPairs)));
}

void LabelProgressPanel::updateButtons() {
    const bool running = m_runner && m_runner->canPause() && m_runner->currentKind() == TaskKind::Label;
    const bool stopping = running && m_runner->isCancelling();
    m_pause->setEnabled(running && !stopping);
    m_stop->setEnabled(running && !stopping);
    m_pause->setText(running && m_runner->isPaused() ? tr("&Resume") : tr("&Pause"));
}

} // namespace rlthf::ui
