#include "data/SeenContent.h"

#include <array>
#include <stdexcept>

namespace rlthf::data {

namespace {

// Hex digit values, 0xFF for anything else.
constexpr std::array<std::uint8_t, 256> kHexValues = [] {
    std::array<std::uint8_t, 256> values{};
    values.fill(0xFF);
    for (int c = '0'; c <= '9'; ++c)
        values[c] = static_cast<std::uint8_t>(c - '0');
    for (int c = 'a'; c <= 'f'; ++c)
        values[c] = static_cast<std::uint8_t>(c - 'a' + 10);
    return values;
}();

bool isEmpty(const std::array<std::uint64_t, 4>& slot) {
    return (slot[0] | slot[1] | slot[2] | slot[3]) == 0;
}

} // namespace

bool SeenContent::insert(std::string_view contentHash) {
    Digest digest{};
    std::uint8_t bad = contentHash.size() == 64 ? 0 : 0xFF;
    for (std::size_t i = 0; i < contentHash.size() && !bad; ++i) {
        const std::uint8_t value = kHexValues[static_cast<unsigned char>(contentHash[i])];
        bad |= value & 0xF0;
        digest[i / 16] = (digest[i / 16] << 4) | value;
    }
    if (bad)
        throw std::invalid_argument("a content hash is 64 lower-case hex digits");
    if (isEmpty(digest)) {
        const bool first = !m_zeroSeen;
        m_zeroSeen = true;
        return first;
    }
    // At most half full: a probe then ends within a few slots.
    if (2 * (m_count + 1) > m_slots.size())
        grow();
    if (!place(digest))
        return false;
    ++m_count;
    return true;
}

bool SeenContent::place(const Digest& digest) {
    // SHA-256 digits are uniform: the first word is a hash of its own.
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t slot = digest[0] & mask;; slot = (slot + 1) & mask) {
        Digest& held = m_slots[slot];
        if (held[0] == digest[0] && held[1] == digest[1] && held[2] == digest[2] &&
            held[3] == digest[3])
            return false;
        if (isEmpty(held)) {
            held = digest;
            return true;
        }
    }
}

void SeenContent::grow() {
    std::vector<Digest> old(2 * m_slots.size());
    old.swap(m_slots);
    for (const Digest& digest : old)
        if (!isEmpty(digest))
            place(digest);
}

} // namespace rlthf::data
