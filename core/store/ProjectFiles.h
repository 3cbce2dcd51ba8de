#pragma once
// Rules for the files around a project. SQLite keeps POSIX locks on the project file and
// its -wal/-shm; closing ANY descriptor of those files drops every such lock of the whole
// process, so nothing here ever opens them. Checks use stat()/statfs() on paths only.

#include "common/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace rlthf::store {

// The name of a network file system type (statfs f_type), nullopt for a local one.
// SQLite's locking and WAL shared memory cannot be trusted on these.
std::optional<std::string_view> networkFilesystemName(long fsType);

// Refuses a project path (existing or to be created) on a network file system.
Status requireLocalFilesystem(const std::string& path);

// True when `candidate` is the project file at `projectPath` or one of SQLite's files
// beside it (-wal, -shm, -journal), by path or by inode (hard links, symlinks).
bool isProjectFile(const std::string& candidate, const std::string& projectPath);
// Refuses such a file as another file the user named, before anything opens it: reading or
// writing it through a descriptor of its own would drop SQLite's locks. `instead` says what
// to do, e.g. "choose another output name".
Status refuseProjectFile(const std::string& candidate, const std::string& projectPath,
                         std::string_view instead);

// Refuses `path` as an output to write when it is an SQLite database (a project, by
// whatever name) or the -wal, -shm or -journal of one, existing or not: another program
// may have it open, and its data would be lost. Reads the first bytes of such an existing
// file, the one exception to the rule above: call it only once isProjectFile has ruled out
// the project this process has open.
Status refuseReplacingDatabase(const std::string& path);

class Database;

// Watches that the files a connection writes stay those other programs open. Another
// program may replace or remove the project file, or remove its -wal (SQLite does that
// when it takes itself for the project's last user, as after this process lost its locks:
// see above); what the connection writes then goes to a file nobody else will see.
class FilesInPlace {
  public:
    explicit FilesInPlace(std::string projectPath) : m_path(std::move(projectPath)) {}
    // After a write through `db`, a connection to the project: an error when its file has
    // moved, or its -wal is gone or another file since the first check.
    Status check(Database& db);

  private:
    std::string m_path;
    std::optional<std::pair<std::uint64_t, std::uint64_t>> m_log; // device, inode
};

// fsync of the directory holding `path`, so a rename into it survives a power cut.
Status syncDirectoryOf(const std::string& path);

// rename(2) that fails instead of replacing an existing `to`.
Status renameNoReplace(const std::string& from, const std::string& to);

// Removes the database at `path` with its -wal, -shm and -journal, where they exist. Only
// for a database no connection has open (a stage, a half-made copy).
void removeDatabaseFiles(const std::string& path);

// Removes files and folders named `<path><marker><pid>` whose process is gone: what a
// killed run left behind. Those of running processes are kept.
void removeStaleFiles(const std::string& path, std::string_view marker);

} // namespace rlthf::store
