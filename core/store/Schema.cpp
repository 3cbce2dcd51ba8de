#include "store/Schema.h"

#include <fmt/format.h>

#include <string>
#include <utility>

namespace rlthf::store {

namespace {

// Version 1: pairs, append-only label events, iterations, model runs, scores, settings.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE pairs (
    id           INTEGER PRIMARY KEY,
    external_id  TEXT,
    prompt       TEXT NOT NULL,
    response_a   TEXT NOT NULL,
    response_b   TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    shard        INTEGER NOT NULL CHECK (shard BETWEEN 0 AND 99),
    meta         TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX pairs_shard ON pairs(shard);

CREATE TABLE iterations (
    id            INTEGER PRIMARY KEY,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    data_revision INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
    params        TEXT NOT NULL DEFAULT '{}',
    metrics       TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE model_runs (
    id            INTEGER PRIMARY KEY,
    iteration_id  INTEGER REFERENCES iterations(id),
    kind          TEXT NOT NULL,
    version       INTEGER NOT NULL,
    data_revision INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    config        TEXT NOT NULL DEFAULT '{}',
    weights       BLOB
);

CREATE TABLE scores (
    model_run_id INTEGER NOT NULL REFERENCES model_runs(id),
    pair_id      INTEGER NOT NULL REFERENCES pairs(id),
    reward_a     REAL NOT NULL,
    reward_b     REAL NOT NULL,
    margin       REAL NOT NULL,
    zone         TEXT,
    priority     INTEGER,
    PRIMARY KEY (model_run_id, pair_id)
) WITHOUT ROWID;

-- Every label and verdict ever given; rows are never updated or deleted.
-- An undo appends an event with action 'revoke' naming the event it cancels.
CREATE TABLE label_events (
    id         INTEGER PRIMARY KEY,
    pair_id    INTEGER NOT NULL REFERENCES pairs(id),
    source     TEXT NOT NULL CHECK (source IN ('ai', 'gold', 'human', 'flipped', 'propagated')),
    action     TEXT NOT NULL DEFAULT 'label' CHECK (action IN ('label', 'skip', 'revoke')),
    value      TEXT CHECK (value IN ('a', 'b')),
    previous   TEXT CHECK (previous IN ('a', 'b')),
    annotator  TEXT,
    created_at TEXT NOT NULL,
    iteration  INTEGER,
    comment    TEXT,
    margin     REAL,
    revokes    INTEGER REFERENCES label_events(id),
    CHECK ((action = 'label') = (value IS NOT NULL)),
    CHECK ((action = 'revoke') = (revokes IS NOT NULL))
);
CREATE INDEX label_events_pair ON label_events(pair_id, source);
CREATE INDEX label_events_revokes ON label_events(revokes) WHERE revokes IS NOT NULL;

CREATE TRIGGER label_events_no_update BEFORE UPDATE ON label_events
BEGIN SELECT RAISE(ABORT, 'label_events is append-only'); END;
CREATE TRIGGER label_events_no_delete BEFORE DELETE ON label_events
BEGIN SELECT RAISE(ABORT, 'label_events is append-only'); END;

-- Label events that are in force: labels not revoked by a later event.
CREATE VIEW active_labels AS
SELECT e.* FROM label_events e
WHERE e.action = 'label'
  AND NOT EXISTS (SELECT 1 FROM label_events r WHERE r.revokes = e.id);

-- The label a pair carries now: the latest expert verdict, else the engine's
-- latest flip or propagation, else the AI label, else the gold label.
CREATE VIEW current_labels AS
SELECT p.id AS pair_id, e.value, e.source, e.annotator, e.iteration, e.margin, e.comment,
       e.id AS event_id
FROM pairs p
JOIN label_events e ON e.id = (
    SELECT x.id FROM active_labels x
    WHERE x.pair_id = p.id
    ORDER BY CASE x.source WHEN 'human' THEN 0 WHEN 'flipped' THEN 1 WHEN 'propagated' THEN 1
                           WHEN 'ai' THEN 2 ELSE 3 END,
             x.id DESC
    LIMIT 1);
)sql";

// Version 2: the expert queue of each iteration, and each score's rank on the curve.
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE scores ADD COLUMN rank INTEGER;
CREATE INDEX scores_rank ON scores(model_run_id, rank);

CREATE TABLE queue (
    iteration_id INTEGER NOT NULL REFERENCES iterations(id),
    pair_id      INTEGER NOT NULL REFERENCES pairs(id),
    priority     INTEGER NOT NULL,
    reason       TEXT NOT NULL CHECK (reason IN ('zone', 'top_up', 'audit', 'flip_check')),
    PRIMARY KEY (iteration_id, pair_id)
) WITHOUT ROWID;
CREATE INDEX queue_pair ON queue(pair_id, iteration_id);
CREATE INDEX queue_priority ON queue(iteration_id, priority);
)sql";

// Version 3: lookups the workstation makes per item and per count on large projects.
constexpr const char* kSchemaV3 = R"sql(
CREATE INDEX scores_pair ON scores(pair_id, model_run_id);
CREATE INDEX label_events_source ON label_events(source);
)sql";

