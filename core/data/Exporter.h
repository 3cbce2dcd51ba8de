#pragma once
// Writes the current label of every pair, with its provenance, as JSON lines.

#include "common/Result.h"
#include "store/Project.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace rlthf::data {

enum class ExportFormat {
    Trl,   // {"prompt","chosen","rejected"} + provenance; unlabelled pairs are left out
    Pairs, // native layout with ai_label, gold_label and the current label
};

struct ExportOptions {
    ExportFormat format = ExportFormat::Trl;
    int shards = 1; // pair id modulo shards picks the file
};

struct ExportReport {
    std::vector<std::string> files;
    std::int64_t rows = 0;
    std::int64_t unlabelled = 0; // pairs left out of a trl export for lack of a label
};

// Shard file names: "out.jsonl" with 4 shards gives "out-00001-of-00004.jsonl" and so on.
std::vector<std::string> shardPaths(const std::string& out, int shards);

// Every file is written to a temporary name and renamed into place only when all are complete.
Result<ExportReport> exportProject(store::Project& project, const std::string& out,
                                   const ExportOptions& options,
                                   const std::function<bool(std::int64_t rows)>& progress = {});

} // namespace rlthf::data
