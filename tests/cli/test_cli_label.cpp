#include "CliRunner.h"
#include "JudgeFixtures.h"
#include "TempDir.h"

#include <catch2/catch.hpp>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>

#include <set>

using namespace rlthf;
using namespace rlthf::test;
using namespace std::chrono_literals;

namespace {

std::int64_t count(const std::string& db, const char* sql) {
    auto connection = store::Database::open(db, store::Database::Mode::ReadOnly);
    REQUIRE(connection);
    auto value = connection->scalar(sql);
    REQUIRE(value);
    return value->value_or(0);
}

// The (pair, order) answers stored in the project.
std::set<AskedAbout> storedAnswers(const std::string& db) {
    auto connection = store::Database::open(db, store::Database::Mode::ReadOnly);
    REQUIRE(connection);
    auto stmt = connection->prepare("SELECT p.prompt, j.order_shown FROM judge_answers j "
                                    "JOIN pairs p ON p.id = j.pair_id");
    REQUIRE(stmt);
    std::set<AskedAbout> stored;
    REQUIRE(stmt->forEachRow([&](const store::Statement& row) {
        stored.insert({std::stoi(row.text(0).substr(9)), row.text(1)});
    }));
    return stored;
}

} // namespace

TEST_CASE("label asks the judge, prints a summary and keeps the settings but not the key",
          "[cli][judge]") {
    qputenv("RLTHF_API_KEY", "sk-cli-secret-2468");
    TempDir dir;
    const auto db = dir.file("cli.rlthf");
    { makeJudgeProject(db, 4); }
    ScriptedServer server(fairJudge);
    const auto criteria = dir.file("criteria.txt");
    writeFile(criteria, "Prefer the answer that keeps the operator safe.\n");

    auto run = runCli({"label", "--db", db, "--endpoint", server.baseUrl().toStdString(), "--model",
                       "qwen2.5-7b-instruct", "--criteria", criteria, "--concurrency", "2",
                       "--timeout", "5"});
    INFO(run.err);
    REQUIRE(run.code == 0);
    CHECK_THAT(run.out, Catch::Contains("labelled 4 pairs, 0 uncertain, 0 unparseable, 0 failed "
                                        "(of 4 asked about); 8 requests, 0 retries; tokens: 800 "
                                        "prompt + 16 completion"));
    CHECK_THAT(run.err, Catch::Contains("API key from $RLTHF_API_KEY"));
    CHECK(run.err.find("sk-cli-secret-2468") == std::string::npos);
    const auto system = QJsonDocument::fromJson(server.requests()[0].body)
                            .object()["messages"].toArray()[0].toObject()["content"].toString();
    CHECK(system.contains("keeps the operator safe"));

    const auto stats = statsJson(db);
    CHECK(stats["labels"].toObject()["ai"].toInt() == 4);
    CHECK(stats["uncertain"].toInt() == 0);
    CHECK(stats["awaiting_ai_label"].toInt() == 0);

    auto project = store::Project::open(db);
    REQUIRE(project);
    auto stored = project->setting("judge");
    REQUIRE(stored);
    REQUIRE(stored->has_value());
    const auto settings = QJsonDocument::fromJson(QByteArray::fromStdString(**stored)).object();
    CHECK(settings["endpoint"].toString() == server.baseUrl());
    CHECK(settings["model"].toString() == "qwen2.5-7b-instruct");
    CHECK(settings["criteria"].toString().contains("keeps the operator safe"));
    CHECK(settings["api_key_env"].toString() == "RLTHF_API_KEY");

    SECTION("a later run reuses the stored endpoint and model") {
        auto again = runCli({"label", "--db", db});
        INFO(again.err);
        REQUIRE(again.code == 0);
        CHECK_THAT(again.out, Catch::Contains("labelled 0 pairs") &&
                                  Catch::Contains("(of 0 asked about)"));
        CHECK(server.requests().size() == 8);
    }
    SECTION("the key is in no byte of the project") {
        project = Error{};
        const std::string bytes = readFile(db) + readFile(db + "-wal");
        CHECK(bytes.find("sk-cli-secret-2468") == std::string::npos);
    }
    qunsetenv("RLTHF_API_KEY");
}

TEST_CASE("stats --json counts the pairs the judge left uncertain", "[cli][judge]") {
    TempDir dir;
    const auto db = dir.file("uncertain.rlthf");
    { makeJudgeProject(db, 5); }
    ScriptedServer server(firstShownJudge);
    auto run = runCli({"label", "--db", db, "--endpoint", server.baseUrl().toStdString(), "--model",
                       "m", "--limit", "3"});
    REQUIRE(run.code == 0);
    CHECK_THAT(run.out, Catch::Contains("labelled 0 pairs, 3 uncertain"));
    const auto stats = statsJson(db);
    CHECK(stats["uncertain"].toInt() == 3);
    CHECK(stats["awaiting_ai_label"].toInt() == 5);
    CHECK_THAT(runCli({"stats", "--db", db}).out, Catch::Contains("uncertain    3"));
}

