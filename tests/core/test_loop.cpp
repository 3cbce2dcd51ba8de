#include "FactoryProject.h"
#include "Files.h"
#include "TempDir.h"
#include "data/Exporter.h"
#include "data/Importer.h"
#include "demo/FactoryGenerator.h"
#include "loop/Engine.h"
#include "loop/ProjectLoop.h"
#include "loop/Review.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <catch2/catch.hpp>

using namespace rlthf;

namespace {

// A project with a generated factory set: AI and gold labels on every pair.
store::Project factoryProject(const test::TempDir& dir, std::size_t pairs) {
    return test::importFactoryProject(dir.file("p.rlthf"), pairs).project;
}

loop::LoopSettings fastSettings() {
    loop::LoopSettings s;
    s.shardFraction = 1.0;
    s.engine.train.maxEpochs = 8;
    s.engine.train.threads = 1;
    s.engine.batchShare = 0.02;
    s.engine.iterations = 4;
    return s;
}

// The simulated expert: answers every open queue item with the gold label.
int answerQueue(store::Database& db) {
    auto queue = loop::openQueue(db, 100000);
    REQUIRE(queue);
    for (const auto& entry : *queue) {
        auto gold = db.prepare("SELECT value FROM active_labels WHERE pair_id = ? AND source = 'gold'",
                               entry.pairId);
        REQUIRE(gold);
        REQUIRE(gold->step().value());
        const auto verdict = gold->text(0) == "a" ? loop::Verdict::A : loop::Verdict::B;
        REQUIRE(loop::recordVerdict(db, {entry.pairId, verdict, "expert", std::nullopt}));
    }
    return static_cast<int>(queue->size());
}

double currentLabelAccuracy(store::Database& db) {
    auto stmt = db.prepare(
        "SELECT avg(c.value = g.value) FROM current_labels c JOIN active_labels g "
        "ON g.pair_id = c.pair_id AND g.source = 'gold' WHERE c.source != 'gold'");
    REQUIRE(stmt);
    REQUIRE(stmt->step().value());
    return stmt->real(0);
}

QJsonObject lastMetrics(store::Database& db) {
    auto stmt = db.prepare("SELECT metrics FROM iterations ORDER BY id DESC LIMIT 1");
    REQUIRE(stmt);
    REQUIRE(stmt->step().value());
    return QJsonDocument::fromJson(QByteArray::fromStdString(stmt->text(0))).object();
}

} // namespace

TEST_CASE("the loop on a generated set raises curated-label accuracy", "[loop]") {
    test::TempDir dir;
    auto project = factoryProject(dir, 2500);
    auto& db = project.db();
    const auto settings = fastSettings();
    const double before = currentLabelAccuracy(db);
    double firstCurated = 0;
    for (int it = 0; it < settings.engine.iterations; ++it) {
        auto summary = loop::runProjectIteration(db, settings);
        REQUIRE(summary);
        CHECK(summary->number == it + 1);
        CHECK(summary->queued > 0);
        if (it == 0)
            firstCurated = lastMetrics(db)["curated_label_accuracy"].toDouble();
        CHECK(answerQueue(db) > 0);
    }
    auto final = loop::runProjectIteration(db, settings);
    REQUIRE(final);
    const double curated = lastMetrics(db)["curated_label_accuracy"].toDouble();
    INFO("AI labels " << before << ", curated after loop " << curated << ", first " << firstCurated);
    CHECK(curated > before + 0.03);
    CHECK(currentLabelAccuracy(db) > before);
    CHECK(db.scalar("SELECT count(*) FROM label_events WHERE source = 'human'")->value() > 100);
}

TEST_CASE("a cancelled iteration leaves the project unchanged", "[loop]") {
    test::TempDir dir;
    auto project = factoryProject(dir, 600);
    auto& db = project.db();
    REQUIRE(db.executeScript("PRAGMA wal_checkpoint(TRUNCATE)"));
    const auto before = test::readFile(dir.file("p.rlthf"));
    int calls = 0;
    auto summary = loop::runProjectIteration(db, fastSettings(), [&](const loop::IterationPhase& phase) {
        return phase.kind != loop::IterationPhase::Training || ++calls < 5;
    });
    REQUIRE_FALSE(summary);
    CHECK_THAT(summary.message(), Catch::Contains("cancelled"));
    CHECK(db.scalar("SELECT count(*) FROM iterations")->value() == 0);
    REQUIRE(db.executeScript("PRAGMA wal_checkpoint(TRUNCATE)"));
    CHECK(test::readFile(dir.file("p.rlthf")) == before);
}

