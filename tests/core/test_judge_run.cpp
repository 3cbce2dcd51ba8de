#include "JudgeRunFixture.h"
#include "data/Stats.h"
#include "judge/AnswerStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <atomic>
#include <catch2/catch.hpp>

using namespace rlthf;
using namespace rlthf::test;
using namespace std::chrono_literals;

namespace {

std::chrono::milliseconds gap(const HttpRequest& earlier, const HttpRequest& later) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(later.receivedAt - earlier.receivedAt);
}

// Answers the first request with `first`, every later one as the fair judge.
ScriptedServer::Script firstThen(HttpResponse first) {
    auto seen = std::make_shared<std::atomic<int>>(0);
    return [seen, first](const HttpRequest& request) {
        return seen->fetch_add(1) == 0 ? first : fairJudge(request);
    };
}

} // namespace

TEST_CASE("well-formed replies label every pair once, in both orders", "[judge][http]") {
    qputenv("RLTHF_TEST_JUDGE_KEY", "sk-run-secret-4711");
    JudgeRunFixture fx(6, fairJudge);
    fx.settings.concurrency = 3;
    CHECK(judge::pairsWithoutAiLabel(fx.project.db()).value() == 6); // what a run asks about
    const auto result = fx.run();
    REQUIRE(result.outcome);
    const auto& p = result.progress;
    CHECK(p.totalPairs == 6);
    CHECK(p.labelled == 6);
    CHECK(p.uncertain + p.unparseable + p.failed == 0);
    CHECK(p.requests == 12);
    CHECK(p.retries == 0);
    CHECK(p.promptTokens == 1200);
    CHECK(p.completionTokens == 24);
    fx.requireAllLabelledOnce(6);
    CHECK(judge::pairsWithoutAiLabel(fx.project.db()).value() == 0);
    CHECK(fx.count("SELECT count(*) FROM judge_answers WHERE model = 'judge-model'") == 12);
    CHECK(fx.count("SELECT count(*) FROM label_events WHERE comment LIKE '%judge-model%'") == 6);

    const auto asked = fx.askedCounts();
    CHECK(asked.size() == 12);
    for (const auto& [key, times] : asked)
        CHECK(times == 1);
    const auto requests = fx.server.requests();
    CHECK(requests[0].method == "POST");
    CHECK(requests[0].path == "/v1/chat/completions");
    CHECK(requests[0].headers.value("authorization") == "Bearer sk-run-secret-4711");
    CHECK(QJsonDocument::fromJson(requests[0].body).object()["model"].toString() == "judge-model");

    SECTION("a second run has nothing left to ask") {
        const auto again = fx.run();
        REQUIRE(again.outcome);
        CHECK(again.progress.totalPairs == 0);
        CHECK(fx.server.requests().size() == 12);
    }
    SECTION("the key is sent but never stored") {
        // Whatever was written is in the file or its write-ahead log.
        const std::string bytes = readFile(fx.dir.file("judge.rlthf")) +
                                  readFile(fx.dir.file("judge.rlthf-wal"));
        CHECK(bytes.find("sk-run-secret-4711") == std::string::npos);
    }
    qunsetenv("RLTHF_TEST_JUDGE_KEY");
}

TEST_CASE("without a key no Authorization header is sent", "[judge][http]") {
    qunsetenv("RLTHF_TEST_JUDGE_KEY");
    JudgeRunFixture fx(1, fairJudge);
    REQUIRE(fx.run().outcome);
    for (const auto& request : fx.server.requests())
        CHECK_FALSE(request.headers.contains("authorization"));
}

