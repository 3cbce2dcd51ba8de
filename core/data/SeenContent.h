#pragma once
// The content hashes an import has given so far, to give each content once while the
// project's own unique index is not there to ask (a new project's load; see
// StagedBatch::findsDuplicates).

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace rlthf::data {

class SeenContent {
  public:
    // True the first time `contentHash` (64 hex digits, see contentHash()) is given.
    bool insert(std::string_view contentHash);
    std::size_t size() const { return m_count; }

  private:
    using Digest = std::array<std::uint64_t, 4>; // all zero marks an empty slot
    void grow();
    bool place(const Digest& digest);

    std::vector<Digest> m_slots = std::vector<Digest>(1 << 16);
    std::size_t m_count = 0;
    bool m_zeroSeen = false; // the one digest an empty slot cannot hold
};

} // namespace rlthf::data
