#pragma once
// Runs the long project jobs (retrain, propagate, import, export, AI labelling) one at a time on a worker
// thread. Each job opens its own connection to the project file; the GUI keeps its own and
// may go on writing verdicts meanwhile (WAL + busy timeout). Progress and the result come
// back as queued signals; cancel() sets a flag the job checks per batch, and a cancelled
// job leaves the project as it was.

#include "data/Exporter.h"
#include "data/Importer.h"
#include "loop/LoopSettings.h"
#include "ui/tasks/TaskTypes.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace rlthf::ui {

class TaskJob;
class TaskWorker;

class TaskRunner : public QObject {
    Q_OBJECT

public:
    explicit TaskRunner(QObject* parent = nullptr);
    // Cancels a running job and waits for its thread to end.
    ~TaskRunner() override;

    // Each returns false (and starts nothing) while another job runs.
    bool startRetrain(const QString& projectPath, const loop::LoopSettings& settings);
    bool startPropagate(const QString& projectPath, const loop::LoopSettings& settings);
    bool startImport(const QString& projectPath, const QStringList& files,
                     const data::ImportOptions& options);
    bool startExport(const QString& projectPath, const QString& out,
                     const data::ExportOptions& options);

    // Runs a job of another kind (e.g. the AI labelling), taking ownership of it; false (and
    // the job deleted) while another job runs.
    bool startJob(TaskJob* job);

    bool isRunning() const { return m_worker != nullptr; }
    // Whether the running job can pause, and whether it is paused.
    bool canPause() const { return isRunning() && m_canPause; }
    bool isPaused() const { return isRunning() && m_paused; }
    // The kind of the running job (meaningful only while isRunning()).
    TaskKind currentKind() const { return m_kind; }
    bool isCancelling() const;

public Q_SLOTS:
    // Asks the running job to stop at its next check; finished() follows with cancelled.
    // Propagate has no check points: it stops only if it has not started its work yet.
    void cancel();
    // Pauses or resumes a job that canPause(); nothing otherwise.
    void setPaused(bool paused);

Q_SIGNALS:
    void started(rlthf::ui::TaskKind kind, const QString& name);
    void progress(const rlthf::ui::TaskProgress& progress);
    void finished(const rlthf::ui::TaskResult& result);
    // Emitted by cancel() while a job runs.
    void cancelRequested();
    void pausedChanged(bool paused);

private Q_SLOTS:
    void onWorkerProgress(const rlthf::ui::TaskProgress& report);
    void onWorkerDone(const rlthf::ui::TaskResult& result);

private:
    bool start(TaskKind kind, std::function<TaskResult(TaskWorker&)> job);
    bool startJob(TaskJob* job, std::shared_ptr<std::atomic<bool>> cancelFlag);

    TaskKind m_kind = TaskKind::Retrain;
    QThread* m_thread = nullptr;
    TaskJob* m_worker = nullptr;
    bool m_canPause = false;
    bool m_paused = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QList<QPointer<QThread>> m_retiring; // threads told to quit, not yet finished
};

} // namespace rlthf::ui
