#pragma once
// A project is one SQLite file (*.rlthf). Opening validates it read-only first,
// so a foreign, corrupt or newer file is refused and left byte-for-byte unchanged.

#include "common/Result.h"
#include "store/Database.h"

#include <cstdint>
#include <optional>
#include <string>

namespace rlthf::store {

enum class OpenMode {
    Existing,     // the file must exist and be a project
    OpenOrCreate, // create a new project when the file does not exist
};

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

  private:
    Project(Database db, std::string path) : m_db(std::move(db)), m_path(std::move(path)) {}
    Database m_db;
    std::string m_path;
};

// UTC time as ISO 8601 with milliseconds, the format every timestamp column uses.
std::string nowUtc();

} // namespace rlthf::store
