#pragma once
// Streams JSON-lines files into a project in one transaction: all files go in, or nothing.

#include "common/Result.h"
#include "data/RecordReader.h"
#include "data/Records.h"
#include "store/Project.h"
#include "store/StagedBatch.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace rlthf::data {

struct ImportOptions {
    Format format = Format::Pairs;
    LabelSource labelSource = LabelSource::Ai;
    bool skipBad = false; // import the good lines and list the bad ones instead of stopping
    // Shared: short transactions, so others write meanwhile. Alone: a new project nobody
    // else can open yet, written in one transaction.
    store::Sharing sharing = store::Sharing::Shared;
    CsvOptions csv; // Format::Csv: the encoding and the columns
};

struct RejectedLine {
    std::string input;
    std::int64_t line = 0;
    std::string reason;
    std::string describe() const; // "INPUT:LINE: reason"
};

struct ImportReport {
    std::int64_t imported = 0;
    std::int64_t duplicates = 0;
    std::int64_t labels = 0;
    std::vector<RejectedLine> rejected;
    // How the import shared the project: its write transactions and the longest of them.
    std::int64_t transactions = 0;
    std::chrono::microseconds longestTransaction{0};
};

struct ImportProgress {
    std::string input;
    std::uint64_t bytesRead = 0; // of the current input (compressed bytes for .gz)
    std::uint64_t totalBytes = 0;
    std::int64_t records = 0; // lines read so far, over all inputs
};
// Refuses a project's own files (its database, log and shared memory, by any name) as
// inputs. Check before opening an input in any way: a descriptor on one of them, once
// closed, drops this process's SQLite locks on the project.
Status refuseProjectFiles(const std::vector<std::string>& inputs, const std::string& projectPath);

// Called every few hundred lines; returning false cancels the import.
using ImportProgressFn = std::function<bool(const ImportProgress&)>;

Result<ImportReport> importFiles(store::Project& project, const std::vector<std::string>& inputs,
                                 const ImportOptions& options,
                                 const ImportProgressFn& progress = {});

// The seed of the per-pair A/B order and shard; fixed per project on first use.
inline constexpr std::uint64_t kDefaultPlacementSeed = 20250218;

} // namespace rlthf::data
