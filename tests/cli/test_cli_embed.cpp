#include "CliRunner.h"
#include "EmbedFixtures.h"
#include "JudgeFixtures.h"
#include "TempDir.h"
#include "loop/LoopSettings.h"

#include <catch2/catch.hpp>

using namespace rlthf;
using namespace rlthf::test;

TEST_CASE("rlthf embed caches vectors, reports tokens and sets the loop's features", "[cli][embed]") {
    TempDir dir;
    const std::string db = dir.file("e.rlthf");
    { auto project = makeJudgeProject(db, 4); }
    ScriptedServer server([](const HttpRequest& r) { return embeddings(r); });
    const std::vector<std::string> args{"embed", "--db", db, "--endpoint", server.baseUrl().toStdString(),
                                        "--model", "embed-model", "--batch", "5", "--features", "both"};
    const auto first = runCli(args);
    REQUIRE(first.code == 0);
    CHECK_THAT(first.out, Catch::Contains("embedded 12 texts with embed-model (4 dimensions)") &&
                              Catch::Contains("tokens: 36") && Catch::Contains("both (embed-model)"));
    CHECK(server.requests().size() == 3);

    auto project = store::Project::open(db);
    REQUIRE(project);
    auto settings = loop::loadLoopSettings(*project);
    REQUIRE(settings);
    CHECK(settings->engine.train.features.set == reward::FeatureSet::Both);
    CHECK(settings->engine.train.features.embeddingModel == "embed-model");

    const auto again = runCli(args);
    REQUIRE(again.code == 0);
    CHECK_THAT(again.out, Catch::Contains("embedded 0 texts"));
    CHECK(server.requests().size() == 3);

    const auto bad = runCli({"embed", "--db", db, "--endpoint", "nowhere", "--model", "m"});
    CHECK(bad.code == 2);
    CHECK_THAT(bad.err, Catch::Contains("not an http"));
}
