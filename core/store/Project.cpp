#include "store/Project.h"

#include "store/Backup.h"
#include "store/ProjectFiles.h"
#include "store/Schema.h"
#include "store/StagedProject.h"

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fmt/chrono.h>
#include <fmt/format.h>

namespace rlthf::store {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kApplicationIdOffset = 68; // big-endian, in the file header

// A new project's pages: 16 KiB instead of SQLite's 4 KiB. A pair's row is about 1 KiB, so a
// page holds about 16 of them instead of 4, and an import writes, splits and later scans a
// quarter as many pages. Importing 1,080,000 generated lines into a new project, runs taken
// in turn: 17.78, 14.76, 13.64 s against 20.34, 16.65, 14.55 s with 4 KiB pages. A project's
// page size is fixed when it is made; older projects keep theirs.
constexpr int kPageSize = 16384;

// Verdicts are the product's most expensive data: a commit the window has confirmed must
// survive a power cut, so every commit syncs the WAL (see the README for its cost).
Status configure(Database& db) {
    return db.executeScript("PRAGMA journal_mode = WAL;"
                            "PRAGMA synchronous = FULL;"
                            "PRAGMA foreign_keys = ON;");
}

std::uint32_t bigEndian32(const Database::FileHeader& header, std::size_t offset) {
    return (std::uint32_t{header[offset]} << 24) | (std::uint32_t{header[offset + 1]} << 16) |
           (std::uint32_t{header[offset + 2]} << 8) | std::uint32_t{header[offset + 3]};
}

// The fixed fields of an SQLite header: a page size that is a power of two from 512 to
// 65536 (1 stands for 65536) and the payload fractions 64, 32, 32.
bool plausibleHeader(const Database::FileHeader& header) {
    const unsigned pageSize = (unsigned{header[16]} << 8) | unsigned{header[17]};
    const bool powerOfTwo = pageSize >= 512 && (pageSize & (pageSize - 1)) == 0;
    return (powerOfTwo || pageSize == 1) && header[21] == 64 && header[22] == 32 &&
           header[23] == 32;
}

// Says why the file behind `db` cannot be opened as a project, if it cannot, without
// writing to it; otherwise its schema version. The header is read through SQLite's own file handle
// (Database::fileHeader), so the refusal of a foreign file runs no SQL and leaves no -wal/-shm
// beside it.
Result<int> validateExisting(Database& db, const std::string& path, std::uintmax_t size) {
    if (size == 0)
        return Error{fmt::format("{}: not an RLTHF project (the file is empty)", path),
                     ErrorKind::NotAProject};
    auto header = db.fileHeader();
    if (!header)
        return header.error();
    if (size < header->size() ||
        std::memcmp(header->data(), Database::kMagic, sizeof Database::kMagic))
        return Error{fmt::format("{}: not an RLTHF project (not an SQLite database)", path),
                     ErrorKind::NotAProject};
    if (!plausibleHeader(*header))
        return Error{
            fmt::format("{}: the project file is damaged (its SQLite header is not valid)", path),
            ErrorKind::DamagedProject};
    // A non-zero id in the file is final; a zero one may be a new project whose first
    // commit is still in its WAL, so the SQL check below decides.
    const auto fileAppId = bigEndian32(*header, kApplicationIdOffset);
    if (fileAppId != 0 && fileAppId != static_cast<std::uint32_t>(kApplicationId))
        return Error{
            fmt::format("{}: not an RLTHF project (an SQLite database of another program)", path),
            ErrorKind::NotAProject};

    auto appId = db.scalar("PRAGMA application_id");
    auto tables = db.scalar("SELECT count(*) FROM sqlite_schema");
    auto version = schemaVersion(db);
    if (!appId || !tables || !version)
        return Error{fmt::format("{}: the project file is damaged and cannot be read ({})", path,
                                 db.lastError()),
                     ErrorKind::DamagedProject};
    if (appId->value_or(0) != kApplicationId && tables->value_or(0) > 0)
        return Error{
            fmt::format("{}: not an RLTHF project (an SQLite database of another program)", path),
            ErrorKind::NotAProject};
    if (*version > latestSchemaVersion())
        return Error{fmt::format("{}: the project was saved by a newer RLTHF Studio (schema {}, "
                                 "this version reads up to {}); update the program to open it",
                                 path, *version, latestSchemaVersion()),
                     ErrorKind::NewerProject};
    // A full page check reads the whole file; past this size it would hold up every open,
    // so large projects rely on SQLite's own checks of each page as it is read.
    constexpr std::uintmax_t kQuickCheckLimit = 128u << 20;
    if (size > kQuickCheckLimit)
        return *version;
    auto quick = db.prepare("PRAGMA quick_check(1)");
    if (!quick)
        return Error{fmt::format("{}: the project file is damaged: {}", path, quick.message()),
                     ErrorKind::DamagedProject};
    auto row = quick->step();
    if (!row || !*row || quick->text(0) != "ok")
        return Error{fmt::format("{}: the project file is damaged: {}", path,
                                 row && *row ? quick->text(0) : db.lastError()),
                     ErrorKind::DamagedProject};
    return *version;
}

} // namespace

