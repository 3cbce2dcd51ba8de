#pragma once
// The AI labelling as a TaskRunner job: in the worker thread it opens its own connection to
// the project and drives a judge::LabelRun in that thread's event loop. Stop keeps the
// answers received so far; pause lets requests in flight finish and starts no new pair.

#include "judge/JudgeSettings.h"
#include "judge/LabelRun.h"
#include "document/ProjectTask.h"
#include "ui/tasks/TaskJob.h"

#include <QElapsedTimer>
#include <QString>
#include <optional>

namespace rlthf::ui {

class LabelJob : public TaskJob {
    Q_OBJECT

  public:
    LabelJob(QString projectPath, judge::JudgeSettings settings, judge::RunOptions options = {});
    bool canPause() const override { return true; }

  public Q_SLOTS:
    void run() override;
    void cancel() override;
    void setPaused(bool paused) override;

  Q_SIGNALS:
    // Every count of the run, for the AI labelling panel.
    void labelProgress(const rlthf::judge::LabelProgress& progress);

  private:
    void onProgress(const judge::LabelProgress& progress);
    void onFinished();
    void fail(const QString& message);

    QString m_path;
    judge::JudgeSettings m_settings;
    judge::RunOptions m_options;
    std::optional<document::ProjectTask> m_project; // its task lock held from start to done()
    judge::LabelRun* m_run = nullptr;
    QElapsedTimer m_clock;
    qint64 m_revisionAtStart = 0;
    bool m_paused = false;
    bool m_cancelled = false;
};

// "Labelled 12 of 40 pairs · 2 uncertain · …": one line for the status bar and the result.
QString describeLabelRun(const judge::LabelProgress& progress);

} // namespace rlthf::ui
