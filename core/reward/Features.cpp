#include "reward/Features.h"

#include <QString>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace rlthf::reward {

namespace {

// FNV-1a 64. Token text is hashed byte by byte from kTokenBasis; a bi-gram combines the two
// token hashes FNV-1a style, a 64-bit word per step, from kBigramBasis; a uni-gram is its
// token hash xor kUnigramSeed, so the two kinds of features land on unrelated ids. All constants are fixed: the ids are the
// same on every run and platform (no std::hash, no pointer values).
constexpr std::uint64_t kFnvPrime = 0x100000001b3ull;
constexpr std::uint64_t kTokenBasis = 0xcbf29ce484222325ull;  // the standard offset basis
constexpr std::uint64_t kBigramBasis = 0x84222325cbf29ce4ull;
constexpr std::uint64_t kUnigramSeed = 0x5bd1e9955bd1e995ull;
// Number grounding: basis of the ids that mark a response's number as given in the prompt
// or not, alone and after the token before it.
constexpr std::uint64_t kNumberBasis = 0x2127599bf4325c37ull;
constexpr std::uint64_t kGiven = 1;
constexpr std::uint64_t kNotGiven = 2;

constexpr int kMinHashBits = 1;
constexpr int kMaxHashBits = 30;

inline std::uint64_t fnvByte(std::uint64_t h, unsigned char byte) {
    return (h ^ byte) * kFnvPrime;
}

// One FNV-1a step over a whole 64-bit word (the finaliser in toId() mixes the bits).
inline std::uint64_t fnvWord(std::uint64_t h, std::uint64_t word) {
    return (h ^ word) * kFnvPrime;
}

// FNV's low bits mix poorly; a MurmurHash3 finaliser spreads every input bit before the
// top `bits` bits become the id.
inline std::int32_t toId(std::uint64_t h, int bits) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return static_cast<std::int32_t>(h >> (64 - bits));
}

