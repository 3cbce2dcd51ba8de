#include "ui/review/AnnotatorStats.h"

#include "store/Database.h"

#include <fmt/format.h>

namespace rlthf::ui::review {

Result<AnnotatorStats> annotatorStats(store::Database& db) {
    AnnotatorStats stats;
    auto counts = db.prepare(R"sql(
SELECT coalesce(annotator, ''), count(*), sum(value = 'a'), sum(value = 'b'),
       sum(coalesce(comment, '') = ?)
FROM active_labels WHERE source = 'human'
GROUP BY coalesce(annotator, '') ORDER BY 1)sql",
                             std::string(kSettledComment));
    if (!counts)
        return counts.error();
    RLTHF_TRY(counts->forEachRow([&](const store::Statement& row) {
        AnnotatorCount count;
        count.annotator = QString::fromStdString(row.text(0));
        count.verdicts = row.int64(1);
        count.a = row.int64(2);
        count.b = row.int64(3);
        count.settled = row.int64(4);
        stats.annotators.push_back(std::move(count));
    }));

    // Each named annotator's latest active verdict per pair, settlements left out.
    auto shared = db.prepare(R"sql(
WITH verdicts AS (
  SELECT pair_id, annotator, max(id) AS id FROM active_labels
  WHERE source = 'human' AND annotator IS NOT NULL AND coalesce(comment, '') != ?
  GROUP BY pair_id, annotator
)
SELECT v.pair_id, count(DISTINCT e.value) = 1,
  (SELECT coalesce(x.comment, '') = ? FROM active_labels x
   WHERE x.pair_id = v.pair_id AND x.source = 'human' ORDER BY x.id DESC LIMIT 1)
FROM verdicts v JOIN label_events e ON e.id = v.id
GROUP BY v.pair_id HAVING count(*) >= 2 ORDER BY v.pair_id)sql",
                             std::string(kSettledComment), std::string(kSettledComment));
    if (!shared)
        return shared.error();
    RLTHF_TRY(shared->forEachRow([&](const store::Statement& row) {
        ++stats.sharedPairs;
        const qint64 pairId = row.int64(0);
        if (row.int64(1) != 0) {
            ++stats.agreeingPairs;
        } else {
            stats.disagreeingPairs.push_back(pairId);
            if (row.int64(2) == 0)
                stats.unsettledPairs.push_back(pairId);
        }
    }));
    if (stats.sharedPairs > 0)
        stats.agreement =
            static_cast<double>(stats.agreeingPairs) / static_cast<double>(stats.sharedPairs);
    return stats;
}

Result<loop::RecordedVerdict> settle(store::Database& db, qint64 pairId, char value,
                                     const QString& leadName) {
    if (value != 'a' && value != 'b')
        return Error{fmt::format("a settling verdict is 'a' or 'b', not '{}'", value)};
    loop::VerdictRequest request;
    request.pairId = pairId;
    request.verdict = value == 'a' ? loop::Verdict::A : loop::Verdict::B;
    request.annotator = leadName.trimmed().toStdString();
    request.comment = std::string(kSettledComment);
    return loop::recordVerdict(db, request);
}

} // namespace rlthf::ui::review
