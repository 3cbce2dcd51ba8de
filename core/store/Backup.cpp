#include "store/Backup.h"

#include "store/ProjectFiles.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <unistd.h>
#include <vector>

namespace rlthf::store {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTempMarker = ".tmp-";
constexpr std::string_view kBackupMarker = ".bak-v";

// Removes all but the newest `keep` migration backups of the project.
void pruneMigrationBackups(const std::string& projectPath, int keep) {
    const fs::path project = fs::absolute(projectPath);
    const std::string prefix = project.filename().string() + std::string(kBackupMarker);
    std::vector<std::pair<int, fs::path>> backups;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(project.parent_path(), ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0)
            continue;
        const std::string version = name.substr(prefix.size());
        if (version.size() > 6 || version.find_first_not_of("0123456789") != std::string::npos)
            continue;
        backups.emplace_back(std::stoi(version), entry.path());
    }
    std::sort(backups.begin(), backups.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = static_cast<std::size_t>(keep); i < backups.size(); ++i)
        fs::remove(backups[i].second, ec);
}

} // namespace

Status backupDatabase(Database& source, const std::string& dest,
                      const std::function<Status(Database&)>& beforePlacing) {
    removeStaleFiles(dest, kTempMarker);
    const std::string temp = fmt::format("{}{}{}", dest, kTempMarker, ::getpid());
    {
        auto copy = Database::open(temp, Database::Mode::Create);
        if (!copy)
            return copy.error();
        auto copied = source.copyInto(*copy);
        if (copied && beforePlacing)
            copied = beforePlacing(*copy);
        // A single file, whatever the source's journal mode: the copy may be moved or mailed.
        if (copied)
            copied = copy->executeScript("PRAGMA journal_mode = DELETE");
        if (!copied) {
            *copy = Database();
            removeDatabaseFiles(temp);
            return Error{fmt::format("{}: {}", dest, copied.message())};
        }
    }
    std::error_code ec;
    fs::rename(temp, dest, ec);
    if (ec) {
        removeDatabaseFiles(temp);
        return Error{fmt::format("{}: cannot move the copy into place: {}", dest, ec.message())};
    }
    return syncDirectoryOf(dest);
}

std::string migrationBackupPath(const std::string& projectPath, int version) {
    return fmt::format("{}{}{}", projectPath, kBackupMarker, version);
}

Status backupBeforeMigration(Database& source, const std::string& projectPath, int version) {
    auto done = backupDatabase(source, migrationBackupPath(projectPath, version));
    if (!done)
        return Error{fmt::format("cannot back the project up before updating its format, so it "
                                 "was left as it is: {}",
                                 done.message())};
    pruneMigrationBackups(projectPath, kKeptMigrationBackups);
    return {};
}

} // namespace rlthf::store
