#include "Cli.h"
#include "EmbedFixtures.h"
#include "JudgeFixtures.h"
#include "TempDir.h"
#include "loop/LoopSettings.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace rlthf;
using namespace rlthf::test;

TEST_CASE("rlthf embed caches vectors, reports tokens and sets the loop's features", "[cli][embed]") {
    TempDir dir;
    const std::string db = dir.file("e.rlthf");
    { auto project = makeJudgeProject(db, 4); }
    ScriptedServer server([](const HttpRequest& r) { return embeddings(r); });
    const std::vector<std::string> args{"embed", "--db", db, "--endpoint", server.baseUrl().toStdString(),
                                        "--model", "embed-model", "--batch", "5", "--features", "both"};
    std::ostringstream out, err;
    REQUIRE(cli::run(args, out, err) == 0);
    CHECK_THAT(out.str(), Catch::Contains("embedded 12 texts with embed-model (4 dimensions)") &&
                              Catch::Contains("tokens: 36") && Catch::Contains("both (embed-model)"));
    CHECK(server.requests().size() == 3);

    auto project = store::Project::open(db);
    REQUIRE(project);
    auto settings = loop::loadLoopSettings(*project);
    REQUIRE(settings);
    CHECK(settings->engine.train.features.set == reward::FeatureSet::Both);
    CHECK(settings->engine.train.features.embeddingModel == "embed-model");

    std::ostringstream again, againErr;
    REQUIRE(cli::run(args, again, againErr) == 0);
    CHECK_THAT(again.str(), Catch::Contains("embedded 0 texts"));
    CHECK(server.requests().size() == 3);

    std::ostringstream bad, badErr;
    CHECK(cli::run({"embed", "--db", db, "--endpoint", "nowhere", "--model", "m"}, bad, badErr) == 2);
    CHECK_THAT(badErr.str(), Catch::Contains("not an http"));
}
