#pragma once
// A project is one SQLite file (*.rlthf), touched only through SQLite. Opening validates it
// before anything is written, so a foreign, corrupt or newer file is refused and left
// byte-for-byte unchanged; a project on a network file system is refused; a new project
// appears whole (with its schema) or not at all; an older one is backed up beside itself
// before its format is updated.

#include "common/Result.h"
#include "store/Database.h"

#include <cstdint>
#include <optional>
#include <string>

namespace rlthf::store {

enum class OpenMode {
    Existing,     // the file must exist and be a project
    OpenOrCreate, // create a new project when the file does not exist
    ReadOnly,     // an existing project at the latest schema; never migrated, never written
};

class StagedProject;

class Project {
  public:
    static Result<Project> open(const std::string& path, OpenMode mode = OpenMode::Existing);

    Database& db() { return m_db; }
    const std::string& path() const { return m_path; }

    // A second connection to the same file, for a worker thread.
    Result<Database> openConnection() const;

    Result<std::optional<std::string>> setting(const std::string& key);
    Status setSetting(const std::string& key, const std::string& value);

    // Grows with every label event; a result computed at revision R is stale once it moves.
    Result<std::int64_t> dataRevision();

    // A consistent copy at `dest` through SQLite's backup API, while others keep working.
    Status backup(const std::string& dest);

  private:
    friend class StagedProject;
    Project(Database db, std::string path) : m_db(std::move(db)), m_path(std::move(path)) {}
    static Result<Project> openExisting(const std::string& path, OpenMode mode);
    static Result<Project> createAt(const std::string& path);
    Database m_db;
    std::string m_path;
};

// UTC time as ISO 8601 with milliseconds, the format every timestamp column uses.
std::string nowUtc();

} // namespace rlthf::store
