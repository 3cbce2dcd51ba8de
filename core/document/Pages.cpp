#include "document/Pages.h"
#include "store/Database.h"

#include "loop/Review.h"

namespace rlthf::document {

namespace {

// One page of pairs after a given id. The current label is looked up through a
// correlated scalar subquery: a LEFT JOIN on the current_labels view would make
// SQLite materialise the view over every pair for each page.
constexpr const char* kPairPageSql =
    "SELECT p.id, substr(p.prompt, 1, 512), p.shard, e.value, e.source "
    "FROM visible_pairs p "
    "LEFT JOIN label_events e "
    "  ON e.id = (SELECT c.event_id FROM current_labels c WHERE c.pair_id = p.id) "
    "WHERE p.id > ? ORDER BY p.id LIMIT ?";

// Each queue query returns: key (ascending), pair id, order text, reason, margin, prompt
// start. The open queue as the loop defines it, paged by priority.
const std::string& toReviewSql() {
    static const std::string sql = std::string(R"sql(
SELECT q.priority, q.pair_id, CASE WHEN q.iteration_id IS NOT NULL THEN q.priority END, q.reason,
       s.margin, substr(p.prompt, 1, 300)
FROM )sql") + loop::openQueuePageSource() +
                                   R"sql(
JOIN pairs p ON p.id = q.pair_id
LEFT JOIN model_runs m ON m.iteration_id = q.iteration_id
LEFT JOIN scores s ON s.model_run_id = m.id AND s.pair_id = q.pair_id
WHERE q.priority > ?1 AND ?3 IS NOT NULL ORDER BY q.priority LIMIT ?2)sql";
    return sql;
}

constexpr const char* kAutoFlippedSql = R"sql(
SELECT e.id, e.pair_id, e.iteration, 'flip', e.margin, substr(p.prompt, 1, 300)
FROM active_labels e JOIN pairs p ON p.id = e.pair_id
WHERE e.source = 'flipped' AND e.id > ?1 AND ?3 IS NOT NULL
ORDER BY e.id LIMIT ?2)sql";

constexpr const char* kKeptSql = R"sql(
SELECT s.rank, s.pair_id, s.rank, s.zone, s.margin, substr(p.prompt, 1, 300)
FROM scores s JOIN pairs p ON p.id = s.pair_id
WHERE s.model_run_id = (SELECT m.id FROM model_runs m JOIN iterations i ON i.id = m.iteration_id
                        WHERE i.status = 'done' ORDER BY m.id DESC LIMIT 1)
  AND s.zone = 'kept' AND s.rank > ?1 AND ?3 IS NOT NULL
ORDER BY s.rank LIMIT ?2)sql";

constexpr const char* kReviewedSql = R"sql(
SELECT e.id, e.pair_id, e.annotator, e.value, NULL, substr(p.prompt, 1, 300)
FROM expert_labels e JOIN pairs p ON p.id = e.pair_id
WHERE e.id > ?1 AND (?3 = '' OR e.annotator = ?3)
ORDER BY e.id LIMIT ?2)sql";

// Up to pageSize rows; the query asks for one more, which tells whether a page follows.
template <class Row, class ReadRow>
Result<Page<Row>> readPage(store::Statement& stmt, int pageSize, ReadRow readRow) {
    Page<Row> page;
    page.rows.reserve(static_cast<std::size_t>(pageSize));
    for (;;) {
        auto step = stmt.step();
        if (!step)
            return step.error();
        if (!*step)
            return page;
        if (page.rows.size() == static_cast<std::size_t>(pageSize)) {
            page.more = true;
            return page;
        }
        page.rows.push_back(readRow(stmt));
    }
}

} // namespace

const char* pairPageSql() {
    return kPairPageSql;
}

Result<Page<PairRow>> pairPage(store::Database& db, std::int64_t afterId, int pageSize) {
    auto stmt = db.prepare(kPairPageSql, afterId, static_cast<std::int64_t>(pageSize) + 1);
    if (!stmt)
        return stmt.error();
    return readPage<PairRow>(*stmt, pageSize, [](const store::Statement& row) {
        PairRow r;
        r.id = row.int64(0);
        r.promptStart = row.text(1);
        r.shard = static_cast<int>(row.int64(2));
        r.label = row.optionalText(3);
        r.source = row.optionalText(4);
        return r;
    });
}

const char* queuePageSql(QueueFilter filter) {
    switch (filter) {
    case QueueFilter::ToReview:
        return toReviewSql().c_str();
    case QueueFilter::AutoFlipped:
        return kAutoFlippedSql;
    case QueueFilter::Kept:
        return kKeptSql;
    case QueueFilter::Reviewed:
        return kReviewedSql;
    }
    return toReviewSql().c_str();
}

Result<Page<QueueRow>> queuePage(store::Database& db, QueueFilter filter, std::int64_t afterKey,
                                 int pageSize, const std::string& annotator) {
    auto stmt = db.prepare(queuePageSql(filter), afterKey, static_cast<std::int64_t>(pageSize) + 1,
                           annotator);
    if (!stmt)
        return stmt.error();
    return readPage<QueueRow>(*stmt, pageSize, [](const store::Statement& row) {
        QueueRow r;
        r.key = row.int64(0);
        r.pairId = row.int64(1);
        r.order = row.optionalText(2);
        r.reason = row.optionalText(3);
        if (!row.isNull(4))
            r.margin = row.real(4);
        r.promptStart = row.text(5);
        return r;
    });
}

} // namespace rlthf::document
