#pragma once
// Hashed word uni- and bi-gram features of prompts and responses. Plain C++: encoding
// happens once per dataset, training and scoring reuse the ids.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rlthf::reward {

// What the reward model reads of a text: hashed n-grams, embedding vectors from an
// embedding model (fetched with `rlthf embed`), or both.
enum class FeatureSet { Ngrams, Embeddings, Both };
std::string featureSetName(FeatureSet set); // "ngrams", "embeddings", "both"
std::optional<FeatureSet> parseFeatureSet(const std::string& name);

// How a text becomes tokens. Words: runs of letters and digits, the way spaced scripts
// (English) separate words. CjkBigrams: the same for those scripts, while Chinese, Japanese
// and Korean, which do not put spaces between words, are cut into reusable units: the
// text's full-width, half-width, compatibility and circled forms are first normalised
// (Unicode NFKC: "０．０５ｍｍ" reads as "0.05mm", "ｶﾞ" as "ガ", "㎜" as "mm"), then each run of
// Han, Hiragana, Katakana or Hangul becomes its overlapping character bigrams ("検査結果" →
// 検査 査結 結果; a lone character stays one token), the classic CJK approach of search
// engines. A text without those characters gets exactly the Words tokens. A kanji numeral
// that states a count, a run of 〇一二三四五六七八九十百千万 before a counter or unit (個 件 台
// 本 枚 回 箇所 名 人 ロット 日 時間 分 …), is the number token of its digits: 五十七個 reads
// as 57 個, like 57個, so number grounding matches either form (一般, 十分に, 何十回 stay words).
// Bigrams of tokens (FeatureConfig::bigrams) are not formed of two character bigrams, which
// would be rare character trigrams. CjkBigramsFormat4 is how models saved in format 4 read
// CJK text (with those trigrams, without kanji numerals), so they score as they did; it is
// not offered for new models.
enum class Tokenizer { Words, CjkBigrams, CjkBigramsFormat4 };

// The value of a kanji numeral: 五十七 → 57, 百五 → 105, 二千三百 → 2300, 三万 → 30000, 〇 → 0,
// and digit by digit 一〇五 → 105; nothing for other text or a malformed numeral (十十).
std::optional<std::uint64_t> parseKanjiNumeral(std::string_view text);
std::string tokenizerName(Tokenizer tokenizer); // "words", "cjk-bigrams"
// "words" or "cjk-bigrams" (the format-4 reading is not chosen, only loaded).
std::optional<Tokenizer> parseTokenizer(const std::string& name);

struct FeatureConfig {
    int hashBits = 18;         // feature space of 2^hashBits ids (per text kind)
    bool bigrams = true;
    bool promptFeatures = true; // Mlp: condition on the prompt
    // Each number in a response is also read as given in the prompt or not, alone and after
    // the token before it ("scrap 75" when the prompt says "57 scrap"). Without it a linear
    // model cannot compare a response with its prompt, and a changed count or measurement is
    // a common wrong answer that an LLM judge misses.
    bool numberGrounding = true;
    Tokenizer tokenizer = Tokenizer::CjkBigrams; // models saved before format 4: Words
    FeatureSet set = FeatureSet::Ngrams;
    std::string embeddingModel; // Embeddings, Both: whose vectors the pairs carry
    int vectorDim = 0;          // their dimension; 0 in a TrainConfig: taken from the dataset
};

inline bool usesNgrams(const FeatureConfig& c) { return c.set != FeatureSet::Embeddings; }
inline bool usesEmbeddings(const FeatureConfig& c) { return c.set != FeatureSet::Ngrams; }
// "ngrams", or e.g. "embeddings (text-embedding-3-small)", for reports.
std::string describe(const FeatureConfig& config);

struct EncodedPair {
    std::vector<std::int32_t> prompt; // ids in [0, 2^hashBits)
    std::vector<std::int32_t> a;
    std::vector<std::int32_t> b;
    // Embeddings, Both: the texts' embedding vectors, of one dimension (see unitLength).
    std::vector<float> promptVector;
    std::vector<float> aVector;
    std::vector<float> bVector;
};

// The vector scaled to length 1 (a zero vector stays zero): servers differ in whether they
// normalise, and the reward model's learning rate assumes unit-length inputs.
std::vector<float> unitLength(std::vector<float> vector);

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
    // The n-gram ids of the three texts, with the responses' number-grounding ids when
    // enabled; none when the config reads embeddings only (the vectors are attached by the
    // caller, who has the project's cache).
    EncodedPair encodePair(std::string_view prompt, std::string_view a, std::string_view b) const;

private:
    FeatureConfig m_config;
};

} // namespace rlthf::reward