TEST_CASE("iteration records, scores and the queue survive reopening", "[loop]") {
    test::TempDir dir;
    {
        auto project = factoryProject(dir, 600);
        REQUIRE(loop::runProjectIteration(project.db(), fastSettings()));
    }
    auto project = store::Project::open(dir.file("p.rlthf"));
    REQUIRE(project);
    auto& db = project->db();
    CHECK(db.scalar("SELECT count(*) FROM iterations WHERE status = 'done'")->value() == 1);
    CHECK(db.scalar("SELECT count(*) FROM scores")->value() == 600);
    CHECK(db.scalar("SELECT count(*) FROM model_runs WHERE weights IS NULL")->value() == 1);
    CHECK(db.scalar("SELECT sum(length(bytes)) FROM model_weight_parts")->value() > 1000);
    CHECK(db.scalar("SELECT max(length(bytes)) FROM model_weight_parts")->value() <= 64 * 1024);
    auto weights = loop::modelWeights(db, db.scalar("SELECT id FROM model_runs")->value());
    REQUIRE(weights);
    CHECK(reward::RewardModel::deserialize(*weights));
    const auto metrics = lastMetrics(db);
    CHECK(metrics["alpha"].toDouble() == Approx(4.0));
    CHECK(metrics["training_pairs"].toInt() == 600);
    CHECK(metrics.contains("flip_reason"));
    auto queue = loop::openQueue(db, 1000);
    REQUIRE(queue);
    CHECK(queue->size() == 12); // 2% of 600
    auto latest = loop::latestCurve(db);
    REQUIRE(latest);
    REQUIRE(*latest);
    const loop::CurveData* curve = &**latest;
    CHECK(curve->margins.size() == 600);
    CHECK(std::is_sorted(curve->margins.rbegin(), curve->margins.rend()));
    // Rank by rank, the stored pair and zone, and whether its AI label matches gold.
    auto ranked = db.prepare(R"sql(
SELECT s.pair_id, s.zone, ai.value = gold.value FROM scores s
JOIN active_labels ai ON ai.pair_id = s.pair_id AND ai.source = 'ai'
JOIN active_labels gold ON gold.pair_id = s.pair_id AND gold.source = 'gold'
WHERE s.rank IS NOT NULL ORDER BY s.rank)sql");
    REQUIRE(ranked);
    std::size_t rank = 0;
    REQUIRE(ranked->forEachRow([&](const store::Statement& row) {
        REQUIRE(rank < curve->pairIds.size());
        CHECK(curve->pairIds[rank] == row.int64(0));
        CHECK(curve->zones[rank] == parseId<Zone>(row.text(1)));
        CHECK(curve->aiMatchesGold[rank] == std::optional<bool>(row.int64(2) == 1));
        ++rank;
    }));
    CHECK(rank == 600);
}

TEST_CASE("verdicts given during a run are kept and count next time", "[loop]") {
    test::TempDir dir;
    auto project = factoryProject(dir, 600);
    auto& db = project.db();
    const auto settings = fastSettings();
    auto snapshot = loop::takeSnapshot(db, settings);
    REQUIRE(snapshot);
    auto outcome = loop::runIteration(snapshot->dataset, snapshot->pairs, 0, settings.engine);
    REQUIRE(outcome);
    REQUIRE_FALSE(outcome->batch.empty());
    // An expert answers the first batch item while the model was training.
    const auto pairId = snapshot->pairIds[static_cast<std::size_t>(outcome->batch[0].pairId)];
    REQUIRE(loop::recordVerdict(db, {pairId, loop::Verdict::Confirm, "sato", std::nullopt}));
    auto summary = loop::persistIteration(db, *snapshot, *outcome, settings);
    REQUIRE(summary);
    CHECK(summary->staleVerdicts == 1);
    CHECK(summary->queued == static_cast<std::int64_t>(outcome->batch.size()) - 1);
    CHECK(db.scalar("SELECT count(*) FROM active_labels WHERE source = 'human'")->value() == 1);
    auto next = loop::takeSnapshot(db, settings);
    REQUIRE(next);
    CHECK(std::count_if(next->pairs.begin(), next->pairs.end(),
                        [](const loop::EnginePair& p) { return p.human.has_value(); }) == 1);
}

