#pragma once
// Typed reads of an open project for the window: the pair under review, the review counts
// for the status bar and the names of the experts. Each is one short read.

#include "common/Result.h"
#include "vocab/Vocabulary.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rlthf::store {
class Database;
}

namespace rlthf::document {

// One pair as the review panel shows it.
struct PairView {
    std::int64_t id = 0;
    std::optional<std::string> externalId;
    std::string prompt;
    std::string responseA;
    std::string responseB;
    std::optional<char> aiLabel;  // the judge's latest label in force
    std::optional<double> margin; // from the latest model run that scored the pair
    std::optional<Zone> zone;
};
// nullopt when no visible pair has that id.
Result<std::optional<PairView>> pairView(store::Database& db, std::int64_t pairId);

struct ReviewCounts {
    std::int64_t toReview = 0;    // open queue items
    std::int64_t reviewed = 0;    // pairs with an expert verdict or a settlement in force
    std::int64_t autoFlipped = 0; // flips in force
    std::int64_t dropped = 0;     // pairs left out of the curated data (wrong_labels = drop)
    std::optional<std::int64_t> latestIteration; // id of the latest finished iteration
    std::string latestFinishedAt;                // its end (ISO 8601, UTC); empty if none
};
Result<ReviewCounts> reviewCounts(store::Database& db);

// Names of everyone who gave an expert verdict or a settlement, sorted.
Result<std::vector<std::string>> annotatorNames(store::Database& db);

} // namespace rlthf::document
