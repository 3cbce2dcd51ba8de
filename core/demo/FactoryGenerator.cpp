#include "demo/FactoryGenerator.h"

#include "demo/FactoryContent.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <ostream>
#include <string_view>

namespace rlthf::demo {

namespace {

using detail::Draft;
using detail::Flaw;
using detail::Rng;
using detail::Tier;

void appendEscaped(std::string& out, std::string_view text) {
    for (const char ch : text) {
        switch (ch) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (static_cast<unsigned char>(ch) < 0x20)
                fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(ch)));
            else
                out += ch;  // UTF-8 bytes pass through unchanged
            break;
        }
    }
}

void appendString(std::string& out, std::string_view text) {
    out += '"';
    appendEscaped(out, text);
    out += '"';
}

// Base judge error rate by difficulty: piecewise linear through these knots (plain
// arithmetic, so results are bit-identical everywhere). Documented in FactoryGenerator.h.
double baseJudgeError(double d) {
    static constexpr std::array<std::array<double, 2>, 7> kKnots{{
        {0.00, 0.050},
        {0.30, 0.130},
        {0.50, 0.330},
        {0.62, 0.410},
        {0.75, 0.440},
        {0.90, 0.450},
        {1.00, 0.460},
    }};
    if (d <= kKnots.front()[0])
        return kKnots.front()[1];
    for (std::size_t i = 1; i < kKnots.size(); ++i) {
        if (d <= kKnots[i][0]) {
            const double t = (d - kKnots[i - 1][0]) / (kKnots[i][0] - kKnots[i - 1][0]);
            return kKnots[i - 1][1] + t * (kKnots[i][1] - kKnots[i - 1][1]);
        }
    }
    return kKnots.back()[1];
}

// The judge is wrong on fewer than half of the pairs of any kind, so a reward model
// trained on its labels can still learn the true preference (the case RLTHF assumes).
constexpr double kMaxJudgeError = 0.47;

// Difficulty in hundredths: integers, so what is written is exactly what the judge sees.
int drawDifficulty(Rng& rng, const Draft& d, bool badLonger) {
    int x = 0;
    switch (d.tier) {
    case Tier::Easy:
        x = rng.range(5, 30);
        break;
    case Tier::Medium:
        x = rng.range(30, 62);
        break;
    case Tier::Hard:
        x = rng.range(60, 98);
        break;
    }
    x += d.difficultyShift;
    if (badLonger)
        x += 3;
    return std::clamp(x, 0, 100);
}

// Picks the judge's mistake among those that apply to this pair.
const char* judgeMistake(Rng& rng, const Draft& d, bool badLonger, bool badInA) {
    struct Kind {
        const char* name;
        double weight;
    };
    const std::array<Kind, 6> kinds{{
        {"length_bias", badLonger ? 3.0 : 0.0},
        {"overconfidence", d.badConfident ? 2.0 : 0.0},
        {"missed_wrong_value", d.flaw == Flaw::WrongValue ? 4.0 : 0.0},
        {"missed_step", d.flaw == Flaw::MissingStep ? 4.0 : 0.0},
        {"position_bias", badInA ? 1.5 : 0.0},
        {"shallow_reading", 0.5},
    }};
    double total = 0.0;
    for (const Kind& k : kinds)
        total += k.weight;
    double u = rng.uniform() * total;
    for (const Kind& k : kinds) {
        if (u < k.weight)
            return k.name;
        u -= k.weight;
    }
    return "shallow_reading";
}

void appendRecord(std::string& out, std::size_t index, const FactoryOptions& options, Draft& d) {
    Rng rng(detail::recordSeed(options.seed, index));
    if (options.language == DemoLanguage::Japanese)
        detail::draftPairJa(rng, d);
    else
        detail::draftPair(rng, d);
    const bool labels = options.labels;

    const bool badLonger = d.bad.size() > d.good.size();
    const bool goodInA = rng.chance(0.5);
    const int difficulty = drawDifficulty(rng, d, badLonger);

    double factor = badLonger ? 1.30 : 0.75;
    if (d.badConfident)
        factor *= 1.15;
    factor *= goodInA ? 0.90 : 1.10;
    const double pError = std::min(kMaxJudgeError, baseJudgeError(difficulty / 100.0) * factor);
    const bool judgeWrong = rng.chance(pError);
    const char* mistake = judgeWrong ? judgeMistake(rng, d, badLonger, !goodInA) : nullptr;

    const char* gold = goodInA ? "a" : "b";
    const char* ai = judgeWrong ? (goodInA ? "b" : "a") : gold;

    fmt::format_to(std::back_inserter(out), "{{\"id\":\"factory-{:06}\",\"prompt\":", index + 1);
    appendString(out, d.prompt);
    out += ",\"response_a\":";
    appendString(out, goodInA ? d.good : d.bad);
    out += ",\"response_b\":";
    appendString(out, goodInA ? d.bad : d.good);
    if (labels)
        fmt::format_to(std::back_inserter(out), ",\"ai_label\":\"{}\",\"gold_label\":\"{}\"", ai,
                       gold);
    fmt::format_to(std::back_inserter(out),
                   ",\"meta\":{{\"topic\":\"{}\",\"difficulty\":{}.{:02},\"rule\":\"{}\",\"judge_error\":",
                   d.topic, difficulty / 100, difficulty % 100, d.rule);
    if (mistake && labels)
        appendString(out, mistake);
    else
        out += "null";
    out += "}}\n";
}

} // namespace

std::string_view demoLanguageCode(DemoLanguage language) {
    return language == DemoLanguage::Japanese ? "ja" : "en";
}

std::optional<DemoLanguage> parseDemoLanguage(std::string_view code) {
    for (const DemoLanguage language : {DemoLanguage::English, DemoLanguage::Japanese})
        if (demoLanguageCode(language) == code)
            return language;
    return std::nullopt;
}

Status writeFactoryPairs(const FactoryOptions& options, std::ostream& out) {
    if (!out)
        return Error{"factory generator: output stream is not writable"};
    constexpr std::size_t kFlushAt = 1 << 16;
    std::string buffer;
    buffer.reserve(kFlushAt + 8192);
    Draft draft;
    for (std::size_t i = 0; i < options.pairs; ++i) {
        appendRecord(buffer, i, options, draft);
        if (buffer.size() >= kFlushAt) {
            out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            buffer.clear();
            if (!out)
                return Error{fmt::format("factory generator: write failed after {} pairs", i + 1)};
        }
    }
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    out.flush();
    if (!out)
        return Error{"factory generator: write failed"};
    return Status::success();
}

Status writeFactoryPairs(const FactoryOptions& options, const std::string& path) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file)
        return Error{fmt::format("factory generator: cannot open '{}' for writing", path)};
    RLTHF_TRY(writeFactoryPairs(options, static_cast<std::ostream&>(file)));
    file.close();
    if (file.fail())
        return Error{fmt::format("factory generator: cannot finish writing '{}'", path)};
    return Status::success();
}

} // namespace rlthf::demo
