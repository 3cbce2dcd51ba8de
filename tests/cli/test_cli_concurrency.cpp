// Several processes on one project, as on a working day: the workstation keeps a
// connection open (and runs the project-open path again for every refresh) while other
// `rlthf` processes read, annotate, export and retrain. Nothing may drop SQLite's locks:
// the -wal/-shm files stay while a connection is open, the file stays whole, and every
// verdict that was acknowledged is there exactly once.
#include "CliRunner.h"
#include "Spawn.h"
#include "TempDir.h"
#include "loop/Review.h"
#include "store/Project.h"
#include "store/TaskLock.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <mutex>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace rlthf;
using test::runCli;
namespace fs = std::filesystem;

namespace {

struct Finished {
    int code = -1;
    std::string err;
};

// Starts the real `rlthf` binary with its output in files under `dir`; returns its pid.
pid_t startRlthf(const test::TempDir& dir, const std::vector<std::string>& args,
                 const std::string& tag) {
    return test::spawnLogged(std::string(RLTHF_BIN_DIR) + "/rlthf", args, dir.file(tag));
}

Finished waitFor(const test::TempDir& dir, pid_t pid, const std::string& tag) {
    Finished f;
    int status = 0;
    if (pid > 0 && ::waitpid(pid, &status, 0) == pid && WIFEXITED(status))
        f.code = WEXITSTATUS(status);
    std::ifstream in(dir.file(tag + ".err"));
    f.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return f;
}

Finished runRlthf(const test::TempDir& dir, const std::vector<std::string>& args,
                  const std::string& tag) {
    return waitFor(dir, startRlthf(dir, args, tag), tag);
}

bool walFilesPresent(const std::string& db) {
    return fs::exists(db + "-wal") && fs::exists(db + "-shm");
}

void makeProject(const test::TempDir& dir, const std::string& db, int pairs) {
    const auto data = dir.file("factory.jsonl");
    REQUIRE(runCli({"generate", "factory", "--pairs", std::to_string(pairs), "--out", data}).code ==
            0);
    REQUIRE(runCli({"import", "--db", db, "--format", "pairs", data}).code == 0);
}

} // namespace

