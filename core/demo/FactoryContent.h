#pragma once
// Internal to rlthf_demo: the random source and the text templates behind the
// factory QA demo set. See FactoryGenerator.h for the rules this text encodes.

#include <cstddef>
#include <cstdint>
#include <fmt/format.h>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

namespace rlthf::demo::detail {

// splitmix64: tiny, fast, and fully specified, so output is identical across platforms.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform in [0, n); n > 0.
    std::size_t below(std::size_t n) {
        return static_cast<std::size_t>(uniform() * static_cast<double>(n));
    }
    // Uniform in [lo, hi].
    int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1))); }
    bool chance(double p) { return uniform() < p; }

    std::string_view pick(std::initializer_list<std::string_view> items) {
        return items.begin()[below(items.size())];
    }

private:
    std::uint64_t m_state;
};

// Mixes a seed and a record index into the seed of that record's stream.
std::uint64_t recordSeed(std::uint64_t seed, std::uint64_t index);

enum class Tier { Easy, Medium, Hard };

// What is wrong with the worse answer; drives the judge's mistake kinds.
enum class Flaw {
    Vague,          // "probably fine", "monitor it", no real decision or action
    Chatty,         // a hand-over note with no counts or open-issue list
    WrongDecision,  // decisive, but the accept/reject call is wrong
    Incomplete,     // misses two of the required steps
    WrongValue,     // structured like the good answer, but states a wrong number
    MissingStep,    // thorough, but misses a single required step
};

// One pair before ordering and judging. Strings are reused between records.
struct Draft {
    std::string prompt;
    std::string good;
    std::string bad;
    const char* topic = "";
    const char* rule = "";
    Tier tier = Tier::Easy;
    Flaw flaw = Flaw::Vague;
    int difficultyShift = 0;       // hundredths, added to the tier's difficulty draw
    bool badConfident = false;     // the worse answer sounds assertive

    void clear() {
        prompt.clear();
        good.clear();
        bad.clear();
        difficultyShift = 0;
        badConfident = false;
    }
};

// Fills `draft` with one pair: a topic, a tier, a prompt and its good and bad answers.
void draftPair(Rng& rng, Draft& draft);
// The same in Japanese (FactoryContentJa.cpp): the same topics, rules, tiers and flaws, with
// the same topic and rule ids.
void draftPairJa(Rng& rng, Draft& draft);

// ---------------------------------------------------------------- shared by both languages

template <class... Args>
void add(std::string& out, fmt::format_string<Args...> format, Args&&... args) {
    fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
}

// Hundredths of a millimetre (or of any unit) as "12.07".
std::string fixed2(int hundredths);

// The flaw tier of the worse answer, about a third each.
Tier drawTier(Rng& r);

// A step of a structured answer. `text` has no final full stop.
struct Step {
    std::string_view label;
    std::string text;
};

enum class Style { Prose, Numbered, Labelled };

Style drawStyle(Rng& r);

// How a language writes a list of steps: the full stop after each, the gap between steps
// in prose, the number before a numbered step ("1) " or "①") and the mark after a label.
struct StepMarks {
    std::string_view stop;
    std::string_view proseGap;
    bool circledNumbers;
    std::string_view labelMark;
};
inline constexpr StepMarks kEnglishMarks{".", " ", false, ": "};
inline constexpr StepMarks kJapaneseMarks{"。", "", true, "："};

void renderSteps(std::string& out, const Step* steps, std::size_t count, Style style,
                 const StepMarks& marks = kEnglishMarks);
// Renders all steps except `skip` (pass count to keep all).
void renderWithout(std::string& out, const Step* steps, std::size_t count, std::size_t skip,
                   Style style, const StepMarks& marks = kEnglishMarks);

} // namespace rlthf::demo::detail