// Version 4: the LLM judge's answers, asked in both orders to control position bias, and
// a cache of embedding vectors by text hash and model.
constexpr const char* kSchemaV4 = R"sql(
-- One answer per pair, order shown and judge model. `verdict` names the pair's own
-- response ('a' = response_a) whichever order it was shown in; 'unparseable' keeps a
-- reply no choice could be read from.
CREATE TABLE judge_answers (
    id                INTEGER PRIMARY KEY,
    pair_id           INTEGER NOT NULL REFERENCES pairs(id),
    order_shown       TEXT NOT NULL CHECK (order_shown IN ('ab', 'ba')),
    model             TEXT NOT NULL,
    verdict           TEXT NOT NULL CHECK (verdict IN ('a', 'b', 'unparseable')),
    reply             TEXT,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    created_at        TEXT NOT NULL,
    UNIQUE (pair_id, order_shown, model)
);

-- Pairs the judge could not label: its two orders disagree ('disagree') or a reply could
-- not be read ('unparseable'), and no AI label or expert verdict is in force.
CREATE VIEW uncertain_pairs AS
SELECT ab.pair_id AS pair_id,
       min(CASE WHEN ab.verdict = 'unparseable' OR ba.verdict = 'unparseable'
                THEN 'unparseable' ELSE 'disagree' END) AS reason
FROM judge_answers ab
JOIN judge_answers ba
  ON ba.pair_id = ab.pair_id AND ba.order_shown = 'ba' AND ba.model = ab.model
WHERE ab.order_shown = 'ab'
  AND (ab.verdict <> ba.verdict OR ab.verdict = 'unparseable')
  AND NOT EXISTS (SELECT 1 FROM active_labels x
                  WHERE x.pair_id = ab.pair_id AND x.source IN ('ai', 'human'))
GROUP BY ab.pair_id;

CREATE TABLE embeddings (
    text_hash TEXT NOT NULL,
    model     TEXT NOT NULL,
    dim       INTEGER NOT NULL,
    vector    BLOB NOT NULL,
    PRIMARY KEY (text_hash, model)
);
)sql";

// Version 5: the pairs the judge's two orders disagree on, kept up to date by triggers, so
// the review queue finds them without scanning every answer (1.1 s on 2 million answers).
// Both triggers (SQLite has no "INSERT OR UPDATE" trigger) recompute one pair and model.
const std::string& schemaV5() {
    static const std::string sql = [] {
        const std::string disagreements = R"sql(
SELECT ab.pair_id, ab.model,
       CASE WHEN ab.verdict = 'unparseable' OR ba.verdict = 'unparseable'
            THEN 'unparseable' ELSE 'disagree' END
FROM judge_answers ab
JOIN judge_answers ba ON ba.pair_id = ab.pair_id AND ba.model = ab.model AND ba.order_shown = 'ba'
WHERE ab.order_shown = 'ab' AND (ab.verdict <> ba.verdict OR ab.verdict = 'unparseable'))sql";
        const std::string refresh = R"sql(
BEGIN
    DELETE FROM judge_disagreements WHERE pair_id = NEW.pair_id AND model = NEW.model;
    INSERT INTO judge_disagreements (pair_id, model, reason))sql" + disagreements + R"sql(
      AND ab.pair_id = NEW.pair_id AND ab.model = NEW.model;
END;
)sql";
        return R"sql(
