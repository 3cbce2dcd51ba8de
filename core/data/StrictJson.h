#pragma once
// What a lenient JSON reader would quietly alter, refused before parsing: a lone UTF-16
// surrogate escape (\ud800 would become '?', changing the text and its duplicate check),
// a control character inside a string (raw, or escaped other than \t \n \r), and a key
// given twice in one object (which value wins differs between readers).

#include "common/Result.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rlthf::data {

// Nesting deeper than this is refused too: records are shallow, and it bounds the stack.
inline constexpr int kMaxJsonDepth = 64;

// Checks one JSON text; the error names the 1-based byte offset and what is wrong there.
// Syntax errors are reported too, but a JSON parser gives better messages for those, so
// callers parse first and run this on text the parser accepted.
Status checkStrictJson(std::string_view text);

// One member of a top-level object as the strict check saw it.
struct JsonMember {
    enum class Kind { String, Null, Object, Other }; // Other: a number, boolean or array
    Kind kind = Kind::Other;
    std::string text; // String: the decoded value; Object and Other: the value as written
};
// The strict check of a JSON object, handing back its members in order (their keys are
// unique: the check refuses a key given twice). Scalars are not checked for syntax (see
// above): a caller that takes a member of kind Other parses it itself.
Result<std::vector<std::pair<std::string, JsonMember>>> strictObjectMembers(std::string_view text);

} // namespace rlthf::data
