#include "store/ProjectFiles.h"

#include "store/Database.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <signal.h>
#include <string_view>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace rlthf::store {

namespace {

namespace fs = std::filesystem;

constexpr const char* kSqliteSuffixes[] = {"", "-wal", "-shm", "-journal"};

fs::path parentOf(const std::string& path) {
    const fs::path parent = fs::absolute(path).parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

bool sameInode(const std::string& a, const std::string& b) {
    struct stat sa {};
    struct stat sb {};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

bool processAlive(long pid) {
    return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM);
}

} // namespace

std::optional<std::string_view> networkFilesystemName(long fsType) {
    switch (static_cast<unsigned long>(fsType) & 0xffffffffUL) {
    case 0x6969:
        return "NFS";
    case 0x517B:
        return "SMB";
    case 0xFF534D42:
        return "CIFS";
    case 0xFE534D42:
        return "SMB2";
    case 0x5346414F:
        return "AFS";
    case 0x564C:
        return "NCP";
    case 0x00C36400:
        return "Ceph";
    }
    return std::nullopt;
}

Status requireLocalFilesystem(const std::string& path) {
    std::error_code ec;
    const std::string probe = fs::exists(path, ec) ? path : parentOf(path).string();
    struct statfs info {};
    if (::statfs(probe.c_str(), &info) != 0)
        return {}; // the open that follows reports a missing folder more clearly
    if (auto name = networkFilesystemName(static_cast<long>(info.f_type)))
        return Error{fmt::format(
            "{}: the project is on a network file system ({}), where SQLite cannot keep two "
            "programs from overwriting each other's work; copy it to a local disk (while no "
            "program has it open) and open the copy",
            path, *name)};
    return {};
}

bool isProjectFile(const std::string& candidate, const std::string& projectPath) {
    std::error_code ec;
    const fs::path target = fs::weakly_canonical(candidate, ec);
    for (const char* suffix : kSqliteSuffixes) {
        const std::string file = projectPath + suffix;
        if (!ec && fs::weakly_canonical(file, ec) == target)
            return true;
        if (sameInode(candidate, file))
            return true;
    }
    return false;
}

Status refuseProjectFile(const std::string& candidate, const std::string& projectPath,
                         std::string_view instead) {
    if (isProjectFile(candidate, projectPath))
        return Error{fmt::format("{}: is the project's own file; {}", candidate, instead)};
    return {};
}

namespace {

bool isSqliteDatabase(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) // a FIFO would block the read
        return false;
    std::ifstream file(path, std::ios::binary);
    char header[sizeof Database::kMagic] = {};
    file.read(header, sizeof header);
    return file.gcount() == sizeof header &&
           std::memcmp(header, Database::kMagic, sizeof header) == 0;
}

} // namespace

Status refuseReplacingDatabase(const std::string& path) {
    // A -wal or -journal written beside a database, even where none is now, would be read
    // by SQLite as that database's own.
    for (const std::string_view suffix : kSqliteSuffixes) {
        if (path.size() <= suffix.size() || !path.ends_with(suffix))
            continue;
        const std::string database = path.substr(0, path.size() - suffix.size());
        if (isSqliteDatabase(database))
            return Error{fmt::format("{}: is {}an SQLite database, perhaps a project, which would "
                                     "be lost; choose another output name",
                                     path, suffix.empty() ? "" : "a file of ")};
    }
    return {};
}

Status FilesInPlace::check(Database& db) {
    const auto lost = [this](const char* what) {
        return Error{fmt::format(
            "{}: another program {} while it was open here, so what was just saved may have "
            "gone to a file nobody else will see; close the project, open it again and check "
            "the last verdicts",
            m_path, what)};
    };
    if (db.fileHasMoved())
        return lost("replaced or removed the project file");
    struct stat log {};
    if (::stat((m_path + "-wal").c_str(), &log) != 0)
        return m_log ? lost("removed the project's log (-wal)") : Status{};
    const std::pair<std::uint64_t, std::uint64_t> id{log.st_dev, log.st_ino};
    if (!m_log)
        m_log = id;
    else if (*m_log != id)
        return lost("replaced the project's log (-wal)");
    return {};
}

Status syncDirectoryOf(const std::string& path) {
    const std::string dir = parentOf(path).string();
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return Error{fmt::format("{}: cannot open the folder: {}", dir, std::strerror(errno))};
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0 && err != EINVAL) // some file systems cannot sync a folder; nothing to do there
        return Error{fmt::format("{}: cannot sync the folder: {}", dir, std::strerror(err))};
    return {};
}

Status renameNoReplace(const std::string& from, const std::string& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
        return {};
    if (errno == EEXIST)
        return Error{fmt::format("{}: already exists", to)};
    if (errno != EINVAL && errno != ENOSYS)
        return Error{fmt::format("{}: cannot move into place: {}", to, std::strerror(errno))};
    // File systems without RENAME_NOREPLACE: link() fails on an existing name too.
    if (::link(from.c_str(), to.c_str()) != 0)
        return Error{fmt::format("{}: cannot move into place: {}", to, std::strerror(errno))};
    ::unlink(from.c_str());
    return {};
}

void removeDatabaseFiles(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : kSqliteSuffixes)
        fs::remove(path + suffix, ec);
}

void removeStaleFiles(const std::string& path, std::string_view marker) {
    const fs::path dir = parentOf(path);
    const std::string prefix = fs::path(path).filename().string() + std::string(marker);
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0)
            continue;
        std::string pidText = name.substr(prefix.size());
        for (const char* suffix : kSqliteSuffixes) {
            const std::size_t n = std::strlen(suffix);
            if (n > 0 && pidText.size() > n && pidText.compare(pidText.size() - n, n, suffix) == 0)
                pidText.resize(pidText.size() - n);
        }
        if (pidText.empty() || pidText.size() > 9 ||
            pidText.find_first_not_of("0123456789") != std::string::npos)
            continue;
        if (!processAlive(std::stol(pidText)))
            fs::remove_all(entry.path(), ec); // a staged folder goes with its contents
    }
}

} // namespace rlthf::store
