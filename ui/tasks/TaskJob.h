#pragma once
// What TaskRunner runs on its worker thread: a QObject moved there, told to run() when the
// thread starts, reporting through progress() and ending with exactly one done(). cancel()
// and setPaused() arrive as queued calls in the worker thread; jobs that block the thread
// (TaskWorker) check a shared flag instead, event-driven ones (the AI labelling) react to them.

#include "ui/tasks/TaskTypes.h"

#include <QObject>

namespace rlthf::ui {

class TaskJob : public QObject {
    Q_OBJECT

public:
    explicit TaskJob(TaskKind kind) : m_kind(kind) {}
    TaskKind kind() const { return m_kind; }
    // Whether setPaused() does anything; the progress display offers Pause only then.
    virtual bool canPause() const { return false; }

public Q_SLOTS:
    virtual void run() = 0;
    virtual void cancel() {}
    virtual void setPaused(bool) {}

Q_SIGNALS:
    void progress(const rlthf::ui::TaskProgress& progress);
    void done(const rlthf::ui::TaskResult& result);

protected:
    // Fills the task's name, the clamped fraction, the elapsed time and the estimate of the
    // time left.
    void stamp(TaskProgress& progress, double elapsedSeconds) const;

private:
    TaskKind m_kind;
};

} // namespace rlthf::ui