TEST_CASE("verdicts: confirm and flip refer to the AI label, undo revokes", "[loop][review]") {
    test::TempDir dir;
    auto project = factoryProject(dir, 20);
    auto& db = project.db();
    auto aiOf = [&](std::int64_t pair) {
        auto s = db.prepare("SELECT value FROM active_labels WHERE pair_id = ? AND source = 'ai'", pair);
        REQUIRE(s->step().value());
        return s->text(0)[0];
    };
    auto current = [&](std::int64_t pair) {
        auto s = db.prepare("SELECT value || source FROM current_labels WHERE pair_id = ?", pair);
        REQUIRE(s->step().value());
        return s->text(0);
    };
    const char ai = aiOf(1);
    const char flipped = ai == 'a' ? 'b' : 'a';
    auto flip = loop::recordVerdict(db, {1, loop::Verdict::Flip, "tanaka", std::string("wrong value")});
    REQUIRE(flip);
    CHECK(*flip->value == flipped);
    CHECK(current(1) == std::string(1, flipped) + "human");
    REQUIRE(loop::revokeEvent(db, flip->eventId, "tanaka"));
    CHECK(current(1) == std::string(1, ai) + "ai");
    CHECK_FALSE(loop::revokeEvent(db, flip->eventId, "tanaka")); // already revoked

    auto confirm = loop::recordVerdict(db, {2, loop::Verdict::Confirm, "tanaka", std::nullopt});
    REQUIRE(confirm);
    CHECK(*confirm->value == aiOf(2));
    auto skip = loop::recordVerdict(db, {3, loop::Verdict::Skip, "tanaka", std::nullopt});
    REQUIRE(skip);
    CHECK_FALSE(skip->value.has_value());
    CHECK_FALSE(loop::recordVerdict(db, {999, loop::Verdict::A, "tanaka", std::nullopt}));
    CHECK_FALSE(loop::recordVerdict(db, {1, loop::Verdict::A, "", std::nullopt}));
    CHECK(db.scalar("SELECT count(*) FROM label_events WHERE source = 'human'")->value() == 4);
}

TEST_CASE("propagation labels the pairs outside the active shard", "[loop]") {
    test::TempDir dir;
    auto project = factoryProject(dir, 800);
    auto& db = project.db();
    auto settings = fastSettings();
    settings.shardFraction = 0.25;
    CHECK_FALSE(loop::propagate(db, settings)); // no model yet
    auto summary = loop::runProjectIteration(db, settings);
    REQUIRE(summary);
    const auto outside = db.scalar("SELECT count(*) FROM pairs WHERE shard >= 25")->value();
    const auto total = db.scalar("SELECT count(*) FROM pairs")->value();
    CHECK(db.scalar("SELECT count(*) FROM scores")->value() == total - outside);
    auto propagated = loop::propagate(db, settings);
    REQUIRE(propagated);
    CHECK(propagated->labelled == outside);
    CHECK(db.scalar("SELECT count(*) FROM current_labels c JOIN pairs p ON p.id = c.pair_id "
                    "WHERE p.shard >= 25 AND c.source = 'propagated' AND c.margin IS NOT NULL")
              ->value() == outside);
}

TEST_CASE("pairs the judge was unsure about come first in the review queue", "[loop][queue]") {
    test::TempDir dir;
    auto project = factoryProject(dir, 300);
    auto& db = project.db();
    // Pair 7 loses its AI label, and the judge's two orders disagree on it.
    const auto aiEvent =
        db.scalar("SELECT id FROM active_labels WHERE pair_id = 7 AND source = 'ai'")->value();
    REQUIRE(loop::revokeEvent(db, aiEvent, "lead"));
    REQUIRE(db.execute("INSERT INTO judge_answers (pair_id, order_shown, model, verdict, created_at) "
                       "VALUES (7, 'ab', 'm', 'a', 'now'), (7, 'ba', 'm', 'b', 'now')"));

    auto before = loop::openQueue(db, 100);
    REQUIRE(before);
    REQUIRE(before->size() == 1); // no iteration yet: only the uncertain pair
    CHECK(before->front().pairId == 7);
    CHECK(before->front().reason == "uncertain");
    CHECK_FALSE(before->front().aiLabel.has_value());

    REQUIRE(loop::runProjectIteration(db, fastSettings()));
    auto queue = loop::openQueue(db, 1000);
    REQUIRE(queue);
    REQUIRE(queue->size() == 1 + 6); // the uncertain pair, then 2% of the 299 labelled pairs
    CHECK(queue->front().pairId == 7);
    CHECK(queue->front().reason == "uncertain");
    for (std::size_t i = 1; i < queue->size(); ++i)
        CHECK((*queue)[i].reason != "uncertain");
    CHECK(loop::openQueueSize(db).value() == 7);

    SECTION("a skip sets it aside for this iteration; undoing the skip brings it back") {
        auto skip = loop::recordVerdict(db, {7, loop::Verdict::Skip, "expert", std::nullopt});
        REQUIRE(skip);
        CHECK(loop::openQueue(db, 1000)->front().pairId != 7);
        REQUIRE(loop::revokeEvent(db, skip->eventId, "expert"));
        CHECK(loop::openQueue(db, 1000)->front().pairId == 7);
    }
    SECTION("an expert's answer settles it") {
        REQUIRE(loop::recordVerdict(db, {7, loop::Verdict::B, "expert", std::nullopt}));
        CHECK(loop::openQueueSize(db).value() == 6);
        CHECK(loop::openQueue(db, 1000)->front().reason != "uncertain");
    }
}

