#pragma once
// Hashed word uni- and bi-gram features of prompts and responses. Plain C++: encoding
// happens once per dataset, training and scoring reuse the ids.

#include <cstdint>
#include <string_view>
#include <vector>

namespace rlthf::reward {

struct FeatureConfig {
    int hashBits = 18;         // feature space of 2^hashBits ids (per text kind)
    bool bigrams = true;
    bool promptFeatures = true; // Mlp: condition on the prompt
};

struct EncodedPair {
    std::vector<std::int32_t> prompt; // ids in [0, 2^hashBits)
    std::vector<std::int32_t> a;
    std::vector<std::int32_t> b;
};

class FeatureEncoder {
public:
    explicit FeatureEncoder(FeatureConfig config = {}) : m_config(config) {}
    const FeatureConfig& config() const { return m_config; }

    // Lower-cased word tokens (letters, digits; numbers with their decimal point and sign
    // kept whole, e.g. "±0.05", "12.07"), hashed uni-grams and, if enabled, bi-grams.
    // Deterministic across runs and platforms (FNV-1a, no std::hash).
    //
    // Details: a word is a run of ASCII letters/digits and non-ASCII letters (µ counts; Latin-1
    // punctuation, × ÷, U+2000–U+2BFF dashes/quotes/symbols, CJK punctuation and emoji split
    // words), with '.' joined between two digits and an apostrophe (' or ’) between two word
    // characters ("don't"). A sign + - ± − (U+2212, read as '-') directly before a digit and not
    // inside a word starts a number: "±0.05", "-0.03"; "5-why" is "5" and "why". Lower-casing
    // covers ASCII and Latin-1 capitals. hashBits is clamped to [1, 30].
    // The result is sorted and holds each id once (presence features, not counts).
    // Changing any of this changes the ids: saved models need a new RewardModel::kFormatVersion.
    std::vector<std::int32_t> encode(std::string_view text) const;
    EncodedPair encodePair(std::string_view prompt, std::string_view a, std::string_view b) const;

private:
    FeatureConfig m_config;
};

} // namespace rlthf::reward
