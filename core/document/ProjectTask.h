#pragma once
// A long task's hold on a project, on the worker thread that runs it: the task lock shared
// with the command line (one long task per project, across processes), its own connection,
// and the data revision, so that results are stamped with the revision they started from.
// The window's task runner works through this; it never opens the project itself.

#include "common/Result.h"
#include "data/Exporter.h"
#include "data/Importer.h"
#include "loop/LoopSettings.h"
#include "loop/ProjectLoop.h"

#include <QObject>
#include <QString>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace rlthf::judge {
class LabelRun;
struct JudgeSettings;
struct RunOptions;
} // namespace rlthf::judge

namespace rlthf::document {

class ProjectTask {
  public:
    // Takes the task lock named `lockName` (none when empty: an export reads one snapshot
    // and may run beside other tasks), then opens the project.
    static Result<ProjectTask> begin(const QString& path, const std::string& lockName);
    ProjectTask(ProjectTask&&) noexcept;
    ProjectTask& operator=(ProjectTask&&) noexcept;
    ~ProjectTask();

    // Grows with every label event; 0 when it cannot be read.
    std::int64_t revision();
    Result<std::int64_t> visiblePairs();

    Result<loop::IterationSummary> retrain(const loop::LoopSettings& settings,
                                           const loop::EngineProgressFn& progress);
    Result<loop::PropagationSummary> propagate(const loop::LoopSettings& settings);
    Result<data::ImportReport> import(const std::vector<std::string>& inputs,
                                      const data::ImportOptions& options,
                                      const data::ImportProgressFn& progress);
    Result<data::ExportReport> exportTo(const std::string& out, const data::ExportOptions& options,
                                        const data::ExportProgressFn& progress);
    // A labelling run on a connection of its own, not yet started; owned by `parent`.
    Result<judge::LabelRun*> labelRun(const judge::JudgeSettings& settings,
                                      const judge::RunOptions& options, QObject* parent);

  private:
    struct Hold;
    explicit ProjectTask(std::unique_ptr<Hold> hold);
    std::unique_ptr<Hold> m_hold;
};

} // namespace rlthf::document
