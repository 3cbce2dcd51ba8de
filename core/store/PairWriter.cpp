#include "store/PairWriter.h"

#include "store/Project.h"

namespace rlthf::store {

namespace {

// An imported label says only its pair, source and side: the other columns keep their
// defaults instead of being bound.
constexpr const char* kInsertPlainLabels =
    "INSERT INTO label_events(pair_id, source, value, created_at, batch_id) VALUES ";
constexpr const char* kPlainLabelRow = "(?,?,?,?,?)";

// Plain labels written by one statement, so that SQLite's work per statement (starting it,
// its statement journal, ending it) is paid once per 512 pairs instead of once per pair:
// loading 1,000,582 pairs and their labels, SQLite alone (packaging/bench-sqlite-floor.c)
// took 6.18 and 5.62 s this way against 7.74 and 7.59 s with a pair's two labels in one
// statement.
constexpr std::size_t kPlainLabelsPerStatement = 1024;

std::string insertPlainLabels(std::size_t rows) {
    std::string sql = kInsertPlainLabels;
    for (std::size_t i = 0; i < rows; ++i)
        sql += i ? std::string(",") + kPlainLabelRow : kPlainLabelRow;
    return sql;
}

bool isPlain(const NewLabelEvent& e) {
    return e.action == "label" && e.value && !e.previous && !e.annotator && !e.iteration &&
           !e.comment && !e.margin && !e.revokes && !e.createdAt;
}

} // namespace

Result<PairWriter> PairWriter::create(Database& db, std::optional<std::int64_t> batchId,
                                      Duplicates duplicates) {
    // The content hash's unique index finds a known pair in the same step that inserts a new
    // one, so no separate lookup is needed.
    std::string insertPair = "INSERT INTO pairs(external_id, prompt, response_a, response_b, "
                             "content_hash, shard, meta, created_at, batch_id) "
                             "VALUES (?,?,?,?,?,?,?,?,?)";
    if (duplicates == Duplicates::Skipped)
        insertPair += " ON CONFLICT(content_hash) DO NOTHING";
    auto pair = db.prepare(insertPair);
    if (!pair)
        return pair.error();
    auto label =
        db.prepare("INSERT INTO label_events(pair_id, source, action, value, previous, annotator, "
                   "iteration, comment, margin, revokes, created_at, batch_id) VALUES "
                   "(?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!label)
        return label.error();
    auto plainLabel = db.prepare(insertPlainLabels(1));
    if (!plainLabel)
        return plainLabel.error();
    auto plainLabels = db.prepare(insertPlainLabels(kPlainLabelsPerStatement));
    if (!plainLabels)
        return plainLabels.error();
    return PairWriter(db, batchId, std::move(*pair), std::move(*label), std::move(*plainLabel),
                      std::move(*plainLabels));
}

Result<std::optional<std::int64_t>> PairWriter::insertPair(const NewPair& p) {
    // The texts are read in place, not copied once more (an import's bytes are mostly
    // texts, and each copy costs an allocation).
    const std::string now = nowUtc();
    auto bindInPlace = [&](int index, const std::optional<std::string>& text) {
        if (text)
            m_insertPair.bindInPlace(index, *text);
        else
            m_insertPair.bind(index, Null{});
    };
    bindInPlace(1, p.externalId);
    m_insertPair.bindInPlace(2, p.prompt);
    m_insertPair.bindInPlace(3, p.responseA);
    m_insertPair.bindInPlace(4, p.responseB);
    m_insertPair.bindInPlace(5, p.contentHash);
    m_insertPair.bind(6, p.shard);
    bindInPlace(7, p.meta);
    m_insertPair.bindInPlace(8, now);
    m_insertPair.bind(9, m_batchId);
    const Status inserted = m_insertPair.run();
    m_insertPair.reset(); // before the texts go
    RLTHF_TRY(inserted);
    if (m_db->changes() == 0)
        return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{m_db->lastInsertId()};
}

Result<std::int64_t> PairWriter::appendLabel(const NewLabelEvent& e) {
    m_insertLabel.reset();
    m_insertLabel.bindAll(e.pairId, e.source, e.action, e.value, e.previous, e.annotator,
                          e.iteration, e.comment, e.margin, e.revokes,
                          e.createdAt ? *e.createdAt : nowUtc(), m_batchId);
    RLTHF_TRY(m_insertLabel.run());
    return m_db->lastInsertId();
}

Status PairWriter::writePlainLabels(Statement& stmt, std::size_t first, std::size_t count) {
    const std::string now = nowUtc();
    int index = 1;
    for (std::size_t i = first; i < first + count; ++i) {
        const PendingLabel& label = m_pendingLabels[i];
        stmt.bind(index++, label.pairId);
        stmt.bindInPlace(index++, label.source);
        stmt.bindInPlace(index++, label.value);
        stmt.bindInPlace(index++, now);
        stmt.bind(index++, m_batchId);
    }
    const Status inserted = stmt.run();
    stmt.reset(); // before the texts go
    return inserted;
}

Status PairWriter::queueLabels(const std::vector<NewLabelEvent>& events) {
    for (const NewLabelEvent& e : events) {
        if (!isPlain(e)) {
            RLTHF_TRY(flushLabels()); // the events keep their order
            RLTHF_TRY(appendLabel(e));
            continue;
        }
        m_pendingLabels.push_back({e.pairId, e.source, *e.value});
        if (m_pendingLabels.size() == kPlainLabelsPerStatement) {
            RLTHF_TRY(writePlainLabels(m_insertPlainLabels, 0, kPlainLabelsPerStatement));
            m_pendingLabels.clear();
        }
    }
    return {};
}

Status PairWriter::flushLabels() {
    for (std::size_t i = 0; i < m_pendingLabels.size(); ++i)
        RLTHF_TRY(writePlainLabels(m_insertPlainLabel, i, 1));
    m_pendingLabels.clear();
    return {};
}

} // namespace rlthf::store