inline bool isAsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool isAsciiAlnum(unsigned char c) {
    return isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// One decoded code point: its value and its length in bytes. A malformed byte decodes as a
// one-byte separator (cp = 0).
struct CodePoint {
    std::uint32_t cp = 0;
    int length = 1;
};

inline CodePoint decode(const unsigned char* p, const unsigned char* end) {
    const unsigned char c = p[0];
    if (c < 0x80)
        return {c, 1};
    int length = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
        length = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        length = 3;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        length = 4;
        cp = c & 0x07;
    } else {
        return {0, 1};
    }
    if (end - p < length)
        return {0, 1};
    for (int i = 1; i < length; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return {0, 1};
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    return {cp, length};
}

constexpr std::uint32_t kPlusMinus = 0x00B1;  // ±
constexpr std::uint32_t kMinusSign = 0x2212;  // −
constexpr std::uint32_t kRightQuote = 0x2019; // ’ (as an apostrophe)

// Non-ASCII code points that belong to words: everything except Latin-1 punctuation and
// symbols (µ is a letter), × and ÷, the general punctuation, symbol, arrow and math blocks
// (U+2000–U+2BFF: dashes, quotes, bullets, …), CJK punctuation and the emoji planes.
inline bool isWordCodePoint(std::uint32_t cp) {
    if (cp < 0x80)
        return isAsciiAlnum(static_cast<unsigned char>(cp));
    if (cp == 0)
        return false;
    if (cp <= 0xBF)
        return cp == 0xB5;
    if (cp == 0xD7 || cp == 0xF7)
        return false;
    if (cp >= 0x2000 && cp <= 0x2BFF)
        return false;
    if (cp >= 0x3000 && cp <= 0x303F)
        return false;
    if (cp >= 0xFE30 && cp <= 0xFE4F)
        return false;
    if (cp >= 0x1F000)
        return false;
    return true;
}

// Scripts written without spaces between words: Han (with the iteration mark 々), Hiragana,
// Katakana (with the prolonged sound mark) and Hangul.
inline bool isCjkScript(std::uint32_t cp) {
    return (cp >= 0x3040 && cp <= 0x30FF && cp != 0x30FB) || cp == 0x3005 ||
           (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x2FFFF) || (cp >= 0x1100 && cp <= 0x11FF) ||
           (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

// The forms NFKC rewrites in CJK text: circled numbers, CJK symbols and kana (the ideographic
// space, half-width voiced marks compose), enclosed and compatibility characters (㎜, ㍉),
// full-width and half-width forms. Other text is left exactly as it is.
inline bool isCjkCompatibilityForm(std::uint32_t cp) {
    return (cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x3000 && cp <= 0x30FF) ||
           (cp >= 0x3200 && cp <= 0x33FF) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

// `text` with its runs of CJK compatibility forms in NFKC; nothing when it holds none.
std::optional<std::string> cjkNormalised(std::string_view text) {
    const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
    const auto* const end = begin + text.size();
    std::optional<std::string> out;
    const unsigned char* copied = begin; // what is before it is in `out` already
    for (const unsigned char* p = begin; p < end;) {
        if (*p < 0xE2) { // below U+2000: never a form to rewrite
            ++p;
            continue;
        }
        CodePoint cp = decode(p, end);
        if (!isCjkCompatibilityForm(cp.cp)) {
            p += cp.length;
            continue;
        }
        const unsigned char* run = p;
        while (p < end && isCjkCompatibilityForm(cp.cp)) {
            p += cp.length;
            if (p < end)
                cp = decode(p, end);
        }
        if (!out)
            out.emplace();
        out->append(reinterpret_cast<const char*>(copied), static_cast<std::size_t>(run - copied));
        out->append(QString::fromUtf8(reinterpret_cast<const char*>(run), p - run)
                        .normalized(QString::NormalizationForm_KC)
                        .toStdString());
        copied = p;
    }
    if (out)
        out->append(reinterpret_cast<const char*>(copied), static_cast<std::size_t>(end - copied));
    return out;
}

// Appends the token hashes of `text` to `tokens` and, if `numbers` is given, whether each
// token is a number (a digit first, after an optional sign) to `numbers`. With `cjkBigrams`,
// each run of CJK script gives its overlapping character bigrams instead of one token.
void tokenHashes(std::string_view text, std::vector<std::uint64_t>& tokens,
                 std::vector<bool>* numbers = nullptr, bool cjkBigrams = false) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* const end = p + text.size();
    bool prevWord = false; // the previous code point belongs to a word (no sign may start)
    auto push = [&](std::uint64_t hash, bool isNumber) {
        tokens.push_back(hash);
        if (numbers)
            numbers->push_back(isNumber);
    };
    while (p < end) {
        const CodePoint first = decode(p, end);
        const unsigned char* start = p;
        if (cjkBigrams && isCjkScript(first.cp)) {
            // c1 c2 c3 … → c1c2, c2c3, …: each bigram hashes as a word of those two characters.
            const unsigned char* previous = p;
            p += first.length;
            bool single = true;
            while (p < end) {
                const CodePoint next = decode(p, end);
                if (!isCjkScript(next.cp))
                    break;
                std::uint64_t h = kTokenBasis;
                for (const unsigned char* b = previous; b < p + next.length; ++b)
                    h = fnvByte(h, *b);
                push(h, false);
                single = false;
                previous = p;
                p += next.length;
            }
            if (single) {
                std::uint64_t h = kTokenBasis;
                for (const unsigned char* b = start; b < p; ++b)
                    h = fnvByte(h, *b);
                push(h, false);
            }
            prevWord = true;
            continue;
        }
        std::uint64_t h = kTokenBasis;
        bool isNumber = isAsciiDigit(*p); // a digit first, or a sign before one (below)

        // A sign starts a number when it stands before a digit and not inside a word:
        // "±0.05", "+3", "-0.02", "−1.5" (U+2212 hashes as '-').
        if (!prevWord && (first.cp == '+' || first.cp == '-' || first.cp == kPlusMinus ||
                          first.cp == kMinusSign)) {
            const unsigned char* next = p + first.length;
            if (next < end && isAsciiDigit(*next)) {
                if (first.cp == kMinusSign) {
                    h = fnvByte(h, '-');
                } else {
                    for (int i = 0; i < first.length; ++i)
                        h = fnvByte(h, start[i]);
                }
                p = next;
                isNumber = true;
            }
        }
        if (p == start && !isWordCodePoint(first.cp)) {
            p += first.length;
            prevWord = false;
            continue;
        }

        // The word itself: letters and digits, a '.' between two digits ("12.07") and an
        // apostrophe between two word characters ("don't").
        unsigned char prevByte = 0;
        while (p < end) {
            const unsigned char c = *p;
            if (c < 0x80) {
                if (isAsciiAlnum(c)) {
                    h = fnvByte(h, (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c);
                    prevByte = c;
                    ++p;
                    continue;
                }
                if (c == '.' && isAsciiDigit(prevByte) && p + 1 < end && isAsciiDigit(p[1])) {
                    h = fnvByte(h, c);
                    prevByte = c;
                    ++p;
                    continue;
                }
                if (c == '\'' && prevByte != 0 && prevByte != '.' && p + 1 < end &&
                    isWordCodePoint(decode(p + 1, end).cp)) {
                    h = fnvByte(h, c);
                    prevByte = c;
                    ++p;
                    continue;
                }
                break;
            }
            const CodePoint cp = decode(p, end);
            if (cp.cp == kRightQuote && prevByte != 0 && prevByte != '.' && p + cp.length < end &&
                isWordCodePoint(decode(p + cp.length, end).cp)) {
                h = fnvByte(h, '\'');
                prevByte = '\'';
                p += cp.length;
                continue;
            }
            if (!isWordCodePoint(cp.cp) || (cjkBigrams && isCjkScript(cp.cp)))
                break;
            if (cp.length == 2 && cp.cp >= 0xC0 && cp.cp <= 0xDE) {
                // Latin-1 capitals (À–Þ, × excluded above) lower-case by +0x20.
                h = fnvByte(h, p[0]);
                h = fnvByte(h, static_cast<unsigned char>(p[1] + 0x20));
            } else {
                for (int i = 0; i < cp.length; ++i)
                    h = fnvByte(h, p[i]);
            }
            prevByte = 0x80; // a non-ASCII letter: neither digit nor separator
            p += cp.length;
        }
        push(h, isNumber);
        prevWord = true;
    }
}

// The uni- and (if enabled) bi-gram ids of a token sequence, in token order.
std::vector<std::int32_t> ngramIds(const std::vector<std::uint64_t>& tokens, bool bigrams, int bits) {
    std::vector<std::int32_t> ids;
    const std::size_t n = tokens.size();
    ids.reserve(bigrams && n > 0 ? 4 * n : 2 * n); // room for the grounding ids too
    for (std::size_t i = 0; i < n; ++i)
        ids.push_back(toId(tokens[i] ^ kUnigramSeed, bits));
    if (bigrams) {
        for (std::size_t i = 1; i < n; ++i)
            ids.push_back(toId(fnvWord(fnvWord(kBigramBasis, tokens[i - 1]), tokens[i]), bits));
    }
    return ids;
}

// Sorted, each value once (presence features, number sets).
template <class T>
void sortUnique(std::vector<T>& values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
}

// A text's token hashes and which of them are numbers.
struct Tokens {
    std::vector<std::uint64_t> hashes;
    std::vector<bool> numbers;
};

Tokens tokenize(std::string_view text, Tokenizer tokenizer) {
    Tokens t;
    const bool cjk = tokenizer == Tokenizer::CjkBigrams;
    const auto normalised = cjk ? cjkNormalised(text) : std::nullopt;
    tokenHashes(normalised ? std::string_view(*normalised) : text, t.hashes, &t.numbers, cjk);
    return t;
}

// The number tokens, sorted, each once.
std::vector<std::uint64_t> numbersOf(const Tokens& t) {
    std::vector<std::uint64_t> out;
    for (std::size_t i = 0; i < t.hashes.size(); ++i)
        if (t.numbers[i])
            out.push_back(t.hashes[i]);
    sortUnique(out);
    return out;
}

// Appends, for every number among `tokens`, whether `given` holds it: alone and after the
// token before it.
void addNumberGrounding(const Tokens& tokens, const std::vector<std::uint64_t>& given, int bits,
                        std::vector<std::int32_t>& ids) {
    for (std::size_t i = 0; i < tokens.hashes.size(); ++i) {
        if (!tokens.numbers[i])
            continue;
        const std::uint64_t hash = tokens.hashes[i];
        const std::uint64_t mark =
            std::binary_search(given.begin(), given.end(), hash) ? kGiven : kNotGiven;
        const std::uint64_t previous = i > 0 ? tokens.hashes[i - 1] : 0;
        ids.push_back(toId(fnvWord(kNumberBasis, mark), bits));
        ids.push_back(toId(fnvWord(fnvWord(kNumberBasis, previous), mark), bits));
    }
}

} // namespace

std::vector<std::int32_t> FeatureEncoder::encode(std::string_view text) const {
    const int bits = std::clamp(m_config.hashBits, kMinHashBits, kMaxHashBits);
    const bool cjk = m_config.tokenizer == Tokenizer::CjkBigrams;
    const auto normalised = cjk ? cjkNormalised(text) : std::nullopt;
    thread_local std::vector<std::uint64_t> tokens;
    tokens.clear();
    tokenHashes(normalised ? std::string_view(*normalised) : text, tokens, nullptr, cjk);
    std::vector<std::int32_t> ids = ngramIds(tokens, m_config.bigrams, bits);
    sortUnique(ids);
    return ids;
}

EncodedPair FeatureEncoder::encodePair(std::string_view prompt, std::string_view a,
                                       std::string_view b) const {
    EncodedPair pair;
    if (!usesNgrams(m_config))
        return pair;
    if (!m_config.numberGrounding) {
        if (m_config.promptFeatures)
            pair.prompt = encode(prompt);
        pair.a = encode(a);
        pair.b = encode(b);
        return pair;
    }
    const int bits = std::clamp(m_config.hashBits, kMinHashBits, kMaxHashBits);
    const Tokens promptTokens = tokenize(prompt, m_config.tokenizer);
    if (m_config.promptFeatures) {
        pair.prompt = ngramIds(promptTokens.hashes, m_config.bigrams, bits);
        sortUnique(pair.prompt);
    }
    const std::vector<std::uint64_t> given = numbersOf(promptTokens);
    for (auto [text, ids] : {std::pair{a, &pair.a}, std::pair{b, &pair.b}}) {
        const Tokens tokens = tokenize(text, m_config.tokenizer);
        *ids = ngramIds(tokens.hashes, m_config.bigrams, bits);
        addNumberGrounding(tokens, given, bits, *ids);
        sortUnique(*ids);
    }
    return pair;
}

std::string featureSetName(FeatureSet set) {
    switch (set) {
    case FeatureSet::Ngrams:
        return "ngrams";
    case FeatureSet::Embeddings:
        return "embeddings";
    case FeatureSet::Both:
        return "both";
    }
    return "ngrams";
}

std::string tokenizerName(Tokenizer tokenizer) {
    return tokenizer == Tokenizer::Words ? "words" : "cjk-bigrams";
}

std::optional<Tokenizer> parseTokenizer(const std::string& name) {
    for (Tokenizer tokenizer : {Tokenizer::Words, Tokenizer::CjkBigrams})
        if (tokenizerName(tokenizer) == name)
            return tokenizer;
    return std::nullopt;
}

std::optional<FeatureSet> parseFeatureSet(const std::string& name) {
    for (FeatureSet set : {FeatureSet::Ngrams, FeatureSet::Embeddings, FeatureSet::Both})
        if (featureSetName(set) == name)
            return set;
    return std::nullopt;
}

std::string describe(const FeatureConfig& config) {
    if (!usesEmbeddings(config))
        return featureSetName(config.set);
    return featureSetName(config.set) + " (" + config.embeddingModel + ")";
}

std::vector<float> unitLength(std::vector<float> vector) {
    double sum = 0.0;
    for (const float v : vector)
        sum += static_cast<double>(v) * static_cast<double>(v);
    if (sum > 0.0) {
        const auto scale = static_cast<float>(1.0 / std::sqrt(sum));
        for (float& v : vector)
            v *= scale;
    }
    return vector;
}

} // namespace rlthf::reward
