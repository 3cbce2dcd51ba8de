#pragma once
// Identity and seeded placement of a pair, derived from its content.

#include <cstdint>
#include <string>
#include <string_view>

namespace rlthf::data {

// SHA-256 (hex) of the prompt and the unordered pair of responses: the same
// comparison with A and B swapped has the same hash, so it counts as a duplicate.
std::string contentHash(std::string_view prompt, std::string_view a, std::string_view b);

struct Placement {
    bool swap;  // store the file's first response as B
    int shard;  // 0..99, for randomized shard downsampling
};

// Seeded and per pair: the same content and seed always land the same way.
Placement placementFor(const std::string& contentHash, std::uint64_t seed);

} // namespace rlthf::data
