#include "document/ProjectTask.h"

#include "document/ProjectQueries.h"
#include "judge/LabelRun.h"
#include "store/Project.h"
#include "store/Schema.h"
#include "store/TaskLock.h"

#include <optional>

namespace rlthf::document {

struct ProjectTask::Hold {
    std::optional<store::TaskLock> lock; // released after the connection closes
    store::Project project;
};

Result<ProjectTask> ProjectTask::begin(const QString& path, const std::string& lockName) {
    std::optional<store::TaskLock> lock;
    if (!lockName.empty()) {
        auto acquired = store::TaskLock::acquire(path.toStdString(), lockName);
        if (!acquired)
            return acquired.error();
        lock.emplace(std::move(acquired).value());
    }
    auto project = store::Project::open(path.toStdString());
    if (!project)
        return project.error();
    return ProjectTask(std::make_unique<Hold>(Hold{std::move(lock), std::move(project).value()}));
}

ProjectTask::ProjectTask(std::unique_ptr<Hold> hold) : m_hold(std::move(hold)) {}
ProjectTask::ProjectTask(ProjectTask&&) noexcept = default;
ProjectTask& ProjectTask::operator=(ProjectTask&&) noexcept = default;
ProjectTask::~ProjectTask() = default;

std::int64_t ProjectTask::revision() {
    auto revision = m_hold->project.dataRevision();
    return revision ? *revision : 0;
}

Result<std::int64_t> ProjectTask::visiblePairs() {
    return store::visiblePairCount(m_hold->project.db());
}

Result<loop::IterationSummary> ProjectTask::retrain(const loop::LoopSettings& settings,
                                                    const loop::EngineProgressFn& progress) {
    return loop::runProjectIteration(m_hold->project.db(), settings, progress);
}

Result<loop::PropagationSummary> ProjectTask::propagate(const loop::LoopSettings& settings) {
    return loop::propagate(m_hold->project.db(), settings);
}

Result<data::ImportReport> ProjectTask::import(const std::vector<std::string>& inputs,
                                               const data::ImportOptions& options,
                                               const data::ImportProgressFn& progress) {
    return data::importFiles(m_hold->project, inputs, options, progress);
}

Result<data::ExportReport> ProjectTask::exportTo(const std::string& out,
                                                 const data::ExportOptions& options,
                                                 const data::ExportProgressFn& progress) {
    return data::exportProject(m_hold->project, out, options, progress);
}

Result<judge::LabelRun*> ProjectTask::labelRun(const judge::JudgeSettings& settings,
                                               const judge::RunOptions& options, QObject* parent) {
    auto connection = m_hold->project.openConnection();
    if (!connection)
        return connection.error();
    return new judge::LabelRun(std::move(*connection), settings, options, parent);
}

} // namespace rlthf::document
