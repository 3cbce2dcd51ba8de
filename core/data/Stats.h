#pragma once
// Counts that summarise a project: pairs, labels by source, review status.

#include "common/Result.h"
#include "store/Project.h"

#include <cstdint>
#include <map>
#include <string>

namespace rlthf::data {

struct ProjectStats {
    std::int64_t pairs = 0;
    std::map<std::string, std::int64_t> labelsBySource;  // labels in force, per source
    std::map<std::string, std::int64_t> currentBySource; // which source decides each pair now
    std::int64_t unlabelled = 0;      // pairs with no label at all
    std::int64_t awaitingAiLabel = 0; // pairs the AI judge has not labelled yet
    std::int64_t uncertain = 0;       // pairs the LLM judge could not label (view uncertain_pairs)
    std::int64_t reviewed = 0;        // pairs with an expert verdict in force
    std::int64_t skipped = 0;         // pairs an expert skipped and nobody judged since
    std::int64_t unreviewed = 0;
    std::int64_t dropped = 0; // left out of the curated data by the iteration in force
    std::int64_t iterations = 0;
    std::int64_t dataRevision = 0;
    int schemaVersion = 0;
};

Result<ProjectStats> computeStats(store::Project& project);

} // namespace rlthf::data
