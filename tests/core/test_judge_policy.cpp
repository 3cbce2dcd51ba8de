#include "judge/JudgeSettings.h"
#include "judge/RetryPolicy.h"
#include "store/Project.h"

#include "TempDir.h"

#include <catch2/catch.hpp>

using namespace rlthf;
using namespace rlthf::judge;
using std::chrono::milliseconds;

namespace {

RequestContext context(QByteArray key = "sk-test-secret-123") {
    RequestContext c;
    c.apiKeyEnv = "MY_JUDGE_KEY";
    c.apiKey = std::move(key);
    c.url = "http://127.0.0.1:8080/v1/chat/completions";
    c.model = "llama3";
    return c;
}

HttpOutcome status(int code, QByteArray body = {}, QByteArray retryAfter = {}) {
    return HttpOutcome{code, {}, std::move(body), std::move(retryAfter)};
}

} // namespace

TEST_CASE("answers, transient failures and fatal refusals are told apart", "[judge]") {
    const auto ok = classify(status(200, R"({"choices":[{"message":{"content":"A"}}]})"), context());
    CHECK(ok.kind == Disposition::Answer);
    CHECK(ok.reply.content == "A");

    CHECK(classify(status(200, "{not json"), context()).kind == Disposition::Retry);
    CHECK(classify(status(500, "oops"), context()).kind == Disposition::Retry);
    CHECK(classify(status(503), context()).kind == Disposition::Retry);
    const auto limited = classify(status(429, {}, "2"), context());
    CHECK(limited.kind == Disposition::Retry);
    REQUIRE(limited.retryAfter);
    CHECK(*limited.retryAfter == milliseconds(2000));
    const auto refused = classify(HttpOutcome{0, "Connection refused", {}, {}}, context());
    CHECK(refused.kind == Disposition::Retry);
    CHECK_THAT(refused.problem, Catch::Contains("Connection refused"));

    CHECK(classify(status(404, R"({"error":{"message":"model not found"}})"), context()).kind ==
          Disposition::Fatal);
    auto early = context();
    CHECK(classify(status(400, "context too long"), early).kind == Disposition::Fatal);
    early.answeredBefore = true;
    CHECK(classify(status(400, "context too long"), early).kind == Disposition::SkipPair);
    CHECK(classify(status(403), early).kind == Disposition::Fatal);
}

TEST_CASE("a refused key is named by its variable, never shown", "[judge]") {
    const auto refused = classify(
        status(401, R"({"error":{"message":"Incorrect API key provided: sk-test-secret-123"}})"),
        context());
    CHECK(refused.kind == Disposition::Fatal);
    CHECK_THAT(refused.problem, Catch::Contains("refused the API key from $MY_JUDGE_KEY"));
    CHECK_THAT(refused.problem, Catch::Contains("HTTP 401"));
    CHECK(refused.problem.find("sk-test-secret-123") == std::string::npos);

    const auto missing = classify(status(401), context(""));
    CHECK_THAT(missing.problem, Catch::Contains("put it in the environment variable MY_JUDGE_KEY"));
}

TEST_CASE("Retry-After is read as seconds or as an HTTP date", "[judge]") {
    const QDateTime now(QDate(2025, 3, 1), QTime(12, 0, 0), Qt::UTC);
    CHECK(parseRetryAfter("1", now) == milliseconds(1000));
    CHECK(parseRetryAfter(" 0.5 ", now) == milliseconds(500));
    CHECK(parseRetryAfter("Sat, 01 Mar 2025 12:00:30 GMT", now) == milliseconds(30'000));
    CHECK(parseRetryAfter("Sat, 01 Mar 2025 11:00:00 GMT", now) == milliseconds(0));
    CHECK(parseRetryAfter("86400", now) == milliseconds(10 * 60 * 1000)); // capped
    CHECK_FALSE(parseRetryAfter("", now));
    CHECK_FALSE(parseRetryAfter("soon", now));
}

TEST_CASE("retry delays grow exponentially with bounded jitter", "[judge]") {
    const Backoff backoff{milliseconds(100), milliseconds(1000), 0.25};
    std::mt19937_64 random(7);
    for (int round = 0; round < 50; ++round) {
        const auto first = retryDelay(1, backoff, std::nullopt, random);
        CHECK(first >= milliseconds(100));
        CHECK(first <= milliseconds(125));
        const auto third = retryDelay(3, backoff, std::nullopt, random);
        CHECK(third >= milliseconds(400));
        CHECK(third <= milliseconds(500));
        const auto late = retryDelay(20, backoff, std::nullopt, random);
        CHECK(late >= milliseconds(1000));
        CHECK(late <= milliseconds(1250));
    }
    CHECK(retryDelay(1, backoff, milliseconds(3000), random) == milliseconds(3000));
}

TEST_CASE("redaction blanks out every copy of the key", "[judge]") {
    CHECK(redact("key abc and abc again", "abc") == "key *** and *** again");
    CHECK(redact("nothing to hide", "") == "nothing to hide");
}

TEST_CASE("judge settings round-trip through the project without any key", "[judge]") {
    test::TempDir dir;
    auto project = store::Project::open(dir.file("p.rlthf"), store::OpenMode::OpenOrCreate);
    REQUIRE(project);
    auto defaults = loadJudgeSettings(*project);
    REQUIRE(defaults);
    CHECK(defaults->apiKeyEnv == "RLTHF_API_KEY");
    CHECK(defaults->concurrency == 4);
    CHECK(effectiveCriteria(*defaults) == defaultCriteria());

    JudgeSettings s;
    s.endpoint = "http://127.0.0.1:11434/v1/";
    s.model = "llama3.1:8b";
    s.criteria = "Prefer the safer answer.";
    s.apiKeyEnv = "OLLAMA_KEY";
    s.concurrency = 8;
    s.timeout = milliseconds(30'000);
    REQUIRE(saveJudgeSettings(*project, s));
    auto loaded = loadJudgeSettings(*project);
    REQUIRE(loaded);
    CHECK(loaded->endpoint == s.endpoint);
    CHECK(loaded->model == s.model);
    CHECK(loaded->criteria == s.criteria);
    CHECK(loaded->apiKeyEnv == "OLLAMA_KEY");
    CHECK(loaded->concurrency == 8);
    CHECK(loaded->timeout == milliseconds(30'000));

    CHECK(chatCompletionsUrl(s.endpoint).toString() == "http://127.0.0.1:11434/v1/chat/completions");
    CHECK(chatCompletionsUrl("http://127.0.0.1:8080/v1").toString() ==
          "http://127.0.0.1:8080/v1/chat/completions");
    CHECK(validate(s));
}

TEST_CASE("judge settings that cannot work are refused with the reason", "[judge]") {
    JudgeSettings s;
    s.model = "m";
    CHECK_THAT(validate(s).message(), Catch::Contains("no judge endpoint"));
    s.endpoint = "127.0.0.1:8080/v1";
    CHECK_THAT(validate(s).message(), Catch::Contains("not an http:// or https:// URL"));
    s.endpoint = "http://127.0.0.1:8080/v1";
    s.model.clear();
    CHECK_THAT(validate(s).message(), Catch::Contains("no judge model"));
    s.model = "m";
    s.concurrency = 0;
    CHECK_THAT(validate(s).message(), Catch::Contains("concurrency"));
    CHECK_FALSE(judgeSettingsFromJson(QJsonObject{{"concurrency", "four"}}));
}