TEST_CASE("learned targeting learns from the margins the verdicts were queued with", "[loop]") {
    test::TempDir dir;
    auto project = factoryProject(dir, 600);
    auto& db = project.db();
    auto settings = fastSettings();
    settings.engine.targeting = loop::Targeting::Learned;
    settings.engine.batchShare = 0.05; // 30 verdicts: both outcomes among them
    auto first = loop::takeSnapshot(db, settings);
    REQUIRE(first);
    auto outcome = loop::runIteration(first->dataset, first->pairs, 0, settings.engine);
    REQUIRE(outcome);
    CHECK_FALSE(outcome->errorModel); // no verdicts yet: the margin rule chose
    REQUIRE(loop::persistIteration(db, *first, *outcome, settings));
    CHECK(answerQueue(db) == 30);

    auto second = loop::takeSnapshot(db, settings);
    REQUIRE(second);
    int queued = 0;
    for (std::size_t pos = 0; pos < second->pairs.size(); ++pos) {
        const auto& p = second->pairs[pos];
        CHECK(p.queuedMargin.has_value() == p.queuedAs.has_value());
        if (!p.queuedMargin)
            continue;
        ++queued;
        CHECK(*p.queuedMargin == Approx(outcome->margins[pos]));
    }
    CHECK(queued == 30);
    auto next = loop::runIteration(second->dataset, second->pairs, 1, settings.engine);
    REQUIRE(next);
    CHECK(next->errorModel); // the verdicts of both outcomes now support a model
    CHECK(next->batch.size() == 30);
}