TEST_CASE("other processes on an open project keep its locks, its WAL and every verdict",
          "[cli][concurrency]") {
    test::TempDir dir;
    const auto db = dir.file("shared.rlthf");
    makeProject(dir, db, 400);

    // The workstation: one long-lived connection...
    auto window = store::Project::open(db);
    REQUIRE(window);
    std::mutex acknowledgedMutex;
    std::vector<std::string> acknowledged; // comment tokens of verdicts reported as recorded
    auto acknowledge = [&](const std::string& token) {
        std::lock_guard lock(acknowledgedMutex);
        acknowledged.push_back(token);
    };
    auto windowVerdict = [&](std::int64_t pair, const std::string& token) {
        auto recorded =
            loop::recordVerdict(window->db(), {pair, loop::Verdict::A, "window", token});
        REQUIRE(recorded);
        acknowledge(token);
    };
    windowVerdict(1, "window-1");
    // ...and the open path it runs again for every chart refresh and task.
    REQUIRE(store::Project::open(db));

    REQUIRE(runRlthf(dir, {"stats", "--db", db}, "stats").code == 0);
    CHECK(walFilesPresent(db)); // a reader that closed as "last" would have removed them

    std::atomic<bool> othersDone{false};
    std::vector<std::thread> others;
    std::atomic<int> annotateFailures{0};
    for (int k = 0; k < 3; ++k)
        others.emplace_back([&, k] {
            for (int i = 0; i < 6; ++i) {
                const auto pair = std::to_string(100 + 10 * k + i);
                const auto token = "cli-" + std::to_string(k) + "-" + std::to_string(i);
                auto done = runRlthf(dir,
                                     {"annotate", "--db", db, "--pair", pair, "--verdict", "b",
                                      "--annotator", "cli", "--comment", token},
                                     token);
                if (done.code == 0)
                    acknowledge(token);
                else
                    ++annotateFailures;
            }
        });
    std::atomic<int> retrainCode{-1};
    others.emplace_back([&] {
        retrainCode = runRlthf(dir, {"retrain", "--db", db}, "retrain").code;
    });
    others.emplace_back([&] {
        for (int i = 0; i < 2; ++i)
            runRlthf(dir, {"export", "--db", db, "--format", "pairs", "--out", dir.file("e.jsonl")},
                     "export");
    });
    for (int i = 2; i <= 12; ++i) {
        windowVerdict(i, "window-" + std::to_string(i));
        REQUIRE(store::Project::open(db));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    for (auto& t : others)
        t.join();
    othersDone = true;
    CHECK(retrainCode == 0);
    CHECK(annotateFailures == 0);
    CHECK(walFilesPresent(db));

    // An export taken while the window is open holds the window's verdicts.
    REQUIRE(runRlthf(dir, {"export", "--db", db, "--format", "pairs", "--out", dir.file("x.jsonl")},
                     "final-export")
                .code == 0);
    std::ifstream exported(dir.file("x.jsonl"));
    const std::string exportText((std::istreambuf_iterator<char>(exported)),
                                 std::istreambuf_iterator<char>());
    for (const auto& token : acknowledged)
        CHECK(exportText.find("\"comment\":\"" + token + "\"") != std::string::npos);

    window = Error{}; // the window closes
    auto check = store::Database::open(db, store::Database::Mode::ReadWrite);
    REQUIRE(check);
    auto integrity = check->prepare("PRAGMA integrity_check");
    REQUIRE(integrity);
    REQUIRE(integrity->step().value());
    CHECK(integrity->text(0) == "ok");
    CHECK(acknowledged.size() == 12 + 18);
    for (const auto& token : acknowledged) {
        CAPTURE(token);
        CHECK(
            check->scalar("SELECT count(*) FROM label_events WHERE comment = ?", token)->value() ==
            1);
    }
}

TEST_CASE("a second long task on a project is refused with the holder's name", "[cli][tasklock]") {
    test::TempDir dir;
    const auto db = dir.file("busy.rlthf");
    makeProject(dir, db, 60);
    const auto data = dir.file("factory.jsonl");
    {
        auto held = store::TaskLock::acquire(db, "retrain");
        REQUIRE(held);
        for (const auto& args : std::vector<std::vector<std::string>>{
                 {"retrain", "--db", db},
                 {"propagate", "--db", db},
                 {"import", "--db", db, "--format", "pairs", data},
                 {"label", "--db", db, "--endpoint", "http://127.0.0.1:9/v1", "--model", "m"},
                 {"embed", "--db", db, "--endpoint", "http://127.0.0.1:9/v1", "--model", "m"}}) {
            CAPTURE(args[0]);
            auto refused = runRlthf(dir, args, "refused");
            CHECK(refused.code == 1);
            CHECK_THAT(refused.err, Catch::Contains("another long task is running") &&
                                        Catch::Contains("retrain by") &&
                                        Catch::Contains(fmt::format("pid {}", ::getpid())));
        }
        // Short steps go on meanwhile: a verdict, an export, the statistics.
        CHECK(
            runRlthf(dir,
                     {"annotate", "--db", db, "--pair", "1", "--verdict", "a", "--annotator", "k"},
                     "annotate")
                .code == 0);
        CHECK(runRlthf(dir, {"stats", "--db", db}, "stats").code == 0);
    }
    CHECK(runRlthf(dir, {"import", "--db", db, "--format", "pairs", data}, "import").code == 0);
}

TEST_CASE("a killed import into a new path leaves no project, and the next one completes",
          "[cli][crash]") {
    test::TempDir dir;
    const auto data = dir.file("big.jsonl");
    REQUIRE(runCli({"generate", "factory", "--pairs", "20000", "--out", data}).code == 0);
    const auto db = dir.file("new.rlthf");
    const pid_t import =
        startRlthf(dir, {"import", "--db", db, "--format", "pairs", data}, "import");
    REQUIRE(import > 0);
    // Killed once its stage exists, mid-import.
    const auto stage = fmt::format("{}.new-{}", db, import);
    for (int i = 0; i < 2000 && !fs::exists(stage); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ::kill(import, SIGKILL);
    waitFor(dir, import, "import");
    CHECK_FALSE(fs::exists(db));

    auto again = runRlthf(dir, {"import", "--db", db, "--format", "pairs", data}, "again");
    REQUIRE(again.code == 0);
    CHECK_FALSE(fs::exists(stage));
    CHECK_FALSE(fs::exists(store::TaskLock::lockPath(db)));
    std::ifstream report(dir.file("again.out"));
    std::string imported;
    report >> imported >> imported; // "imported N pairs ..."
    REQUIRE_FALSE(imported.empty());
    CHECK(test::statsJson(db)["pairs"].toInt() == std::stoi(imported));
    CHECK(std::stoi(imported) > 19000); // the generator repeats a few pairs; all others are in
}
