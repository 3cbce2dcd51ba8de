#pragma once
// How the engine chooses the expert batch; the names are the "targeting" setting's values.

#include <optional>
#include <string>
#include <string_view>

namespace rlthf::loop {

enum class Targeting {
    Margin,  // the Human zone of the margin curve, lowest margin first (the published rule)
    Learned, // once the verdicts support an ErrorModel, the pairs it finds most likely wrong
};

inline std::optional<Targeting> parseTargeting(std::string_view name) {
    if (name == "margin")
        return Targeting::Margin;
    if (name == "learned")
        return Targeting::Learned;
    return std::nullopt;
}

inline std::string targetingName(Targeting targeting) {
    return targeting == Targeting::Learned ? "learned" : "margin";
}

} // namespace rlthf::loop
