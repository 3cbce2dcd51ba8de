#include "store/PairWriter.h"

#include "store/Project.h"

namespace rlthf::store {

Result<PairWriter> PairWriter::create(Database& db, std::optional<std::int64_t> batchId) {
    // The content hash's unique index finds a known pair in the same step that inserts a new
    // one, so no separate lookup is needed.
    auto pair =
        db.prepare("INSERT INTO pairs(external_id, prompt, response_a, response_b, "
                   "content_hash, shard, meta, created_at, batch_id) VALUES (?,?,?,?,?,?,?,?,?) "
                   "ON CONFLICT(content_hash) DO NOTHING");
    if (!pair)
        return pair.error();
    auto label =
        db.prepare("INSERT INTO label_events(pair_id, source, action, value, previous, annotator, "
                   "iteration, comment, margin, revokes, created_at, batch_id) VALUES "
                   "(?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!label)
        return label.error();
    return PairWriter(db, batchId, std::move(*pair), std::move(*label));
}

Result<std::optional<std::int64_t>> PairWriter::insertPair(const NewPair& p) {
    m_insertPair.bind(1, p.externalId);
    // The texts are most of an import's bytes: read in place, not copied once more.
    m_insertPair.bindInPlace(2, p.prompt);
    m_insertPair.bindInPlace(3, p.responseA);
    m_insertPair.bindInPlace(4, p.responseB);
    m_insertPair.bind(5, p.contentHash);
    m_insertPair.bind(6, p.shard);
    m_insertPair.bind(7, p.meta);
    m_insertPair.bind(8, nowUtc());
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

} // namespace rlthf::store
