#pragma once
// What the status bar says about a project: counts, model version, last rescoring.

#include <QDateTime>
#include <cstdint>
#include <optional>

namespace rlthf::document {

struct ProjectStatus {
    std::int64_t pairs = 0;
    std::int64_t toReview = 0; // open queue items of the latest iteration
    std::int64_t reviewed = 0; // pairs with an expert verdict in force
    std::int64_t autoFlipped = 0;
    std::int64_t dropped = 0;                 // wrong_labels = drop: found wrong and left out
    std::optional<std::int64_t> modelVersion; // the latest iteration's number
    QDateTime lastRescored;                   // when it finished (UTC), invalid if never
};

} // namespace rlthf::document
