#include "store/TaskLock.h"

#include "store/Project.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace rlthf::store {

namespace {

std::string programName() {
    std::array<char, 256> buffer{};
    const ssize_t n = ::readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
    if (n <= 0)
        return "a program";
    std::string path(buffer.data(), static_cast<std::size_t>(n));
    return path.substr(path.find_last_of('/') + 1);
}

std::string readHolder(int fd) {
    std::array<char, 512> buffer{};
    const ssize_t n = ::pread(fd, buffer.data(), buffer.size() - 1, 0);
    std::string text = n > 0 ? std::string(buffer.data(), static_cast<std::size_t>(n)) : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == '\0'))
        text.pop_back();
    return text;
}

} // namespace

std::string TaskLock::lockPath(const std::string& projectPath) {
    return projectPath + ".task-lock";
}

Result<TaskLock> TaskLock::acquire(const std::string& projectPath, std::string_view task) {
    const std::string path = lockPath(projectPath);
    int fd = -1;
    // A holder removes the file when it lets go; a lock taken on a file that was removed
    // meanwhile guards nothing, so take it again on the file now at the path.
    for (int attempt = 0; fd < 0; ++attempt) {
        fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            return Error{
                fmt::format("{}: cannot create the task lock: {}", path, std::strerror(errno))};
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int err = errno;
            const std::string holder = readHolder(fd);
            ::close(fd);
            if (err != EWOULDBLOCK)
                return Error{
                    fmt::format("{}: cannot take the task lock: {}", path, std::strerror(err))};
            return Error{fmt::format("{}: another long task is running on this project ({}); "
                                     "wait until it finishes, or stop it, and try again",
                                     projectPath, holder.empty() ? "starting" : holder)};
        }
        struct stat held {};
        struct stat atPath {};
        const bool current = ::fstat(fd, &held) == 0 && ::stat(path.c_str(), &atPath) == 0 &&
                             held.st_ino == atPath.st_ino && held.st_dev == atPath.st_dev;
        if (!current) {
            ::close(fd);
            fd = -1;
            if (attempt > 100)
                return Error{fmt::format("{}: cannot take the task lock", path)};
        }
    }
    const std::string holder =
        fmt::format("{} by {}, pid {}, since {}", task, programName(), ::getpid(), nowUtc());
    if (::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, holder.data(), holder.size(), 0) != static_cast<ssize_t>(holder.size())) {
        ::close(fd);
        return Error{fmt::format("{}: cannot write the task lock: {}", path, std::strerror(errno))};
    }
    return TaskLock(fd, path);
}

TaskLock::TaskLock(TaskLock&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_path(std::move(other.m_path)) {}

TaskLock& TaskLock::operator=(TaskLock&& other) noexcept {
    if (this != &other) {
        release();
        m_fd = std::exchange(other.m_fd, -1);
        m_path = std::move(other.m_path);
    }
    return *this;
}

TaskLock::~TaskLock() {
    release();
}

void TaskLock::release() {
    if (m_fd < 0)
        return;
    // Removed while still held, so no other process can lock this file after us.
    ::unlink(m_path.c_str());
    ::close(std::exchange(m_fd, -1));
}

} // namespace rlthf::store
