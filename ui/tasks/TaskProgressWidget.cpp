#include "ui/tasks/TaskProgressWidget.h"

#include "ui/tasks/TaskRunner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include <cmath>

namespace rlthf::ui {

namespace {
constexpr int kBarRange = 1000;
}

TaskProgressWidget::TaskProgressWidget(TaskRunner* runner, QWidget* parent)
    : QWidget(parent), m_runner(runner) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("taskProgressLabel"));
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("taskProgressBar"));
    m_bar->setRange(0, kBarRange);
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(160);
    m_cancel = new QPushButton(this);
    m_cancel->setObjectName(QStringLiteral("taskCancelButton"));
    setCancelTexts();
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);

    if (runner) {
        connect(runner, &TaskRunner::started, this, &TaskProgressWidget::onStarted);
        connect(runner, &TaskRunner::progress, this, &TaskProgressWidget::onProgress);
        connect(runner, &TaskRunner::finished, this, &TaskProgressWidget::onFinished);
        connect(runner, &TaskRunner::cancelRequested, this, &TaskProgressWidget::onCancelRequested);
        connect(m_cancel, &QPushButton::clicked, runner, &TaskRunner::cancel);
    }
    setVisible(runner && runner->isRunning());
}

QString TaskProgressWidget::describe(const TaskProgress& p) {
    const QString sep = QStringLiteral(" · ");
    QStringList parts;
    parts << (p.phase.isEmpty() ? p.task : p.phase);
    if (p.epoch > 0 && p.maxEpochs > 0)
        parts << tr("epoch %1/%2").arg(p.epoch).arg(p.maxEpochs);
    if (!p.indeterminate)
        parts << tr("%1%").arg(static_cast<int>(std::floor(p.fraction * 100.0)));
    if (p.secondsLeft >= 0.0) {
        const int seconds = static_cast<int>(std::ceil(p.secondsLeft));
        if (seconds < 90)
            parts << tr("about %1 s left").arg(std::max(seconds, 1));
        else
            parts << tr("about %1 min left").arg((seconds + 30) / 60);
    }
    return parts.join(sep);
}

void TaskProgressWidget::onStarted(TaskKind kind, const QString& name) {
    m_label->setText(name);
    m_label->setToolTip({});
    m_bar->setRange(0, 0); // busy until the first report
    m_cancel->setEnabled(true);
    // The labelling keeps what it got, so it is stopped rather than cancelled.
    m_stops = kind == TaskKind::Label;
    setCancelTexts();
    show();
}

void TaskProgressWidget::setCancelTexts() {
    if (!m_cancel->isEnabled()) {
        m_cancel->setText(m_stops ? tr("Stopping…") : tr("Cancelling…"));
        return;
    }
    m_cancel->setText(m_stops ? tr("Stop") : tr("Cancel"));
    m_cancel->setToolTip(m_stops ? tr("End the run; the answers received so far are kept")
                                 : tr("Stop the running task; the project stays as it was"));
}

void TaskProgressWidget::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        setCancelTexts(); // the rest is set again by the next progress report
}

void TaskProgressWidget::onProgress(const TaskProgress& p) {
    if (p.indeterminate) {
        m_bar->setRange(0, 0);
    } else {
        m_bar->setRange(0, kBarRange);
        m_bar->setValue(static_cast<int>(std::lround(p.fraction * kBarRange)));
    }
    m_label->setText(describe(p));
    m_label->setToolTip(p.detail.isEmpty() ? p.task : p.task + QLatin1Char('\n') + p.detail);
    show();
}

void TaskProgressWidget::onFinished(const TaskResult&) {
    m_bar->setRange(0, kBarRange);
    m_bar->setValue(0);
    m_label->clear();
    m_label->setToolTip({});
    hide();
}

void TaskProgressWidget::onCancelRequested() {
    m_cancel->setEnabled(false);
    setCancelTexts();
}

} // namespace rlthf::ui
