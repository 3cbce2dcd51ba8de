#pragma once
// Copies of a project made with SQLite's online backup API: one consistent snapshot, taken
// while other connections (the workstation's too) go on reading and writing. A copy is
// written under a temporary name and renamed into place, so it is whole or absent.

#include "common/Result.h"
#include "store/Database.h"

#include <functional>
#include <string>

namespace rlthf::store {

// Writes a copy of `source` to `dest`, replacing a file already there. `beforePlacing` may
// change the copy while it is still under its temporary name.
Status backupDatabase(Database& source, const std::string& dest,
                      const std::function<Status(Database&)>& beforePlacing = {});

// Before a schema migration: PROJECT.bak-vN beside the project (N the schema version
// before the migration), keeping the newest kKeptMigrationBackups of them.
inline constexpr int kKeptMigrationBackups = 3;
std::string migrationBackupPath(const std::string& projectPath, int version);
Status backupBeforeMigration(Database& source, const std::string& projectPath, int version);

} // namespace rlthf::store