std::string nowUtc() {
    const auto now =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    // Bulk writes stamp many rows within one millisecond; formatting each took a few % of an
    // import.
    thread_local std::chrono::sys_time<std::chrono::milliseconds> formattedAt;
    thread_local std::string formatted;
    if (formatted.empty() || now != formattedAt) {
        formatted = fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", now);
        formattedAt = now;
    }
    return formatted;
}

Result<Project> Project::openExisting(const std::string& path, OpenMode mode) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec)
        return Error{fmt::format("{}: cannot read file: {}", path, ec.message())};
    const bool readOnly = mode == OpenMode::ReadOnly;
    auto db = Database::open(path, readOnly ? Database::Mode::ReadOnly : Database::Mode::ReadWrite);
    if (!db)
        return db.error();
    auto version = validateExisting(*db, path, size);
    if (!version)
        return version.error();
    if (readOnly) {
        if (*version < latestSchemaVersion())
            return Error{fmt::format("{}: the project uses an older format (schema {}); open it "
                                     "once for writing to update it",
                                     path, *version)};
        RLTHF_TRY(db->executeScript("PRAGMA foreign_keys = ON"));
        return Project(std::move(*db), path);
    }
    RLTHF_TRY(configure(*db));
    if (*version > 0 && *version < latestSchemaVersion())
        RLTHF_TRY(backupBeforeMigration(*db, path, *version));
    auto migrated = migrate(*db, migrations());
    if (!migrated)
        return Error{fmt::format("{}: {}", path, migrated.message())};
    return Project(std::move(*db), path);
}

Result<Project> Project::createAt(const std::string& path) {
    auto db = Database::open(path, Database::Mode::Create);
    if (!db)
        return db.error();
    RLTHF_TRY(db->executeScript(fmt::format("PRAGMA page_size = {}", kPageSize)));
    RLTHF_TRY(configure(*db));
    RLTHF_TRY(db->executeScript(fmt::format("PRAGMA application_id = {}", kApplicationId)));
    auto migrated = migrate(*db, migrations());
    if (!migrated)
        return Error{fmt::format("{}: {}", path, migrated.message())};
    return Project(std::move(*db), path);
}

Result<Project> Project::open(const std::string& path, OpenMode mode) {
    RLTHF_TRY(requireLocalFilesystem(path));
    std::error_code ec;
    const bool exists = fs::exists(path, ec);
    if (!exists && mode != OpenMode::OpenOrCreate)
        return Error{fmt::format("{}: no such project file", path)};
    if (exists)
        return openExisting(path, mode);
    auto staged = StagedProject::create(path);
    if (!staged)
        return staged.error();
    return staged->publish();
}

Result<Database> Project::openConnection() const {
    auto db = Database::open(m_path, Database::Mode::ReadWrite);
    if (!db)
        return db.error();
    RLTHF_TRY(configure(*db));
    return db;
}

Result<std::optional<std::string>> Project::setting(const std::string& key) {
    auto row = m_db.firstRow("SELECT value FROM settings WHERE key = ?", key);
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<std::string>{};
    return std::optional<std::string>((*row)->text(0));
}

Status Project::setSetting(const std::string& key, const std::string& value) {
    return m_db.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        key, value);
}

Result<std::int64_t> Project::dataRevision() {
    auto revision = m_db.scalar("SELECT ifnull(max(id), 0) FROM label_events");
    if (!revision)
        return revision.error();
    return revision->value_or(0);
}

Status Project::backup(const std::string& dest) {
    RLTHF_TRY(refuseProjectFile(dest, m_path, "choose another name for the copy"));
    return backupDatabase(m_db, dest);
}

} // namespace rlthf::store