CREATE TABLE judge_disagreements (
    pair_id INTEGER NOT NULL REFERENCES pairs(id),
    model   TEXT NOT NULL,
    reason  TEXT NOT NULL CHECK (reason IN ('disagree', 'unparseable')),
    PRIMARY KEY (pair_id, model)
) WITHOUT ROWID;
INSERT INTO judge_disagreements (pair_id, model, reason))sql" + disagreements + R"sql(;
CREATE TRIGGER judge_answers_disagreement_insert AFTER INSERT ON judge_answers)sql" + refresh +
               R"sql(
CREATE TRIGGER judge_answers_disagreement_update AFTER UPDATE OF verdict ON judge_answers)sql" +
               refresh + R"sql(
-- One row per pair (that of the first judge model by name), without GROUP BY, so that
-- reading the first rows in pair order stops early instead of visiting them all.
DROP VIEW uncertain_pairs;
CREATE VIEW uncertain_pairs AS
SELECT d.pair_id AS pair_id, d.reason AS reason
FROM judge_disagreements d
WHERE NOT EXISTS (SELECT 1 FROM judge_disagreements o
                  WHERE o.pair_id = d.pair_id AND o.model < d.model)
  AND NOT EXISTS (SELECT 1 FROM active_labels x
                  WHERE x.pair_id = d.pair_id AND x.source IN ('ai', 'human'));
)sql";
    }();
    return sql;
}

// Version 6: long tasks (import, retrain, propagate) write in short transactions. Their rows
// carry the batch that wrote them and stay hidden while it is staging; publishing the batch
// is one short update. The rows of a batch whose task died are removed by the next task.
constexpr const char* kSchemaV6 = R"sql(
CREATE TABLE write_batches (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('import', 'retrain', 'propagate')),
    status       TEXT NOT NULL CHECK (status IN ('staging', 'published')),
    pid          INTEGER,
    started_at   TEXT NOT NULL,
    published_at TEXT
);
ALTER TABLE pairs ADD COLUMN batch_id INTEGER REFERENCES write_batches(id);
ALTER TABLE label_events ADD COLUMN batch_id INTEGER REFERENCES write_batches(id);
-- Also a covering index for counting the visible pairs.
CREATE INDEX pairs_batch ON pairs(batch_id);
CREATE INDEX label_events_batch ON label_events(batch_id) WHERE batch_id IS NOT NULL;

CREATE VIEW staged_batches AS SELECT id FROM write_batches WHERE status = 'staging';
CREATE VIEW visible_pairs AS
SELECT * FROM pairs WHERE batch_id IS NULL OR batch_id NOT IN (SELECT id FROM staged_batches);
CREATE VIEW visible_label_events AS
SELECT * FROM label_events
WHERE batch_id IS NULL OR batch_id NOT IN (SELECT id FROM staged_batches);

-- Only the events of a batch that never got published may be removed.
DROP TRIGGER label_events_no_delete;
CREATE TRIGGER label_events_no_delete BEFORE DELETE ON label_events
WHEN OLD.batch_id IS NULL OR OLD.batch_id NOT IN (SELECT id FROM staged_batches)
BEGIN SELECT RAISE(ABORT, 'label_events is append-only'); END;

DROP VIEW current_labels;
DROP VIEW active_labels;
CREATE VIEW active_labels AS
SELECT e.* FROM visible_label_events e
WHERE e.action = 'label'
  AND NOT EXISTS (SELECT 1 FROM visible_label_events r WHERE r.revokes = e.id);

CREATE VIEW current_labels AS
SELECT p.id AS pair_id, e.value, e.source, e.annotator, e.iteration, e.margin, e.comment,
       e.id AS event_id
FROM visible_pairs p
JOIN label_events e ON e.id = (
    SELECT x.id FROM active_labels x
    WHERE x.pair_id = p.id
    ORDER BY CASE x.source WHEN 'human' THEN 0 WHEN 'flipped' THEN 1 WHEN 'propagated' THEN 1
                           WHEN 'ai' THEN 2 ELSE 3 END,
             x.id DESC
    LIMIT 1);
)sql";

// Version 7: the lead's settlement of a disputed pair is its own label source, 'settled'.
// SQLite cannot change a CHECK constraint, so label_events is rebuilt (SQLite's procedure
// for other schema changes: new table, copy, drop, rename), with every view and trigger on
// it. Settlements recorded before as expert verdicts with the comment 'settled by lead'
// become 'settled' events; nothing else changes. The CHECKs are OR chains, not IN lists:
// SQLite builds a temporary table for an IN list of more than two values on every insert
// (measured: a 1,000,000-pair import spent 8% of its time opening and closing them).
constexpr const char* kSchemaV7 = R"sql(
DROP VIEW uncertain_pairs;
DROP VIEW current_labels;
DROP VIEW active_labels;
DROP VIEW visible_label_events;

