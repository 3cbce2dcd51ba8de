#pragma once
// Who judged what, and how far experts agree. Read-only SQL through the store layer
// (parameters bound), plus settle(): the lead's verdict on a disputed pair.
//
// Only active human labels count (revoked verdicts and skips do not). For agreement,
// each annotator's latest active verdict on a pair is their verdict, and the lead's
// settling verdicts (comment kSettledComment) are left out: they arbitrate, they are
// not independent judgements.

#include "common/Result.h"
#include "loop/Review.h"

#include <QString>

#include <optional>
#include <vector>

namespace rlthf::store {
class Database;
}

namespace rlthf::ui::review {

// The comment a settling verdict carries.
inline constexpr const char* kSettledComment = "settled by lead";

struct AnnotatorCount {
    QString annotator;  // empty for human labels without a name (imported ones)
    qint64 verdicts = 0; // active human labels
    qint64 a = 0;        // of which prefer A
    qint64 b = 0;        // of which prefer B
    qint64 settled = 0;  // of which settle a dispute
};

struct AnnotatorStats {
    std::vector<AnnotatorCount> annotators; // by name
    qint64 sharedPairs = 0;                 // pairs with verdicts from >= 2 annotators
    qint64 agreeingPairs = 0;               // of those, pairs where all verdicts agree
    std::optional<double> agreement;        // agreeingPairs / sharedPairs; none when 0
    std::vector<qint64> disagreeingPairs;   // ascending
    std::vector<qint64> unsettledPairs;     // disagreeing, latest verdict not a settlement
};

Result<AnnotatorStats> annotatorStats(store::Database& db);

// Records the lead's verdict ('a' or 'b') with comment kSettledComment; as the latest
// human verdict it is the pair's label in current_labels.
Result<loop::RecordedVerdict> settle(store::Database& db, qint64 pairId, char value,
                                     const QString& leadName);

} // namespace rlthf::ui::review
