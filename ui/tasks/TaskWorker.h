#pragma once
// Internal: runs one blocking job function on the worker thread. TaskRunner creates it,
// moves it to a fresh QThread and starts run() through the thread's started() signal.

#include "ui/tasks/TaskJob.h"

#include <QElapsedTimer>

#include <atomic>
#include <functional>
#include <memory>

namespace rlthf::ui {

class TaskWorker : public TaskJob {
    Q_OBJECT

public:
    using Job = std::function<TaskResult(TaskWorker&)>;

    TaskWorker(TaskKind kind, Job job, std::shared_ptr<std::atomic<bool>> cancelFlag);

    // Called by the job (worker thread). Emits progress() at most every kMinInterval ms,
    // except for the first report and phase changes. Fills task name, elapsed time and
    // the estimate of the time left. Returns false once cancel was requested.
    bool report(TaskProgress progress);
    bool cancelRequested() const { return m_cancel->load(std::memory_order_relaxed); }
    double elapsedSeconds() const { return static_cast<double>(m_clock.nsecsElapsed()) / 1e9; }

    static constexpr qint64 kMinIntervalMs = 50; // ≤ 20 signals per second

public Q_SLOTS:
    void run() override;

private:
    Job m_job;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QElapsedTimer m_clock;
    qint64 m_lastEmitMs = -1;
    QString m_lastPhase;
};

} // namespace rlthf::ui
