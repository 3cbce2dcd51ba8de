#pragma once
// The status-bar face of TaskRunner: a progress bar, a one-line description
// ("Training · epoch 3/20 · 42% · about 12 s left") and a Cancel button.
// Shown while a job runs, hidden when idle.

#include "ui/tasks/TaskTypes.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace rlthf::ui {

class TaskRunner;

class TaskProgressWidget : public QWidget {
    Q_OBJECT

public:
    explicit TaskProgressWidget(TaskRunner* runner, QWidget* parent = nullptr);

    // The line shown for a progress report (public for tests and tooltips).
    static QString describe(const TaskProgress& progress);

    QProgressBar* progressBar() const { return m_bar; }
    QLabel* label() const { return m_label; }
    QPushButton* cancelButton() const { return m_cancel; }

private Q_SLOTS:
    void onStarted(rlthf::ui::TaskKind kind, const QString& name);
    void onProgress(const rlthf::ui::TaskProgress& progress);
    void onFinished(const rlthf::ui::TaskResult& result);
    void onCancelRequested();

protected:
    void changeEvent(QEvent* event) override; // language change: texts again

private:
    void setCancelTexts();
    QPointer<TaskRunner> m_runner;
    QProgressBar* m_bar = nullptr;
    QLabel* m_label = nullptr;
    QPushButton* m_cancel = nullptr;
    bool m_stops = false; // the running task is stopped, not cancelled
};

} // namespace rlthf::ui
