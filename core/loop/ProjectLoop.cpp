#include "loop/ProjectLoop.h"

#include "common/Labels.h"
#include "loop/EmbeddingFeatures.h"
#include "loop/IterationMetrics.h"
#include "reward/ParallelEncoder.h"
#include "store/PairWriter.h"
#include "store/Project.h"
#include "store/Schema.h"
#include "store/StagedBatch.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <set>

namespace rlthf::loop {

namespace {

using curation::Zone;

constexpr const char* kSnapshotSql = R"sql(
SELECT p.id, p.prompt, p.response_a, p.response_b,
  (SELECT x.value FROM active_labels x WHERE x.pair_id = p.id AND x.source = 'ai'
   ORDER BY x.id DESC LIMIT 1),
  (SELECT x.value FROM expert_labels x WHERE x.pair_id = p.id
   ORDER BY x.source = 'settled' DESC, x.id DESC LIMIT 1),
  EXISTS (SELECT 1 FROM active_labels x WHERE x.pair_id = p.id AND x.source = 'flipped')
    OR EXISTS (SELECT 1 FROM dropped_now d WHERE d.pair_id = p.id),
  (SELECT s.zone FROM scores s WHERE s.model_run_id = ?1 AND s.pair_id = p.id),
  (SELECT q.reason FROM queue q JOIN iterations i ON i.id = q.iteration_id
   WHERE q.pair_id = p.id AND i.status = 'done' ORDER BY q.iteration_id DESC LIMIT 1),
  (SELECT x.value FROM active_labels x WHERE x.pair_id = p.id AND x.source = 'gold'
   ORDER BY x.id DESC LIMIT 1),
  (SELECT s.margin FROM queue q JOIN iterations i ON i.id = q.iteration_id
   JOIN model_runs m ON m.iteration_id = q.iteration_id
   JOIN scores s ON s.model_run_id = m.id AND s.pair_id = q.pair_id
   WHERE q.pair_id = p.id AND i.status = 'done' ORDER BY q.iteration_id DESC LIMIT 1)
FROM visible_pairs p WHERE p.shard < ?2 ORDER BY p.id
)sql";

// A model's weights are written in parts of this size, one per short transaction.
constexpr std::size_t kWeightPartBytes = 64 * 1024;

int shardCutoff(const LoopSettings& settings) {
    return static_cast<int>(std::lround(settings.shardFraction * 100.0));
}

Result<std::optional<std::int64_t>> latestModelRun(store::Database& db) {
    return db.scalar("SELECT m.id FROM model_runs m JOIN iterations i ON i.id = m.iteration_id "
                     "WHERE i.status = 'done' ORDER BY m.id DESC LIMIT 1");
}

// Hands a pair's texts (columns 1 to 3 of `row`: prompt, A, B) with their embedding
// vectors to the encoder.
void encodeTexts(const store::Statement& row, EmbeddingFeatures& vectors,
                 reward::ParallelEncoder& encoding) {
    std::string prompt = row.text(1), a = row.text(2), b = row.text(3);
    reward::EncodedPair encoded;
    vectors.attach(encoded, prompt, a, b);
    encoding.add(std::move(encoded), std::move(prompt), std::move(a), std::move(b));
}

IterationMetrics measure(const Snapshot& snap, const IterationOutcome& out,
                         const IterationSummary& summary, WrongLabels wrongLabels, double seconds) {
    IterationMetrics m;
    m.number = summary.number;
    m.alpha = out.alpha;
    m.beta = out.beta;
    m.pairs = static_cast<std::int64_t>(snap.pairs.size());
    m.trainingPairs = static_cast<std::int64_t>(out.trainingPairs);
    m.trainingExamples = static_cast<std::int64_t>(out.trainingExamples);
    m.humanInTraining = static_cast<std::int64_t>(out.humanInTraining);
    m.landmarks = out.landmarks;
    if (out.landmarks.reflection)
        m.reflectionMargin = out.sortedMargins[*out.landmarks.reflection];
    for (const auto& z : out.zones)
        if (z)
            ++m.zoneCounts[static_cast<std::size_t>(*z)];
    m.estimates = out.estimates;
    m.flipsApplied = out.flipDecision.apply;
    m.flipReason = out.flipDecision.reason;
    m.targetingCheck = out.targetingCheck;
    m.errorModelLengthWeight = summary.errorModelLengthWeight;
    m.flips = summary.flips;
    m.flipsRevoked = summary.flipsRevoked;
    m.dropped = summary.dropped;
    m.queued = summary.queued;
    m.staleVerdicts = summary.staleVerdicts;
    m.humanLabels = std::count_if(snap.pairs.begin(), snap.pairs.end(),
                                  [](const EnginePair& p) { return p.human.has_value(); });
    m.modelEpochs = out.model->epochsRun();
    m.seconds = seconds;

    double rmHits = 0, rmTotal = 0, curatedHits = 0, curatedTotal = 0;
    const auto set = buildTrainingSet(snap.pairs, out.alpha, curatedFlipUse(wrongLabels));
    for (std::size_t pos = 0; pos < snap.pairs.size(); ++pos) {
        if (!snap.gold[pos])
            continue;
        const auto& r = out.rewards[pos];
        if (r.a != r.b) {
            rmTotal += 1;
            rmHits += ((r.a > r.b) == (*snap.gold[pos] == 'a')) ? 1 : 0;
        }
    }
    for (std::size_t i = 0; i < set.pairs.size(); ++i) {
        const auto pos = static_cast<std::size_t>(set.pairs[i]);
        if (!snap.gold[pos])
            continue;
        curatedTotal += 1;
        curatedHits += set.labels[i] == *snap.gold[pos] ? 1 : 0;
    }
    if (rmTotal > 0)
        m.rmGoldAccuracy = rmHits / rmTotal;
    if (curatedTotal > 0)
        m.curatedLabelAccuracy = curatedHits / curatedTotal;
    return m;
}

} // namespace

