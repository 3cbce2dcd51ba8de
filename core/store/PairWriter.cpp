#include "store/PairWriter.h"

#include "store/Project.h"

namespace rlthf::store {

Result<PairWriter> PairWriter::create(Database& db, std::optional<std::int64_t> batchId) {
    auto find = db.prepare("SELECT 1 FROM pairs WHERE content_hash = ?");
    if (!find)
        return find.error();
    auto pair =
        db.prepare("INSERT INTO pairs(external_id, prompt, response_a, response_b, "
                   "content_hash, shard, meta, created_at, batch_id) VALUES (?,?,?,?,?,?,?,?,?)");
    if (!pair)
        return pair.error();
    auto label =
        db.prepare("INSERT INTO label_events(pair_id, source, action, value, previous, annotator, "
                   "iteration, comment, margin, revokes, created_at, batch_id) VALUES "
                   "(?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!label)
        return label.error();
    return PairWriter(db, batchId, std::move(*find), std::move(*pair), std::move(*label));
}

Result<bool> PairWriter::containsHash(const std::string& contentHash) {
    m_find.reset();
    m_find.bindAll(contentHash);
    auto found = m_find.step();
    // A statement left on a row keeps its read snapshot; once another connection commits,
    // this connection could no longer begin a write (SQLITE_BUSY_SNAPSHOT).
    m_find.reset();
    return found;
}

Result<std::int64_t> PairWriter::insertPair(const NewPair& p) {
    m_insertPair.reset();
    m_insertPair.bindAll(p.externalId, p.prompt, p.responseA, p.responseB, p.contentHash, p.shard,
                         p.meta, nowUtc(), m_batchId);
    RLTHF_TRY(m_insertPair.run());
    return m_db->lastInsertId();
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
