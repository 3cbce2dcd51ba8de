#pragma once
// The benchmark's data: pairs with a gold label, and the simulated AI judges.

#include "common/Result.h"
#include "data/Records.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rlthf::bench {

struct GoldPair {
    std::string prompt;
    std::string a;
    std::string b;
    char gold = 'a';
    std::optional<char> fileJudge; // the ai_label of a pairs file
};

struct BenchData {
    std::vector<GoldPair> pairs;
    std::int64_t rejectedLines = 0;
};

// Reads every pair with a gold label; bad lines are skipped and counted. trl/hh-rlhf
// preferences are gold; their A/B order is shuffled as on import.
Result<BenchData> loadBenchData(const std::string& path, data::Format format);

enum class Judge {
    Uniform, // flips the gold label with probability 0.25
    Verbose, // w.p. 0.5 picks the longer response, otherwise agrees with gold w.p. 0.9
    File,    // the ai_label of a pairs file
    // Asked in both orders, as the real judge is: on the pairs a gold model finds close (see
    // closePairs) it prefers whichever response is shown first, so its two orders disagree
    // there, and its label (the answer with A shown first) agrees with gold only by chance;
    // elsewhere both orders agree with gold w.p. 0.9.
    Position,
};
std::optional<Judge> parseJudge(const std::string& name);
std::string judgeName(Judge judge);

// One AI label per pair, seeded. Position needs `close`, one flag per pair.
Result<std::vector<char>> simulateJudge(const BenchData& data, Judge judge, std::uint64_t seed,
                                        const std::vector<bool>* close = nullptr);

// The share of the pairs a gold model finds close: those with the smallest |Δ_gold|.
constexpr double kCloseShare = 1.0 / 3.0;
// Marks the kCloseShare of the pairs with the smallest |r(gold) − r(other)| under `goldMargins`.
std::vector<bool> closePairs(const std::vector<double>& goldMargins);

} // namespace rlthf::bench