Result<Snapshot> takeSnapshot(store::Database& db, const LoopSettings& settings) {
    // One read transaction, so every query of the snapshot sees one revision.
    auto read = store::ReadTransaction::begin(db);
    if (!read)
        return Error{fmt::format("cannot read the project: {}", read.message())};
    Snapshot snap;
    auto revision = db.scalar("SELECT ifnull(max(id), 0) FROM label_events");
    if (!revision)
        return revision.error();
    snap.revision = revision->value_or(0);
    auto done = db.scalar("SELECT count(*) FROM iterations WHERE status = 'done'");
    if (!done)
        return done.error();
    snap.iteration = static_cast<int>(done->value_or(0));
    auto run = latestModelRun(db);
    if (!run)
        return run.error();

    const reward::TrainConfig& train = settings.engine.train;
    reward::ParallelEncoder encoding(
        reward::FeatureEncoder(reward::featuresToEncode(train.kind, train.features)));
    auto vectors = EmbeddingFeatures::open(db, train.features);
    if (!vectors)
        return vectors.error();
    auto stmt = db.prepare(kSnapshotSql, run->value_or(-1), std::int64_t{shardCutoff(settings)});
    if (!stmt)
        return stmt.error();
    RLTHF_TRY(stmt->forEachRow([&](const store::Statement& row) {
        EnginePair p;
        p.index = static_cast<std::int32_t>(snap.pairs.size());
        p.ai = sideOf(row.optionalText(4));
        p.human = sideOf(row.optionalText(5));
        p.flipped = row.int64(6) != 0;
        if (auto zone = row.optionalText(7))
            p.zone = parseId<Zone>(*zone);
        if (auto reason = row.optionalText(8))
            p.queuedAs = parseId<QueueReason>(*reason);
        if (!row.isNull(10)) // the margin it was queued with: what the error model learns from
            p.queuedMargin = row.real(10);
        snap.pairIds.push_back(row.int64(0));
        encodeTexts(row, *vectors, encoding);
        snap.pairs.push_back(p);
        snap.gold.push_back(sideOf(row.optionalText(9)));
    }));
    snap.dataset = encoding.take();
    RLTHF_TRY(vectors->complete());
    if (snap.pairs.empty())
        return Error{"the active shard holds no pairs: import data first"};
    return snap;
}

