#include "store/StagedProject.h"

#include "store/ProjectFiles.h"

#include <filesystem>
#include <fmt/format.h>
#include <unistd.h>
#include <utility>

namespace rlthf::store {

namespace {

constexpr std::string_view kStageMarker = ".new-";

} // namespace

StagedProject::StagedProject(std::string path, std::string stage, Project project)
    : m_path(std::move(path)), m_stage(std::move(stage)), m_project(std::move(project)) {}

StagedProject::StagedProject(StagedProject&& other) noexcept
    : m_path(std::move(other.m_path)), m_stage(std::move(other.m_stage)),
      m_project(std::move(other.m_project)), m_done(std::exchange(other.m_done, true)) {}

Result<StagedProject> StagedProject::create(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec))
        return Error{fmt::format("{}: already exists", path)};
    removeStaleFiles(path, kStageMarker);
    const std::string stage = fmt::format("{}{}{}", path, kStageMarker, ::getpid());
    removeDatabaseFiles(stage); // left by an earlier process with this pid
    auto project = Project::createAt(stage);
    if (!project) {
        removeDatabaseFiles(stage);
        return Error{fmt::format("{}: {}", path, project.message())};
    }
    return StagedProject(path, stage, std::move(*project));
}

StagedProject::~StagedProject() {
    if (!m_done)
        discard();
}

void StagedProject::discard() {
    m_done = true;
    m_project.reset(); // the connection closes before its files go
    removeDatabaseFiles(m_stage);
}

Result<Project> StagedProject::publish() {
    // One file to move: everything is checkpointed into the main file, and closing the only
    // connection removes the -wal and -shm. The file stays in WAL mode, so opening it at its
    // final path writes nothing (a journal-mode switch there could leave a hot journal).
    auto folded = m_project->db().executeScript("PRAGMA wal_checkpoint(TRUNCATE)");
    if (!folded) {
        discard();
        return Error{fmt::format("{}: {}", m_path, folded.message())};
    }
    m_project.reset();
    if (std::filesystem::exists(m_stage + "-wal")) {
        discard();
        return Error{fmt::format("{}: the new project's log was not folded in", m_path)};
    }
    auto moved = renameNoReplace(m_stage, m_path);
    if (!moved) {
        discard();
        return moved.error();
    }
    m_done = true;
    RLTHF_TRY(syncDirectoryOf(m_path));
    return Project::openExisting(m_path, OpenMode::Existing);
}

} // namespace rlthf::store
