#pragma once
// The compact text QJsonDocument gives a flat JSON object of plain values — keys sorted,
// numbers in their shortest form — made without building a QJsonDocument, which took about a
// quarter of reading a `pairs` line for its `meta`. Only for the objects where the two agree
// by construction (see the .cpp); any other gives nullopt and takes Qt's way.

#include <optional>
#include <string>
#include <string_view>

namespace rlthf::data {

// `object`: a JSON object that checkStrictJson accepts.
std::optional<std::string> compactFlatObject(std::string_view object);

} // namespace rlthf::data
