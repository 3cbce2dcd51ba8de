#include "FactoryProject.h"
#include "TempDir.h"
#include "UiFixtures.h"

#include "data/Importer.h"
#include "demo/FactoryGenerator.h"
#include "loop/ProjectLoop.h"
#include "loop/Review.h"
#include "store/Project.h"
#include "ui/QueueModel.h"

#include <QAbstractItemModelTester>

#include <catch2/catch.hpp>

using rlthf::test::TempDir;
using rlthf::ui::QueueModel;
using namespace rlthf;

namespace {

// A project after one iteration: a queue, kept pairs, maybe flips.
store::Project iteratedProject(const TempDir& dir, std::size_t pairs) {
    auto project = rlthf::test::importFactoryProject(dir.file("q.rlthf"), pairs).project;
    loop::LoopSettings settings;
    settings.shardFraction = 1.0;
    settings.engine.train.maxEpochs = 5;
    settings.engine.batchShare = 0.4; // a long queue, over several pages
    REQUIRE(loop::runProjectIteration(project.db(), settings));
    return project;
}

void fetchAll(QueueModel& model) {
    while (model.canFetchMore({}))
        model.fetchMore({});
}

} // namespace

TEST_CASE("QueueModel pages through every filter under the model tester", "[ui][queue]") {
    TempDir dir;
    auto project = iteratedProject(dir, 1500);
    auto& db = project.db();
    auto document = test::openDocument(project.path());
    QueueModel model(*document);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    fetchAll(model);
    const auto queued = db.scalar("SELECT count(*) FROM queue")->value();
    CHECK(model.rowCount() == queued);
    CHECK(model.rowCount() > QueueModel::PageSize);
    // Engine priority order, the margin hidden in blind mode.
    CHECK(model.data(model.index(0, QueueModel::OrderColumn)).toString() == QStringLiteral("0"));
    CHECK(model.data(model.index(0, QueueModel::MarginColumn)).toString().isEmpty());
    model.setBlind(false);
    CHECK_FALSE(model.data(model.index(0, QueueModel::MarginColumn)).toString().isEmpty());
    CHECK(model.pairIds(100000).size() == static_cast<std::size_t>(queued));

    model.setFilter(QueueModel::Filter::Kept);
    fetchAll(model);
    CHECK(model.rowCount() == db.scalar("SELECT count(*) FROM scores WHERE zone = 'kept'")->value());

    model.setFilter(QueueModel::Filter::AutoFlipped);
    fetchAll(model);
    CHECK(model.rowCount() ==
          db.scalar("SELECT count(*) FROM active_labels WHERE source = 'flipped'")->value());
}

TEST_CASE("QueueModel drops reviewed pairs from the queue and lists them by annotator", "[ui][queue]") {
    TempDir dir;
    auto project = iteratedProject(dir, 400);
    auto& db = project.db();
    auto document = test::openDocument(project.path());
    QueueModel model(*document);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    fetchAll(model);
    const int before = model.rowCount();
    const auto first = model.pairIdAt(0);
    const auto second = model.pairIdAt(1);
    REQUIRE(loop::recordVerdict(db, {first, loop::Verdict::A, "sato", std::nullopt}));
    REQUIRE(loop::recordVerdict(db, {second, loop::Verdict::Skip, "ito", std::nullopt}));
    model.reload();
    fetchAll(model);
    CHECK(model.rowCount() == before - 2);
    CHECK(model.rowOfPair(first) == -1);

    model.setFilter(QueueModel::Filter::Reviewed, QStringLiteral("sato"));
    fetchAll(model);
    REQUIRE(model.rowCount() == 1);
    CHECK(model.pairIdAt(0) == first);
    model.setFilter(QueueModel::Filter::Reviewed, QStringLiteral("nobody"));
    fetchAll(model);
    CHECK(model.rowCount() == 0);
}

TEST_CASE("QueueModel pages from the judge's uncertain pairs into the engine's queue",
          "[ui][queue]") {
    TempDir dir;
    auto project = iteratedProject(dir, 1500);
    auto& db = project.db();
    // 300 pairs (more than a page) the judge's two orders disagreed on, their AI labels revoked.
    REQUIRE(db.executeScript(R"sql(
INSERT INTO label_events(pair_id, source, action, revokes, created_at)
SELECT e.pair_id, 'ai', 'revoke', e.id, 'now' FROM label_events e
WHERE e.source = 'ai' AND e.action = 'label' AND e.pair_id % 3 = 0
  AND e.pair_id NOT IN (SELECT pair_id FROM queue);
INSERT INTO judge_answers(pair_id, order_shown, model, verdict, created_at)
SELECT id, 'ab', 'm', 'a', 'now' FROM pairs WHERE id % 3 = 0 AND id NOT IN (SELECT pair_id FROM queue);
INSERT INTO judge_answers(pair_id, order_shown, model, verdict, created_at)
SELECT id, 'ba', 'm', 'b', 'now' FROM pairs WHERE id % 3 = 0 AND id NOT IN (SELECT pair_id FROM queue);
)sql"));
    const auto uncertain = db.scalar("SELECT count(*) FROM uncertain_pairs")->value();
    REQUIRE(uncertain > QueueModel::PageSize);

    auto document = test::openDocument(project.path());
    QueueModel model(*document);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    fetchAll(model);
    CHECK(model.rowCount() == loop::openQueueSize(db).value());
    CHECK(model.rowCount() == uncertain + db.scalar("SELECT count(*) FROM queue")->value());
    std::int64_t previous = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const bool isUncertain = row < uncertain;
        INFO("row " << row);
        CHECK((model.data(model.index(row, QueueModel::ReasonColumn)).toString() ==
               QueueModel::reasonText(QStringLiteral("uncertain"))) == isUncertain);
        if (isUncertain) { // by pair id, without an engine priority
            CHECK(model.pairIdAt(row) > previous);
            CHECK(model.data(model.index(row, QueueModel::OrderColumn)).toString().isEmpty());
            previous = model.pairIdAt(row);
        }
    }
}