TEST_CASE("position-swapped disagreement leaves the pair uncertain", "[judge][http]") {
    // Fair on even pairs, always the first response shown on odd ones.
    JudgeRunFixture fx(6, [](const HttpRequest& request) {
        return askedAbout(request).pair % 2 == 0 ? fairJudge(request) : firstShownJudge(request);
    });
    const auto result = fx.run();
    REQUIRE(result.outcome);
    CHECK(result.progress.labelled == 3);
    CHECK(result.progress.uncertain == 3);
    CHECK(fx.count("SELECT count(*) FROM label_events WHERE source = 'ai'") == 3);
    CHECK(fx.count("SELECT count(*) FROM label_events WHERE source = 'ai' AND pair_id % 2 = 1") == 0);
    CHECK(fx.uncertain() == std::vector<std::int64_t>{1, 3, 5});
    CHECK(fx.count("SELECT count(*) FROM uncertain_pairs WHERE reason = 'disagree'") == 3);
    auto stats = data::computeStats(fx.project);
    REQUIRE(stats);
    CHECK(stats->uncertain == 3);

    SECTION("an expert verdict settles an uncertain pair") {
        REQUIRE(fx.project.db().execute(
            "INSERT INTO label_events(pair_id, source, action, value, annotator, created_at) "
            "VALUES (3, 'human', 'label', 'b', 'Sato', ?)",
            store::nowUtc()));
        CHECK(fx.uncertain() == std::vector<std::int64_t>{1, 5});
    }
    SECTION("uncertain pairs are not asked again by the same model") {
        REQUIRE(fx.run().progress.totalPairs == 0);
        CHECK(fx.server.requests().size() == 12);
    }
}

TEST_CASE("unparseable replies are kept and asked again only on request", "[judge][http]") {
    auto confused = std::make_shared<std::atomic<bool>>(true);
    JudgeRunFixture fx(3, [confused](const HttpRequest& request) {
        const auto about = askedAbout(request);
        return *confused && about.pair == 2 && about.order == "ba"
                   ? answer("Both are equally fine.")
                   : fairJudge(request);
    });
    const auto result = fx.run();
    REQUIRE(result.outcome);
    CHECK(result.progress.labelled == 2);
    CHECK(result.progress.unparseable == 1);
    CHECK(fx.count("SELECT count(*) FROM judge_answers WHERE verdict = 'unparseable' AND "
                   "pair_id = 2 AND order_shown = 'ba' AND reply = 'Both are equally fine.'") == 1);
    CHECK(fx.uncertain() == std::vector<std::int64_t>{2});
    CHECK(fx.count("SELECT count(*) FROM uncertain_pairs WHERE reason = 'unparseable'") == 1);

    // At temperature 0 the same model would give the same reply: nothing is asked again.
    CHECK(fx.run().progress.totalPairs == 0);
    CHECK(fx.server.requests().size() == 6);

    *confused = false;
    auto options = fastRetries();
    options.retryUnparseable = true;
    const auto retried = fx.run(options);
    REQUIRE(retried.outcome);
    CHECK(retried.progress.requests == 1);
    CHECK(retried.progress.labelled == 1);
    CHECK(fx.count("SELECT count(*) FROM judge_answers") == 6);
    CHECK(fx.uncertain().empty());
    fx.requireAllLabelledOnce(3);
}

TEST_CASE("a malformed reply is retried", "[judge][http]") {
    JudgeRunFixture fx(2, firstThen({200, "{\"choices\": [{\"message\": {\"con", {}}));
    const auto result = fx.run();
    REQUIRE(result.outcome);
    CHECK(result.progress.labelled == 2);
    CHECK(result.progress.retries == 1);
    CHECK(result.progress.requests == 5);
    CHECK_THAT(result.progress.lastProblem, Catch::Contains("not a chat completion"));
    fx.requireAllLabelledOnce(2);
}

TEST_CASE("a 500 is retried and then succeeds", "[judge][http]") {
    JudgeRunFixture fx(2, firstThen({500, R"({"error":{"message":"CUDA out of memory"}})", {}}));
    const auto result = fx.run();
    REQUIRE(result.outcome);
    CHECK(result.progress.labelled == 2);
    CHECK(result.progress.retries == 1);
    CHECK_THAT(result.progress.lastProblem, Catch::Contains("HTTP 500: CUDA out of memory"));
    fx.requireAllLabelledOnce(2);
}

TEST_CASE("a 429 waits at least as long as Retry-After says", "[judge][http]") {
    JudgeRunFixture fx(1, firstThen({429, R"({"error":"slow down"})", {{"Retry-After", "1"}}}));
    fx.settings.concurrency = 1;
    const auto result = fx.run();
    REQUIRE(result.outcome);
    CHECK(result.progress.labelled == 1);
    CHECK(result.progress.retries == 1);
    const auto requests = fx.server.requests();
    REQUIRE(requests.size() == 3);
    CHECK(gap(requests[0], requests[1]) >= 1000ms);
    fx.requireAllLabelledOnce(1);
}

