#include "data/CompactJson.h"

#include "data/StrictJson.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace rlthf::data {

namespace {

// Printable ASCII that JSON writes as it is: what Qt writes unescaped, and the same byte
// order as the UTF-16 order Qt sorts keys by.
bool plainText(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return c >= 0x20 && c <= 0x7E && c != '"' && c != '\\';
    });
}

bool digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A number Qt writes back exactly as written: an integer of at most 15 digits (Qt keeps it
// as an integer) other than -0, or a decimal of at most 15 significant digits that ends in a
// non-zero digit, has no exponent and is at least 0.001 in size. Fifteen decimal digits
// survive the round trip through a double, so the shortest form Qt prints has the same
// digits; Qt prints them without an exponent from 0.001 up while the digits after the point
// are not all zero (0.0001 becomes 1e-04, 3.0 becomes 3, -0 becomes 0).
bool numberWrittenBack(std::string_view number) {
    const bool negative = !number.empty() && number.front() == '-';
    if (negative)
        number.remove_prefix(1);
    const auto point = number.find('.');
    const std::string_view whole = number.substr(0, point);
    if (!digits(whole) || (whole.size() > 1 && whole.front() == '0'))
        return false;
    if (point == std::string_view::npos)
        return whole.size() <= 15 && !(negative && whole == "0");
    const std::string_view fraction = number.substr(point + 1);
    if (!digits(fraction) || fraction.back() == '0')
        return false;
    if (whole != "0")
        return whole.size() + fraction.size() <= 15;
    const auto first = fraction.find_first_not_of('0'); // there is one: the last digit
    return first <= 2 /* at least 0.001 */ && fraction.size() - first <= 15;
}

bool plainValue(const JsonMember& member) {
    switch (member.kind) {
    case JsonMember::Kind::Null:
        return true;
    case JsonMember::Kind::String:
        return plainText(member.text);
    case JsonMember::Kind::Object:
        return false;
    case JsonMember::Kind::Other:
        if (member.text == "true" || member.text == "false")
            return true;
        return numberWrittenBack(member.text);
    }
    return false;
}

} // namespace

std::optional<std::string> compactFlatObject(std::string_view object) {
    auto members = strictObjectMembers(object);
    if (!members)
        return std::nullopt;
    std::size_t size = 2;
    for (const auto& [key, value] : *members) {
        if (!plainText(key) || !plainValue(value))
            return std::nullopt;
        size += key.size() + value.text.size() + 8;
    }
    std::sort(members->begin(), members->end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string out;
    out.reserve(size);
    out += '{';
    for (const auto& [key, value] : *members) {
        if (out.size() > 1)
            out += ',';
        out += '"';
        out += key;
        out += "\":";
        if (value.kind == JsonMember::Kind::Null)
            out += "null";
        else if (value.kind == JsonMember::Kind::String)
            out += '"' + value.text + '"';
        else
            out += value.text;
    }
    out += '}';
    return out;
}

} // namespace rlthf::data
