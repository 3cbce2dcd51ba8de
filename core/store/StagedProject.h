#pragma once
// A new project built under a temporary name beside its final path (PATH.new-PID) and
// moved there in one rename by publish(), so a project appears whole or not at all: a
// failed or killed import into a new path leaves no empty project behind. What a killed
// process left is removed by the next StagedProject for the same path.

#include "common/Result.h"
#include "store/Project.h"

#include <optional>
#include <string>

namespace rlthf::store {

class StagedProject {
  public:
    // Refuses a path that already exists.
    static Result<StagedProject> create(const std::string& path);

    StagedProject(StagedProject&& other) noexcept;
    StagedProject& operator=(StagedProject&&) = delete;
    StagedProject(const StagedProject&) = delete;
    StagedProject& operator=(const StagedProject&) = delete;
    ~StagedProject(); // discards the stage unless published

    Project& project() { return *m_project; }

    // Moves the stage to its final path (never over a file that appeared there meanwhile)
    // and opens it there.
    Result<Project> publish();

  private:
    StagedProject(std::string path, std::string stage, Project project);
    void discard();

    std::string m_path;
    std::string m_stage;
    std::optional<Project> m_project;
    bool m_done = false;
};

} // namespace rlthf::store
