#pragma once
// Who judged what, how far the experts agree, and the lead's settlements of disputed pairs.
//
// Only active labels count (revoked verdicts and skips do not). For agreement, each
// annotator's latest active expert verdict on a pair is their verdict; settlements are left
// out: they arbitrate, they are not independent judgements. A pair's latest settlement is
// its label (current_labels) until a later settlement replaces it; expert verdicts given
// after it are kept and listed as disagreeing with it when they differ.

#include "common/Result.h"
#include "loop/Review.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rlthf::store {
class Database;
}

namespace rlthf::loop {

struct AnnotatorCount {
    std::string annotator;     // empty for expert labels without a name (imported ones)
    std::int64_t verdicts = 0; // active expert verdicts and settlements
    std::int64_t a = 0;        // of which prefer A
    std::int64_t b = 0;        // of which prefer B
    std::int64_t settled = 0;  // of which settle a dispute
};

// An expert verdict given after the pair's settlement that differs from it.
struct SettlementDispute {
    std::int64_t pairId = 0;
    char settled = 'a';    // the settlement's label
    std::string annotator; // who disagrees since
    char verdict = 'b';    // their latest verdict
};

struct Agreement {
    std::vector<AnnotatorCount> annotators;            // by name
    std::int64_t sharedPairs = 0;                      // pairs with verdicts from >= 2 annotators
    std::int64_t agreeingPairs = 0;                    // of those, pairs where all verdicts agree
    std::optional<double> agreement;                   // agreeingPairs / sharedPairs; none when 0
    std::vector<std::int64_t> disagreeingPairs;        // ascending
    std::vector<std::int64_t> unsettledPairs;          // disagreeing and without a settlement
    std::vector<SettlementDispute> settlementDisputes; // by pair, then annotator
};

Result<Agreement> annotatorAgreement(store::Database& db);

// Records the lead's settlement ('a' or 'b') of a pair: a 'settled' label event.
Result<RecordedVerdict> settle(store::Database& db, std::int64_t pairId, char value,
                               const std::string& leadName);

} // namespace rlthf::loop
