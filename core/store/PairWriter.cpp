#include "store/PairWriter.h"

#include "store/Project.h"

namespace rlthf::store {

namespace {

constexpr const char* kInsertLabels =
    "INSERT INTO label_events(pair_id, source, action, value, previous, annotator, iteration, "
    "comment, margin, revokes, created_at, batch_id) VALUES ";
constexpr const char* kLabelRow = "(?,?,?,?,?,?,?,?,?,?,?,?)";

} // namespace

Result<PairWriter> PairWriter::create(Database& db, std::optional<std::int64_t> batchId) {
    // The content hash's unique index finds a known pair in the same step that inserts a new
    // one, so no separate lookup is needed.
    auto pair =
        db.prepare("INSERT INTO pairs(external_id, prompt, response_a, response_b, "
                   "content_hash, shard, meta, created_at, batch_id) VALUES (?,?,?,?,?,?,?,?,?) "
                   "ON CONFLICT(content_hash) DO NOTHING");
    if (!pair)
        return pair.error();
    auto label = db.prepare(std::string(kInsertLabels) + kLabelRow);
    if (!label)
        return label.error();
    // A pair's AI and gold labels in one statement: an import runs a third fewer.
    auto twoLabels = db.prepare(std::string(kInsertLabels) + kLabelRow + "," + kLabelRow);
    if (!twoLabels)
        return twoLabels.error();
    return PairWriter(db, batchId, std::move(*pair), std::move(*label), std::move(*twoLabels));
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
    bindLabel(m_insertLabel, 1, e, nowUtc());
    RLTHF_TRY(m_insertLabel.run());
    return m_db->lastInsertId();
}

void PairWriter::bindLabel(Statement& stmt, int first, const NewLabelEvent& e,
                           const std::string& now) {
    int index = first;
    auto bind = [&](const auto& value) { stmt.bind(index++, value); };
    bind(e.pairId);
    bind(e.source);
    bind(e.action);
    bind(e.value);
    bind(e.previous);
    bind(e.annotator);
    bind(e.iteration);
    bind(e.comment);
    bind(e.margin);
    bind(e.revokes);
    bind(e.createdAt ? *e.createdAt : now);
    bind(m_batchId);
}

Status PairWriter::appendLabels(const std::vector<NewLabelEvent>& events) {
    std::size_t i = 0;
    const std::string now = nowUtc();
    for (; i + 1 < events.size(); i += 2) {
        m_insertTwoLabels.reset();
        bindLabel(m_insertTwoLabels, 1, events[i], now);
        bindLabel(m_insertTwoLabels, 13, events[i + 1], now);
        RLTHF_TRY(m_insertTwoLabels.run());
    }
    if (i < events.size())
        RLTHF_TRY(appendLabel(events[i]));
    return {};
}

} // namespace rlthf::store
