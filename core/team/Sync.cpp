#include "team/Sync.h"

#include "store/Database.h"
#include "store/Project.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <string>
#include <vector>

namespace rlthf::team {

namespace {

constexpr int kPairChunk = 1000;  // pairs per server statement
constexpr int kEventChunk = 2000; // events, and queue items, per server statement
constexpr int kUuidChunk = 1000;  // local events given a global id per local transaction
// Rows a station writes per local transaction: a verdict never waits long behind a sync.
constexpr int kLocalChunk = 250;

std::string str(std::int64_t v) {
    return std::to_string(v);
}

// A transaction-level advisory lock per project (72174: any constant of this program's) that
// serializes pushes, so that the order of arrival (seq) is also the order of commit: a
// station pulling by seq never passes over an event that a slower transaction commits later.
Status lockProjectLog(PgConnection& conn, std::int64_t projectId) {
    return conn.execute("SELECT pg_advisory_xact_lock(72174, $1::integer)",
                        {str(projectId % 2147483647)});
}

// "$first::cast, $first+1::cast, …": one row of a multi-row VALUES, a cast per column ("" for
// none); the caller appends the row's parameters in the same order.
std::string parameterRow(int first, std::initializer_list<const char*> casts) {
    std::string row;
    for (const char* cast : casts) {
        row += fmt::format("{}${}{}{}", row.empty() ? "" : ", ", first++, *cast ? "::" : "", cast);
    }
    return row;
}

// --- pairs -------------------------------------------------------------------------------

Result<std::int64_t> pushPairs(store::Database& db, PgConnection& conn, const TeamProject& p) {
    auto serverMax = conn.query("SELECT coalesce(max(pair_id), 0) FROM team_pairs "
                                "WHERE project_id = $1",
                                {str(p.id)});
    if (!serverMax)
        return serverMax.error();
    std::int64_t after = serverMax->int64(0, 0);
    std::int64_t pushed = 0;
    for (;;) {
        auto rows = db.prepare("SELECT id, external_id, prompt, response_a, response_b, "
                               "content_hash, shard, meta, created_at FROM visible_pairs "
                               "WHERE id > ? ORDER BY id LIMIT ?",
                               after, kPairChunk);
        if (!rows)
            return rows.error();
        std::vector<PgParam> params;
        std::string values;
        int n = 0;
        RLTHF_TRY(rows->forEachRow([&](const store::Statement& row) {
            values += fmt::format(
                "{}({})", n ? "," : "",
                parameterRow(n * 10 + 1, {"", "", "", "", "", "", "", "integer", "", ""}));
            params.push_back(str(p.id));
            params.push_back(str(row.int64(0)));
            params.push_back(row.optionalText(1));
            params.push_back(row.text(2));
            params.push_back(row.text(3));
            params.push_back(row.text(4));
            params.push_back(row.text(5));
            params.push_back(str(row.int64(6)));
            params.push_back(row.optionalText(7));
            params.push_back(row.text(8));
            after = row.int64(0);
            ++n;
        }));
        if (n == 0)
            return pushed;
        RLTHF_TRY(conn.execute(
            "INSERT INTO team_pairs (project_id, pair_id, external_id, prompt, response_a, "
            "response_b, content_hash, shard, meta, created_at) VALUES " +
                values + " ON CONFLICT DO NOTHING",
            params));
        pushed += n;
    }
}

Result<std::int64_t> pullPairs(store::Database& db, PgConnection& conn, const TeamProject& p) {
    std::int64_t pulled = 0;
    for (;;) {
        auto localMax = db.scalar("SELECT coalesce(max(id), 0) FROM pairs");
        if (!localMax)
            return localMax.error();
        auto rows = conn.query(
            "SELECT pair_id, external_id, prompt, response_a, response_b, content_hash, shard, "
            "meta, created_at FROM team_pairs WHERE project_id = $1 AND pair_id > $2 "
            "ORDER BY pair_id LIMIT $3",
            {str(p.id), str(localMax->value_or(0)), str(kPairChunk)});
        if (!rows)
            return rows.error();
        if (rows->rows() == 0)
            return pulled;
        for (int from = 0; from < rows->rows(); from += kLocalChunk) {
            auto tx = store::Transaction::begin(db);
            if (!tx)
                return tx.error();
            auto insert = db.prepare("INSERT INTO pairs (id, external_id, prompt, response_a, "
                                     "response_b, content_hash, shard, meta, created_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            if (!insert)
                return insert.error();
            for (int r = from; r < std::min(rows->rows(), from + kLocalChunk); ++r) {
                insert->reset();
                insert->bindAll(rows->int64(r, 0), rows->optionalText(r, 1), rows->text(r, 2),
                                rows->text(r, 3), rows->text(r, 4), rows->text(r, 5),
                                rows->int64(r, 6), rows->optionalText(r, 7), rows->text(r, 8));
                RLTHF_TRY(insert->run());
            }
            RLTHF_TRY(tx->commit());
        }
        pulled += rows->rows();
    }
}

// --- events ------------------------------------------------------------------------------

// A version 7 UUID (RFC 9562): the Unix time in milliseconds, then 74 bits of SQLite's own
// random bytes. Ids made together sort together, so the unique indexes that hold them (here
// and on the server) grow at one end; random (version 4) ids had every chunk of them written
// all over those indexes.
#define RLTHF_UNIX_MS_HEX                                                                          \
    "printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER))"
constexpr const char* kUuidSql =
    "lower(substr(" RLTHF_UNIX_MS_HEX ", 1, 8) || '-' || substr(" RLTHF_UNIX_MS_HEX ", 9, 4) || "
    "'-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) "
    "|| substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";
#undef RLTHF_UNIX_MS_HEX

// Every local event the server does not know yet gets its global id, once: a retried push
// sends the same id, which the server keeps only once. Only events above the membership's
// assignedThrough are looked at, each once per call, so a sync's cost follows what is new,
// not the project's size; they are looked for in a read, and the write transaction only
// stores the ids of those found.
Status assignGlobalIds(store::Database& db, Membership& m) {
    std::int64_t after = m.assignedThrough;
    for (;;) {
        std::string found; // a JSON array of event ids
        std::size_t n = 0;
        std::int64_t last = after;
        std::optional<std::int64_t> through;
        {
            auto read = store::ReadTransaction::begin(db);
            if (!read)
                return read.error();
            auto rows = db.prepare("SELECT v.id FROM visible_label_events v WHERE v.id > ? AND "
                                   "NOT EXISTS (SELECT 1 FROM team_events t WHERE t.event_id = "
                                   "v.id) ORDER BY v.id LIMIT ?",
                                   after, kUuidChunk);
            if (!rows)
                return rows.error();
            RLTHF_TRY(rows->forEachRow([&](const store::Statement& row) {
                last = row.int64(0);
                found += (n++ ? "," : "[") + str(last);
            }));
            // With the last of them found, every event of this snapshot up to its newest is
            // visible and has its id, except those of an import still being staged, which
            // become visible later under the ids they have now: the mark stays below them.
            if (n < static_cast<std::size_t>(kUuidChunk)) {
                auto mark = db.scalar(
                    "SELECT min(coalesce((SELECT max(id) FROM label_events), 0), coalesce(("
                    "SELECT min(id) - 1 FROM label_events WHERE batch_id IN (SELECT id FROM "
                    "staged_batches)), 9223372036854775807))");
                if (!mark)
                    return mark.error();
                through = mark->value_or(0);
            }
        }
        auto tx = store::Transaction::begin(db);
        if (!tx)
            return tx.error();
        if (n > 0)
            RLTHF_TRY(db.execute(std::string("INSERT INTO team_events (event_id, uuid) SELECT "
                                             "e.id, ") +
                                     kUuidSql +
                                     " FROM label_events e WHERE e.id IN (SELECT value FROM "
                                     "json_each(?)) AND NOT EXISTS (SELECT 1 FROM team_events t "
                                     "WHERE t.event_id = e.id) ORDER BY e.id",
                                 found + "]"));
        if (through && *through > m.assignedThrough) {
            m.assignedThrough = *through;
            RLTHF_TRY(writeMembership(db, m));
        }
        RLTHF_TRY(tx->commit());
        if (through)
            return {};
        after = last;
    }
}

// A local event on its way to the server.
struct OutgoingEvent {
    std::int64_t eventId = 0;
    std::vector<PgParam> values; // uuid, pair_id, source, action, value, previous, annotator,
                                 // created_at, iteration, comment, margin, revokes' uuid
    bool verdict = false;        // an expert's label: closes this station's claim on the pair
    bool skip = false;           // a skip: hands the claim back
};

std::vector<OutgoingEvent> unpushedEvents(store::Statement& rows, Status& status) {
    std::vector<OutgoingEvent> events;
    status = rows.forEachRow([&](const store::Statement& e) {
        OutgoingEvent out;
        out.eventId = e.int64(0);
        out.values = {e.text(1),
                      str(e.int64(2)),
                      e.text(3),
                      e.text(4),
                      e.optionalText(5),
                      e.optionalText(6),
                      e.optionalText(7),
                      e.text(8),
                      e.isNull(9) ? PgParam{} : PgParam{str(e.int64(9))},
                      e.optionalText(10),
                      e.isNull(11) ? PgParam{} : PgParam{fmt::format("{}", e.real(11))},
                      e.optionalText(12)};
        const bool expert = e.text(3) == "human" || e.text(3) == "settled";
        out.verdict = expert && e.text(4) == "label";
        out.skip = expert && e.text(4) == "skip";
        events.push_back(std::move(out));
    });
    return events;
}

// Sends a chunk in one statement, in the events' order (so their seqs follow it); returns
// each event's seq, and counts those the server had already.
Result<std::vector<std::int64_t>> sendEvents(PgConnection& conn, const TeamProject& p,
                                             const Membership& m,
                                             const std::vector<OutgoingEvent>& events,
                                             SyncReport& report) {
    std::vector<PgParam> params = {str(p.id), m.station};
    std::string rows;
    for (std::size_t i = 0; i < events.size(); ++i) {
        rows += fmt::format("{}({}, {})", i ? "," : "", i,
                            parameterRow(static_cast<int>(params.size()) + 1,
                                         {"uuid", "bigint", "", "", "", "", "", "", "bigint", "",
                                          "double precision", "uuid"}));
        params.insert(params.end(), events[i].values.begin(), events[i].values.end());
    }
    auto result = conn.query(
        "WITH v (ord, uuid, pair_id, source, action, value, previous, annotator, created_at, "
        "iteration, comment, margin, revokes) AS (VALUES " +
            rows +
            "), ins AS (INSERT INTO team_events (project_id, uuid, pair_id, source, action, "
            "value, previous, annotator, station, created_at, iteration, comment, margin, "
            "revokes) SELECT $1, uuid, pair_id, source, action, value, previous, annotator, "
            "$2::uuid, created_at, iteration, comment, margin, revokes FROM v ORDER BY ord "
            "ON CONFLICT (uuid) DO NOTHING RETURNING uuid, seq) "
            "SELECT v.ord, coalesce(ins.seq, e.seq), ins.seq IS NOT NULL FROM v "
            "LEFT JOIN ins ON ins.uuid = v.uuid LEFT JOIN team_events e ON e.uuid = v.uuid "
            "ORDER BY v.ord",
        params);
    if (!result)
        return result.error();
    if (result->rows() != static_cast<int>(events.size()))
        return Error{"the team server did not answer for every event sent"};
    std::vector<std::int64_t> seqs(events.size());
    std::string closed, handedBack;
    for (int r = 0; r < result->rows(); ++r) {
        const auto i = static_cast<std::size_t>(result->int64(r, 0));
        seqs[i] = result->int64(r, 1);
        const bool isNew = result->text(r, 2) == "t";
        ++(isNew ? report.pushedEvents : report.knownEvents);
        std::string& list = events[i].verdict ? closed : handedBack;
        if (isNew && (events[i].verdict || events[i].skip))
            list += (list.empty() ? "" : ",") + *events[i].values[1];
    }
    // A verdict closes this station's claim on its pair; a skip hands the claim back.
    if (!closed.empty())
        RLTHF_TRY(conn.execute("UPDATE team_claims SET done = true WHERE project_id = $1 AND "
                               "station = $2::uuid AND NOT done AND pair_id = ANY($3::bigint[])",
                               {str(p.id), m.station, "{" + closed + "}"}));
    if (!handedBack.empty())
        RLTHF_TRY(
            conn.execute("UPDATE team_claims SET lease_until = now() WHERE project_id = $1 AND "
                         "station = $2::uuid AND NOT done AND pair_id = ANY($3::bigint[])",
                         {str(p.id), m.station, "{" + handedBack + "}"}));
    return seqs;
}

Status pushEvents(store::Database& db, PgConnection& conn, const TeamProject& p, Membership& m,
                  SyncReport& report) {
    RLTHF_TRY(assignGlobalIds(db, m));
    for (;;) {
        // In team_events' own order, which an index of the unsent ones (or of seq, whose NULLs
        // are kept in rowid order) gives without sorting: a chunk costs its size, not the
        // number still unsent.
        auto rows =
            db.prepare("SELECT e.id, t.uuid, e.pair_id, e.source, e.action, e.value, e.previous, "
                       "e.annotator, e.created_at, e.iteration, e.comment, e.margin, "
                       "(SELECT r.uuid FROM team_events r WHERE r.event_id = e.revokes) "
                       "FROM team_events t JOIN label_events e ON e.id = t.event_id "
                       "WHERE t.seq IS NULL ORDER BY t.event_id LIMIT ?",
                       kEventChunk);
        if (!rows)
            return rows.error();
        Status read;
        const auto events = unpushedEvents(*rows, read);
        RLTHF_TRY(read);
        if (events.empty())
            return {};
        std::vector<std::int64_t> seqs;
        {
            auto tx = PgTransaction::begin(conn);
            if (!tx)
                return tx.error();
            RLTHF_TRY(lockProjectLog(conn, p.id));
            auto sent = sendEvents(conn, p, m, events, report);
            if (!sent)
                return sent.error();
            seqs = std::move(*sent);
            RLTHF_TRY(tx->commit());
        }
        // Recorded here only once the server has them: a sync killed in between sends them
        // again, and the server answers with the seq it gave them the first time.
        auto tx = store::Transaction::begin(db);
        if (!tx)
            return tx.error();
        auto note = db.prepare("UPDATE team_events SET seq = ? WHERE event_id = ?");
        if (!note)
            return note.error();
        for (std::size_t i = 0; i < events.size(); ++i) {
            note->reset();
            note->bindAll(seqs[i], events[i].eventId);
            RLTHF_TRY(note->run());
        }
        RLTHF_TRY(tx->commit());
    }
}

// Takes over rows [from, to) of a pulled chunk in one short local transaction.
Status takeOverEvents(store::Database& db, const PgResult& rows, int from, int to, Membership& m,
                      SyncReport& report) {
    auto tx = store::Transaction::begin(db);
    if (!tx)
        return tx.error();
    auto localId = db.prepare("SELECT event_id FROM team_events WHERE uuid = ?");
    auto insertEvent =
        db.prepare("INSERT INTO label_events (pair_id, source, action, value, previous, annotator, "
                   "created_at, iteration, comment, margin, revokes) VALUES (?, ?, ?, ?, ?, ?, ?, "
                   "?, ?, ?, ?)");
    auto insertId =
        db.prepare("INSERT INTO team_events (event_id, uuid, seq, station) VALUES (?, ?, ?, ?)");
    for (auto* stmt : {&localId, &insertEvent, &insertId})
        if (!*stmt)
            return stmt->error();
    auto lookUp = [&](const std::string& uuid) -> Result<std::optional<std::int64_t>> {
        localId->reset();
        localId->bindAll(uuid);
        auto found = localId->step();
        if (!found)
            return found.error();
        return *found ? std::optional<std::int64_t>(localId->int64(0)) : std::nullopt;
    };
    for (int r = from; r < to; ++r) {
        const std::string uuid = rows.text(r, 1);
        auto known = lookUp(uuid);
        if (!known)
            return known.error();
        if (*known)
            continue; // another sync of this project took it over meanwhile
        std::optional<std::int64_t> revokes;
        if (const auto revoked = rows.optionalText(r, 13)) {
            auto local = lookUp(*revoked);
            if (!local)
                return local.error();
            revokes = *local;
        }
        insertEvent->reset();
        insertEvent->bindAll(
            rows.int64(r, 2), rows.text(r, 3), rows.text(r, 4), rows.optionalText(r, 5),
            rows.optionalText(r, 6), rows.optionalText(r, 7), rows.text(r, 9),
            rows.optionalInt64(r, 10), rows.optionalText(r, 11),
            rows.isNull(r, 12) ? std::optional<double>()
                               : std::optional<double>(std::stod(rows.text(r, 12))),
            revokes);
        RLTHF_TRY(insertEvent->run());
        insertId->reset();
        insertId->bindAll(db.lastInsertId(), uuid, rows.int64(r, 0), rows.text(r, 8));
        RLTHF_TRY(insertId->run());
        ++report.pulledEvents;
    }
    m.pulledSeq = rows.int64(to - 1, 0);
    RLTHF_TRY(writeMembership(db, m));
    return tx->commit();
}

Status pullEvents(store::Database& db, PgConnection& conn, const TeamProject& p, Membership& m,
                  SyncReport& report) {
    // Pushes commit in the order of their seqs (lockProjectLog), so every event up to the
    // newest committed one is there to read: once they are read, the mark moves past this
    // station's own events too, and the next sync does not pass over them again.
    auto newest = conn.query("SELECT coalesce(max(seq), 0) FROM team_events WHERE project_id = $1",
                             {str(p.id)});
    if (!newest)
        return newest.error();
    const std::int64_t upTo = newest->int64(0, 0);
    for (;;) {
        auto rows = conn.query(
            "SELECT seq, uuid, pair_id, source, action, value, previous, annotator, station, "
            "created_at, iteration, comment, margin, revokes FROM team_events "
            "WHERE project_id = $1 AND seq > $2 AND seq <= $3 AND station <> $4::uuid "
            "ORDER BY seq LIMIT $5",
            {str(p.id), str(m.pulledSeq), str(upTo), m.station, str(kEventChunk)});
        if (!rows)
            return rows.error();
        if (rows->rows() == 0) {
            // Kept with the sync's other marks at its end (syncProject).
            m.pulledSeq = std::max(m.pulledSeq, upTo);
            return {};
        }
        for (int from = 0; from < rows->rows(); from += kLocalChunk)
            RLTHF_TRY(takeOverEvents(db, *rows, from, std::min(rows->rows(), from + kLocalChunk), m,
                                     report));
    }
}

// The names of the project's stations, which an export gives with each verdict. Few rows:
// all of them every time, so a renamed station is followed.
Status pullStationNames(store::Database& db, PgConnection& conn, const TeamProject& p) {
    auto rows = conn.query("SELECT id, name FROM team_stations WHERE project_id = $1", {str(p.id)});
    if (!rows)
        return rows.error();
    auto tx = store::Transaction::begin(db);
    if (!tx)
        return tx.error();
    auto upsert = db.prepare("INSERT INTO team_stations (id, name) VALUES (?, ?) "
                             "ON CONFLICT (id) DO UPDATE SET name = excluded.name "
                             "WHERE name <> excluded.name");
    if (!upsert)
        return upsert.error();
    for (int r = 0; r < rows->rows(); ++r) {
        upsert->reset();
        upsert->bindAll(rows->text(r, 0), rows->text(r, 1));
        RLTHF_TRY(upsert->run());
    }
    return tx->commit();
}

// --- queues ------------------------------------------------------------------------------

// Whether a queue item goes to two experts: a fixed, even spread of `share` of the items
// (by a multiplicative hash of the pair id), the same on every server and every run.
bool overlaps(std::int64_t pairId, double share) {
    const auto h = (static_cast<std::uint64_t>(pairId) * 11400714819323198485ull) >> 40;
    return static_cast<double>(h % 10000) < share * 10000.0;
}

Status publishQueue(store::Database& db, PgConnection& conn, const TeamProject& p, Membership& m,
                    SyncReport& report) {
    auto latest = db.scalar("SELECT max(id) FROM iterations WHERE status = 'done'");
    if (!latest)
        return latest.error();
    if (!*latest || **latest <= m.publishedIteration)
        return {};
    const std::int64_t iteration = **latest;
    auto items = db.prepare("SELECT pair_id, priority, reason FROM queue WHERE iteration_id = ? "
                            "ORDER BY priority",
                            iteration);
    if (!items)
        return items.error();
    auto tx = PgTransaction::begin(conn);
    if (!tx)
        return tx.error();
    RLTHF_TRY(conn.execute("INSERT INTO team_iterations (project_id, iteration) VALUES ($1, $2) "
                           "ON CONFLICT DO NOTHING",
                           {str(p.id), str(iteration)}));
    std::int64_t n = 0;
    std::vector<PgParam> params;
    std::string values;
    auto send = [&]() -> Status {
        if (values.empty())
            return {};
        Status sent = conn.execute("INSERT INTO team_queue (project_id, iteration, pair_id, "
                                   "priority, reason, copies) VALUES " +
                                       values + " ON CONFLICT DO NOTHING",
                                   params);
        values.clear();
        params.clear();
        return sent;
    };
    RLTHF_TRY(items->forEachRow([&](const store::Statement& row) -> Status {
        values +=
            fmt::format("{}({})", values.empty() ? "" : ",",
                        parameterRow(static_cast<int>(params.size()) + 1,
                                     {"bigint", "integer", "bigint", "bigint", "", "smallint"}));
        params.insert(params.end(),
                      {str(p.id), str(iteration), str(row.int64(0)), str(row.int64(1)), row.text(2),
                       overlaps(row.int64(0), p.overlapShare) ? "2" : "1"});
        return ++n % kEventChunk == 0 ? send() : Status{};
    }));
    RLTHF_TRY(send());
    // One claim slot per copy of each item: what stations take (claimItems).
    RLTHF_TRY(conn.execute("INSERT INTO team_claims (project_id, iteration, pair_id, copy) "
                           "SELECT q.project_id, q.iteration, q.pair_id, c FROM team_queue q, "
                           "generate_series(1, q.copies) c WHERE q.project_id = $1 AND "
                           "q.iteration = $2 ON CONFLICT DO NOTHING",
                           {str(p.id), str(iteration)}));
    RLTHF_TRY(tx->commit());
    m.publishedIteration = iteration;
    RLTHF_TRY(saveMembership(db, m));
    report.publishedIteration = iteration;
    report.queueItems = n;
    return {};
}

Status receiveQueue(store::Database& db, PgConnection& conn, const TeamProject& p, Membership& m,
                    SyncReport& report) {
    auto latest = conn.query("SELECT max(iteration), count(*) FROM team_iterations "
                             "WHERE project_id = $1",
                             {str(p.id)});
    if (!latest)
        return latest.error();
    const auto iteration = latest->optionalInt64(0, 0);
    if (!iteration || *iteration <= m.publishedIteration)
        return {};
    auto items = conn.query("SELECT pair_id, priority, reason FROM team_queue "
                            "WHERE project_id = $1 AND iteration = $2 ORDER BY priority",
                            {str(p.id), str(*iteration)});
    if (!items)
        return items.error();
    // The station keeps the lead's iteration ids, so events name the same iteration
    // everywhere; its iteration rows hold no model, only the queue to review. The queue goes
    // in short transactions under an iteration still 'running', which comes into force
    // ('done') in the last one; a sync killed halfway leaves what the next one completes.
    RLTHF_TRY(db.execute("INSERT OR IGNORE INTO iterations (id, started_at, data_revision, "
                         "status, metrics) VALUES (?, ?, 0, 'running', ?)",
                         *iteration, store::nowUtc(),
                         fmt::format(R"({{"iteration":{}}})", latest->int64(0, 1))));
    for (int from = 0; from < items->rows(); from += kLocalChunk) {
        auto tx = store::Transaction::begin(db);
        if (!tx)
            return tx.error();
        auto insert = db.prepare("INSERT OR IGNORE INTO queue (iteration_id, pair_id, priority, "
                                 "reason) VALUES (?, ?, ?, ?)");
        if (!insert)
            return insert.error();
        for (int r = from; r < std::min(items->rows(), from + kLocalChunk); ++r) {
            insert->reset();
            insert->bindAll(*iteration, items->int64(r, 0), items->int64(r, 1), items->text(r, 2));
            RLTHF_TRY(insert->run());
        }
        RLTHF_TRY(tx->commit());
    }
    auto tx = store::Transaction::begin(db);
    if (!tx)
        return tx.error();
    RLTHF_TRY(db.execute("UPDATE iterations SET status = 'done', finished_at = ? WHERE id = ?",
                         store::nowUtc(), *iteration));
    m.publishedIteration = *iteration;
    RLTHF_TRY(writeMembership(db, m));
    RLTHF_TRY(tx->commit());
    report.receivedIteration = *iteration;
    report.queueItems = items->rows();
    return {};
}

// --- claims ------------------------------------------------------------------------------

// The stations reviewing now: this one, and those that synced within activeSeconds; the
// lead claims nothing. Parameters: $1 project, $2 iteration, $3 this station, $4 the lead,
// $5 activeSeconds.
constexpr const char* kActiveStations =
    "active AS (SELECT id FROM team_stations WHERE project_id = $1 AND id <> $4::uuid "
    "AND (id = $3::uuid OR last_seen > now() - make_interval(secs => $5::integer)))";
// The other reviewing stations that hold fewer than $6 (the share) items now.
constexpr const char* kShortStations =
    "short AS (SELECT a.id FROM active a WHERE a.id <> $3::uuid AND (SELECT count(*) FROM "
    "team_claims c WHERE c.project_id = $1 AND c.iteration = $2 AND c.station = a.id "
    "AND NOT c.done AND c.lease_until > now()) < $6::bigint)";
// Station s.id may take the item of slot c: it holds no copy of it and has not judged it.
constexpr const char* kCouldTake =
    "NOT EXISTS (SELECT 1 FROM team_claims o WHERE o.project_id = c.project_id "
    "AND o.iteration = c.iteration AND o.pair_id = c.pair_id AND o.station = s.id "
    "AND (o.done OR o.lease_until > now()))";

// A station's claims on iteration {} whose items its queue still shows (not answered here).
constexpr const char* kOpenClaimsOf =
    "SELECT c.pair_id FROM team_claims c WHERE c.iteration_id = {} AND NOT EXISTS "
    "(SELECT 1 FROM answered_here x WHERE x.pair_id = c.pair_id)";

// A transaction that changes this station's claims; one such transaction at a time per
// station (an advisory lock until it ends). Two programs of one station (the window's
// background sync and `rlthf team sync`) otherwise renewed, handed back and took its slots
// in different orders, and PostgreSQL aborted one of them as a deadlock (in 5 of 6 runs of
// tests/team's test of three programs of a station syncing 120 times each). Other stations
// do not wait: the lock is the station's.
Result<PgTransaction> beginClaimsChange(PgConnection& conn, const Membership& m) {
    auto tx = PgTransaction::begin(conn);
    if (!tx)
        return tx.error();
    RLTHF_TRY(conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", {m.station}));
    return tx;
}

struct ClaimShare {
    std::int64_t items = 0;   // this station's share of the open items
    std::int64_t held = 0;    // the items it holds on the server now
    bool othersShort = false; // another reviewing station holds fewer and could take some
};

// The open items of the queue (free, or held by a station still reviewing), shared evenly
// among the stations reviewing. The share limits a station only while another one is short
// of it and could take what is free or held here.
Result<ClaimShare> fairShare(PgConnection& conn, const std::vector<PgParam>& params) {
    auto row = conn.query(
        fmt::format("WITH {} SELECT (SELECT count(*) FROM active), (SELECT count(*) FROM "
                    "team_claims c WHERE c.project_id = $1 AND c.iteration = $2 AND NOT c.done "
                    "AND (c.station IS NULL OR c.lease_until <= now() OR c.station IN "
                    "(SELECT id FROM active))), (SELECT count(*) FROM team_claims c WHERE "
                    "c.project_id = $1 AND c.iteration = $2 AND c.station = $3::uuid AND NOT "
                    "c.done AND c.lease_until > now())",
                    kActiveStations),
        params);
    if (!row)
        return row.error();
    const std::int64_t stations = std::max<std::int64_t>(row->int64(0, 0), 1);
    ClaimShare share{(row->int64(0, 1) + stations - 1) / stations, row->int64(0, 2)};
    auto withShare = params;
    withShare.push_back(str(share.items));
    auto shortOf = conn.query(
        fmt::format("WITH {}, {} SELECT EXISTS (SELECT 1 FROM short s JOIN team_claims c ON "
                    "c.project_id = $1 AND c.iteration = $2 AND NOT c.done AND (c.station IS "
                    "NULL OR c.lease_until <= now() OR c.station = $3::uuid) WHERE {})",
                    kActiveStations, kShortStations, kCouldTake),
        withShare);
    if (!shortOf)
        return shortOf.error();
    share.othersShort = shortOf->text(0, 0) == "t";
    return share;
}

// Hands back up to `count` of this station's items that a short station could take, the
// ones its expert would reach last; returns how many.
Result<std::int64_t> handBack(PgConnection& conn, std::vector<PgParam> params, std::int64_t share,
                              std::int64_t count) {
    params.push_back(str(share));
    params.push_back(str(count));
    auto handedBack = conn.query(
        fmt::format("WITH {}, {} UPDATE team_claims t SET lease_until = now() FROM (SELECT "
                    "c.pair_id, c.copy FROM team_claims c JOIN team_queue q USING "
                    "(project_id, iteration, pair_id) WHERE c.project_id = $1 AND c.iteration "
                    "= $2 AND c.station = $3::uuid AND NOT c.done AND c.lease_until > now() "
                    "AND EXISTS (SELECT 1 FROM short s WHERE {}) ORDER BY q.priority DESC "
                    "LIMIT $7) r WHERE t.project_id = $1 AND t.iteration = $2 AND t.pair_id = "
                    "r.pair_id AND t.copy = r.copy RETURNING t.pair_id",
                    kActiveStations, kShortStations, kCouldTake),
        params);
    if (!handedBack)
        return handedBack.error();
    return static_cast<std::int64_t>(handedBack->rows());
}

Status claimItems(store::Database& db, PgConnection& conn, const TeamProject& p,
                  const Membership& m, const SyncOptions& options, SyncReport& report) {
    if (m.publishedIteration <= 0)
        return {};
    std::set<std::int64_t> open; // the items the station's queue shows now
    auto openNow = db.prepare(fmt::format(kOpenClaimsOf, "?"), m.publishedIteration);
    if (!openNow)
        return openNow.error();
    RLTHF_TRY(openNow->forEachRow([&](const store::Statement& row) { open.insert(row.int64(0)); }));
    const auto held = static_cast<std::int64_t>(open.size());
    const std::string iteration = str(m.publishedIteration);
    const std::string lease = str(p.leaseSeconds);
    auto tx = beginClaimsChange(conn, m);
    if (!tx)
        return tx.error();
    // Renewing locks the station's slots; a station that took one of them over once its
    // lease ran out has changed the row, and the renewal, rechecking it, passes over it.
    RLTHF_TRY(conn.execute(
        "UPDATE team_claims SET lease_until = now() + make_interval(secs => $4::integer) "
        "WHERE project_id = $1 AND iteration = $2 AND station = $3::uuid AND NOT done "
        "AND lease_until > now()",
        {str(p.id), iteration, m.station, lease}));
    const std::vector<PgParam> params{str(p.id), iteration, m.station, p.leadStation,
                                      str(options.activeSeconds)};
    auto share = fairShare(conn, params);
    if (!share)
        return share.error();
    // A station holding more than its share hands back the items its expert reaches last,
    // so that a station joining late does not sit idle behind a full claim.
    if (options.claim && share->othersShort && share->held > share->items) {
        auto handedBack = handBack(conn, params, share->items, share->held - share->items);
        if (!handedBack)
            return handedBack.error();
        report.handedBack = *handedBack;
    }
    const std::int64_t limit = share->othersShort
                                   ? std::min<std::int64_t>(options.claimBatch, share->items)
                                   : options.claimBatch;
    const std::int64_t wanted = limit - held;
    if (options.claim && wanted > 0) {
        // Free slots in queue order, at most one per item (its lowest free copy), none of an
        // item this station holds or judged. SKIP LOCKED passes over slots that another
        // station is taking right now; a slot taken and committed since this statement began
        // is rechecked on its new row when locked, and is no longer free.
        auto claimed = conn.query(
            "WITH picked AS (SELECT c.pair_id, c.copy FROM team_claims c JOIN team_queue q "
            "  USING (project_id, iteration, pair_id) "
            "WHERE c.project_id = $1 AND c.iteration = $2 AND NOT c.done "
            "AND (c.station IS NULL OR c.lease_until <= now()) "
            "AND c.copy = (SELECT min(f.copy) FROM team_claims f WHERE f.project_id = "
            "  c.project_id AND f.iteration = c.iteration AND f.pair_id = c.pair_id AND NOT "
            "  f.done AND (f.station IS NULL OR f.lease_until <= now())) "
            "AND NOT EXISTS (SELECT 1 FROM team_claims m WHERE m.project_id = c.project_id "
            "  AND m.iteration = c.iteration AND m.pair_id = c.pair_id "
            "  AND m.station = $3::uuid AND (m.done OR m.lease_until > now())) "
            "ORDER BY q.priority LIMIT $4 FOR UPDATE OF c SKIP LOCKED) "
            "UPDATE team_claims c SET station = $3::uuid, claimed_at = now(), "
            "lease_until = now() + make_interval(secs => $5::integer) FROM picked "
            "WHERE c.project_id = $1 AND c.iteration = $2 AND c.pair_id = picked.pair_id "
            "AND c.copy = picked.copy RETURNING c.pair_id",
            {str(p.id), iteration, m.station, str(wanted), lease});
        if (!claimed)
            return claimed.error();
        report.claimed = claimed->rows();
    }
    auto mine = conn.query(
        "SELECT pair_id, to_char(lease_until AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM team_claims WHERE project_id = $1 AND "
        "iteration = $2 AND station = $3::uuid AND NOT done AND lease_until > now()",
        {str(p.id), iteration, m.station});
    if (!mine)
        return mine.error();
    RLTHF_TRY(tx->commit());
    // The station's copy of its claims is what its queue shows; leases it lost are gone.
    auto local = store::Transaction::begin(db);
    if (!local)
        return local.error();
    RLTHF_TRY(db.execute("DELETE FROM team_claims WHERE iteration_id = ?", m.publishedIteration));
    for (int r = 0; r < mine->rows(); ++r) {
        open.erase(mine->int64(r, 0));
        RLTHF_TRY(db.execute(
            "INSERT INTO team_claims (iteration_id, pair_id, lease_until) VALUES (?, ?, ?)",
            m.publishedIteration, mine->int64(r, 0), mine->text(r, 1)));
    }
    report.droppedClaims = static_cast<std::int64_t>(open.size()); // held no longer
    RLTHF_TRY(local->commit());
    auto after = openClaims(db);
    if (!after)
        return after.error();
    report.heldClaims = *after;
    return {};
}

// The station stops reviewing: every open claim goes back to the team, and the station's
// copy of its claims is emptied, so that its queue shows nothing until it syncs again.
Status leaveClaims(store::Database& db, PgConnection& conn, const TeamProject& p,
                   const Membership& m, SyncReport& report) {
    auto openHere = openClaims(db);
    if (!openHere)
        return openHere.error();
    auto tx = beginClaimsChange(conn, m);
    if (!tx)
        return tx.error();
    auto handedBack =
        conn.query("UPDATE team_claims SET lease_until = now() WHERE project_id = $1 AND station = "
                   "$2::uuid AND NOT done AND lease_until > now() RETURNING pair_id",
                   {str(p.id), m.station});
    if (!handedBack)
        return handedBack.error();
    RLTHF_TRY(tx->commit());
    report.handedBack = handedBack->rows();
    auto local = store::Transaction::begin(db);
    if (!local)
        return local.error();
    RLTHF_TRY(db.execute("DELETE FROM team_claims"));
    RLTHF_TRY(local->commit());
    report.droppedClaims = *openHere;
    report.heldClaims = 0;
    return {};
}

// Items judged by more stations than their copies: a station's lease ran out while it was
// offline, another claimed the item, and both gave a verdict.
Result<std::vector<std::int64_t>> findConflicts(PgConnection& conn, const TeamProject& p,
                                                const Membership& m) {
    // Verdicts in force (not undone) given under this iteration, by station.
    auto rows = conn.query(
        "SELECT q.pair_id FROM team_queue q JOIN team_events e ON e.project_id = q.project_id "
        "AND e.iteration = q.iteration AND e.pair_id = q.pair_id AND e.source = 'human' "
        "AND e.action = 'label' WHERE q.project_id = $1 AND q.iteration = $2 AND NOT EXISTS "
        "(SELECT 1 FROM team_events r WHERE r.revokes = e.uuid) GROUP BY q.pair_id, q.copies "
        "HAVING count(DISTINCT e.station) > q.copies ORDER BY q.pair_id",
        {str(p.id), str(m.publishedIteration)});
    if (!rows)
        return rows.error();
    std::vector<std::int64_t> pairs;
    for (int r = 0; r < rows->rows(); ++r)
        pairs.push_back(rows->int64(r, 0));
    return pairs;
}

} // namespace

Result<TeamProject> findTeamProject(PgConnection& conn, const std::string& name) {
    auto row = conn.query("SELECT id, lead_station, overlap_share, lease_seconds "
                          "FROM team_projects WHERE name = $1",
                          {name});
    if (!row)
        return row.error();
    if (row->rows() == 0)
        return Error{fmt::format("the team server has no project named \"{}\"", name)};
    TeamProject p;
    p.id = row->int64(0, 0);
    p.leadStation = row->text(0, 1);
    p.overlapShare = std::stod(row->text(0, 2));
    p.leaseSeconds = static_cast<int>(row->int64(0, 3));
    return p;
}

Result<std::int64_t> openClaims(store::Database& db) {
    auto n = db.scalar(fmt::format(
        "SELECT count(*) FROM ({})",
        fmt::format(kOpenClaimsOf, "(SELECT max(id) FROM iterations WHERE status = 'done')")));
    if (!n)
        return n.error();
    return n->value_or(0);
}

Result<std::int64_t> eventsWaiting(store::Database& db) {
    auto n = db.scalar(
        "SELECT (SELECT count(*) FROM team_events WHERE seq IS NULL) + (SELECT count(*) FROM "
        "visible_label_events v WHERE v.id > coalesce((SELECT json_extract(value, "
        "'$.assigned_through') FROM settings WHERE key = 'team'), 0) AND NOT EXISTS (SELECT 1 "
        "FROM team_events t WHERE t.event_id = v.id))");
    if (!n)
        return n.error();
    return n->value_or(0);
}

Result<SyncReport> syncProject(store::Database& db, PgConnection& conn, Membership& m,
                               const SyncOptions& options) {
    auto project = findTeamProject(conn, m.name);
    if (!project)
        return project.error();
    SyncReport report;
    const bool lead = m.role == TeamRole::Lead;
    if (lead) {
        auto pushed = pushPairs(db, conn, *project);
        if (!pushed)
            return pushed.error();
        report.pushedPairs = *pushed;
    } else {
        auto pulled = pullPairs(db, conn, *project);
        if (!pulled)
            return pulled.error();
        report.pulledPairs = *pulled;
    }
    RLTHF_TRY(pushEvents(db, conn, *project, m, report));
    RLTHF_TRY(pullEvents(db, conn, *project, m, report));
    RLTHF_TRY(pullStationNames(db, conn, *project));
    if (lead) {
        RLTHF_TRY(publishQueue(db, conn, *project, m, report));
        auto conflicts = findConflicts(conn, *project, m);
        if (!conflicts)
            return conflicts.error();
        report.conflicts = std::move(*conflicts);
    } else {
        RLTHF_TRY(receiveQueue(db, conn, *project, m, report));
        if (options.leaving)
            RLTHF_TRY(leaveClaims(db, conn, *project, m, report));
        else
            RLTHF_TRY(claimItems(db, conn, *project, m, options, report));
    }
    // A station that left has no time of last review: the others no longer count it as
    // reviewing when they share the open items out.
    RLTHF_TRY(conn.execute(options.leaving && !lead
                               ? "UPDATE team_stations SET last_seen = NULL WHERE id = $1::uuid"
                               : "UPDATE team_stations SET last_seen = now() WHERE id = $1::uuid",
                           {m.station}));
    m.lastSync = store::nowUtc();
    RLTHF_TRY(saveMembership(db, m));
    return report;
}

} // namespace rlthf::team