CREATE TABLE label_events_v7 (
    id         INTEGER PRIMARY KEY,
    pair_id    INTEGER NOT NULL REFERENCES pairs(id),
    source     TEXT NOT NULL
               CHECK (source = 'ai' OR source = 'gold' OR source = 'human' OR source = 'settled'
                      OR source = 'flipped' OR source = 'propagated'),
    action     TEXT NOT NULL DEFAULT 'label'
               CHECK (action = 'label' OR action = 'skip' OR action = 'revoke'),
    value      TEXT CHECK (value IN ('a', 'b')),
    previous   TEXT CHECK (previous IN ('a', 'b')),
    annotator  TEXT,
    created_at TEXT NOT NULL,
    iteration  INTEGER,
    comment    TEXT,
    margin     REAL,
    revokes    INTEGER REFERENCES label_events(id),
    batch_id   INTEGER REFERENCES write_batches(id),
    CHECK ((action = 'label') = (value IS NOT NULL)),
    CHECK ((action = 'revoke') = (revokes IS NOT NULL))
);
INSERT INTO label_events_v7 (id, pair_id, source, action, value, previous, annotator, created_at,
                             iteration, comment, margin, revokes, batch_id)
SELECT id, pair_id,
       CASE WHEN source = 'human' AND action = 'label' AND comment = 'settled by lead'
            THEN 'settled' ELSE source END,
       action, value, previous, annotator, created_at, iteration, comment, margin, revokes,
       batch_id
FROM label_events ORDER BY id;
DROP TABLE label_events;
ALTER TABLE label_events_v7 RENAME TO label_events;

CREATE INDEX label_events_pair ON label_events(pair_id, source);
CREATE INDEX label_events_revokes ON label_events(revokes) WHERE revokes IS NOT NULL;
CREATE INDEX label_events_source ON label_events(source);
CREATE INDEX label_events_batch ON label_events(batch_id) WHERE batch_id IS NOT NULL;

CREATE TRIGGER label_events_no_update BEFORE UPDATE ON label_events
BEGIN SELECT RAISE(ABORT, 'label_events is append-only'); END;
CREATE TRIGGER label_events_no_delete BEFORE DELETE ON label_events
WHEN OLD.batch_id IS NULL OR OLD.batch_id NOT IN (SELECT id FROM staged_batches)
BEGIN SELECT RAISE(ABORT, 'label_events is append-only'); END;

CREATE VIEW visible_label_events AS
SELECT * FROM label_events
WHERE batch_id IS NULL OR batch_id NOT IN (SELECT id FROM staged_batches);
CREATE VIEW active_labels AS
SELECT e.* FROM visible_label_events e
WHERE e.action = 'label'
  AND NOT EXISTS (SELECT 1 FROM visible_label_events r WHERE r.revokes = e.id);

-- The label a pair carries now: the latest settlement, else the latest expert verdict, else
-- the engine's latest flip or propagation, else the AI label, else the gold label.
CREATE VIEW current_labels AS
SELECT p.id AS pair_id, e.value, e.source, e.annotator, e.iteration, e.margin, e.comment,
       e.id AS event_id
FROM visible_pairs p
JOIN label_events e ON e.id = (
    SELECT x.id FROM active_labels x
    WHERE x.pair_id = p.id
    ORDER BY CASE x.source WHEN 'settled' THEN 0 WHEN 'human' THEN 1 WHEN 'flipped' THEN 2
                           WHEN 'propagated' THEN 2 WHEN 'ai' THEN 3 ELSE 4 END,
             x.id DESC
    LIMIT 1);

CREATE VIEW uncertain_pairs AS
SELECT d.pair_id AS pair_id, d.reason AS reason
FROM judge_disagreements d
WHERE NOT EXISTS (SELECT 1 FROM judge_disagreements o
                  WHERE o.pair_id = d.pair_id AND o.model < d.model)
  AND NOT EXISTS (SELECT 1 FROM active_labels x
                  WHERE x.pair_id = d.pair_id AND x.source IN ('ai', 'human', 'settled'));
)sql";