TEST_CASE("label refuses unusable options and reports a refused key", "[cli][judge]") {
    TempDir dir;
    const auto db = dir.file("opts.rlthf");
    { makeJudgeProject(db, 2); }
    auto noEndpoint = runCli({"label", "--db", db, "--model", "m"});
    CHECK(noEndpoint.code == 2);
    CHECK_THAT(noEndpoint.err, Catch::Contains("no judge endpoint"));
    auto badUrl = runCli({"label", "--db", db, "--endpoint", "localhost:8080", "--model", "m"});
    CHECK(badUrl.code == 2);
    auto badConcurrency = runCli({"label", "--db", db, "--endpoint", "http://127.0.0.1:1/v1",
                                  "--model", "m", "--concurrency", "0"});
    CHECK(badConcurrency.code == 2);
    auto noCriteria = runCli({"label", "--db", db, "--endpoint", "http://127.0.0.1:1/v1", "--model",
                              "m", "--criteria", dir.file("missing.txt")});
    CHECK(noCriteria.code == 2);
    CHECK_THAT(noCriteria.err, Catch::Contains("cannot read the criteria file"));

    qputenv("TEAM_JUDGE_KEY", "sk-refused-1357");
    ScriptedServer server([](const HttpRequest&) {
        return HttpResponse{401, R"({"error":{"message":"invalid key sk-refused-1357"}})", {}};
    });
    auto refused = runCli({"label", "--db", db, "--endpoint", server.baseUrl().toStdString(),
                           "--model", "m", "--api-key-env", "TEAM_JUDGE_KEY"});
    CHECK(refused.code == 1);
    CHECK_THAT(refused.err, Catch::Contains("the endpoint refused the API key from $TEAM_JUDGE_KEY"));
    CHECK((refused.out + refused.err).find("sk-refused-1357") == std::string::npos);
    qunsetenv("TEAM_JUDGE_KEY");
}

TEST_CASE("a label run killed or interrupted halfway resumes without losing or repeating an answer",
          "[cli][judge][e2e]") {
    constexpr int kPairs = 30;
    constexpr int kConcurrency = 2;
    TempDir dir;
    const auto db = dir.file("killed.rlthf");
    { makeJudgeProject(db, kPairs); }
    ScriptedServer server(slowFairJudge(60ms));
    const QString exe = QStringLiteral(RLTHF_BIN_DIR "/rlthf");

    QProcess first;
    first.start(exe, {"label", "--db", QString::fromStdString(db), "--endpoint", server.baseUrl(),
                      "--model", "judge-7b", "--concurrency", QString::number(kConcurrency)});
    REQUIRE(first.waitForStarted());
    std::int64_t answered = 0;
    while (first.state() != QProcess::NotRunning && answered < 20) {
        QThread::msleep(10);
        answered = count(db, "SELECT count(*) FROM judge_answers");
    }
    SECTION("killed") {
        first.kill();
        first.waitForFinished();
    }
    SECTION("interrupted: it stops, prints its summary and says how to go on") {
        first.terminate(); // SIGTERM, handled like Ctrl-C
        REQUIRE(first.waitForFinished(10'000));
        CHECK(first.exitStatus() == QProcess::NormalExit);
        CHECK(first.exitCode() == 1);
        CHECK_THAT(first.readAllStandardOutput().toStdString(), Catch::Contains("labelled "));
        CHECK_THAT(first.readAllStandardError().toStdString(),
                   Catch::Contains("stopped; the answers received so far are kept"));
    }
    const auto storedAtKill = storedAnswers(db);
    INFO("answers stored when killed: " << storedAtKill.size());
    REQUIRE(storedAtKill.size() >= 20);
    REQUIRE(storedAtKill.size() < 2 * kPairs);

    QProcess resumed;
    resumed.start(exe, {"label", "--db", QString::fromStdString(db)});
    REQUIRE(resumed.waitForFinished(20'000));
    INFO(resumed.readAllStandardError().toStdString());
    REQUIRE(resumed.exitCode() == 0);

    CHECK(storedAnswers(db).size() == 2 * kPairs);
    CHECK(count(db, "SELECT count(*) FROM judge_answers") == 2 * kPairs);
    CHECK(count(db, "SELECT count(*) FROM label_events WHERE source = 'ai'") == kPairs);
    CHECK(count(db, "SELECT count(DISTINCT pair_id) FROM label_events WHERE source = 'ai'") == kPairs);
    CHECK(count(db, "SELECT count(*) FROM label_events e JOIN pairs p ON p.id = e.pair_id "
                    "WHERE e.source = 'ai' AND e.value <> CASE WHEN CAST(substr(p.prompt, 10) "
                    "AS INTEGER) % 2 = 0 THEN 'a' ELSE 'b' END") == 0);

    // Asked twice only where the answer was in flight when the process died.
    std::map<AskedAbout, int> asked;
    for (const auto& request : server.requests())
        ++asked[askedAbout(request)];
    CHECK(asked.size() == 2 * kPairs);
    int repeated = 0;
    for (const auto& [key, times] : asked) {
        CHECK(times <= 2);
        if (times > 1) {
            ++repeated;
            CHECK(storedAtKill.count(key) == 0);
        }
    }
    CHECK(repeated <= kConcurrency);
}
