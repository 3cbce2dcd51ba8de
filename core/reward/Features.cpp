#include "reward/Features.h"

#include <QString>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

// ---------------------------------------------------------------- kanji numerals

constexpr std::uint32_t kKanjiZero = 0x3007; // 〇, outside the Han block

// The value of a kanji digit (〇 一 … 九), or -1.
inline int kanjiDigit(std::uint32_t cp) {
    switch (cp) {
    case kKanjiZero:
        return 0;
    case 0x4E00:
        return 1; // 一
    case 0x4E8C:
        return 2; // 二
    case 0x4E09:
        return 3; // 三
    case 0x56DB:
        return 4; // 四
    case 0x4E94:
        return 5; // 五
    case 0x516D:
        return 6; // 六
    case 0x4E03:
        return 7; // 七
    case 0x516B:
        return 8; // 八
    case 0x4E5D:
        return 9; // 九
    default:
        return -1;
    }
}

// The multiplier a kanji stands for (十 百 千 万), or 0.
inline std::uint64_t kanjiMultiplier(std::uint32_t cp) {
    switch (cp) {
    case 0x5341:
        return 10; // 十
    case 0x767E:
        return 100; // 百
    case 0x5343:
        return 1000; // 千
    case 0x4E07:
        return 10000; // 万
    default:
        return 0;
    }
}

inline bool isKanjiNumeral(std::uint32_t cp) {
    return kanjiDigit(cp) >= 0 || kanjiMultiplier(cp) > 0;
}

// Kanji before which a numeral is part of a word, not a count: 何十回 (dozens of times),
// 数十個 (some tens), 同一, 唯一, 統一, 単一, 均一, 幾.
inline bool isNumeralWordPrefix(std::uint32_t cp) {
    switch (cp) {
    case 0x4F55: // 何
    case 0x6570: // 数
    case 0x540C: // 同
    case 0x552F: // 唯
    case 0x7D71: // 統
    case 0x5358: // 単
    case 0x5747: // 均
    case 0x5E7E: // 幾
        return true;
    default:
        return false;
    }
}

// Counters and units after which a kanji numeral states a count or a quantity.
constexpr std::string_view kCounters[] = {"個",   "件",   "台",   "本",   "枚",   "回",   "箇所",
                                          "か所", "カ所", "ヶ所", "ケ所", "名",   "人",   "ロット",
                                          "日",   "時間", "分",   "秒",   "週間", "か月", "カ月",
                                          "ヶ月", "箱",   "巻",   "点",   "年",   "組"};

// Whether `rest` (the text right after a numeral of code points `digits`) starts with a
// counter. 分 counts minutes except in 十分 (enough; 十分間 is minutes), 三分の一 and 百分率.
bool countedBy(std::string_view rest, const std::uint32_t* digits, std::size_t n) {
    for (const std::string_view counter : kCounters) {
        if (rest.substr(0, counter.size()) != counter)
            continue;
        if (counter == "分") {
            const std::string_view after = rest.substr(counter.size());
            const bool minutes = after.substr(0, 3) == "間";
            if (!minutes && (after.substr(0, 3) == "の" || after.substr(0, 3) == "率" ||
                             after.substr(0, 3) == "比"))
                return false;
            if (!minutes && n == 1 && digits[0] == 0x5341) // 十分: enough
                return false;
        }
        return true;
    }
    return false;
}

std::optional<std::uint64_t> kanjiValue(const std::uint32_t* cps, std::size_t n) {
    if (n == 0 || n > 16)
        return std::nullopt;
    bool positional = false;
    for (std::size_t i = 0; i < n; ++i) {
        if (!isKanjiNumeral(cps[i]))
            return std::nullopt;
        positional = positional || kanjiMultiplier(cps[i]) > 0;
    }
    if (!positional) { // 一〇五: digit by digit
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < n; ++i)
            value = value * 10 + static_cast<std::uint64_t>(kanjiDigit(cps[i]));
        return value;
    }
    // 二千三百, 五十七, 三万: a digit (1 when left out) before each of 千 百 十, in falling
    // order, and sections of four places before and after 万.
    std::uint64_t total = 0, section = 0;
    int digit = -1;
    std::uint64_t last = 10000; // the next multiplier in the section must be smaller
    bool sawMan = false;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t m = kanjiMultiplier(cps[i]);
        if (m == 0) {
            if (digit >= 0)
                return std::nullopt;
            digit = kanjiDigit(cps[i]);
        } else if (m < 10000) {
            if (m >= last || digit == 0)
                return std::nullopt;
            section += static_cast<std::uint64_t>(digit < 0 ? 1 : digit) * m;
            digit = -1;
            last = m;
        } else {
            section += static_cast<std::uint64_t>(digit < 0 ? 0 : digit);
            if (sawMan || section == 0)
                return std::nullopt;
            total = section * 10000;
            section = 0;
            digit = -1;
            last = 10000;
            sawMan = true;
        }
    }
    return total + section + static_cast<std::uint64_t>(digit < 0 ? 0 : digit);
}

