#pragma once
// A preference label names the preferred response: 'a' or 'b'.

#include <optional>
#include <string>

namespace rlthf {

inline char otherSide(char side) { return side == 'a' ? 'b' : 'a'; }

// A label column read from SQL ("a", "b" or NULL) as a side.
inline std::optional<char> sideOf(const std::optional<std::string>& text) {
    if (!text || text->empty())
        return std::nullopt;
    return (*text)[0];
}

} // namespace rlthf
