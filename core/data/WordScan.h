#pragma once
// Tests on eight bytes at once, for skipping the plain runs of a line (ASCII text without
// quotes, backslashes or control characters) word by word instead of byte by byte. Each
// test says exactly whether some byte of the word qualifies, not which one: a caller that
// finds one goes on byte by byte.

#include <cstdint>
#include <cstring>

namespace rlthf::data::words {

inline constexpr std::size_t kSize = sizeof(std::uint64_t);
inline constexpr std::uint64_t kOnes = 0x0101010101010101ull;
inline constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

inline std::uint64_t load(const char* bytes) {
    std::uint64_t word;
    std::memcpy(&word, bytes, kSize);
    return word;
}

// Some byte is 0x80 or above (not ASCII).
inline bool anyHighBit(std::uint64_t word) {
    return (word & kHighBits) != 0;
}

// Some byte is below `limit` (at most 0x80).
inline bool anyBelow(std::uint64_t word, unsigned char limit) {
    return ((word - kOnes * limit) & ~word & kHighBits) != 0;
}

// Some byte equals `byte`.
inline bool anyEqual(std::uint64_t word, unsigned char byte) {
    return anyBelow(word ^ (kOnes * byte), 1);
}

} // namespace rlthf::data::words
