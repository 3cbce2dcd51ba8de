#pragma once
// Runs a LabelRun to completion against a scripted server, in the test's event loop.

#include "JudgeFixtures.h"
#include "RunToEnd.h"
#include "TempDir.h"
#include "judge/AnswerStore.h"
#include "judge/LabelRun.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

namespace rlthf::test {

struct JudgeRunResult {
    judge::LabelProgress progress;
    Status outcome;
    int maxInFlight = 0;
};

// Short retry delays so that the whole suite stays fast.
inline judge::RunOptions fastRetries() {
    judge::RunOptions options;
    options.maxRetries = 3;
    options.backoff = {std::chrono::milliseconds(20), std::chrono::milliseconds(200), 0.25};
    return options;
}

class JudgeRunFixture {
public:
    explicit JudgeRunFixture(int pairs, ScriptedServer::Script script)
        : project(makeJudgeProject(dir.file("judge.rlthf"), pairs)), server(std::move(script)) {
        settings.endpoint = server.baseUrl().toStdString() + "/"; // a trailing slash is fine
        settings.model = "judge-model";
        settings.concurrency = 2;
        settings.timeout = std::chrono::milliseconds(2000);
        settings.apiKeyEnv = "RLTHF_TEST_JUDGE_KEY";
    }

    // `during` sees every progress report and may stop or pause the run.
    JudgeRunResult run(judge::RunOptions options = fastRetries(),
                       const std::function<void(judge::LabelRun&, const judge::LabelProgress&)>&
                           during = {}) {
        auto connection = project.openConnection();
        REQUIRE(connection);
        judge::LabelRun labelRun(std::move(*connection), settings, options);
        JudgeRunResult result;
        QObject::connect(&labelRun, &judge::LabelRun::progressed, &labelRun,
                         [&](const judge::LabelProgress& p) {
                             result.maxInFlight = std::max(result.maxInFlight, p.inFlight);
                             if (during)
                                 during(labelRun, p);
                         });
        runToEnd(labelRun);
        result.progress = labelRun.progress();
        result.outcome = labelRun.outcome();
        return result;
    }

    std::int64_t count(const char* sql) {
        auto value = project.db().scalar(sql);
        REQUIRE(value);
        return value->value_or(0);
    }

    std::vector<std::int64_t> uncertain() {
        auto ids = judge::uncertainPairIds(project.db());
        REQUIRE(ids);
        return *ids;
    }

    // How often the server was asked about each (pair, order).
    std::map<AskedAbout, int> askedCounts() const {
        std::map<AskedAbout, int> counts;
        for (const auto& request : server.requests())
            ++counts[askedAbout(request)];
        return counts;
    }

    // Every pair carries exactly one AI label, the GOOD response.
    void requireAllLabelledOnce(int pairs) {
        CHECK(count("SELECT count(*) FROM label_events WHERE source = 'ai'") == pairs);
        CHECK(count("SELECT count(DISTINCT pair_id) FROM label_events WHERE source = 'ai'") == pairs);
        auto stmt = project.db().prepare("SELECT p.prompt, e.value FROM label_events e "
                                         "JOIN pairs p ON p.id = e.pair_id WHERE e.source = 'ai'");
        REQUIRE(stmt);
        REQUIRE(stmt->forEachRow([](const store::Statement& row) {
            const int pair = std::stoi(row.text(0).substr(row.text(0).find(' ') + 1));
            CHECK(row.text(1) == std::string(1, goodSide(pair)));
        }));
    }

    TempDir dir;
    store::Project project;
    ScriptedServer server;
    judge::JudgeSettings settings;
};

} // namespace rlthf::test
