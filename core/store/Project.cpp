#include "store/Project.h"

#include "store/Schema.h"

#include <array>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fstream>

namespace rlthf::store {

namespace {

namespace fs = std::filesystem;

constexpr char kSqliteMagic[] = "SQLite format 3"; // followed by a NUL byte

Status configure(Database& db) {
    return db.executeScript("PRAGMA journal_mode = WAL;"
                            "PRAGMA synchronous = NORMAL;"
                            "PRAGMA foreign_keys = ON;");
}

// Reads the file without writing to it and says why it cannot be opened, if it cannot.
Status validateExisting(const std::string& path) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec)
        return Error{fmt::format("{}: cannot read file: {}", path, ec.message())};
    if (size == 0)
        return Error{fmt::format("{}: not an RLTHF project (the file is empty)", path)};

    std::array<char, 16> header{};
    std::ifstream in(path, std::ios::binary);
    in.read(header.data(), header.size());
    if (in.gcount() < static_cast<std::streamsize>(header.size()) ||
        std::memcmp(header.data(), kSqliteMagic, sizeof kSqliteMagic) != 0)
        return Error{fmt::format("{}: not an RLTHF project (not an SQLite database)", path)};

    auto db = Database::open(path, Database::Mode::ReadOnly);
    if (!db)
        return db.error();
    auto appId = db->scalar("PRAGMA application_id");
    auto tables = db->scalar("SELECT count(*) FROM sqlite_schema");
    auto version = schemaVersion(*db);
    if (!appId || !tables || !version)
        return Error{fmt::format("{}: the project file is damaged and cannot be read ({})", path,
                                 db->lastError())};
    if (appId->value_or(0) != kApplicationId && tables->value_or(0) > 0)
        return Error{
            fmt::format("{}: not an RLTHF project (an SQLite database of another program)", path)};
    if (*version > latestSchemaVersion())
        return Error{fmt::format("{}: the project was saved by a newer RLTHF Studio (schema {}, "
                                 "this version reads up to {}); update the program to open it",
                                 path, *version, latestSchemaVersion())};
    // A full page check reads the whole file; past this size it would hold up every open,
    // so large projects rely on SQLite's own checks of each page as it is read.
    constexpr std::uintmax_t kQuickCheckLimit = 128u << 20;
    if (size > kQuickCheckLimit)
        return {};
    auto quick = db->prepare("PRAGMA quick_check(1)");
    if (!quick)
        return Error{fmt::format("{}: the project file is damaged: {}", path, quick.message())};
    auto row = quick->step();
    if (!row || !*row || quick->text(0) != "ok")
        return Error{fmt::format("{}: the project file is damaged: {}", path,
                                 row && *row ? quick->text(0) : db->lastError())};
    return {};
}

} // namespace

std::string nowUtc() {
    const auto now =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", now);
}

Result<Project> Project::open(const std::string& path, OpenMode mode) {
    const bool exists = fs::exists(path);
    if (!exists && mode == OpenMode::Existing)
        return Error{fmt::format("{}: no such project file", path)};
    if (exists)
        RLTHF_TRY(validateExisting(path));

    auto db = Database::open(path, exists ? Database::Mode::ReadWrite : Database::Mode::Create);
    if (!db)
        return db.error();
    RLTHF_TRY(configure(*db));
    if (!exists)
        RLTHF_TRY(db->executeScript(fmt::format("PRAGMA application_id = {}", kApplicationId)));
    auto migrated = migrate(*db, migrations());
    if (!migrated)
        return Error{fmt::format("{}: {}", path, migrated.message())};
    return Project(std::move(*db), path);
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

} // namespace rlthf::store
