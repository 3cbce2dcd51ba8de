#include "store/PairWriter.h"

#include "store/Project.h"

namespace rlthf::store {

namespace {

constexpr const char* kInsertLabels =
    "INSERT INTO label_events(pair_id, source, action, value, previous, annotator, iteration, "
    "comment, margin, revokes, created_at, batch_id) VALUES ";
constexpr const char* kLabelRow = "(?,?,?,?,?,?,?,?,?,?,?,?)";

// An imported label says only its pair, source and side: the other columns keep their
// defaults instead of being bound, 10 parameters for two rows instead of 24.
constexpr const char* kInsertTwoPlainLabels =
    "INSERT INTO label_events(pair_id, source, value, created_at, batch_id) "
    "VALUES (?,?,?,?,?),(?,?,?,?,?)";

bool isPlain(const NewLabelEvent& e) {
    return e.action == "label" && e.value && !e.previous && !e.annotator && !e.iteration &&
           !e.comment && !e.margin && !e.revokes && !e.createdAt;
}

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
    auto twoPlainLabels = db.prepare(kInsertTwoPlainLabels);
    if (!twoPlainLabels)
        return twoPlainLabels.error();
    return PairWriter(db, batchId, std::move(*pair), std::move(*label), std::move(*twoLabels),
                      std::move(*twoPlainLabels));
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

Status PairWriter::appendTwoPlainLabels(const NewLabelEvent& first, const NewLabelEvent& second,
                                        const std::string& now) {
    int index = 1;
    for (const NewLabelEvent* e : {&first, &second}) {
        m_insertTwoPlainLabels.bind(index++, e->pairId);
        m_insertTwoPlainLabels.bindInPlace(index++, e->source);
        m_insertTwoPlainLabels.bindInPlace(index++, *e->value);
        m_insertTwoPlainLabels.bindInPlace(index++, now);
        m_insertTwoPlainLabels.bind(index++, m_batchId);
    }
    const Status inserted = m_insertTwoPlainLabels.run();
    m_insertTwoPlainLabels.reset(); // before the texts go
    return inserted;
}

Status PairWriter::appendLabels(const std::vector<NewLabelEvent>& events) {
    std::size_t i = 0;
    const std::string now = nowUtc();
    for (; i + 1 < events.size(); i += 2) {
        if (isPlain(events[i]) && isPlain(events[i + 1])) {
            RLTHF_TRY(appendTwoPlainLabels(events[i], events[i + 1], now));
            continue;
        }
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