TEST_CASE("a retry that comes due while paused waits for resume", "[judge][http]") {
    JudgeRunFixture fx(1, firstThen({429, R"({"error":"slow down"})", {{"Retry-After", "1"}}}));
    fx.settings.concurrency = 1;
    std::size_t askedWhilePaused = 0;
    bool paused = false;
    const auto result = fx.run(fastRetries(), [&](judge::LabelRun& run, const judge::LabelProgress& p) {
        if (!paused && p.retries == 1) { // the 429 is in, its retry due in 1 s
            paused = true;
            run.setPaused(true);
            QTimer::singleShot(1500, [&, runPtr = &run] {
                askedWhilePaused = fx.server.requests().size();
                runPtr->setPaused(false);
            });
        }
    });
    REQUIRE(result.outcome);
    CHECK(askedWhilePaused == 1);
    CHECK(result.progress.labelled == 1);
    const auto requests = fx.server.requests();
    REQUIRE(requests.size() == 3);
    CHECK(gap(requests[0], requests[1]) >= 1500ms);
    fx.requireAllLabelledOnce(1);
}

TEST_CASE("a hung connection times out and is retried", "[judge][http]") {
    HttpResponse hang;
    hang.hang = true;
    JudgeRunFixture fx(1, firstThen(hang));
    fx.settings.concurrency = 1;
    fx.settings.timeout = 300ms;
    const auto result = fx.run();
    REQUIRE(result.outcome);
    CHECK(result.progress.labelled == 1);
    CHECK(result.progress.retries == 1);
    CHECK_THAT(result.progress.lastProblem, Catch::Contains("timed out"));
    const auto requests = fx.server.requests();
    REQUIRE(requests.size() == 3);
    CHECK(gap(requests[0], requests[1]) >= 280ms);
}

TEST_CASE("a slow server within the timeout is waited for", "[judge][http]") {
    JudgeRunFixture fx(1, slowFairJudge(400ms));
    fx.settings.timeout = 1500ms;
    const auto result = fx.run();
    REQUIRE(result.outcome);
    CHECK(result.progress.labelled == 1);
    CHECK(result.progress.retries == 0);
    CHECK(result.progress.requests == 2);
}

TEST_CASE("dropped connections are retried", "[judge][http]") {
    // Qt resends once by itself when a connection closes early; the run retries past that.
    auto seen = std::make_shared<std::atomic<int>>(0);
    JudgeRunFixture fx(1, [seen](const HttpRequest& request) {
        HttpResponse drop;
        drop.drop = true;
        return seen->fetch_add(1) < 4 ? drop : fairJudge(request);
    });
    fx.settings.concurrency = 1;
    const auto result = fx.run();
    REQUIRE(result.outcome);
    CHECK(result.progress.labelled == 1);
    CHECK(result.progress.retries >= 1);
    CHECK(fx.server.requests().size() == 6);
}

TEST_CASE("a pair whose retries run out is left for the next run", "[judge][http]") {
    auto down = std::make_shared<std::atomic<bool>>(true);
    JudgeRunFixture fx(3, [down](const HttpRequest& request) {
        if (*down && askedAbout(request).pair == 2)
            return HttpResponse{503, "busy", {}};
        return fairJudge(request);
    });
    const auto result = fx.run();
    REQUIRE(result.outcome);
    CHECK(result.progress.labelled == 2);
    CHECK(result.progress.failed == 1);
    CHECK(fx.count("SELECT count(*) FROM judge_answers WHERE pair_id = 2") == 0);
    const auto asked = fx.askedCounts();
    CHECK(asked.at({2, "ab"}) == 4); // the request and three retries
    CHECK(asked.at({2, "ba"}) == 4);

    *down = false;
    const auto resumed = fx.run();
    REQUIRE(resumed.outcome);
    CHECK(resumed.progress.totalPairs == 1);
    CHECK(resumed.progress.requests == 2);
    fx.requireAllLabelledOnce(3);
}

TEST_CASE("a refused key stops the run and names the variable, not the key", "[judge][http]") {
    qputenv("RLTHF_TEST_JUDGE_KEY", "sk-wrong-key-0815");
    JudgeRunFixture fx(4, [](const HttpRequest&) {
        return HttpResponse{401, R"({"error":{"message":"Incorrect API key provided: sk-wrong-key-0815"}})", {}};
    });
    const auto result = fx.run();
    REQUIRE_FALSE(result.outcome);
    CHECK_THAT(result.outcome.message(),
               Catch::Contains("the endpoint refused the API key from $RLTHF_TEST_JUDGE_KEY"));
    CHECK(result.outcome.message().find("sk-wrong-key-0815") == std::string::npos);
    CHECK(result.progress.retries == 0);
    CHECK(fx.server.requests().size() <= 2);
    CHECK(fx.count("SELECT count(*) FROM judge_answers") == 0);
    qunsetenv("RLTHF_TEST_JUDGE_KEY");
}