namespace {

Result<IterationSummary> persist(store::Database& db, const Snapshot& snap,
                                 const IterationOutcome& out, const LoopSettings& settings,
                                 double seconds) {
    // Short transactions: scores, queue and model stay unseen while the iteration is
    // 'running', the flips while their batch is staging; publish() brings both into force.
    auto batch = store::StagedBatch::begin(db, store::BatchKind::Retrain);
    if (!batch)
        return batch.error();
    auto write = [&](const auto& step) -> Status {
        RLTHF_TRY((*batch)->beforeWrite());
        RLTHF_TRY(step());
        return (*batch)->afterWrite();
    };
    IterationSummary summary;
    summary.number = snap.iteration + 1;
    summary.dataRevision = snap.revision;
    summary.landmarks = out.landmarks;
    summary.flipDecision = out.flipDecision;
    summary.targetingCheck = out.targetingCheck;
    summary.estimates = out.estimates;
    if (out.errorModel)
        summary.errorModelLengthWeight = out.errorModel->lengthWeight();
    const std::string now = store::nowUtc();

    auto stale =
        db.scalar("SELECT count(*) FROM visible_label_events WHERE id > ? AND source IN ('human', 'settled')",
                  snap.revision);
    if (!stale)
        return stale.error();
    summary.staleVerdicts = stale->value_or(0);

    QJsonObject params = toJson(settings);
    params.insert(QStringLiteral("iteration"), summary.number);
    const std::string paramsJson = QJsonDocument(params).toJson(QJsonDocument::Compact).toStdString();
    // Serialised before the write lock is taken: it is most of the first chunk's work.
    const std::string weights = out.model->serialize(snap.revision);
    RLTHF_TRY((*batch)->beforeWrite());
    RLTHF_TRY(db.execute("INSERT INTO iterations(started_at, finished_at, data_revision, status, "
                         "params) VALUES (?, ?, ?, 'running', ?)",
                         now, now, snap.revision, paramsJson));
    summary.iterationId = db.lastInsertId();

    auto model = db.prepare("INSERT INTO model_runs(iteration_id, kind, version, data_revision, "
                            "created_at, config, weights) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!model)
        return model.error();
    model->bindAll(summary.iterationId, reward::modelKindName(settings.engine.train.kind),
                   std::int64_t{reward::RewardModel::kFormatVersion}, snap.revision, now,
                   paramsJson);
    RLTHF_TRY(model->run()); // weights NULL: they follow in parts
    const std::int64_t runId = db.lastInsertId();
    RLTHF_TRY((*batch)->afterWrite());
    auto part = db.prepare("INSERT INTO model_weight_parts(model_run_id, part, bytes) VALUES (?, ?, ?)");
    if (!part)
        return part.error();
    for (std::size_t offset = 0, index = 0; offset < weights.size();
         offset += kWeightPartBytes, ++index) {
        const std::size_t size = std::min(kWeightPartBytes, weights.size() - offset);
        RLTHF_TRY(write([&] {
            part->reset();
            part->bindAll(runId, static_cast<std::int64_t>(index));
            part->bindBlob(3, weights.data() + offset, static_cast<int>(size));
            return part->run();
        }));
        RLTHF_TRY((*batch)->commitChunk()); // one part per transaction
    }

    std::vector<std::int64_t> rankOf(snap.pairs.size(), -1);
    for (std::size_t rank = 0; rank < out.curve.size(); ++rank)
        rankOf[static_cast<std::size_t>(out.curve[rank])] = static_cast<std::int64_t>(rank);
    auto score = db.prepare("INSERT INTO scores(model_run_id, pair_id, reward_a, reward_b, margin, "
                            "zone, rank) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!score)
        return score.error();
    for (std::size_t pos = 0; pos < snap.pairs.size(); ++pos) {
        score->reset();
        const auto& z = out.zones[pos];
        score->bindAll(runId, snap.pairIds[pos], double(out.rewards[pos].a),
                       double(out.rewards[pos].b), out.margins[pos],
                       z ? std::optional(idOf(*z)) : std::nullopt,
                       rankOf[pos] >= 0 ? std::optional(rankOf[pos]) : std::nullopt);
        RLTHF_TRY(write([&] { return score->run(); }));
    }
    RLTHF_TRY((*batch)->commitChunk());

    // Verdicts given while this iteration ran are kept: those pairs are neither queued nor flipped.
    std::set<std::int64_t> reviewedNow;
    {
        auto reviewed =
            db.prepare("SELECT DISTINCT pair_id FROM expert_labels WHERE id > ?",
                       snap.revision);
        if (!reviewed)
            return reviewed.error();
        RLTHF_TRY(reviewed->forEachRow(
            [&](const store::Statement& row) { reviewedNow.insert(row.int64(0)); }));
    }
    auto queue = db.prepare("INSERT INTO queue(iteration_id, pair_id, priority, reason) "
                            "VALUES (?, ?, ?, ?)");
    if (!queue)
        return queue.error();
    for (const auto& item : out.batch) {
        const auto pairId = snap.pairIds[static_cast<std::size_t>(item.pairId)];
        if (reviewedNow.count(pairId))
            continue;
        queue->reset();
        queue->bindAll(summary.iterationId, pairId, std::int64_t{item.priority},
                       idOf(item.reason));
        RLTHF_TRY(write([&] { return queue->run(); }));
        ++summary.queued;
    }

    // Flips are decided afresh each iteration: earlier ones outside the new set are revoked.
    RLTHF_TRY((*batch)->commitChunk());
    auto writer = store::PairWriter::create(db, (*batch)->id());
    if (!writer)
        return writer.error();
    std::map<std::int64_t, std::size_t> posOf;
    for (std::size_t pos = 0; pos < snap.pairIds.size(); ++pos)
        posOf[snap.pairIds[pos]] = pos;
    // Dropping instead of flipping: the pairs found wrong are recorded as dropped by this
    // iteration, and every flip in force is revoked.
    const bool drop = settings.engine.wrongLabels == WrongLabels::Drop;
    std::set<std::int64_t> found;
    for (auto pos : out.flips)
        found.insert(snap.pairIds[static_cast<std::size_t>(pos)]);
    const std::set<std::int64_t> newFlips = drop ? std::set<std::int64_t>{} : found;
    std::set<std::int64_t> alreadyFlipped;
    {
        auto active = db.prepare("SELECT x.id, x.pair_id FROM active_labels x "
                                 "JOIN visible_pairs p ON p.id = x.pair_id "
                                 "WHERE x.source = 'flipped' AND p.shard < ?",
                                 std::int64_t{shardCutoff(settings)});
        if (!active)
            return active.error();
        std::vector<std::pair<std::int64_t, std::int64_t>> flips;
        RLTHF_TRY(active->forEachRow(
            [&](const store::Statement& row) { flips.emplace_back(row.int64(0), row.int64(1)); }));
        for (const auto& [eventId, pairId] : flips) {
            if (newFlips.count(pairId) && !reviewedNow.count(pairId)) {
                alreadyFlipped.insert(pairId);
                continue;
            }
            store::NewLabelEvent revoke;
            revoke.pairId = pairId;
            revoke.source = "flipped";
            revoke.action = "revoke";
            revoke.revokes = eventId;
            revoke.iteration = summary.iterationId;
            revoke.createdAt = now;
            RLTHF_TRY(write([&]() -> Status {
                auto id = writer->appendLabel(revoke);
                return id ? Status{} : Status{id.error()};
            }));
            ++summary.flipsRevoked;
        }
    }
    for (auto pairId : newFlips) {
        const auto pos = posOf[pairId];
        if (reviewedNow.count(pairId) || alreadyFlipped.count(pairId) || !snap.pairs[pos].ai)
            continue;
        store::NewLabelEvent flip;
        flip.pairId = pairId;
        flip.source = "flipped";
        flip.value = std::string(1, otherSide(*snap.pairs[pos].ai));
        flip.previous = std::string(1, *snap.pairs[pos].ai);
        flip.iteration = summary.iterationId;
        flip.margin = out.margins[pos];
        flip.createdAt = now;
        RLTHF_TRY(write([&]() -> Status {
            auto id = writer->appendLabel(flip);
            return id ? Status{} : Status{id.error()};
        }));
    }
    summary.flips = static_cast<std::int64_t>(newFlips.size());
    if (drop) {
        auto dropped =
            db.prepare("INSERT INTO dropped_pairs(iteration_id, pair_id, margin) VALUES (?, ?, ?)");
        if (!dropped)
            return dropped.error();
        for (auto pairId : found) {
            const auto pos = posOf[pairId];
            if (reviewedNow.count(pairId) || !snap.pairs[pos].ai)
                continue;
            dropped->reset();
            dropped->bindAll(summary.iterationId, pairId, out.margins[pos]);
            RLTHF_TRY(write([&] { return dropped->run(); }));
            ++summary.dropped;
        }
    }

    const std::string metrics =
        toJson(measure(snap, out, summary, settings.engine.wrongLabels, seconds));
    RLTHF_TRY((*batch)->publish([&] {
        return db.execute("UPDATE iterations SET status = 'done', finished_at = ?, metrics = ? "
                          "WHERE id = ?",
                          store::nowUtc(), metrics, summary.iterationId);
    }));
    summary.transactions = (*batch)->transactions();
    summary.longestTransaction = (*batch)->longestHold();
    return summary;
}

} // namespace

Result<IterationSummary> persistIteration(store::Database& db, const Snapshot& snap,
                                          const IterationOutcome& out,
                                          const LoopSettings& settings) {
    return persist(db, snap, out, settings, 0.0);
}

Result<IterationSummary> runProjectIteration(store::Database& db, const LoopSettings& settings,
                                             const EngineProgressFn& progress) {
    const auto started = std::chrono::steady_clock::now();
    auto snap = takeSnapshot(db, settings);
    if (!snap)
        return snap.error();
    auto outcome =
        runIteration(snap->dataset, snap->pairs, snap->iteration, settings.engine, progress);
    if (!outcome)
        return outcome.error();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return persist(db, *snap, *outcome, settings, seconds);
}

Result<std::string> modelWeights(store::Database& db, std::int64_t modelRunId) {
    auto read = store::ReadTransaction::begin(db);
    if (!read)
        return read.error();
    auto whole = db.firstRow("SELECT weights FROM model_runs WHERE id = ?", modelRunId);
    if (!whole)
        return whole.error();
    if (!*whole)
        return Error{fmt::format("no model run {}", modelRunId)};
    if (!(*whole)->isNull(0))
        return (*whole)->blob(0);
    std::string bytes;
    std::int64_t expected = 0;
    auto parts = db.prepare(
        "SELECT part, bytes FROM model_weight_parts WHERE model_run_id = ? ORDER BY part",
        modelRunId);
    if (!parts)
        return parts.error();
    RLTHF_TRY(parts->forEachRow([&](const store::Statement& row) -> Status {
        if (row.int64(0) != expected++)
            return Error{fmt::format("model run {}: a part of its weights is missing", modelRunId)};
        bytes += row.blob(1);
        return {};
    }));
    if (bytes.empty())
        return Error{fmt::format("model run {} has no weights", modelRunId)};
    return bytes;
}

Result<PropagationSummary> propagate(store::Database& db, const LoopSettings& settings,
                                     const PropagationProgressFn& progress) {
    auto run = latestModelRun(db);
    if (!run)
        return run.error();
    if (!*run)
        return Error{"no reward model yet: run `rlthf retrain` first"};
    auto bytes = modelWeights(db, **run);
    if (!bytes)
        return bytes.error();
    auto weights = db.prepare("SELECT i.metrics, i.id FROM model_runs m "
                              "JOIN iterations i ON i.id = m.iteration_id WHERE m.id = ?",
                              **run);
    if (!weights)
        return weights.error();
    auto row = weights->step();
    if (!row || !*row)
        return Error{"the latest model run cannot be read"};
    auto loaded = reward::RewardModel::deserialize(*bytes);
    if (!loaded)
        return loaded.error();
    auto metrics = parseIterationMetrics(weights->text(0));
    if (!metrics)
        return metrics.error();
    const std::int64_t iterationNumber = weights->int64(1);
    // An unfinished statement would hold its read snapshot for the whole run, and with it
    // every checkpoint back.
    weights->reset();
    // The final iteration's flip threshold carries over, and only while flips were allowed.
    const std::optional<double> flipBelow = metrics->flipThreshold();

    const reward::TrainConfig& trained = loaded->model.config();
    reward::ParallelEncoder encoding(
        reward::FeatureEncoder(reward::featuresToEncode(trained.kind, trained.features)));
    auto vectors = EmbeddingFeatures::open(db, trained.features);
    if (!vectors)
        return vectors.error();
    // Pages of pairs are read and scored outside any write transaction; their labels are
    // written in short ones and published together at the end.
    auto batch = store::StagedBatch::begin(db, store::BatchKind::Propagate);
    if (!batch)
        return batch.error();
    auto writer = store::PairWriter::create(db, (*batch)->id());
    if (!writer)
        return writer.error();
    auto total = store::visiblePairCountFromShard(db, shardCutoff(settings));
    if (!total)
        return total.error();
    // Dropping instead of flipping: a pair the final model finds wrong gets no propagated
    // label and is recorded as dropped by the model's iteration, staged with the batch.
    const bool drop = settings.engine.wrongLabels == WrongLabels::Drop;
    auto dropRow = db.prepare("INSERT OR IGNORE INTO dropped_pairs(iteration_id, pair_id, "
                              "margin, batch_id) VALUES (?, ?, ?, ?)");
    if (!dropRow)
        return dropRow.error();
    PropagationSummary summary;
    std::int64_t done = 0;
    const std::string now = store::nowUtc();
    constexpr std::int64_t kChunk = 4096;
    std::vector<std::int64_t> ids;
    std::vector<std::optional<char>> ai;
    std::vector<reward::EncodedPair> chunk;
    auto flush = [&]() -> Status {
        std::vector<std::int32_t> idx(chunk.size());
        for (std::size_t i = 0; i < idx.size(); ++i)
            idx[i] = static_cast<std::int32_t>(i);
        const auto rewards = loaded->model.score(chunk, idx);
        for (std::size_t i = 0; i < chunk.size(); ++i) {
            const double d = double(rewards[i].a) - double(rewards[i].b);
            char label = d >= 0 ? 'a' : 'b';
            double margin = std::abs(d);
            if (ai[i]) {
                margin = *ai[i] == 'a' ? d : -d;
                label = flipBelow && margin <= *flipBelow ? otherSide(*ai[i]) : *ai[i];
            }
            if (drop && ai[i] && label != *ai[i]) {
                RLTHF_TRY((*batch)->beforeWrite());
                dropRow->reset();
                dropRow->bindAll(iterationNumber, ids[i], margin, (*batch)->id());
                RLTHF_TRY(dropRow->run());
                RLTHF_TRY((*batch)->afterWrite());
                ++summary.dropped;
                continue;
            }
            store::NewLabelEvent e;
            e.pairId = ids[i];
            e.source = "propagated";
            e.value = std::string(1, label);
            if (ai[i])
                e.previous = std::string(1, *ai[i]);
            e.iteration = iterationNumber;
            e.margin = margin;
            e.createdAt = now;
            RLTHF_TRY((*batch)->beforeWrite());
            auto id = writer->appendLabel(e);
            if (!id)
                return id.error();
            RLTHF_TRY((*batch)->afterWrite());
            ++summary.labelled;
            summary.flipped += ai[i] && label != *ai[i] ? 1 : 0;
        }
        ids.clear();
        ai.clear();
        chunk.clear();
        return (*batch)->commitChunk();
    };
    std::int64_t after = 0;
    for (;;) {
        auto page = db.prepare(R"sql(
SELECT p.id, p.prompt, p.response_a, p.response_b,
  (SELECT x.value FROM active_labels x WHERE x.pair_id = p.id AND x.source = 'ai'
   ORDER BY x.id DESC LIMIT 1),
  EXISTS (SELECT 1 FROM expert_labels x WHERE x.pair_id = p.id)
FROM visible_pairs p WHERE p.shard >= ? AND p.id > ? ORDER BY p.id LIMIT ?)sql",
                               std::int64_t{shardCutoff(settings)}, after, kChunk);
        if (!page)
            return page.error();
        std::int64_t rows = 0;
        RLTHF_TRY(page->forEachRow([&](const store::Statement& row) {
            ++rows;
            after = row.int64(0);
            if (row.int64(5) != 0) {
                ++summary.skippedReviewed;
                return;
            }
            ids.push_back(row.int64(0));
            ai.push_back(sideOf(row.optionalText(4)));
            encodeTexts(row, *vectors, encoding);
        }));
        if (rows == 0)
            break;
        chunk = encoding.take();
        RLTHF_TRY(vectors->complete());
        RLTHF_TRY(flush());
        done += rows;
        if (progress && !progress(done, *total))
            return Error{"propagate cancelled; the labels stay as they were"};
    }
    RLTHF_TRY((*batch)->publish());
    summary.transactions = (*batch)->transactions();
    summary.longestTransaction = (*batch)->longestHold();
    return summary;
}

} // namespace rlthf::loop
