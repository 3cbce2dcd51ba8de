#include "ui/tasks/TaskRunner.h"

#include "document/ProjectTask.h"
#include "ui/i18n/ErrorText.h"
#include "ui/tasks/TaskWorker.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QThread>
#include <algorithm>
#include <cmath>
#include <exception>
#include <optional>
#include <string>
#include <vector>

namespace rlthf::ui {

QString taskKindName(TaskKind kind) {
    switch (kind) {
    case TaskKind::Retrain:
        return TaskRunner::tr("Retrain & rescore");
    case TaskKind::Propagate:
        return TaskRunner::tr("Propagate");
    case TaskKind::Import:
        return TaskRunner::tr("Import");
    case TaskKind::Export:
        return TaskRunner::tr("Export");
    case TaskKind::Label:
        return TaskRunner::tr("Label with AI");
    }
    return {};
}

void registerTaskMetaTypes() {
    qRegisterMetaType<rlthf::ui::TaskKind>("rlthf::ui::TaskKind");
    qRegisterMetaType<rlthf::ui::TaskProgress>("rlthf::ui::TaskProgress");
    qRegisterMetaType<rlthf::ui::TaskResult>("rlthf::ui::TaskResult");
}

// ---------------------------------------------------------------------------------------------
// TaskJob, TaskWorker

void TaskJob::stamp(TaskProgress& p, double elapsedSeconds) const {
    p.kind = m_kind;
    p.task = taskKindName(m_kind);
    p.fraction = std::clamp(p.fraction, 0.0, 1.0);
    p.elapsedSeconds = elapsedSeconds;
    // Only once the task is a little way in: early fractions give wild estimates.
    if (!p.indeterminate && p.fraction >= 0.02 && p.elapsedSeconds >= 0.2)
        p.secondsLeft = p.elapsedSeconds * (1.0 - p.fraction) / p.fraction;
}

TaskWorker::TaskWorker(TaskKind kind, Job job, std::shared_ptr<std::atomic<bool>> cancelFlag)
    : TaskJob(kind), m_job(std::move(job)), m_cancel(std::move(cancelFlag)) {
    m_clock.start();
}

bool TaskWorker::report(TaskProgress p) {
    const qint64 now = m_clock.elapsed();
    const bool phaseChanged = p.phase != m_lastPhase;
    if (m_lastEmitMs < 0 || phaseChanged || now - m_lastEmitMs >= kMinIntervalMs) {
        stamp(p, elapsedSeconds());
        m_lastEmitMs = now;
        m_lastPhase = p.phase;
        Q_EMIT progress(p);
    }
    return !cancelRequested();
}

void TaskWorker::run() {
    m_clock.restart();
    TaskResult result;
    result.kind = kind();
    try {
        result = m_job(*this);
    } catch (const std::exception& e) {
        result.ok = false;
        result.message = TaskRunner::tr("Unexpected error: %1").arg(QString::fromUtf8(e.what()));
    } catch (...) {
        result.ok = false;
        result.message = TaskRunner::tr("Unexpected error");
    }
    result.kind = kind();
    result.elapsedSeconds = elapsedSeconds();
    m_job = {}; // release what the job captured here, in the worker thread
    Q_EMIT done(result);
}

// ---------------------------------------------------------------------------------------------
// Jobs (run on the worker thread; each opens its own connection)

namespace {

QString fromStd(const std::string& s) {
    return QString::fromStdString(s);
}

QString number(qint64 n) {
    return QLocale().toString(n);
}

// Takes the project for this job on this thread (its task lock, when it needs one, and its
// own connection), held until the job returns; or fills the result's message.
std::optional<document::ProjectTask> beginTask(const QString& path, const char* lockName,
                                               TaskResult& result) {
    auto task = document::ProjectTask::begin(path, lockName);
    if (!task) {
        result.message = fromStd(task.message());
        return std::nullopt;
    }
    result.revisionAtStart = task->revision();
    return std::move(task).value();
}

// Why this iteration flipped or did not, in the lead's language (the core's reason is English).
QString flipDecisionText(const curation::FlipDecision& d) {
    using Why = curation::FlipDecision::Why;
    switch (d.why) {
    case Why::TooFewChecks:
        return TaskRunner::tr("Flips withheld: %1 of %2 needed flip checks answered.")
            .arg(number(d.checked))
            .arg(number(d.needed));
    case Why::PrecisionTooLow:
        return TaskRunner::tr("Flips withheld: only %1 of %2 checked flip-zone labels were "
                              "wrong, too few to trust the flip rule.")
            .arg(number(d.wrong))
            .arg(number(d.checked));
    case Why::PrecisionHigh:
        return TaskRunner::tr("Flips applied: %1 of %2 checked flip-zone labels were wrong.")
            .arg(number(d.wrong))
            .arg(number(d.checked));
    }
    return {};
}

// When the verdicts show the queue doing worse than random review, what the next batch does
// about it, with the figures that showed it.
QString targetingCheckText(const curation::TargetingCheck& check,
                           const curation::Estimates& estimates) {
    if (!(check.randomShare > 0.0))
        return {};
    return TaskRunner::tr("The queue found the judge's errors less often than random review "
                          "(%1 of %2 queued labels overturned, %3 of %4 drawn at random): %5% "
                          "of the next batch's targeted places are reviewed at random.")
        .arg(number(estimates.queuePrecision.hits))
        .arg(number(estimates.queuePrecision.trials))
        .arg(number(estimates.judgeError.hits))
        .arg(number(estimates.judgeError.trials))
        .arg(std::lround(100.0 * check.randomShare));
}

TaskResult retrainJob(TaskWorker& worker, const QString& path, const loop::LoopSettings& settings) {
    TaskResult r;
    r.kind = TaskKind::Retrain;
    // No report before the snapshot: the first progress signal means the labels are read.
    auto project = beginTask(path, "retrain", r);
    if (!project)
        return r;

    // Training takes most of the time; scoring and curation the rest.
    constexpr double kTrainingShare = 0.9;
    constexpr double kScoringShare = 0.05;
    double lastFraction = 0.0;
    auto onPhase = [&](const loop::IterationPhase& phase) {
        TaskProgress p;
        switch (phase.kind) {
        case loop::IterationPhase::Training:
            p.phase = TaskRunner::tr("Training");
            // Only while training: "Curating · epoch 10/20" read as if it still trained.
            p.epoch = phase.train.epoch;
            p.maxEpochs = phase.train.maxEpochs;
            p.fraction = kTrainingShare * phase.train.fraction;
            if (phase.train.epoch > 1 || phase.train.trainLoss > 0.0)
                p.detail = TaskRunner::tr("train loss %1 · validation loss %2")
                               .arg(QLocale().toString(phase.train.trainLoss, 'f', 3),
                                    QLocale().toString(phase.train.validationLoss, 'f', 3));
            break;
        case loop::IterationPhase::Scoring:
            p.phase = TaskRunner::tr("Scoring");
            p.fraction = kTrainingShare;
            break;
        case loop::IterationPhase::Curating:
            p.phase = TaskRunner::tr("Curating");
            p.fraction = kTrainingShare + kScoringShare;
            break;
        }
        p.fraction = std::max(p.fraction, lastFraction); // never goes backwards
        lastFraction = p.fraction;
        return worker.report(p);
    };
    // The core takes a read snapshot, trains with no transaction open, and writes the
    // iteration in one short write transaction at the end; cancelling leaves no trace.
    auto summary = project->retrain(settings, onPhase);
    r.revisionAtEnd = project->revision();
    if (!summary) {
        if (worker.cancelRequested()) {
            r.cancelled = true;
            r.message = TaskRunner::tr("Retrain cancelled; the project is unchanged.");
        } else {
            r.message = errorText(summary.error());
        }
        return r;
    }
    r.ok = true;
    r.revisionAtStart = summary->dataRevision;
    r.staleVerdicts = summary->staleVerdicts;
    r.counts.iteration = summary->number;
    r.counts.queued = summary->queued;
    r.counts.flips = summary->flips;
    r.counts.flipsRevoked = summary->flipsRevoked;
    r.message = TaskRunner::tr("Iteration %1 done: %2 pairs queued for review, %3 labels flipped.")
                    .arg(summary->number)
                    .arg(number(summary->queued))
                    .arg(number(summary->flips));
    r.message += QLatin1Char(' ') + flipDecisionText(summary->flipDecision);
    if (const QString targeting = targetingCheckText(summary->targetingCheck, summary->estimates);
        !targeting.isEmpty()) {
        r.message += QLatin1Char(' ') + targeting;
        r.randomReview = true;
    }
    if (summary->dropped > 0)
        r.message += QLatin1Char(' ') +
                     TaskRunner::tr("%1 pairs found wrong were dropped from the curated data.")
                         .arg(number(summary->dropped));
    if (summary->staleVerdicts > 0)
        r.message += QLatin1Char(' ') +
                     (summary->staleVerdicts == 1
                          ? TaskRunner::tr("1 verdict arrived while the model was training; "
                                           "it counts in the next iteration.")
                          : TaskRunner::tr("%1 verdicts arrived while the model was training; "
                                           "they count in the next iteration.")
                                .arg(number(summary->staleVerdicts)));
    return r;
}

TaskResult propagateJob(TaskWorker& worker, const QString& path,
                        const loop::LoopSettings& settings) {
    TaskResult r;
    r.kind = TaskKind::Propagate;
    TaskProgress p;
    p.phase = TaskRunner::tr("Propagating");
    p.indeterminate = true;
    worker.report(p);
    auto project = beginTask(path, "propagate", r);
    if (!project)
        return r;
    // propagate() has no progress callback: the last chance to stop is before it starts.
    if (worker.cancelRequested()) {
        r.revisionAtEnd = r.revisionAtStart;
        r.cancelled = true;
        r.message = TaskRunner::tr("Propagation cancelled; the project is unchanged.");
        return r;
    }
    auto summary = project->propagate(settings);
    r.revisionAtEnd = project->revision();
    if (!summary) {
        r.message = fromStd(summary.message());
        return r;
    }
    r.ok = true;
    r.counts.labelled = summary->labelled;
    r.counts.flipped = summary->flipped;
    r.counts.skippedReviewed = summary->skippedReviewed;
    r.message = TaskRunner::tr("Labelled %1 pairs outside the active shard (%2 differ from the AI "
                               "label; %3 reviewed pairs left as they are).")
                    .arg(number(summary->labelled))
                    .arg(number(summary->flipped))
                    .arg(number(summary->skippedReviewed));
    if (summary->dropped > 0)
        r.message += QLatin1Char(' ') +
                     TaskRunner::tr("%1 pairs found wrong were dropped from the curated data.")
                         .arg(number(summary->dropped));
    return r;
}

TaskResult importJob(TaskWorker& worker, const QString& path, const QStringList& files,
                     const data::ImportOptions& options) {
    TaskResult r;
    r.kind = TaskKind::Import;
    r.files = files;
    auto project = beginTask(path, "import", r);
    if (!project)
        return r;
    std::vector<std::string> inputs;
    for (const auto& f : files)
        inputs.push_back(f.toStdString());
    const double count = std::max<double>(1.0, static_cast<double>(inputs.size()));
    auto onProgress = [&](const data::ImportProgress& ip) {
        const auto it = std::find(inputs.begin(), inputs.end(), ip.input);
        const double index = it == inputs.end() ? 0.0 : static_cast<double>(it - inputs.begin());
        const double within = ip.totalBytes > 0 ? static_cast<double>(ip.bytesRead) /
                                                      static_cast<double>(ip.totalBytes)
                                                : 0.0;
        TaskProgress p;
        p.phase = TaskRunner::tr("Importing");
        p.fraction = (index + std::min(within, 1.0)) / count;
        p.detail = TaskRunner::tr("%1 · %2 records")
                       .arg(QFileInfo(fromStd(ip.input)).fileName(), number(ip.records));
        return worker.report(p);
    };
    TaskProgress first;
    first.phase = TaskRunner::tr("Importing");
    worker.report(first);
    auto report = project->import(inputs, options, onProgress);
    r.revisionAtEnd = project->revision();
    if (!report) {
        if (worker.cancelRequested()) {
            r.cancelled = true;
            r.message = TaskRunner::tr("Import cancelled; the project is unchanged.");
        } else {
            r.message = fromStd(report.message()); // "FILE:LINE: reason"
        }
        return r;
    }
    r.ok = true;
    r.counts.imported = report->imported;
    r.counts.duplicates = report->duplicates;
    r.counts.labels = report->labels;
    r.counts.rejected = static_cast<qint64>(report->rejected.size());
    r.message =
        TaskRunner::tr("Imported %1 pairs (%2 duplicates skipped, %3 labels).")
            .arg(number(report->imported), number(report->duplicates), number(report->labels));
    for (const auto& line : report->rejected)
        r.details << fromStd(line.describe());
    if (!report->rejected.empty()) {
        r.message += QLatin1Char(' ') + TaskRunner::tr("%1 bad lines skipped, the first: %2")
                                            .arg(number(r.counts.rejected),
                                                 fromStd(report->rejected.front().describe()));
    }
    return r;
}

TaskResult exportJob(TaskWorker& worker, const QString& path, const QString& out,
                     const data::ExportOptions& options) {
    TaskResult r;
    r.kind = TaskKind::Export;
    auto project = beginTask(path, "", r); // reads one snapshot: no task lock
    if (!project)
        return r;
    auto total = project->visiblePairs();
    const double pairs = total ? static_cast<double>(*total) : 0.0;
    TaskProgress first;
    first.phase = TaskRunner::tr("Exporting");
    first.indeterminate = pairs <= 0.0;
    worker.report(first);
    auto onRows = [&](std::int64_t read, std::int64_t) {
        TaskProgress p;
        p.phase = TaskRunner::tr("Exporting");
        p.indeterminate = pairs <= 0.0;
        p.fraction = pairs > 0.0 ? static_cast<double>(read) / pairs : 0.0;
        p.detail = TaskRunner::tr("%1 rows").arg(number(read));
        return worker.report(p);
    };
    auto report = project->exportTo(out.toStdString(), options, onRows);
    r.revisionAtEnd = project->revision();
    if (!report) {
        if (worker.cancelRequested()) {
            r.cancelled = true;
            r.message = TaskRunner::tr("Export cancelled; no file was written.");
        } else {
            r.message = fromStd(report.message());
        }
        return r;
    }
    r.ok = true;
    r.counts.rows = report->rows;
    r.counts.unlabelled = report->unlabelled;
    for (const auto& f : report->files)
        r.files << fromStd(f);
    r.message = TaskRunner::tr("Exported %1 rows to %2.")
                    .arg(number(report->rows), r.files.join(QStringLiteral(", ")));
    if (report->unlabelled > 0)
        r.message +=
            QLatin1Char(' ') +
            TaskRunner::tr("%1 unlabelled pairs left out.").arg(number(report->unlabelled));
    return r;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// TaskRunner

TaskRunner::TaskRunner(QObject* parent) : QObject(parent) {
    registerTaskMetaTypes();
}

TaskRunner::~TaskRunner() {
    if (m_cancel)
        m_cancel->store(true);
    if (m_thread) {
        m_thread->quit(); // the event loop ends once the running job returns
        m_retiring.append(m_thread);
        m_thread = nullptr;
        m_worker = nullptr;
    }
    for (const auto& thread : std::as_const(m_retiring)) {
        if (!thread)
            continue;
        thread->quit();
        thread->wait();
        delete thread.data(); // drops its pending deleteLater
    }
}

bool TaskRunner::isCancelling() const {
    return m_worker && m_cancel && m_cancel->load(std::memory_order_relaxed);
}

bool TaskRunner::start(TaskKind kind, std::function<TaskResult(TaskWorker&)> job) {
    if (isRunning())
        return false;
    auto cancelFlag = std::make_shared<std::atomic<bool>>(false);
    return startJob(new TaskWorker(kind, std::move(job), cancelFlag), cancelFlag);
}

bool TaskRunner::startJob(TaskJob* job) {
    return startJob(job, std::make_shared<std::atomic<bool>>(false));
}

bool TaskRunner::startJob(TaskJob* job, std::shared_ptr<std::atomic<bool>> cancelFlag) {
    if (isRunning()) {
        delete job;
        return false;
    }
    m_retiring.removeAll(QPointer<QThread>());
    m_cancel = std::move(cancelFlag);
    m_paused = false;
    m_canPause = job->canPause();
    auto* thread = new QThread; // deletes itself when finished (or in ~TaskRunner)
    thread->setObjectName(QStringLiteral("rlthf-task"));
    job->setParent(nullptr);
    job->moveToThread(thread);
    connect(thread, &QThread::started, job, &TaskJob::run);
    connect(job, &TaskJob::progress, this, &TaskRunner::onWorkerProgress, Qt::QueuedConnection);
    connect(job, &TaskJob::done, this, &TaskRunner::onWorkerDone, Qt::QueuedConnection);
    connect(thread, &QThread::finished, job, &QObject::deleteLater);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_kind = job->kind();
    m_thread = thread;
    m_worker = job;
    thread->start();
    Q_EMIT started(m_kind, taskKindName(m_kind));
    return true;
}

bool TaskRunner::startRetrain(const QString& projectPath, const loop::LoopSettings& settings) {
    return start(TaskKind::Retrain, [projectPath, settings](TaskWorker& w) {
        return retrainJob(w, projectPath, settings);
    });
}

bool TaskRunner::startPropagate(const QString& projectPath, const loop::LoopSettings& settings) {
    return start(TaskKind::Propagate, [projectPath, settings](TaskWorker& w) {
        return propagateJob(w, projectPath, settings);
    });
}

bool TaskRunner::startImport(const QString& projectPath, const QStringList& files,
                             const data::ImportOptions& options) {
    return start(TaskKind::Import, [projectPath, files, options](TaskWorker& w) {
        return importJob(w, projectPath, files, options);
    });
}

bool TaskRunner::startExport(const QString& projectPath, const QString& out,
                             const data::ExportOptions& options) {
    return start(TaskKind::Export, [projectPath, out, options](TaskWorker& w) {
        return exportJob(w, projectPath, out, options);
    });
}

void TaskRunner::cancel() {
    if (!isRunning() || !m_cancel || m_cancel->exchange(true))
        return;
    QMetaObject::invokeMethod(m_worker, &TaskJob::cancel, Qt::QueuedConnection);
    Q_EMIT cancelRequested();
}

void TaskRunner::setPaused(bool paused) {
    if (!isRunning() || !m_canPause || paused == m_paused)
        return;
    m_paused = paused;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, paused] { worker->setPaused(paused); }, Qt::QueuedConnection);
    Q_EMIT pausedChanged(paused);
}

void TaskRunner::onWorkerProgress(const TaskProgress& report) {
    if (sender() != m_worker)
        return;
    Q_EMIT progress(report);
}

void TaskRunner::onWorkerDone(const TaskResult& result) {
    if (sender() != m_worker)
        return;
    if (m_thread) {
        m_thread->quit();
        m_retiring.append(m_thread);
    }
    m_thread = nullptr;
    m_worker = nullptr;
    m_paused = false;
    Q_EMIT finished(result);
}

} // namespace rlthf::ui
