// What keeps a project whole: durable commits, no empty projects from failed creations,
// backups before migrations and on demand, the cross-process task lock, and the refusals
// that stop other programs' files from being read or written as projects.
#include "Files.h"
#include "TempDir.h"
#include "store/Backup.h"
#include "store/Project.h"
#include "store/ProjectFiles.h"
#include "store/Schema.h"
#include "store/StagedProject.h"
#include "store/TaskLock.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace rlthf;
using namespace rlthf::store;
namespace fs = std::filesystem;

namespace {

// A project stopped at schema `version`, with one setting, as an older program left it.
void writeOldProject(const std::string& path, int version) {
    auto db = Database::open(path, Database::Mode::Create);
    REQUIRE(db);
    REQUIRE(db->executeScript("PRAGMA journal_mode = WAL"));
    REQUIRE(db->executeScript(fmt::format("PRAGMA application_id = {}", kApplicationId)));
    REQUIRE(migrate(*db, migrations().first(static_cast<std::size_t>(version))));
    REQUIRE(db->execute("INSERT INTO settings(key, value) VALUES ('name', 'line 3')"));
}

// The pid of a process that has exited: what a killed run leaves in file names.
pid_t deadPid() {
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
}

std::vector<std::string> filesIn(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

TEST_CASE("every commit of a project is synced to disk", "[project][durability]") {
    test::TempDir dir;
    auto project = Project::open(dir.file("d.rlthf"), OpenMode::OpenOrCreate);
    REQUIRE(project);
    constexpr int kFull = 2;
    CHECK(project->db().scalar("PRAGMA synchronous")->value() == kFull);
    auto second = project->openConnection();
    REQUIRE(second);
    CHECK(second->scalar("PRAGMA synchronous")->value() == kFull);
}

TEST_CASE("a new project appears whole or not at all", "[project][staged]") {
    test::TempDir dir;
    const auto path = dir.file("new.rlthf");

    SECTION("discarded: nothing is left at the path or beside it") {
        {
            auto staged = StagedProject::create(path);
            REQUIRE(staged);
            REQUIRE(staged->project().setSetting("name", "x"));
            CHECK_FALSE(fs::exists(path));
        }
        CHECK(filesIn(dir.path()).empty());
    }
    SECTION("published: the project is at its path, in WAL mode, with what was written") {
        auto staged = StagedProject::create(path);
        REQUIRE(staged);
        REQUIRE(staged->project().setSetting("name", "x"));
        auto published = staged->publish();
        REQUIRE(published);
        CHECK(published->setting("name").value() == std::optional<std::string>("x"));
        auto mode = published->db().prepare("PRAGMA journal_mode");
        REQUIRE(mode);
        REQUIRE(mode->step().value());
        CHECK(mode->text(0) == "wal");
        CHECK(published->path() == path);
    }
    SECTION("a stage left by a killed process is removed; a path that exists is refused") {
        const auto stale = fmt::format("{}.new-{}", path, deadPid());
        test::writeFile(stale, "half a project");
        {
            auto staged = StagedProject::create(path);
            REQUIRE(staged);
            CHECK_FALSE(fs::exists(stale));
            REQUIRE(staged->publish());
        }
        auto again = StagedProject::create(path);
        REQUIRE_FALSE(again);
        CHECK_THAT(again.message(), Catch::Contains("already exists"));
    }
}

TEST_CASE("an older project is backed up beside itself before its format is updated",
          "[project][backup][migration]") {
    test::TempDir dir;
    const auto path = dir.file("old.rlthf");
    const int oldVersion = latestSchemaVersion() - 1;
    writeOldProject(path, oldVersion);
    // Earlier backups: only the newest three are kept.
    for (int v = 1; v <= 3; ++v)
        test::writeFile(migrationBackupPath(path, v), "old backup");

    auto project = Project::open(path);
    REQUIRE(project);
    CHECK(schemaVersion(project->db()).value() == latestSchemaVersion());

    const auto backup = migrationBackupPath(path, oldVersion);
    REQUIRE(fs::exists(backup));
    CHECK_FALSE(fs::exists(backup + "-wal"));
    auto copy = Database::open(backup, Database::Mode::ReadOnly);
    REQUIRE(copy);
    CHECK(schemaVersion(*copy).value() == oldVersion);
    CHECK(copy->scalar("SELECT count(*) FROM settings WHERE value = 'line 3'")->value() == 1);
    CHECK(copy->scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'pairs'")->value() == 1);

    std::vector<std::string> kept;
    for (const auto& name : filesIn(dir.path()))
        if (name.find(".bak-v") != std::string::npos)
            kept.push_back(name);
    REQUIRE(oldVersion > 3);
    std::vector<std::string> newestThree = {"old.rlthf.bak-v2", "old.rlthf.bak-v3",
                                            fmt::format("old.rlthf.bak-v{}", oldVersion)};
    std::sort(kept.begin(), kept.end()); // by name: v10 before v2
    std::sort(newestThree.begin(), newestThree.end());
    CHECK(kept == newestThree);

    // A project at the latest schema is not backed up again on open.
    fs::remove(backup);
    project = Error{};
    REQUIRE(Project::open(path));
    CHECK_FALSE(fs::exists(backup));
}

TEST_CASE("a backup copies what is still in the WAL, while the project stays open",
          "[project][backup]") {
    test::TempDir dir;
    const auto path = dir.file("live.rlthf");
    auto project = Project::open(path, OpenMode::OpenOrCreate);
    REQUIRE(project);
    REQUIRE(project->setSetting("latest", "in the wal"));
    REQUIRE(fs::exists(path + "-wal"));

    REQUIRE(project->backup(dir.file("copy.rlthf")));
    CHECK_FALSE(fs::exists(dir.file("copy.rlthf-wal")));
    auto copy = Project::open(dir.file("copy.rlthf"));
    REQUIRE(copy);
    CHECK(copy->setting("latest").value() == std::optional<std::string>("in the wal"));
    CHECK(copy->db()
              .scalar("SELECT count(*) FROM pragma_integrity_check WHERE "
                      "integrity_check = 'ok'")
              ->value() == 1);

    // The project keeps working, its WAL still in place.
    REQUIRE(project->setSetting("after", "backup"));
    CHECK(fs::exists(path + "-wal"));

    for (const char* self : {"", "-wal", "-shm"}) {
        auto refused = project->backup(path + self);
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.message(), Catch::Contains("the project's own file"));
    }
}

TEST_CASE("one long task per project at a time", "[project][tasklock]") {
    test::TempDir dir;
    const auto path = dir.file("busy.rlthf");
    {
        auto first = TaskLock::acquire(path, "retrain");
        REQUIRE(first);
        CHECK(fs::exists(TaskLock::lockPath(path)));
        auto second = TaskLock::acquire(path, "import");
        REQUIRE_FALSE(second);
        CHECK_THAT(second.message(), Catch::Contains("another long task is running"));
        CHECK_THAT(second.message(), Catch::Contains("retrain by"));
        CHECK_THAT(second.message(), Catch::Contains(fmt::format("pid {}", ::getpid())));
    }
    // Released: the lock file is gone and the next task may start.
    CHECK_FALSE(fs::exists(TaskLock::lockPath(path)));
    auto next = TaskLock::acquire(path, "import");
    CHECK(next);

    SECTION("another process is refused while it is held") {
        const pid_t child = ::fork();
        if (child == 0) {
            auto theirs = TaskLock::acquire(path, "propagate");
            ::_exit(theirs ? 0 : 3);
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        REQUIRE(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 3);
    }
}

TEST_CASE("network file systems are recognised", "[project][nfs]") {
    CHECK(networkFilesystemName(0x6969) == std::optional<std::string_view>("NFS"));
    CHECK(networkFilesystemName(0xFF534D42) == std::optional<std::string_view>("CIFS"));
    CHECK(networkFilesystemName(0xFE534D42) == std::optional<std::string_view>("SMB2"));
    CHECK(networkFilesystemName(0x517B) == std::optional<std::string_view>("SMB"));
    CHECK_FALSE(networkFilesystemName(0xEF53));     // ext4
    CHECK_FALSE(networkFilesystemName(0x01021994)); // tmpfs
    CHECK_FALSE(networkFilesystemName(0x9123683E)); // btrfs
    test::TempDir dir;
    CHECK(requireLocalFilesystem(dir.file("local.rlthf")));
}

TEST_CASE("the project's own files are recognised by path and by inode", "[project]") {
    test::TempDir dir;
    const auto path = dir.file("p.rlthf");
    REQUIRE(Project::open(path, OpenMode::OpenOrCreate));
    fs::create_symlink(path, dir.file("link.jsonl"));
    fs::create_hard_link(path, dir.file("hard.jsonl"));
    CHECK(isProjectFile(path, path));
    CHECK(isProjectFile(dir.file("link.jsonl"), path));
    CHECK(isProjectFile(dir.file("hard.jsonl"), path));
    CHECK(isProjectFile(dir.file("./p.rlthf-wal"), path)); // need not exist
    CHECK(isProjectFile(dir.file("p.rlthf-shm"), path));
    CHECK_FALSE(isProjectFile(dir.file("p.jsonl"), path));
}

TEST_CASE("a project opened read-only is never written", "[project][readonly]") {
    test::TempDir dir;
    const auto path = dir.file("ro.rlthf");
    {
        auto project = Project::open(path, OpenMode::OpenOrCreate);
        REQUIRE(project);
        REQUIRE(project->setSetting("name", "x"));
    }
    const auto before = test::readFile(path);
    {
        auto project = Project::open(path, OpenMode::ReadOnly);
        REQUIRE(project);
        CHECK(project->setting("name").value() == std::optional<std::string>("x"));
        CHECK_FALSE(project->setSetting("name", "y"));
    }
    CHECK(test::readFile(path) == before);

    const auto old = dir.file("old.rlthf");
    writeOldProject(old, latestSchemaVersion() - 1);
    auto refused = Project::open(old, OpenMode::ReadOnly);
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.message(), Catch::Contains("older format"));
    CHECK_FALSE(fs::exists(migrationBackupPath(old, latestSchemaVersion() - 1)));
}

TEST_CASE("a full disk is a clear error and nothing is saved", "[project][disk]") {
    test::TempDir dir;
    auto project = Project::open(dir.file("full.rlthf"), OpenMode::OpenOrCreate);
    REQUIRE(project);
    auto& db = project->db();
    // The file may not grow past its size now: what SQLite reports when the disk is full.
    const auto pages = db.scalar("PRAGMA page_count")->value();
    REQUIRE(db.executeScript(fmt::format("PRAGMA max_page_count = {}", pages)));
    Status written;
    for (int i = 0; i < 1000 && written; ++i)
        written = project->setSetting("fill" + std::to_string(i), std::string(2000, 'x'));
    REQUIRE_FALSE(written);
    CHECK_THAT(written.message(), Catch::Contains("the disk is full, so nothing was saved"));
}

TEST_CASE("a project that may only be read is a clear error and nothing is saved",
          "[project][disk]") {
    test::TempDir dir;
    const auto path = dir.file("shared.rlthf");
    REQUIRE(Project::open(path, OpenMode::OpenOrCreate));
    // What a user meets whose account may read the file but not write it.
    auto db = Database::open(path, Database::Mode::ReadOnly);
    REQUIRE(db);
    auto written = db->execute("INSERT INTO settings(key, value) VALUES ('name', 'line 3')");
    REQUIRE_FALSE(written);
    CHECK_THAT(written.message(), Catch::Contains("may only be read here"));
    CHECK_THAT(written.message(), Catch::Contains("so nothing was saved"));
}

TEST_CASE("a user who may only read a project leaves no files beside it, so that its owner "
          "can still write",
          "[project][disk]") {
    if (::geteuid() != 0) {
        WARN("acting as a second user needs root: not checked here");
        return;
    }
    test::TempDir dir;
    fs::permissions(dir.path(), fs::perms::all); // a shared folder anyone may write to
    const auto path = dir.file("shared.rlthf");
    {
        auto project = Project::open(path, OpenMode::OpenOrCreate);
        REQUIRE(project);
        REQUIRE(project->setSetting("name", "line 3"));
    }
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                              fs::perms::others_read);
    REQUIRE_FALSE(fs::exists(path + "-shm"));

    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) { // the colleague, as nobody: reads, and may not write
        if (::setgid(65534) != 0 || ::setuid(65534) != 0)
            ::_exit(2);
        auto db = Database::open(path, Database::Mode::ReadWrite);
        auto named = db ? db->scalar("SELECT count(*) FROM settings WHERE key = 'name'")
                        : Result<std::optional<std::int64_t>>(Error{"not opened"});
        const bool read = named && *named == std::optional<std::int64_t>(1);
        const bool refused = db && !db->execute("INSERT INTO settings VALUES ('x', 'y')");
        ::_exit(read && refused ? 0 : 1);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK_FALSE(fs::exists(path + "-shm"));
    CHECK_FALSE(fs::exists(path + "-wal"));
    auto owner = Project::open(path, OpenMode::Existing);
    REQUIRE(owner);
    CHECK(owner->setSetting("name", "line 4"));
}
