#pragma once
// Writes the current label of every pair, with its provenance, as JSON lines or CSV.

#include "common/Result.h"
#include "store/Project.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace rlthf::data {

enum class ExportFormat {
    Trl,   // {"prompt","chosen","rejected"} + provenance; unlabelled and dropped pairs are
           // left out
    Pairs, // native layout with ai_label, gold_label and the current label
    Csv,   // the pairs fields as a spreadsheet: UTF-8 with a byte-order mark, CRLF rows
};

struct ExportOptions {
    ExportFormat format = ExportFormat::Trl;
    int shards = 1; // pair id modulo shards picks the file
};

struct ExportReport {
    std::vector<std::string> files;
    std::int64_t rows = 0;
    std::int64_t unlabelled = 0; // pairs left out of a trl export for lack of a label
    std::int64_t dropped = 0;    // pairs left out of a trl export as dropped (wrong_labels)
};

// Shard file names: "exports/out.jsonl" with 4 shards gives the folder "exports/out" holding
// "out-00001-of-00004.jsonl" and so on; one shard is the file "exports/out.jsonl" itself.
std::vector<std::string> shardPaths(const std::string& out, int shards);
std::string shardFolder(const std::string& out);

// Pairs read so far of the project's total; returning false cancels the export.
using ExportProgressFn = std::function<bool(std::int64_t read, std::int64_t total)>;

// A file is written anonymously and named only when complete; the shards of a sharded export
// are written into a temporary folder that takes the folder's name in one rename, replacing
// an earlier export of the same name as a whole. A reader sees all of it or none.
Result<ExportReport> exportProject(store::Project& project, const std::string& out,
                                   const ExportOptions& options,
                                   const ExportProgressFn& progress = {});

} // namespace rlthf::data