// Version 8: a reward model's weights are written in parts of at most 64 KiB, each in its
// own short transaction (a 1 MiB model written in one row held the write lock 10 to 56 ms).
// Runs written before keep their weights in model_runs.weights. And one name for the
// expert labels in force (verdicts and settlements), which many queries read.
constexpr const char* kSchemaV8 = R"sql(
CREATE VIEW expert_labels AS
SELECT * FROM active_labels WHERE source IN ('human', 'settled');

CREATE TABLE model_weight_parts (
    model_run_id INTEGER NOT NULL REFERENCES model_runs(id),
    part         INTEGER NOT NULL,
    bytes        BLOB NOT NULL,
    PRIMARY KEY (model_run_id, part)
);
)sql";

// Version 9: with the setting wrong_labels = drop, the pairs an iteration finds wrong are
// left out of the curated data instead of flipped, and so are those its model finds wrong
// when it propagates labels to the rest. Like the queue they belong to their iteration:
// those of the latest finished one are in force while no expert verdict overrides them.
// A propagation stages its rows under its write batch.
constexpr const char* kSchemaV9 = R"sql(
CREATE TABLE dropped_pairs (
    iteration_id INTEGER NOT NULL REFERENCES iterations(id),
    pair_id      INTEGER NOT NULL REFERENCES pairs(id),
    margin       REAL NOT NULL,
    batch_id     INTEGER REFERENCES write_batches(id),
    PRIMARY KEY (iteration_id, pair_id)
) WITHOUT ROWID;
CREATE INDEX dropped_pairs_pair ON dropped_pairs(pair_id, iteration_id);
CREATE INDEX dropped_pairs_batch ON dropped_pairs(batch_id) WHERE batch_id IS NOT NULL;

CREATE VIEW dropped_now AS
SELECT d.pair_id, d.iteration_id, d.margin FROM dropped_pairs d
WHERE d.iteration_id = (SELECT max(id) FROM iterations WHERE status = 'done')
  AND (d.batch_id IS NULL OR d.batch_id NOT IN (SELECT id FROM staged_batches))
  AND NOT EXISTS (SELECT 1 FROM expert_labels x WHERE x.pair_id = d.pair_id);
)sql";

// Version 10: the queue reason 'random', a uniform draw the engine makes instead of a
// targeted one while the verdicts show its targeting doing worse than chance. The queue is
// rebuilt for the CHECK (no view reads it); the CHECK is an OR chain, as in label_events.
constexpr const char* kSchemaV10 = R"sql(
CREATE TABLE queue_v10 (
    iteration_id INTEGER NOT NULL REFERENCES iterations(id),
    pair_id      INTEGER NOT NULL REFERENCES pairs(id),
    priority     INTEGER NOT NULL,
    reason       TEXT NOT NULL
                 CHECK (reason = 'zone' OR reason = 'top_up' OR reason = 'audit'
                        OR reason = 'flip_check' OR reason = 'random'),
    PRIMARY KEY (iteration_id, pair_id)
) WITHOUT ROWID;
INSERT INTO queue_v10 (iteration_id, pair_id, priority, reason)
SELECT iteration_id, pair_id, priority, reason FROM queue;
DROP TABLE queue;
ALTER TABLE queue_v10 RENAME TO queue;
CREATE INDEX queue_pair ON queue(pair_id, iteration_id);
CREATE INDEX queue_priority ON queue(iteration_id, priority);
)sql";

// Version 11: a project shared through a team server (core/team). Each label event the
// server holds has its global id and the server's order of arrival (seq); among events of
// the same precedence the latest is the one that reached the server last, and an event not
// yet pushed counts as later than all of them (it will arrive after them). A station's claims
// on queue items, with their leases. Without a team both tables stay empty and the current
// label is the latest by id, as before.
constexpr const char* kSchemaV11 = R"sql(
CREATE TABLE team_events (
    event_id INTEGER PRIMARY KEY REFERENCES label_events(id),
    uuid     TEXT NOT NULL UNIQUE,
    seq      INTEGER UNIQUE,
    station  TEXT
);
CREATE TABLE team_claims (
    iteration_id INTEGER NOT NULL REFERENCES iterations(id),
    pair_id      INTEGER NOT NULL REFERENCES pairs(id),
    lease_until  TEXT NOT NULL,
    PRIMARY KEY (iteration_id, pair_id)
) WITHOUT ROWID;
-- The events a sync has still to send (counted for the status bar on every sync).
CREATE INDEX team_events_unsent ON team_events(event_id) WHERE seq IS NULL;
-- One row when this project is a team station (its team settings say so), none otherwise.
CREATE VIEW team_station AS
SELECT 1 AS station FROM settings
WHERE key = 'team' AND json_extract(value, '$.role') = 'station';

