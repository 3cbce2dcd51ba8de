#pragma once
// What the engine does with the AI labels it is confident are wrong (the Flip zone, once its
// flips are allowed); the names are the "wrong_labels" setting's values.

#include <optional>
#include <string>
#include <string_view>

namespace rlthf::loop {

enum class WrongLabels {
    Flip, // the curated data carries the other label
    Drop, // the curated data leaves the pair out: neither label is trusted
};

inline std::optional<WrongLabels> parseWrongLabels(std::string_view name) {
    if (name == "flip")
        return WrongLabels::Flip;
    if (name == "drop")
        return WrongLabels::Drop;
    return std::nullopt;
}

inline std::string wrongLabelsName(WrongLabels wrongLabels) {
    return wrongLabels == WrongLabels::Drop ? "drop" : "flip";
}

} // namespace rlthf::loop
