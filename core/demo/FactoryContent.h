#pragma once
// Internal to rlthf_demo: the random source and the text templates behind the
// factory QA demo set. See FactoryGenerator.h for the rules this text encodes.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

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

} // namespace rlthf::demo::detail