TEST_CASE("no more requests are in flight than the concurrency allows", "[judge][http]") {
    JudgeRunFixture fx(8, slowFairJudge(60ms));
    fx.settings.concurrency = 3;
    const auto result = fx.run();
    REQUIRE(result.outcome);
    CHECK(result.maxInFlight == 3);
    const auto requests = fx.server.requests();
    REQUIRE(requests.size() == 16);
    // The fourth request can only go out once one of the first three was answered.
    CHECK(gap(requests[0], requests[3]) >= 50ms);
    fx.requireAllLabelledOnce(8);
}

TEST_CASE("a stopped run keeps its answers and the next run finishes the rest", "[judge][http]") {
    JudgeRunFixture fx(10, slowFairJudge(20ms));
    const auto stopped = fx.run(fastRetries(), [](judge::LabelRun& run, const judge::LabelProgress& p) {
        if (p.settled() >= 3)
            run.stop();
    });
    REQUIRE(stopped.outcome);
    CHECK(stopped.progress.stopped);
    CHECK(stopped.progress.labelled >= 3);
    CHECK(stopped.progress.labelled < 10);
    const auto done = fx.run();
    REQUIRE(done.outcome);
    CHECK(done.progress.labelled == 10 - stopped.progress.labelled);
    fx.requireAllLabelledOnce(10);
}

TEST_CASE("a paused run asks nothing new until resumed", "[judge][http]") {
    JudgeRunFixture fx(4, fairJudge);
    fx.settings.concurrency = 1;
    std::size_t askedWhenPaused = 0;
    bool paused = false;
    const auto result = fx.run(fastRetries(), [&](judge::LabelRun& run, const judge::LabelProgress& p) {
        if (!paused && p.settled() == 1) {
            paused = true;
            run.setPaused(true);
            QTimer::singleShot(300, [&, runPtr = &run] {
                askedWhenPaused = fx.server.requests().size();
                runPtr->setPaused(false);
            });
        }
    });
    REQUIRE(result.outcome);
    CHECK(askedWhenPaused == 2);
    CHECK(result.progress.labelled == 4);
}

TEST_CASE("the built-in criteria are in the language of the pairs, own criteria as given",
          "[judge][http]") {
    JudgeRunFixture fx(4, fairJudge);
    const auto systemMessage = [&](std::size_t request) {
        const auto body = QJsonDocument::fromJson(fx.server.requests().at(request).body).object();
        return body["messages"].toArray().at(0).toObject()["content"].toString().toStdString();
    };
    SECTION("English pairs") {
        CHECK(judge::detectTextLanguage(fx.project.db()).value() == judge::TextLanguage::English);
        REQUIRE(fx.run().outcome);
        CHECK_THAT(systemMessage(0), Catch::Contains(judge::defaultCriteria()));
    }
    SECTION("Japanese pairs") {
        REQUIRE(fx.project.db().executeScript(
            "UPDATE pairs SET prompt = '検査ロット' || id || 'の寸法は公差内ですか？'"));
        CHECK(judge::detectTextLanguage(fx.project.db()).value() == judge::TextLanguage::Japanese);
        REQUIRE(fx.run().outcome);
        const auto japanese = judge::defaultCriteria(judge::TextLanguage::Japanese);
        CHECK_THAT(japanese, Catch::Contains("正直"));
        CHECK_THAT(systemMessage(0), Catch::Contains(japanese));
    }
    SECTION("the project's own criteria, whatever the language") {
        REQUIRE(fx.project.db().executeScript("UPDATE pairs SET prompt = 'ロット' || id"));
        fx.settings.criteria = "Prefer the safer answer.";
        REQUIRE(fx.run().outcome);
        CHECK_THAT(systemMessage(0),
                   Catch::Contains("Prefer the safer answer.") &&
                       !Catch::Contains(judge::defaultCriteria(judge::TextLanguage::Japanese)));
    }
}
