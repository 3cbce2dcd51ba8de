#pragma once
// Reads which response a judge's reply prefers, from the shapes models answer in:
// "A", "b", "**B**", "[[A]]", "Response A", "Output (a)", "Answer: B",
// {"choice": "A"}, "A. Because ...", with any <think>...</think> part ignored.

#include <optional>
#include <string_view>

namespace rlthf::judge {

// 'a' or 'b' for the side as shown (A or B); nullopt when the reply names neither, or
// both in a way no rule settles.
std::optional<char> parseChoice(std::string_view reply);

} // namespace rlthf::judge
