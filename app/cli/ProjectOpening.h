#pragma once
// A project opened for a command, with its loop settings and, for a long task, its lock.

#include "Args.h"
#include "loop/LoopSettings.h"
#include "store/Project.h"
#include "store/TaskLock.h"

#include <optional>

namespace rlthf::cli {

struct OpenedProject {
    std::optional<store::TaskLock> lock; // held by long tasks until the command returns
    store::Project project;
    loop::LoopSettings settings;
};

// `longTask` names a task that takes the project's task lock (retrain, propagate).
Result<OpenedProject> openWithSettings(const Args& args, const char* longTask = nullptr);

} // namespace rlthf::cli
