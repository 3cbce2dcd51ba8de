// The reading side of an import alone: reads, parses, checks and hashes every record of a
// file as the import's reading thread does (RecordReader, contentHash, placementFor), and
// hands nothing on. packaging/bench-sqlite-floor.sh runs it beside `rlthf import`.
//   rlthf_bench_read FILE [pairs|trl|hh-rlhf]

#include "data/ContentHash.h"
#include "data/Importer.h"
#include "data/RecordReader.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fmt/format.h>

using namespace rlthf::data;

int main(int argc, char** argv) {
    const auto format = argc >= 3 ? parseFormat(argv[2]) : Format::Pairs;
    if (argc < 2 || !format) {
        fmt::print(stderr, "usage: rlthf_bench_read FILE [pairs|trl|hh-rlhf]\n");
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    auto reader = RecordReader::open(argv[1], *format, LabelSource::Ai, CsvOptions{});
    if (!reader) {
        fmt::print(stderr, "{}\n", reader.message());
        return 1;
    }
    Record record;
    std::int64_t records = 0, refused = 0;
    std::uint64_t placed = 0; // kept, so that nothing is optimised away
    for (;;) {
        const auto outcome = (*reader)->next(record);
        if (outcome == RecordReader::Outcome::End)
            break;
        if (outcome == RecordReader::Outcome::Failed) {
            fmt::print(stderr, "{}\n", (*reader)->reason());
            return 1;
        }
        if (outcome == RecordReader::Outcome::Bad) {
            ++refused;
            continue;
        }
        const auto hash = contentHash(record.prompt, record.responseA, record.responseB);
        placed += static_cast<std::uint64_t>(placementFor(hash, kDefaultPlacementSeed).shard);
        ++records;
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    fmt::print("{} records read ({} refused) in {:.2f} s, {:.1f} µs a record (shards {})\n",
               records, refused, took.count(),
               1e6 * took.count() / std::max<std::int64_t>(records, 1), placed);
    return 0;
}
