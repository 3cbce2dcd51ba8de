#include "ui/judge/LabelJob.h"

#include <QLocale>

namespace rlthf::ui {

namespace {

QString number(qint64 n) {
    return QLocale().toString(n);
}

} // namespace

QString describeLabelRun(const judge::LabelProgress& p) {
    return LabelJob::tr("Labelled %1 of %2 pairs (%3 uncertain, %4 unparseable, %5 failed); "
                        "%6 requests, %7 retries, %8 tokens.")
        .arg(number(p.labelled), number(p.totalPairs), number(p.uncertain), number(p.unparseable),
             number(p.failed), number(p.requests), number(p.retries),
             number(p.promptTokens + p.completionTokens));
}

LabelJob::LabelJob(QString projectPath, judge::JudgeSettings settings, judge::RunOptions options)
    : TaskJob(TaskKind::Label), m_path(std::move(projectPath)), m_settings(std::move(settings)),
      m_options(std::move(options)) {
    qRegisterMetaType<judge::LabelProgress>();
}

void LabelJob::run() {
    m_clock.start();
    auto project = document::ProjectTask::begin(m_path, "label");
    if (!project)
        return fail(QString::fromStdString(project.message()));
    m_project.emplace(std::move(project).value());
    m_revisionAtStart = m_project->revision();
    auto run = m_project->labelRun(m_settings, m_options, this);
    if (!run)
        return fail(QString::fromStdString(run.message()));
    m_run = *run;
    connect(m_run, &judge::LabelRun::progressed, this, &LabelJob::onProgress);
    connect(m_run, &judge::LabelRun::finished, this, &LabelJob::onFinished);
    m_run->setPaused(m_paused);
    m_run->start();
    if (m_cancelled)
        m_run->stop();
}

void LabelJob::cancel() {
    m_cancelled = true;
    if (m_run)
        m_run->stop();
}

void LabelJob::setPaused(bool paused) {
    m_paused = paused;
    if (m_run)
        m_run->setPaused(paused);
    if (m_run && m_run->progress().totalPairs > 0)
        onProgress(m_run->progress()); // the phase shows Paused at once
}

void LabelJob::onProgress(const judge::LabelProgress& lp) {
    TaskProgress p;
    p.phase = m_paused ? tr("Paused") : tr("Labelling");
    p.fraction = lp.totalPairs > 0
                     ? static_cast<double>(lp.settled()) / static_cast<double>(lp.totalPairs)
                     : 0.0;
    p.detail = describeLabelRun(lp);
    stamp(p, static_cast<double>(m_clock.nsecsElapsed()) / 1e9);
    if (m_paused)
        p.secondsLeft = -1.0; // no estimate while nothing moves
    Q_EMIT labelProgress(lp);
    Q_EMIT progress(p);
}

void LabelJob::onFinished() {
    const judge::LabelProgress& lp = m_run->progress();
    Q_EMIT labelProgress(lp);
    TaskResult r;
    r.kind = TaskKind::Label;
    r.revisionAtStart = m_revisionAtStart;
    r.revisionAtEnd = m_project->revision();
    r.counts.labelled = lp.labelled;
    r.counts.uncertain = lp.uncertain;
    r.counts.unparseable = lp.unparseable;
    r.counts.failed = lp.failed;
    r.elapsedSeconds = static_cast<double>(m_clock.nsecsElapsed()) / 1e9;
    const QString summary = describeLabelRun(lp);
    if (!m_run->outcome()) {
        r.message = tr("%1\n\nThe answers received so far are kept; the next run continues.")
                        .arg(QString::fromStdString(m_run->outcome().message()));
        r.details << summary;
    } else if (lp.stopped) {
        r.cancelled = true;
        r.message = tr("Labelling stopped; the answers received so far are kept. %1").arg(summary);
    } else {
        r.ok = true;
        r.message = summary;
        if (lp.failed > 0)
            r.message += QLatin1Char(' ') + tr("Run it again for the pairs without an answer.");
    }
    m_run->deleteLater(); // its connection closes in this thread
    m_run = nullptr;
    m_project.reset(); // the run's connection closes with its deleteLater; the lock goes now
    Q_EMIT done(r);
}

void LabelJob::fail(const QString& message) {
    TaskResult r;
    r.kind = TaskKind::Label;
    r.message = message;
    Q_EMIT done(r);
}

} // namespace rlthf::ui
