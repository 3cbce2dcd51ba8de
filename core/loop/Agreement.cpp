#include "loop/Agreement.h"
#include "store/Database.h"

#include <fmt/format.h>

namespace rlthf::loop {

namespace {

// Each named annotator's latest active expert verdict per pair.
constexpr const char* kLatestVerdicts = R"sql(
WITH latest AS (
  SELECT pair_id, annotator, max(id) AS id FROM active_labels
  WHERE source = 'human' AND annotator IS NOT NULL
  GROUP BY pair_id, annotator
))sql";

Status readCounts(store::Database& db, Agreement& out) {
    auto counts = db.prepare(R"sql(
SELECT coalesce(annotator, ''), count(*), sum(value = 'a'), sum(value = 'b'),
       sum(source = 'settled')
FROM expert_labels
GROUP BY coalesce(annotator, '') ORDER BY 1)sql");
    if (!counts)
        return counts.error();
    return counts->forEachRow([&](const store::Statement& row) {
        out.annotators.push_back(
            {row.text(0), row.int64(1), row.int64(2), row.int64(3), row.int64(4)});
    });
}

Status readSharedPairs(store::Database& db, Agreement& out) {
    auto shared = db.prepare(std::string(kLatestVerdicts) + R"sql(
SELECT v.pair_id, count(DISTINCT e.value) = 1,
  EXISTS (SELECT 1 FROM active_labels s WHERE s.pair_id = v.pair_id AND s.source = 'settled')
FROM latest v JOIN label_events e ON e.id = v.id
GROUP BY v.pair_id HAVING count(*) >= 2 ORDER BY v.pair_id)sql");
    if (!shared)
        return shared.error();
    return shared->forEachRow([&](const store::Statement& row) {
        ++out.sharedPairs;
        const std::int64_t pairId = row.int64(0);
        if (row.int64(1) != 0) {
            ++out.agreeingPairs;
            return;
        }
        out.disagreeingPairs.push_back(pairId);
        if (row.int64(2) == 0)
            out.unsettledPairs.push_back(pairId);
    });
}

Status readSettlementDisputes(store::Database& db, Agreement& out) {
    auto disputes = db.prepare(std::string(kLatestVerdicts) + R"sql(,
settlement AS (
  SELECT pair_id, max(id) AS id FROM active_labels WHERE source = 'settled' GROUP BY pair_id
)
SELECT s.pair_id, se.value, v.annotator, ve.value
FROM settlement s JOIN label_events se ON se.id = s.id
JOIN latest v ON v.pair_id = s.pair_id AND v.id > s.id
JOIN label_events ve ON ve.id = v.id
WHERE ve.value != se.value
ORDER BY s.pair_id, v.annotator)sql");
    if (!disputes)
        return disputes.error();
    return disputes->forEachRow([&](const store::Statement& row) {
        out.settlementDisputes.push_back(
            {row.int64(0), row.text(1).front(), row.text(2), row.text(3).front()});
    });
}

} // namespace

Result<Agreement> annotatorAgreement(store::Database& db) {
    // One read transaction, so the three reads see one revision.
    auto read = store::ReadTransaction::begin(db);
    if (!read)
        return read.error();
    Agreement out;
    RLTHF_TRY(readCounts(db, out));
    RLTHF_TRY(readSharedPairs(db, out));
    RLTHF_TRY(readSettlementDisputes(db, out));
    if (out.sharedPairs > 0)
        out.agreement =
            static_cast<double>(out.agreeingPairs) / static_cast<double>(out.sharedPairs);
    return out;
}

Result<RecordedVerdict> settle(store::Database& db, std::int64_t pairId, char value,
                               const std::string& leadName) {
    if (value != 'a' && value != 'b')
        return Error{fmt::format("a settlement is 'a' or 'b', not '{}'", value)};
    VerdictRequest request;
    request.pairId = pairId;
    request.verdict = value == 'a' ? Verdict::SettleA : Verdict::SettleB;
    request.annotator = leadName;
    return recordVerdict(db, request);
}

} // namespace rlthf::loop