DROP VIEW current_labels;
CREATE VIEW current_labels AS
SELECT p.id AS pair_id, e.value, e.source, e.annotator, e.iteration, e.margin, e.comment,
       e.id AS event_id
FROM visible_pairs p
JOIN label_events e ON e.id = (
    SELECT x.id FROM active_labels x LEFT JOIN team_events t ON t.event_id = x.id
    WHERE x.pair_id = p.id
    ORDER BY CASE x.source WHEN 'settled' THEN 0 WHEN 'human' THEN 1 WHEN 'flipped' THEN 2
                           WHEN 'propagated' THEN 2 WHEN 'ai' THEN 3 ELSE 4 END,
             t.seq IS NULL DESC, t.seq DESC, x.id DESC
    LIMIT 1);
)sql";

// Version 12: the team's stations by id, as the server names them, so that an export can
// say at which station each verdict was given. An event without a station of its own was
// recorded here (a row of team_events is made only at the next sync).
constexpr const char* kSchemaV12 = R"sql(
CREATE TABLE team_stations (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
) WITHOUT ROWID;
CREATE VIEW event_stations AS
SELECT e.id AS event_id, s.name AS station
FROM label_events e LEFT JOIN team_events t ON t.event_id = e.id
JOIN team_stations s ON s.id = coalesce(t.station,
    (SELECT json_extract(value, '$.station') FROM settings WHERE key = 'team'));
)sql";

// Version 13: what answers a queue item on a team station: its own experts' verdicts and the
// lead's settlements, not another station's verdict, which the station pulls too (an overlap
// item is judged by two stations on purpose). Outside a team, every expert label.
constexpr const char* kSchemaV13 = R"sql(
CREATE VIEW answered_here AS
SELECT x.pair_id FROM expert_labels x
WHERE x.source = 'settled'
   OR NOT EXISTS (SELECT 1 FROM team_station)
   OR NOT EXISTS (SELECT 1 FROM team_events t WHERE t.event_id = x.id AND t.station IS NOT NULL);
)sql";

// Version 14: the content hash's uniqueness as an index of its own (pairs_content_hash)
// instead of a constraint of the table, so that an import into a new project can build it
// once from the sorted hashes after the rows instead of keeping it up to date row by row
// (see StagedBatch::deferContentHashIndex). Only a project without pairs is rebuilt; one
// with pairs keeps the table's UNIQUE, which refuses the same duplicates and which ON
// CONFLICT(content_hash) names as well (rebuilding 1,000,596 pairs took 30.6 s and doubled
// the file for a while).
constexpr const char* kSchemaV14EmptyPairs = R"sql(
DROP TABLE pairs;
CREATE TABLE pairs (
    id           INTEGER PRIMARY KEY,
    external_id  TEXT,
    prompt       TEXT NOT NULL,
    response_a   TEXT NOT NULL,
    response_b   TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    shard        INTEGER NOT NULL CHECK (shard BETWEEN 0 AND 99),
    meta         TEXT,
    created_at   TEXT NOT NULL,
    batch_id     INTEGER REFERENCES write_batches(id)
);
CREATE UNIQUE INDEX pairs_content_hash ON pairs(content_hash);
CREATE INDEX pairs_shard ON pairs(shard);
CREATE INDEX pairs_batch ON pairs(batch_id);
)sql";

Status contentHashIndexOfItsOwn(Database& db) {
    auto stored = db.scalar("SELECT EXISTS (SELECT 1 FROM pairs)");
    if (!stored)
        return stored.error();
    if (stored->value_or(0) != 0)
        return {};
    return db.executeScript(kSchemaV14EmptyPairs);
}

