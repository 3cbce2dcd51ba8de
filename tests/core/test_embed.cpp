// Embedding vectors from a scripted OpenAI-style server: cached in the project by text hash
// and model, retried, resumed, dimension-checked.

#include "EmbedFixtures.h"
#include "JudgeFixtures.h"
#include "RunToEnd.h"
#include "TempDir.h"
#include "embed/EmbedRun.h"
#include "embed/EmbeddingReply.h"
#include "embed/VectorStore.h"

#include <catch2/catch.hpp>

#include <QFile>

#include <atomic>
#include <set>

using namespace rlthf;
using namespace rlthf::test;

namespace {

constexpr int kPairs = 6;
constexpr int kDistinctTexts = 3 * kPairs; // every prompt and response differs

struct RunResult {
    embed::EmbedProgress progress;
    Status outcome;
};

class EmbedFixture {
public:
    explicit EmbedFixture(ScriptedServer::Script script)
        : project(makeJudgeProject(dir.file("embed.rlthf"), kPairs)), server(std::move(script)) {
        settings.endpoint = server.baseUrl().toStdString();
        settings.model = "embed-model";
        settings.concurrency = 2;
        settings.batch = 4;
        settings.timeout = std::chrono::milliseconds(2000);
        settings.apiKeyEnv = "RLTHF_TEST_EMBED_KEY";
        options.maxRetries = 3;
        options.backoff = {std::chrono::milliseconds(20), std::chrono::milliseconds(200), 0.25};
    }

    RunResult run(const std::function<void(embed::EmbedRun&, const embed::EmbedProgress&)>& during = {}) {
        auto connection = project.openConnection();
        REQUIRE(connection);
        embed::EmbedRun embedRun(std::move(*connection), settings, options);
        QObject::connect(&embedRun, &embed::EmbedRun::progressed, &embedRun,
                         [&](const embed::EmbedProgress& p) {
                             if (during)
                                 during(embedRun, p);
                         });
        runToEnd(embedRun);
        return {embedRun.progress(), embedRun.outcome()};
    }

    std::int64_t stored() {
        auto n = project.db().scalar("SELECT count(*) FROM embeddings WHERE model = 'embed-model'");
        REQUIRE(n);
        return n->value_or(0);
    }

    TempDir dir;
    store::Project project;
    ScriptedServer server;
    embed::EmbedSettings settings;
    embed::EmbedOptions options;
};

} // namespace

TEST_CASE("embedding replies are read in index order with their usage", "[embed]") {
    const QByteArray body = R"({"data":[{"index":1,"embedding":[3,4]},{"index":0,"embedding":[1,2]}],
                               "usage":{"prompt_tokens":7,"total_tokens":7}})";
    auto reply = embed::parseEmbeddings(body, 2);
    REQUIRE(reply);
    CHECK(reply->vectors == std::vector<std::vector<float>>{{1, 2}, {3, 4}});
    CHECK(reply->promptTokens == 7);
    CHECK_FALSE(embed::parseEmbeddings(body, 3));
    CHECK_FALSE(embed::parseEmbeddings(R"({"data":[{"embedding":[1]},{"embedding":[1,2]}]})", 2));
    CHECK_FALSE(embed::parseEmbeddings("not json", 1));
}

TEST_CASE("vectors are stored little-endian and read back", "[embed]") {
    const std::vector<float> v{1.0f, -2.5f, 0.0f};
    const std::string blob = embed::packVector(v);
    REQUIRE(blob.size() == 12);
    CHECK(static_cast<unsigned char>(blob[3]) == 0x3F); // 1.0f = 0x3F800000, high byte last
    CHECK(embed::unpackVector(blob, 3) == v);
    CHECK_FALSE(embed::unpackVector(blob, 4));
}