// One code point of a CJK run.
struct RunChar {
    const unsigned char* at;
    std::uint32_t cp;
    int length;
};

// Appends the token hashes of `text` to `tokens` and, if `numbers` is given, whether each
// token is a number (a digit first, after an optional sign) to `numbers`. With `cjkBigrams`,
// each run of CJK script gives its overlapping character bigrams instead of one token, and
// `characterBigrams` (if given) marks them; format 4's reading neither marks them (their
// bigrams stay) nor reads kanji numerals.
void tokenHashes(std::string_view text, std::vector<std::uint64_t>& tokens,
                 std::vector<bool>* numbers, Tokenizer tokenizer,
                 std::vector<bool>* characterBigrams = nullptr) {
    const bool cjkBigrams = tokenizer != Tokenizer::Words;
    const bool current = tokenizer == Tokenizer::CjkBigrams; // kanji numerals, marked bigrams
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* const end = p + text.size();
    bool prevWord = false; // the previous code point belongs to a word (no sign may start)
    auto push = [&](std::uint64_t hash, bool isNumber, bool characterBigram = false) {
        if (characterBigrams)
            characterBigrams->push_back(characterBigram);
        tokens.push_back(hash);
        if (numbers)
            numbers->push_back(isNumber);
    };
    while (p < end) {
        const CodePoint first = decode(p, end);
        const unsigned char* start = p;
        // 〇 is no Han character: it belongs to a run only beside another kanji numeral (一〇五).
        const auto zeroInNumeral = [&](const unsigned char* next, bool afterNumeral) {
            return current &&
                   (afterNumeral || (next < end && isKanjiNumeral(decode(next, end).cp)));
        };
        if (cjkBigrams && (isCjkScript(first.cp) ||
                           (first.cp == kKanjiZero && zeroInNumeral(p + first.length, false)))) {
            thread_local std::vector<RunChar> run;
            run.clear();
            while (p < end) {
                const CodePoint c = decode(p, end);
                const bool afterNumeral = !run.empty() && isKanjiNumeral(run.back().cp);
                if (!isCjkScript(c.cp) &&
                    !(c.cp == kKanjiZero && zeroInNumeral(p + c.length, afterNumeral)))
                    break;
                run.push_back({p, c.cp, c.length});
                p += c.length;
            }
            // c1 c2 c3 … → c1c2, c2c3, …: each bigram hashes as a word of those two characters;
            // a lone character stays one token.
            const auto bigrams = [&](std::size_t from, std::size_t to) {
                if (to - from == 1) {
                    std::uint64_t h = kTokenBasis;
                    for (int b = 0; b < run[from].length; ++b)
                        h = fnvByte(h, run[from].at[b]);
                    push(h, false);
                    return;
                }
                for (std::size_t i = from + 1; i < to; ++i) {
                    std::uint64_t h = kTokenBasis;
                    for (const unsigned char* b = run[i - 1].at; b < run[i].at + run[i].length; ++b)
                        h = fnvByte(h, *b);
                    push(h, false, current);
                }
            };
            // A kanji numeral before a counter (五十七個, 二千三百件) is the number it states, the
            // same token as its digits ("57"); the characters around it keep their bigrams.
            std::size_t from = 0;
            for (std::size_t i = 0; i < run.size();) {
                if (!isKanjiNumeral(run[i].cp) || (i > 0 && isNumeralWordPrefix(run[i - 1].cp))) {
                    ++i;
                    continue;
                }
                std::size_t j = i;
                std::array<std::uint32_t, 16> digits{};
                for (; j < run.size() && isKanjiNumeral(run[j].cp); ++j)
                    if (j - i < digits.size())
                        digits[j - i] = run[j].cp;
                const std::optional<std::uint64_t> value = j < run.size() && j - i <= digits.size()
                                                               ? kanjiValue(digits.data(), j - i)
                                                               : std::nullopt;
                const auto* const restBegin = j < run.size() ? run[j].at : p;
                const std::string_view rest(reinterpret_cast<const char*>(restBegin),
                                            static_cast<std::size_t>(p - restBegin));
                if (current && value && countedBy(rest, digits.data(), j - i)) {
                    if (i > from)
                        bigrams(from, i);
                    std::uint64_t h = kTokenBasis;
                    for (const char c : std::to_string(*value))
                        h = fnvByte(h, static_cast<unsigned char>(c));
                    push(h, true);
                    from = j;
                }
                i = j;
            }
            if (from < run.size())
                bigrams(from, run.size());
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
// `characterBigrams` (per token, optional) marks CJK character bigrams.
std::vector<std::int32_t> ngramIds(const std::vector<std::uint64_t>& tokens, bool bigrams, int bits,
                                   const std::vector<bool>* characterBigrams = nullptr) {
    std::vector<std::int32_t> ids;
    const std::size_t n = tokens.size();
    ids.reserve(bigrams && n > 0 ? 4 * n : 2 * n); // room for the grounding ids too
    for (std::size_t i = 0; i < n; ++i)
        ids.push_back(toId(tokens[i] ^ kUnigramSeed, bits));
    if (bigrams) {
        for (std::size_t i = 1; i < n; ++i) {
            // Two overlapping character bigrams make a character trigram, which rarely repeats:
            // measured, leaving them out raised full-human and curated-label accuracy on both
            // Japanese benchmarks. Bigrams of words, and of a word and its CJK neighbour, stay.
            if (characterBigrams && (*characterBigrams)[i - 1] && (*characterBigrams)[i])
                continue;
            ids.push_back(toId(fnvWord(fnvWord(kBigramBasis, tokens[i - 1]), tokens[i]), bits));
        }
    }
    return ids;
}

// Sorted, each value once (presence features, number sets), in a buffer of that size: an
// encoded pair is kept for the whole retrain, and the room reserved while its ids were made
// (about twice what stays) was most of a million-pair retrain's memory.
template <class T>
void sortUnique(std::vector<T>& values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    values.shrink_to_fit();
}

// A text's token hashes and which of them are numbers.
struct Tokens {
    std::vector<std::uint64_t> hashes;
    std::vector<bool> numbers;
    std::vector<bool> characterBigrams;
};

Tokens tokenize(std::string_view text, Tokenizer tokenizer) {
    Tokens t;
    const auto normalised = tokenizer != Tokenizer::Words ? cjkNormalised(text) : std::nullopt;
    tokenHashes(normalised ? std::string_view(*normalised) : text, t.hashes, &t.numbers, tokenizer,
                &t.characterBigrams);
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

std::optional<std::uint64_t> parseKanjiNumeral(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* const end = p + text.size();
    std::array<std::uint32_t, 16> cps{};
    std::size_t n = 0;
    while (p < end) {
        if (n == cps.size())
            return std::nullopt;
        const CodePoint c = decode(p, end);
        cps[n++] = c.cp;
        p += c.length;
    }
    return kanjiValue(cps.data(), n);
}

std::vector<std::int32_t> FeatureEncoder::encode(std::string_view text) const {
    const int bits = std::clamp(m_config.hashBits, kMinHashBits, kMaxHashBits);
    const auto normalised =
        m_config.tokenizer != Tokenizer::Words ? cjkNormalised(text) : std::nullopt;
    thread_local std::vector<std::uint64_t> tokens;
    thread_local std::vector<bool> characterBigrams;
    tokens.clear();
    characterBigrams.clear();
    tokenHashes(normalised ? std::string_view(*normalised) : text, tokens, nullptr,
                m_config.tokenizer, &characterBigrams);
    std::vector<std::int32_t> ids = ngramIds(tokens, m_config.bigrams, bits, &characterBigrams);
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
        pair.prompt =
            ngramIds(promptTokens.hashes, m_config.bigrams, bits, &promptTokens.characterBigrams);
        sortUnique(pair.prompt);
    }
    const std::vector<std::uint64_t> given = numbersOf(promptTokens);
    for (auto [text, ids] : {std::pair{a, &pair.a}, std::pair{b, &pair.b}}) {
        const Tokens tokens = tokenize(text, m_config.tokenizer);
        *ids = ngramIds(tokens.hashes, m_config.bigrams, bits, &tokens.characterBigrams);
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
    switch (tokenizer) {
    case Tokenizer::Words:
        return "words";
    case Tokenizer::CjkBigrams:
        return "cjk-bigrams";
    case Tokenizer::CjkBigramsFormat4:
        return "cjk-bigrams (format 4)";
    }
    return "?";
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