const Migration kMigrations[] = {
    {1, kSchemaV1},          {2, kSchemaV2},
    {3, kSchemaV3},          {4, kSchemaV4},
    {5, schemaV5().c_str()}, {6, kSchemaV6},
    {7, kSchemaV7},          {8, kSchemaV8},
    {9, kSchemaV9},          {10, kSchemaV10},
    {11, kSchemaV11},        {12, kSchemaV12},
    {13, kSchemaV13},        {14, nullptr, contentHashIndexOfItsOwn},
};

} // namespace

std::span<const Migration> migrations() { return kMigrations; }

int latestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

Result<int> schemaVersion(Database& db) {
    auto version = db.scalar("PRAGMA user_version");
    if (!version)
        return version.error();
    return static_cast<int>(version->value_or(0));
}

Result<std::int64_t> visiblePairCount(Database& db) {
    // All pairs less the staged ones: SQLite counts a whole table from its smallest index
    // without reading the rows, where counting the view tests each pair's batch (1,000,596
    // pairs, warm: 0.004 against 0.069 to 0.081 s).
    auto count = db.scalar("SELECT (SELECT count(*) FROM pairs) - (SELECT count(*) FROM pairs "
                           "WHERE batch_id IN (SELECT id FROM staged_batches))");
    if (!count)
        return count.error();
    return count->value_or(0);
}

Result<std::int64_t> visiblePairCountFromShard(Database& db, std::int64_t firstShard) {
    // The same from the shard index alone: counting the view looked up each pair's batch in
    // the table (1,000,596 pairs, shards 10 to 99: 0.012 against 3.0 to 5.0 s).
    auto count =
        db.scalar("SELECT (SELECT count(*) FROM pairs WHERE shard >= ?1) - (SELECT count(*) "
                  "FROM pairs WHERE shard >= ?1 AND batch_id IN (SELECT id FROM staged_batches))",
                  firstShard);
    if (!count)
        return count.error();
    return count->value_or(0);
}

namespace {

// SQLite's procedure for schema changes that rebuild a table: foreign keys off outside the
// transaction (a DROP TABLE would otherwise check them against the half-built schema),
// checked before each commit, and back as they were afterwards.
class ForeignKeysOff {
  public:
    static Result<ForeignKeysOff> begin(Database& db) {
        auto enabled = db.scalar("PRAGMA foreign_keys");
        if (!enabled)
            return enabled.error();
        RLTHF_TRY(db.executeScript("PRAGMA foreign_keys = OFF"));
        return ForeignKeysOff(db, enabled->value_or(0) != 0);
    }
    ForeignKeysOff(ForeignKeysOff&& other) noexcept
        : m_db(std::exchange(other.m_db, nullptr)), m_restore(other.m_restore) {}
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(ForeignKeysOff&&) = delete;
    ~ForeignKeysOff() {
        if (m_db && m_restore)
            (void)m_db->executeScript("PRAGMA foreign_keys = ON");
    }

  private:
    ForeignKeysOff(Database& db, bool restore) : m_db(&db), m_restore(restore) {}
    Database* m_db;
    bool m_restore;
};

Status checkForeignKeys(Database& db) {
    auto violation = db.firstRow("PRAGMA foreign_key_check");
    if (!violation)
        return violation.error();
    if (*violation)
        return Error{fmt::format("a row of table {} refers to a missing row of {}",
                                 (*violation)->text(0), (*violation)->text(2))};
    return {};
}

} // namespace

Status migrate(Database& db, std::span<const Migration> steps) {
    auto current = schemaVersion(db);
    if (!current)
        return current.error();
    if (steps.empty() || steps.back().version <= *current)
        return {};
    auto foreignKeysOff = ForeignKeysOff::begin(db);
    if (!foreignKeysOff)
        return foreignKeysOff.error();
    for (const Migration& step : steps) {
        if (step.version <= *current)
            continue;
        auto tx = Transaction::begin(db);
        if (!tx)
            return tx.error();
        auto applied = step.apply ? step.apply(db) : db.executeScript(step.sql);
        if (applied)
            applied = checkForeignKeys(db);
        if (!applied)
            return Error{fmt::format("migration to schema {} failed: {}", step.version,
                                     applied.message())};
        // PRAGMA takes no bound parameters; the version is a compile-time integer.
        RLTHF_TRY(db.executeScript(fmt::format("PRAGMA user_version = {}", step.version)));
        RLTHF_TRY(tx->commit());
        *current = step.version;
    }
    return {};
}

} // namespace rlthf::store