TEST_CASE("every distinct text is embedded once and cached by hash and model", "[embed][http]") {
    qputenv("RLTHF_TEST_EMBED_KEY", "sk-embed-secret-123");
    EmbedFixture f([](const HttpRequest& r) { return embeddings(r); });
    const RunResult first = f.run();
    qunsetenv("RLTHF_TEST_EMBED_KEY");
    REQUIRE(first.outcome);
    CHECK(first.progress.totalTexts == kDistinctTexts);
    CHECK(first.progress.embedded == kDistinctTexts);
    CHECK(first.progress.dimension == 4);
    CHECK(first.progress.promptTokens == 3 * kDistinctTexts);
    CHECK(f.stored() == kDistinctTexts);
    const auto requests = f.server.requests();
    CHECK(requests.size() == 5); // 18 texts in batches of 4
    CHECK(requests.front().path == "/v1/embeddings");
    CHECK(requests.front().headers.value("authorization") == "Bearer sk-embed-secret-123");
    CHECK(QJsonDocument::fromJson(requests.front().body).object()["model"].toString() == "embed-model");

    auto lookup = embed::VectorLookup::open(f.project.db(), "embed-model");
    REQUIRE(lookup);
    auto good = lookup->find("reply 2 GOOD");
    REQUIRE(good);
    REQUIRE(*good);
    CHECK((**good)[0] == 1.0f);

    const RunResult second = f.run();
    REQUIRE(second.outcome);
    CHECK(second.progress.totalTexts == 0);
    CHECK(f.server.requests().size() == 5); // nothing asked again

    QFile file(QString::fromStdString(f.project.path()));
    REQUIRE(file.open(QIODevice::ReadOnly));
    CHECK_FALSE(file.readAll().contains("sk-embed-secret-123"));
}

TEST_CASE("a 429 and a 500 are retried", "[embed][http]") {
    std::atomic<int> calls{0};
    EmbedFixture f([&](const HttpRequest& r) {
        const int n = calls++;
        if (n == 0)
            return HttpResponse{429, R"({"error":{"message":"slow down"}})", {{"Retry-After", "0"}}};
        if (n == 1)
            return HttpResponse{500, "boom", {}};
        return embeddings(r);
    });
    f.settings.concurrency = 1;
    const RunResult result = f.run();
    REQUIRE(result.outcome);
    CHECK(result.progress.retries == 2);
    CHECK(result.progress.failed == 0);
    CHECK(f.stored() == kDistinctTexts);
}

TEST_CASE("a stopped run resumes without asking for a stored text again", "[embed][http]") {
    EmbedFixture f([](const HttpRequest& r) {
        HttpResponse response = embeddings(r);
        response.delay = std::chrono::milliseconds(30);
        return response;
    });
    f.settings.concurrency = 1;
    f.settings.batch = 2;
    const RunResult first = f.run([](embed::EmbedRun& run, const embed::EmbedProgress& p) {
        if (p.embedded >= 4)
            run.stop();
    });
    REQUIRE(first.outcome);
    CHECK(first.progress.stopped);
    const std::int64_t afterStop = f.stored();
    CHECK(afterStop >= 4);
    CHECK(afterStop < kDistinctTexts);

    std::set<QString> storedTexts;
    for (const auto& request : f.server.requests())
        for (const QString& text : inputsOf(request))
            storedTexts.insert(text);
    const std::size_t askedBefore = f.server.requests().size();

    const RunResult second = f.run();
    REQUIRE(second.outcome);
    CHECK(second.progress.totalTexts == kDistinctTexts - afterStop);
    CHECK(f.stored() == kDistinctTexts);
    // Each text of the second run was not stored by the first one.
    auto lookup = embed::VectorLookup::open(f.project.db(), "embed-model");
    REQUIRE(lookup);
    const auto requests = f.server.requests();
    std::int64_t askedAgain = 0;
    for (std::size_t i = askedBefore; i < requests.size(); ++i)
        askedAgain += inputsOf(requests[i]).size();
    CHECK(askedAgain == kDistinctTexts - afterStop);
}

TEST_CASE("vectors of another dimension for the same model are refused", "[embed][http]") {
    EmbedFixture f([](const HttpRequest& r) { return embeddings(r, 5); });
    REQUIRE(embed::storeVectors(f.project.db(), "embed-model",
                                {{embed::textHash("elsewhere"), {1.0f, 0.0f, 0.0f, 0.0f}}}));
    const RunResult result = f.run();
    REQUIRE_FALSE(result.outcome);
    CHECK_THAT(result.outcome.message(), Catch::Contains("5-dimensional") &&
                                             Catch::Contains("4-dimensional") &&
                                             Catch::Contains("embed-model"));
    CHECK(f.stored() == 1);
}

TEST_CASE("a refused key stops the run and names the variable, not the key", "[embed][http]") {
    qputenv("RLTHF_TEST_EMBED_KEY", "sk-wrong-key-456");
    EmbedFixture f([](const HttpRequest&) {
        return HttpResponse{401, R"({"error":{"message":"bad key sk-wrong-key-456"}})", {}};
    });
    const RunResult result = f.run();
    qunsetenv("RLTHF_TEST_EMBED_KEY");
    REQUIRE_FALSE(result.outcome);
    CHECK_THAT(result.outcome.message(), Catch::Contains("RLTHF_TEST_EMBED_KEY"));
    CHECK_THAT(result.outcome.message(), !Catch::Contains("sk-wrong-key-456"));
}