TEST_CASE("wrong_labels = drop leaves the pairs found wrong out of the curated data", "[loop]") {
    test::TempDir dir;
    auto project = factoryProject(dir, 600);
    auto& db = project.db();
    auto settings = fastSettings();
    settings.engine.wrongLabels = loop::WrongLabels::Drop;
    auto snap = loop::takeSnapshot(db, settings);
    REQUIRE(snap);
    auto outcome = loop::runIteration(snap->dataset, snap->pairs, 0, settings.engine);
    REQUIRE(outcome);
    // The lowest-margin pairs on the curve, as if their flip checks had been answered.
    outcome->flipDecision.apply = true;
    outcome->flips.assign(outcome->curve.end() - 10, outcome->curve.end());
    auto summary = loop::persistIteration(db, *snap, *outcome, settings);
    REQUIRE(summary);
    CHECK(summary->dropped == 10);
    CHECK(summary->flips == 0);
    CHECK(db.scalar("SELECT count(*) FROM dropped_pairs")->value() == 10);
    CHECK(db.scalar("SELECT count(*) FROM label_events WHERE source = 'flipped'")->value() == 0);
    CHECK(lastMetrics(db)["dropped"].toInt() == 10);

    // The engine reads them back as found wrong.
    auto next = loop::takeSnapshot(db, settings);
    REQUIRE(next);
    for (const auto pos : outcome->flips)
        CHECK(next->pairs[static_cast<std::size_t>(pos)].flipped);

    // Left out of the trl export, listed as dropped, without a label, in the pairs export.
    const auto trl = data::exportProject(project, dir.file("out.jsonl"), {});
    REQUIRE(trl);
    CHECK(trl->dropped == 10);
    CHECK(trl->rows == 590);
    data::ExportOptions pairsFormat;
    pairsFormat.format = data::ExportFormat::Pairs;
    REQUIRE(data::exportProject(project, dir.file("pairs.jsonl"), pairsFormat));
    int dropped = 0;
    for (const auto& line :
         QByteArray::fromStdString(test::readFile(dir.file("pairs.jsonl"))).split('\n')) {
        const auto row = QJsonDocument::fromJson(line).object();
        if (row.value("label_source").toString() != "dropped")
            continue;
        ++dropped;
        CHECK(row.value("label").isNull());
        CHECK(row.value("ai_label").isString());
    }
    CHECK(dropped == 10);
    // That export imports into a new project, the dropped pairs with their AI labels.
    auto copy = store::Project::open(dir.file("copy.rlthf"), store::OpenMode::OpenOrCreate);
    REQUIRE(copy);
    const auto imported = data::importFiles(*copy, {dir.file("pairs.jsonl")}, {});
    REQUIRE(imported);
    CHECK(imported->imported == 600);

    // An expert verdict on a dropped pair is its label again.
    const auto pairId = snap->pairIds[static_cast<std::size_t>(outcome->flips.front())];
    REQUIRE(loop::recordVerdict(db, {pairId, loop::Verdict::A, "expert", std::nullopt}));
    const auto again = data::exportProject(project, dir.file("out2.jsonl"), {});
    REQUIRE(again);
    CHECK(again->dropped == 9);

    // Back to flipping: the next iteration's flips are label events, and its drops are none.
    settings.engine.wrongLabels = loop::WrongLabels::Flip;
    auto third = loop::takeSnapshot(db, settings);
    REQUIRE(third);
    auto flipped = loop::runIteration(third->dataset, third->pairs, 1, settings.engine);
    REQUIRE(flipped);
    flipped->flipDecision.apply = true;
    flipped->flips.assign(flipped->curve.end() - 5, flipped->curve.end());
    auto flipSummary = loop::persistIteration(db, *third, *flipped, settings);
    REQUIRE(flipSummary);
    CHECK(flipSummary->dropped == 0);
    CHECK(db.scalar("SELECT count(*) FROM active_labels WHERE source = 'flipped'")->value() == 5);
    const auto afterFlips = data::exportProject(project, dir.file("out3.jsonl"), {});
    REQUIRE(afterFlips);
    CHECK(afterFlips->dropped == 0);
    CHECK(afterFlips->rows == 600);
}

TEST_CASE("wrong_labels = drop: propagation drops the labels the final model finds wrong",
          "[loop]") {
    test::TempDir dir;
    auto project = factoryProject(dir, 800);
    auto& db = project.db();
    auto settings = fastSettings();
    settings.shardFraction = 0.5;
    settings.engine.wrongLabels = loop::WrongLabels::Drop;
    auto snap = loop::takeSnapshot(db, settings);
    REQUIRE(snap);
    auto outcome = loop::runIteration(snap->dataset, snap->pairs, 0, settings.engine);
    REQUIRE(outcome);
    outcome->flipDecision.apply = true; // as if the flip checks had come back right
    REQUIRE(loop::persistIteration(db, *snap, *outcome, settings));
    const auto inShard = db.scalar("SELECT count(*) FROM dropped_now")->value();

    auto propagated = loop::propagate(db, settings);
    REQUIRE(propagated);
    INFO("labelled " << propagated->labelled << ", dropped " << propagated->dropped);
    CHECK(propagated->dropped > 0); // the generated judge errs on a quarter of the pairs
    CHECK(propagated->flipped == 0);
    CHECK(propagated->labelled + propagated->dropped + propagated->skippedReviewed ==
          db.scalar("SELECT count(*) FROM pairs WHERE shard >= 50")->value());
    CHECK(db.scalar("SELECT count(*) FROM dropped_now")->value() == inShard + propagated->dropped);
    CHECK(db.scalar("SELECT count(*) FROM label_events WHERE source = 'propagated' "
                    "AND value <> previous")
              ->value() == 0);
    const auto trl = data::exportProject(project, dir.file("out.jsonl"), {});
    REQUIRE(trl);
    CHECK(trl->dropped == inShard + propagated->dropped);
}

TEST_CASE("a retrain with no labelled pair says so as a kind the window words itself", "[loop]") {
    auto outcome = loop::runIteration({}, {}, 1, loop::EngineConfig{});
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().kind == ErrorKind::NoLabelsToTrain);
    CHECK_THAT(outcome.message(), Catch::Contains("no labelled pairs to train on"));
}
