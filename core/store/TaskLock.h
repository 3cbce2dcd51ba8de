#pragma once
// One long task (import, retrain, propagate, label, embed) per project at a time, across
// processes. The lock is an flock(2) on a file beside the project (PROJECT.task-lock),
// never on the project file itself, so it cannot disturb SQLite's own locks; the kernel
// drops it when the holder exits, however it exits. The file names the holder while held
// and is removed on release.

#include "common/Result.h"

#include <string>
#include <string_view>

namespace rlthf::store {

class TaskLock {
  public:
    // Takes the lock for `task` or says which task holds it, with its program and pid.
    static Result<TaskLock> acquire(const std::string& projectPath, std::string_view task);

    TaskLock(TaskLock&& other) noexcept;
    TaskLock& operator=(TaskLock&& other) noexcept;
    TaskLock(const TaskLock&) = delete;
    TaskLock& operator=(const TaskLock&) = delete;
    ~TaskLock();

    static std::string lockPath(const std::string& projectPath);

  private:
    TaskLock(int fd, std::string path) : m_fd(fd), m_path(std::move(path)) {}
    void release();
    int m_fd = -1;
    std::string m_path;
};

} // namespace rlthf::store
