#include "document/ProjectQueries.h"
#include "store/Database.h"

#include "loop/Review.h"

namespace rlthf::document {

Result<std::optional<PairView>> pairView(store::Database& db, std::int64_t pairId) {
    auto read = store::ReadTransaction::begin(db);
    if (!read)
        return read.error();
    auto row = db.firstRow(R"sql(
SELECT p.prompt, p.response_a, p.response_b, p.external_id,
  (SELECT x.value FROM active_labels x WHERE x.pair_id = p.id AND x.source = 'ai'
   ORDER BY x.id DESC LIMIT 1),
  s.margin, s.zone
FROM visible_pairs p
LEFT JOIN scores s ON s.pair_id = p.id AND s.model_run_id =
  (SELECT max(x.model_run_id) FROM scores x WHERE x.pair_id = p.id)
WHERE p.id = ?)sql",
                           pairId);
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<PairView>();
    const store::Statement& s = **row;
    PairView view;
    view.id = pairId;
    view.prompt = s.text(0);
    view.responseA = s.text(1);
    view.responseB = s.text(2);
    view.externalId = s.optionalText(3);
    if (const auto ai = s.optionalText(4); ai && !ai->empty())
        view.aiLabel = ai->front();
    if (!s.isNull(5))
        view.margin = s.real(5);
    if (const auto zone = s.optionalText(6))
        view.zone = parseId<Zone>(*zone);
    return std::optional<PairView>(std::move(view));
}

Result<ReviewCounts> reviewCounts(store::Database& db) {
    auto read = store::ReadTransaction::begin(db);
    if (!read)
        return read.error();
    ReviewCounts counts;
    auto reviewed = db.scalar("SELECT count(DISTINCT pair_id) FROM expert_labels");
    if (!reviewed)
        return reviewed.error();
    counts.reviewed = reviewed->value_or(0);
    auto flipped = db.scalar("SELECT count(*) FROM active_labels WHERE source = 'flipped'");
    if (!flipped)
        return flipped.error();
    counts.autoFlipped = flipped->value_or(0);
    auto dropped = db.scalar("SELECT count(*) FROM dropped_now");
    if (!dropped)
        return dropped.error();
    counts.dropped = dropped->value_or(0);
    auto open = loop::openQueueSize(db);
    if (!open)
        return open.error();
    counts.toReview = *open;
    auto last = db.firstRow("SELECT id, finished_at FROM iterations WHERE status = 'done' "
                            "ORDER BY id DESC LIMIT 1");
    if (!last)
        return last.error();
    if (*last) {
        counts.latestIteration = (*last)->int64(0);
        counts.latestFinishedAt = (*last)->optionalText(1).value_or("");
    }
    return counts;
}

Result<std::vector<std::string>> annotatorNames(store::Database& db) {
    std::vector<std::string> names;
    auto stmt = db.prepare("SELECT DISTINCT annotator FROM visible_label_events "
                           "WHERE source IN ('human', 'settled') AND annotator IS NOT NULL "
                           "ORDER BY 1");
    if (!stmt)
        return stmt.error();
    RLTHF_TRY(stmt->forEachRow([&](const store::Statement& row) { names.push_back(row.text(0)); }));
    return names;
}

} // namespace rlthf::document
