// Kanji numerals in the CJK tokenizer: a numeral that states a count is the number token of
// its digits, so number grounding matches 五十七個 with 57個.

#include "reward/Features.h"

#include <catch2/catch.hpp>
#include <string>

using rlthf::reward::FeatureConfig;
using rlthf::reward::FeatureEncoder;
using rlthf::reward::parseKanjiNumeral;
using rlthf::reward::Tokenizer;

namespace {

FeatureEncoder encoder() {
    FeatureConfig config;
    config.tokenizer = Tokenizer::CjkBigrams;
    return FeatureEncoder(config);
}

} // namespace

TEST_CASE("kanji numerals: values", "[reward][features][kanji]") {
    CHECK(parseKanjiNumeral("五十七") == 57u);
    CHECK(parseKanjiNumeral("十") == 10u);
    CHECK(parseKanjiNumeral("十二") == 12u);
    CHECK(parseKanjiNumeral("百五") == 105u);
    CHECK(parseKanjiNumeral("二千三百") == 2300u);
    CHECK(parseKanjiNumeral("三万") == 30000u);
    CHECK(parseKanjiNumeral("一万二千五百") == 12500u);
    CHECK(parseKanjiNumeral("〇") == 0u);
    CHECK(parseKanjiNumeral("一〇五") == 105u); // digit by digit
    CHECK(parseKanjiNumeral("五") == 5u);
    CHECK(!parseKanjiNumeral(""));
    CHECK(!parseKanjiNumeral("十十"));     // multipliers must fall
    CHECK(!parseKanjiNumeral("五五十"));   // two digits before a multiplier
    CHECK(!parseKanjiNumeral("万"));       // nothing before 万
    CHECK(!parseKanjiNumeral("五十七個")); // not a numeral alone
    CHECK(!parseKanjiNumeral("57"));
}

TEST_CASE("kanji numerals: a count reads as its digits", "[reward][features][kanji]") {
    const FeatureEncoder cjk = encoder();
    CHECK(cjk.encode("不良五十七個です") == cjk.encode("不良57個です"));
    CHECK(cjk.encode("二千三百件") == cjk.encode("2300件"));
    CHECK(cjk.encode("十個") == cjk.encode("10個"));
    CHECK(cjk.encode("一〇五個") == cjk.encode("105個"));
    CHECK(cjk.encode("三ロット") == cjk.encode("3ロット"));
    CHECK(cjk.encode("十分間停止") == cjk.encode("10分間停止"));
    CHECK(cjk.encode("残り二巻") == cjk.encode("残り2巻"));
    CHECK(cjk.encode("五十七個") != cjk.encode("七十五個"));
    // The Words tokenizer is unchanged: a kanji run is one word there.
    FeatureConfig words;
    words.tokenizer = Tokenizer::Words;
    CHECK(FeatureEncoder(words).encode("不良五十七個") != FeatureEncoder(words).encode("不良57個"));
}

TEST_CASE("kanji numerals: number grounding matches either form", "[reward][features][kanji]") {
    const FeatureEncoder cjk = encoder();
    const std::string digits = "早番：生産1580個、不良57個。引継ぎを書いてください。";
    const std::string kanji = "早番：生産1580個、不良五十七個。引継ぎを書いてください。";
    // A response in kanji against a prompt in digits gets the ids of the same response in
    // digits, grounding included, and the other way round.
    CHECK(cjk.encodePair(digits, "不良五十七個", "不良75個").a ==
          cjk.encodePair(digits, "不良57個", "不良75個").a);
    CHECK(cjk.encodePair(kanji, "不良57個", "x").a == cjk.encodePair(digits, "不良57個", "x").a);
    CHECK(cjk.encodePair(digits, "不良七十五個", "x").a ==
          cjk.encodePair(digits, "不良75個", "x").a);
    // Given and not given are told apart.
    CHECK(cjk.encodePair(digits, "不良五十七個", "x").a !=
          cjk.encodePair(digits, "不良七十五個", "x").a);
}

TEST_CASE("kanji numerals: a kanji run without a counter is no number",
          "[reward][features][kanji]") {
    const FeatureEncoder cjk = encoder();
    // encode() adds no grounding ids and encodePair() does for every number it reads: with no
    // number read, the two agree.
    for (const std::string text :
         {"一般的な部品", "十分に確認する", "十分な在庫", "何十回もやっている", "三次元測定機",
          "一時停止", "三分の一", "同一個所", "万一の場合", "第三者", "一〇"}) {
        INFO(text);
        CHECK(cjk.encodePair("57個", text, "x").a == cjk.encode(text));
    }
    CHECK(cjk.encodePair("57個", "十個", "x").a != cjk.encode("十個"));
}
