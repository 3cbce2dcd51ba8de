#include "reward/Features.h"
#include "reward/RewardModel.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace rlthf::reward;

namespace {

FeatureConfig unigramsOnly() {
    FeatureConfig config;
    config.bigrams = false;
    return config;
}

std::int32_t idOf(const FeatureEncoder& encoder, const std::string& token) {
    const auto ids = encoder.encode(token);
    REQUIRE(ids.size() == 1);
    return ids[0];
}

bool contains(const std::vector<std::int32_t>& ids, std::int32_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// A small synthetic preference set: encoded pairs, one example per pair, and the labels.
struct Synthetic {
    std::vector<EncodedPair> dataset;
    std::vector<bool> goodIsA;
};

std::string filler(std::mt19937_64& rng, int words) {
    std::string text;
    for (int i = 0; i < words; ++i) {
        if (!text.empty())
            text += ' ';
        text += "w" + std::to_string(rng() % 400);
    }
    return text;
}

// Inserts `marker` at a random word position of `words` filler words.
std::string withMarker(std::mt19937_64& rng, const std::string& marker) {
    const int words = 8 + static_cast<int>(rng() % 8);
    const int at = static_cast<int>(rng() % static_cast<std::uint64_t>(words + 1));
    return filler(rng, at) + " " + marker + " " + filler(rng, words - at);
}

// The preferred response contains "quarantine", the other one "ship".
Synthetic plantedRule(int pairs, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    const FeatureEncoder encoder;
    Synthetic s;
    for (int i = 0; i < pairs; ++i) {
        const bool goodIsA = rng() % 2 == 0;
        const std::string good = withMarker(rng, "quarantine the lot");
        const std::string bad = withMarker(rng, "ship it");
        const std::string prompt = "Inspection finding " + filler(rng, 6);
        s.dataset.push_back(goodIsA ? encoder.encodePair(prompt, good, bad) : encoder.encodePair(prompt, bad, good));
        s.goodIsA.push_back(goodIsA);
    }
    return s;
}

// The prompt decides: "reject" prefers the response with "scrap", "accept" the one with
// "release". Each response word alone carries no signal.
Synthetic promptRule(int pairs, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    const FeatureEncoder encoder;
    Synthetic s;
    for (int i = 0; i < pairs; ++i) {
        const bool reject = rng() % 2 == 0;
        const bool scrapIsA = rng() % 2 == 0;
        const std::string prompt = filler(rng, 2) + (reject ? " reject" : " accept") + " the part " + filler(rng, 2);
        const std::string scrap = withMarker(rng, "scrap");
        const std::string release = withMarker(rng, "release");
        s.dataset.push_back(scrapIsA ? encoder.encodePair(prompt, scrap, release)
                                     : encoder.encodePair(prompt, release, scrap));
        s.goodIsA.push_back(reject == scrapIsA);
    }
    return s;
}

// The preferred response repeats the count the prompt states; the other states another
// count. Counts are drawn from a thousand values, so no number alone carries a signal.
Synthetic numberRule(int pairs, std::uint64_t seed, const FeatureConfig& features) {
    std::mt19937_64 rng(seed);
    const FeatureEncoder encoder(features);
    Synthetic s;
    for (int i = 0; i < pairs; ++i) {
        const bool goodIsA = rng() % 2 == 0;
        const int count = 100 + static_cast<int>(rng() % 1000);
        const int other = count + 1 + static_cast<int>(rng() % 50);
        const std::string prompt = "Shift report: " + std::to_string(count) + " scrap, " + filler(rng, 4);
        const std::string good = withMarker(rng, "scrap " + std::to_string(count));
        const std::string bad = withMarker(rng, "scrap " + std::to_string(other));
        s.dataset.push_back(goodIsA ? encoder.encodePair(prompt, good, bad) : encoder.encodePair(prompt, bad, good));
        s.goodIsA.push_back(goodIsA);
    }
    return s;
}

std::vector<TrainingExample> examplesFor(const Synthetic& s, int begin, int end, double flip = 0.0,
                                         std::uint64_t seed = 7) {
    std::mt19937_64 rng(seed);
    std::vector<TrainingExample> examples;
    for (int i = begin; i < end; ++i) {
        const bool flipped = static_cast<double>(rng() % 1000) < flip * 1000.0;
        examples.push_back({i, s.goodIsA[static_cast<std::size_t>(i)] != flipped, 1.0f});
    }
    return examples;
}

std::vector<std::int32_t> range(int begin, int end) {
    std::vector<std::int32_t> pairs;
    for (int i = begin; i < end; ++i)
        pairs.push_back(i);
    return pairs;
}

double accuracy(const RewardModel& model, const Synthetic& s, int begin, int end) {
    const auto pairs = range(begin, end);
    const auto rewards = model.score(s.dataset, pairs);
    int correct = 0;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        const bool predictsA = rewards[i].a > rewards[i].b;
        correct += predictsA == s.goodIsA[static_cast<std::size_t>(pairs[i])] ? 1 : 0;
    }
    return static_cast<double>(correct) / static_cast<double>(pairs.size());
}

RewardModel trainOk(const Synthetic& s, const std::vector<TrainingExample>& examples, const TrainConfig& config) {
    auto result = RewardModel::train(s.dataset, examples, config);
    INFO((result.ok() ? std::string() : result.message()));
    REQUIRE(result.ok());
    return std::move(result).value();
}

bool bitIdentical(const std::vector<PairRewards>& x, const std::vector<PairRewards>& y) {
    return x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size() * sizeof(PairRewards)) == 0;
}

} // namespace

TEST_CASE("encoder: lower-cased word tokens", "[reward][features]") {
    const FeatureEncoder encoder(unigramsOnly());
    CHECK(encoder.encode("") .empty());
    CHECK(encoder.encode("  ,;!? ").empty());
    CHECK(idOf(encoder, "Quarantine") == idOf(encoder, "quarantine"));
    CHECK(idOf(encoder, "QUARANTINE!") == idOf(encoder, "quarantine"));
    CHECK(idOf(encoder, "quarantine") != idOf(encoder, "ship"));
    CHECK(idOf(encoder, "don't") != idOf(encoder, "don"));
    CHECK(idOf(encoder, "ÄRGER") == idOf(encoder, "ärger"));
    CHECK(idOf(encoder, "µm") != idOf(encoder, "m"));

    const auto ids = encoder.encode("Quarantine the lot, then ship.");
    CHECK(ids.size() == 5);
    for (const char* word : {"quarantine", "the", "lot", "then", "ship"})
        CHECK(contains(ids, idOf(encoder, word)));
    // Each distinct feature once: presence, not counts.
    CHECK(encoder.encode("ship ship SHIP") == encoder.encode("ship"));
    // Words split at hyphens and dashes: "5-why" is "5" and "why".
    CHECK(encoder.encode("5-why").size() == 2);
    CHECK(encoder.encode("10–12 mm").size() == 3);
}

TEST_CASE("encoder: numbers keep their decimal point and sign", "[reward][features]") {
    const FeatureEncoder encoder(unigramsOnly());
    const std::int32_t tol = idOf(encoder, "±0.05");
    CHECK(tol != idOf(encoder, "0.05"));
    CHECK(tol != idOf(encoder, "+0.05"));
    CHECK(idOf(encoder, "12.07") != idOf(encoder, "12"));
    CHECK(idOf(encoder, "12.07") != idOf(encoder, "12.7"));
    CHECK(idOf(encoder, "-0.03") != idOf(encoder, "0.03"));
    CHECK(idOf(encoder, "−0.03") == idOf(encoder, "-0.03")); // U+2212 reads as '-'

    const auto ids = encoder.encode("Nominal 12.00 ±0.05 mm, measured 12.07.");
    CHECK(ids.size() == 6);
    CHECK(contains(ids, tol));
    CHECK(contains(ids, idOf(encoder, "12.07"))); // the sentence's full stop is not part of it
    CHECK(contains(ids, idOf(encoder, "12.00")));
    // A sign inside a word is a separator; "± 0.05" (with a space) is just 0.05.
    CHECK(encoder.encode("a-5") == encoder.encode("a 5"));
    CHECK(encoder.encode("± 0.05") == encoder.encode("0.05"));
}

TEST_CASE("encoder: bi-grams, determinism, id range", "[reward][features]") {
    FeatureConfig withBigrams;
    withBigrams.hashBits = 10;
    FeatureConfig without = withBigrams;
    without.bigrams = false;
    const std::string text = "Quarantine lot 4711 and verify the fix on the next 50 parts";
    const auto uni = FeatureEncoder(without).encode(text);
    const auto bi = FeatureEncoder(withBigrams).encode(text);
    CHECK(uni.size() == 11); // "the" twice
    CHECK(bi.size() > uni.size());
    CHECK(bi.size() <= 11 + 11);
    for (const std::int32_t id : uni)
        CHECK(contains(bi, id));
    // Word order matters with bi-grams only.
    CHECK(FeatureEncoder(without).encode("ship lot") == FeatureEncoder(without).encode("lot ship"));
    CHECK(FeatureEncoder(withBigrams).encode("ship lot") != FeatureEncoder(withBigrams).encode("lot ship"));

    // Deterministic: a fresh encoder gives the same ids, and ids are pinned (saved models
    // depend on them; a change here needs a new RewardModel::kFormatVersion).
    CHECK(FeatureEncoder(withBigrams).encode(text) == bi);
    const FeatureEncoder standard;
    CHECK(standard.encode("quarantine") == std::vector<std::int32_t>{147197});

    std::mt19937_64 rng(3);
    std::string longText;
    for (int i = 0; i < 2000; ++i)
        longText += "tok" + std::to_string(rng() % 100000) + (i % 7 == 0 ? " 1." : " ±") + std::to_string(i) + ' ';
    for (const int bits : {4, 10, 18}) {
        FeatureConfig config;
        config.hashBits = bits;
        const auto ids = FeatureEncoder(config).encode(longText);
        REQUIRE(!ids.empty());
        CHECK(ids.front() >= 0);
        CHECK(ids.back() < (1 << bits));
        CHECK(std::is_sorted(ids.begin(), ids.end()));
    }

    FeatureConfig noPrompt;
    noPrompt.promptFeatures = false;
    const EncodedPair pair = FeatureEncoder(noPrompt).encodePair("a prompt", "answer a", "answer b");
    CHECK(pair.prompt.empty());
    CHECK(pair.a == FeatureEncoder(noPrompt).encode("answer a"));
    CHECK(pair.b == FeatureEncoder(noPrompt).encode("answer b"));
    CHECK(standard.encodePair("a prompt", "x", "y").prompt == standard.encode("a prompt"));
}

TEST_CASE("encoder: a response's numbers are marked as given in the prompt or not", "[reward][features]") {
    const FeatureEncoder grounded;
    FeatureConfig plain;
    plain.numberGrounding = false;
    const FeatureEncoder without(plain);
    const std::string prompt = "Line 1: 57 scrap, tolerance \u00b10.05 mm, drift \u22120.02 mm";
    const EncodedPair pair = grounded.encodePair(prompt, "scrap 57, drift -0.02", "scrap 75, drift -0.02");
    const EncodedPair bare = without.encodePair(prompt, "scrap 57, drift -0.02", "scrap 75, drift -0.02");
    CHECK(bare.a == without.encode("scrap 57, drift -0.02"));
    CHECK(bare.prompt == pair.prompt);

    // What grounding adds to each response, beyond its n-grams.
    const auto added = [](const std::vector<std::int32_t>& all, const std::vector<std::int32_t>& ngrams) {
        std::vector<std::int32_t> extra;
        std::set_difference(all.begin(), all.end(), ngrams.begin(), ngrams.end(), std::back_inserter(extra));
        return extra;
    };
    const auto extraA = added(pair.a, bare.a);
    const auto extraB = added(pair.b, bare.b);
    CHECK(std::is_sorted(pair.a.begin(), pair.a.end()));
    CHECK(std::adjacent_find(pair.a.begin(), pair.a.end()) == pair.a.end());
    // a: both numbers given (the minus sign U+2212 reads as '-'): "given" alone, after
    // "scrap" and after "drift". b: 75 is not given, -0.02 is: "not given" alone and after
    // "scrap", "given" alone and after "drift".
    CHECK(extraA.size() == 3);
    CHECK(extraB.size() == 4);
    const auto common = [](std::vector<std::int32_t> x, const std::vector<std::int32_t>& y) {
        std::vector<std::int32_t> both;
        std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(both));
        return both;
    };
    CHECK(common(extraA, extraB).size() == 2); // "given" alone and "drift <given>"
    // The same response against a prompt without those numbers: every mark is "not given".
    const EncodedPair elsewhere = grounded.encodePair("no figures here", "scrap 57, drift -0.02", "x");
    const auto extraElsewhere = added(elsewhere.a, bare.a);
    CHECK(extraElsewhere.size() == 3);
    CHECK(common(extraElsewhere, extraA).empty());
    // Words that merely start with letters and digits are not numbers.
    CHECK(grounded.encodePair("L5858", "lot L5858", "x").a == without.encode("lot L5858"));
}

TEST_CASE("model kind names", "[reward]") {
    CHECK(modelKindName(ModelKind::Linear) == "linear");
    CHECK(modelKindName(ModelKind::Mlp) == "mlp");
    CHECK(parseModelKind("linear") == ModelKind::Linear);
    CHECK(parseModelKind("mlp") == ModelKind::Mlp);
    CHECK_FALSE(parseModelKind("transformer").has_value());
}

TEST_CASE("linear model learns a planted rule", "[reward][train]") {
    const Synthetic s = plantedRule(1000, 11);
    TrainConfig config;
    const RewardModel model = trainOk(s, examplesFor(s, 0, 800), config);
    CHECK(model.epochsRun() >= 1);
    CHECK(std::isfinite(model.validationLoss()));
    CHECK(accuracy(model, s, 800, 1000) >= 0.95);
    CHECK(accuracy(model, s, 0, 800) >= 0.95);
}

TEST_CASE("mlp model learns a planted rule", "[reward][train]") {
    const Synthetic s = plantedRule(1000, 12);
    TrainConfig config;
    config.kind = ModelKind::Mlp;
    const RewardModel model = trainOk(s, examplesFor(s, 0, 800), config);
    CHECK(accuracy(model, s, 800, 1000) >= 0.95);
}

TEST_CASE("only the mlp learns a prompt-conditioned rule", "[reward][train]") {
    const Synthetic s = promptRule(2500, 13);
    const auto examples = examplesFor(s, 0, 2000);
    TrainConfig config;
    config.maxEpochs = 30;
    config.patience = 4;
    const RewardModel linear = trainOk(s, examples, config);
    const double linearAccuracy = accuracy(linear, s, 2000, 2500);
    CHECK(linearAccuracy > 0.35);
    CHECK(linearAccuracy < 0.65);

    config.kind = ModelKind::Mlp;
    const RewardModel mlp = trainOk(s, examples, config);
    CHECK(accuracy(mlp, s, 2000, 2500) >= 0.9);
}

TEST_CASE("only number grounding lets a linear model check a response against its prompt", "[reward][train]") {
    FeatureConfig plain;
    plain.numberGrounding = false;
    for (const bool grounding : {true, false}) {
        INFO("number grounding " << grounding);
        FeatureConfig features;
        features.numberGrounding = grounding;
        const Synthetic s = numberRule(2000, 17, grounding ? features : plain);
        TrainConfig config;
        config.features = features;
        const RewardModel model = trainOk(s, examplesFor(s, 0, 1600), config);
        const double heldOut = accuracy(model, s, 1600, 2000);
        if (grounding) {
            CHECK(heldOut >= 0.95);
        } else {
            CHECK(heldOut > 0.35);
            CHECK(heldOut < 0.65);
        }
    }
}

TEST_CASE("training tolerates label noise", "[reward][train]") {
    const Synthetic s = plantedRule(1500, 14);
    const auto examples = examplesFor(s, 0, 1200, 0.2);
    const auto flipped = std::count_if(examples.begin(), examples.end(), [&](const TrainingExample& ex) {
        return ex.chosenIsA != s.goodIsA[static_cast<std::size_t>(ex.pair)];
    });
    CHECK(flipped > 180);
    CHECK(flipped < 300);
    TrainConfig config;
    const RewardModel model = trainOk(s, examples, config);
    CHECK(accuracy(model, s, 1200, 1500) >= 0.9);
}

TEST_CASE("training is deterministic for a seed", "[reward][train]") {
    const Synthetic s = plantedRule(600, 15);
    const auto examples = examplesFor(s, 0, 500, 0.1);
    const auto pairs = range(0, 600);
    for (const ModelKind kind : {ModelKind::Linear, ModelKind::Mlp}) {
        INFO(modelKindName(kind));
        TrainConfig config;
        config.kind = kind;
        config.maxEpochs = 4;
        config.threads = 2;
        const auto first = trainOk(s, examples, config).score(s.dataset, pairs);
        const auto second = trainOk(s, examples, config).score(s.dataset, pairs);
        CHECK(bitIdentical(first, second));
        config.seed = 2;
        const auto other = trainOk(s, examples, config).score(s.dataset, pairs);
        CHECK_FALSE(bitIdentical(first, other));
    }
}

TEST_CASE("early stopping ends on a validation plateau and keeps the best epoch", "[reward][train]") {
    const Synthetic s = plantedRule(1000, 16);
    TrainConfig config;
    config.maxEpochs = 60;
    config.patience = 2;
    config.validationShare = 0.2;
    // 800 training examples (200 pairs held out) in batches of 256: 4 batch calls, then
    // the end-of-epoch call that carries the epoch's validation loss.
    const int callsPerEpoch = (800 + config.batchSize - 1) / config.batchSize + 1;
    int calls = 0;
    std::vector<double> validationLosses;
    const TrainProgressFn progress = [&](const TrainProgress& p) {
        if (++calls % callsPerEpoch == 0) {
            CHECK(p.epoch == calls / callsPerEpoch);
            validationLosses.push_back(p.validationLoss);
        }
        return true;
    };
    const auto examples = examplesFor(s, 0, 1000, 0.3);
    auto result = RewardModel::train(s.dataset, examples, config, progress);
    REQUIRE(result.ok());
    const RewardModel& model = result.value();
    CHECK(model.epochsRun() < config.maxEpochs);
    CHECK(model.epochsRun() >= 1 + config.patience);
    REQUIRE(validationLosses.size() == static_cast<std::size_t>(model.epochsRun()));
    // The reported loss is the best epoch's, and the last `patience` epochs did not beat it.
    const auto bestAt = std::min_element(validationLosses.begin(), validationLosses.end());
    CHECK(model.validationLoss() == Approx(*bestAt));
    CHECK(bestAt < validationLosses.end() - config.patience);
    CHECK(validationLosses.back() > *bestAt);
    // The best epoch's weights were restored: the same as a run that ends at that epoch.
    TrainConfig upToBest = config;
    upToBest.maxEpochs = static_cast<int>(bestAt - validationLosses.begin()) + 1;
    auto again = RewardModel::train(s.dataset, examples, upToBest);
    REQUIRE(again.ok());
    CHECK(bitIdentical(again->score(s.dataset, range(0, 1000)), model.score(s.dataset, range(0, 1000))));

    // Fewer than 20 examples: no validation slice, all epochs run.
    config.maxEpochs = 5;
    auto small = RewardModel::train(s.dataset, examplesFor(s, 0, 15), config);
    REQUIRE(small.ok());
    CHECK(small->epochsRun() == 5);
    CHECK(std::isnan(small->validationLoss()));
}

TEST_CASE("progress reports and cancellation", "[reward][train]") {
    const Synthetic s = plantedRule(600, 17);
    const auto examples = examplesFor(s, 0, 600);
    TrainConfig config;
    config.batchSize = 64;
    config.maxEpochs = 3;
    config.validationShare = 0.0;

    std::vector<TrainProgress> seen;
    auto done = RewardModel::train(s.dataset, examples, config, [&](const TrainProgress& p) {
        seen.push_back(p);
        return true;
    });
    REQUIRE(done.ok());
    const std::size_t batches = (600 + 63) / 64;
    CHECK(seen.size() == 3 * (batches + 1)); // each batch, plus once per epoch
    for (std::size_t i = 1; i < seen.size(); ++i)
        CHECK(seen[i].fraction >= seen[i - 1].fraction);
    CHECK(seen.back().fraction == Approx(1.0));
    CHECK(seen.back().epoch == 3);
    CHECK(seen.back().maxEpochs == 3);
    CHECK(seen.back().trainLoss > 0.0);
    CHECK(seen.back().trainLoss < seen[batches].trainLoss); // the loss falls after epoch 1

    int calls = 0;
    auto cancelled = RewardModel::train(s.dataset, examples, config, [&](const TrainProgress&) { return ++calls < 3; });
    REQUIRE_FALSE(cancelled.ok());
    CHECK(cancelled.message() == "training cancelled");
    CHECK(calls == 3);
}

TEST_CASE("training rejects bad input", "[reward][train]") {
    const Synthetic s = plantedRule(50, 18);
    auto empty = RewardModel::train(s.dataset, {}, TrainConfig{});
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.message().find("no training examples") != std::string::npos);

    auto outOfRange = RewardModel::train(s.dataset, {{50, true, 1.0f}}, TrainConfig{});
    REQUIRE_FALSE(outOfRange.ok());
    CHECK(outOfRange.message().find("pair 50") != std::string::npos);

    TrainConfig badConfig;
    badConfig.batchSize = 0;
    CHECK_FALSE(RewardModel::train(s.dataset, examplesFor(s, 0, 50), badConfig).ok());

    // Ids encoded for a larger feature space than the model's.
    TrainConfig smallSpace;
    smallSpace.features.hashBits = 8;
    auto mismatch = RewardModel::train(s.dataset, examplesFor(s, 0, 50), smallSpace);
    REQUIRE_FALSE(mismatch.ok());
    CHECK(mismatch.message().find("feature space") != std::string::npos);
}

TEST_CASE("encoder: CJK text becomes character bigrams, English text does not change",
          "[reward][features]") {
    FeatureConfig wordsConfig = unigramsOnly();
    wordsConfig.tokenizer = Tokenizer::Words;
    const FeatureEncoder words(wordsConfig);
    const FeatureEncoder cjk(unigramsOnly());
    REQUIRE(cjk.config().tokenizer == Tokenizer::CjkBigrams); // the default

    // Text without CJK characters gets the very same ids, n-grams and grounding included.
    FeatureConfig fullWords;
    fullWords.tokenizer = Tokenizer::Words;
    for (const char* english : {"Quarantine lot 4711, then ship.",
                                "Nominal 12.00 \u00b10.05 mm, 5 \u00b5m \u2212 don\u2019t",
                                "caf\u00e9 \u00c4RGER \u2014 na\u00efve \U0001F600 \u00bd", ""}) {
        INFO(english);
        CHECK(cjk.encode(english) == words.encode(english));
        CHECK(FeatureEncoder().encodePair(english, english, "x").a ==
              FeatureEncoder(fullWords).encodePair(english, english, "x").a);
    }

    // A run of Han, kana or Hangul is its overlapping bigrams, as if cut with spaces.
    CHECK(cjk.encode("\u691c\u67fb\u7d50\u679c") == // 検査結果
          words.encode("\u691c\u67fb \u67fb\u7d50 \u7d50\u679c"));
    CHECK(words.encode("\u691c\u67fb\u7d50\u679c").size() == 1); // one token as a word
    CHECK(cjk.encode("\u500b") == words.encode("\u500b"));       // a lone 個
    CHECK(cjk.encode("\ud55c\uad6d\uc5b4").size() == 2);         // 한국어: 한국 국어
    // A number stands apart from the counter after it: 57個 reads 57 and 個.
    CHECK(cjk.encode("57\u500b") == words.encode("57 \u500b"));
    CHECK(cjk.encode("\u30dc\u30eb\u30c8M8") == words.encode("\u30dc\u30eb \u30eb\u30c8 m8"));

    // Full-width, half-width and compatibility forms read as their plain forms (NFKC).
    CHECK(cjk.encode("\uff10\uff0e\uff10\uff15\uff4d\uff4d") ==
          cjk.encode("0.05mm"));                                // ０．０５ｍｍ
    CHECK(cjk.encode("\uff76\uff9e\uff7d\uff79\uff6f\uff84") == // ｶﾞｽｹｯﾄ
          cjk.encode("\u30ac\u30b9\u30b1\u30c3\u30c8"));        // ガスケット
    CHECK(cjk.encode("\u339c") == cjk.encode("mm"));            // ㎜
    CHECK(cjk.encode("\u2460") == cjk.encode("1"));             // ①

    // A two-character run is one bigram: the same ids as the word, with the default hashing.
    CHECK(FeatureEncoder().encode("\u691c\u67fb") ==
          FeatureEncoder(fullWords).encode("\u691c\u67fb"));

    // Number grounding reads full-width digits as the prompt's: 不良５７個 in the prompt,
    // 不良57個 in the response is "given".
    const FeatureEncoder grounded;
    const std::string prompt = "\u4e0d\u826f\uff15\uff17\u500b";
    CHECK(grounded.encodePair(prompt, "\u4e0d\u826f57\u500b", "x").a ==
          grounded.encodePair("\u4e0d\u826f57\u500b", "\u4e0d\u826f57\u500b", "x").a);
    CHECK(grounded.encodePair(prompt, "\u4e0d\u826f75\u500b", "x").a !=
          grounded.encodePair("\u4e0d\u826f75\u500b", "\u4e0d\u826f75\u500b", "x").a);

    CHECK(tokenizerName(Tokenizer::CjkBigrams) == "cjk-bigrams");
    CHECK(parseTokenizer("words") == Tokenizer::Words);
    CHECK_FALSE(parseTokenizer("mecab"));
    CHECK_FALSE(parseTokenizer(tokenizerName(Tokenizer::CjkBigramsFormat4))); // loaded only
}

TEST_CASE("encoder: no bigrams of two character bigrams, and format 4 keeps its own reading",
          "[reward][features]") {
    FeatureConfig current; // bigrams of tokens on, cjk-bigrams
    FeatureConfig format4 = current;
    format4.tokenizer = Tokenizer::CjkBigramsFormat4;
    FeatureConfig words = current;
    words.tokenizer = Tokenizer::Words;
    const std::string run = "\u691c\u67fb\u7d50\u679c"; // 検査結果: 検査 査結 結果
    FeatureConfig unigrams = current;
    unigrams.bigrams = false;
    // Now the run gives its three character bigrams and no bigram of two of them; format 4
    // also had the two character trigrams 検査|査結 and 査結|結果.
    CHECK(FeatureEncoder(current).encode(run) == FeatureEncoder(unigrams).encode(run));
    CHECK(FeatureEncoder(format4).encode(run).size() == 5);
    // A word beside a run still makes a bigram with it: ロットL1234 has L1234|ロッ… ids.
    const std::string mixed = "\u30ed\u30c3\u30c8 L1234";
    CHECK(FeatureEncoder(current).encode(mixed).size() >
          FeatureEncoder(unigrams).encode(mixed).size());
    // Format 4 read no kanji numerals: 五十七個 there is no number.
    const std::string counted = "\u4e0d\u826f\u4e94\u5341\u4e03\u500b"; // 不良五十七個
    CHECK(FeatureEncoder(current).encode(counted) != FeatureEncoder(format4).encode(counted));
    // English is the same under all three.
    for (const char* english : {"Quarantine lot 4711, then ship.", "Nominal 12.00 \u00b10.05 mm"})
        for (const auto* config : {&format4, &words})
            CHECK(FeatureEncoder(current).encodePair(english, english, "x").a ==
                  FeatureEncoder(*config).encodePair(english, english, "x").a);
}

TEST_CASE("serialize and deserialize round trip", "[reward][serialize]") {
    const Synthetic s = plantedRule(300, 19);
    const auto pairs = range(0, 300);
    for (const ModelKind kind : {ModelKind::Linear, ModelKind::Mlp}) {
        INFO(modelKindName(kind));
        TrainConfig config;
        config.kind = kind;
        config.maxEpochs = 3;
        config.embeddingDim = 8;
        config.hiddenDim = 16;
        config.seed = 99;
        const RewardModel model = trainOk(s, examplesFor(s, 0, 250), config);
        const std::string bytes = model.serialize(42);

        auto loaded = RewardModel::deserialize(bytes);
        INFO((loaded.ok() ? std::string() : loaded.message()));
        REQUIRE(loaded.ok());
        CHECK(loaded->dataRevision == 42);
        CHECK(loaded->formatVersion == RewardModel::kFormatVersion);
        const RewardModel& copy = loaded->model;
        CHECK(copy.config().kind == kind);
        CHECK(copy.config().seed == 99);
        CHECK(copy.config().embeddingDim == 8);
        CHECK(copy.config().features.hashBits == config.features.hashBits);
        CHECK(copy.config().features.numberGrounding);
        CHECK(copy.epochsRun() == model.epochsRun());
        CHECK(copy.validationLoss() == model.validationLoss());
        CHECK(bitIdentical(copy.score(s.dataset, pairs), model.score(s.dataset, pairs)));
    }

    const TrainConfig config;
    const std::string bytes = trainOk(s, examplesFor(s, 0, 250), config).serialize(1);
    auto garbage = RewardModel::deserialize("definitely not a model");
    REQUIRE_FALSE(garbage.ok());
    CHECK(garbage.message().find("not a reward model") != std::string::npos);
    CHECK_FALSE(RewardModel::deserialize("").ok());
    CHECK_FALSE(RewardModel::deserialize(bytes.substr(0, bytes.size() / 2)).ok());
    CHECK_FALSE(RewardModel::deserialize(bytes.substr(0, 30)).ok());

    TrainConfig ungrounded;
    ungrounded.features.numberGrounding = false;
    auto plain = RewardModel::deserialize(trainOk(s, examplesFor(s, 0, 250), ungrounded).serialize(1));
    REQUIRE(plain.ok());
    CHECK_FALSE(plain->model.config().features.numberGrounding);

    // A version 3 model (no tokenizer: its 8 bytes follow the grounding flag) loads as one
    // of the Words tokenizer; a version 2 model (no grounding flag either: the flag's 8 bytes
    // follow the empty embedding model name) as one without number grounding.
    const std::size_t flagAt = std::string_view("RLTHF-REWARD-MODEL").size() + 8 * 19;
    REQUIRE(bytes.substr(flagAt, 8) == std::string("\x01\0\0\0\0\0\0\0", 8));
    REQUIRE(bytes.substr(flagAt + 8, 8) == std::string("\x01\0\0\0\0\0\0\0", 8));
    CHECK(RewardModel::deserialize(bytes)->model.config().features.tokenizer ==
          Tokenizer::CjkBigrams);
    // A version 4 model read CJK text its own way, and keeps reading it so.
    std::string version4 = bytes;
    version4[std::string_view("RLTHF-REWARD-MODEL").size()] = 4;
    auto fourth = RewardModel::deserialize(version4);
    REQUIRE(fourth.ok());
    CHECK(fourth->model.config().features.tokenizer == Tokenizer::CjkBigramsFormat4);
    std::string version3 = bytes;
    version3.erase(flagAt + 8, 8);
    version3[std::string_view("RLTHF-REWARD-MODEL").size()] = 3;
    auto third = RewardModel::deserialize(version3);
    REQUIRE(third.ok());
    CHECK(third->model.config().features.tokenizer == Tokenizer::Words);
    CHECK(third->model.config().features.numberGrounding);
    std::string version2 = bytes;
    version2.erase(flagAt, 16);
    version2[std::string_view("RLTHF-REWARD-MODEL").size()] = 2;
    auto old = RewardModel::deserialize(version2);
    INFO((old.ok() ? std::string() : old.message()));
    REQUIRE(old.ok());
    CHECK(old->formatVersion == 2);
    CHECK_FALSE(old->model.config().features.numberGrounding);
    const auto pairsToScore = range(0, 300);
    CHECK(bitIdentical(old->model.score(s.dataset, pairsToScore),
                       RewardModel::deserialize(bytes)->model.score(s.dataset, pairsToScore)));

    std::string newer = bytes;
    newer[std::string_view("RLTHF-REWARD-MODEL").size()] = 99; // the version's low byte
    auto version = RewardModel::deserialize(newer);
    REQUIRE_FALSE(version.ok());
    CHECK(version.message().find("version") != std::string::npos);

    std::string corrupt = bytes;
    for (std::size_t i = corrupt.size() - 200; i < corrupt.size(); ++i)
        corrupt[i] = static_cast<char>(i * 7);
    CHECK_FALSE(RewardModel::deserialize(corrupt).ok());
}

TEST_CASE("out-of-fold rewards come from models that did not see the pair", "[reward][oof]") {
    // Memorisation is all there is to learn: every response has its own random words and
    // the labels are coin flips.
    std::mt19937_64 rng(21);
    const FeatureEncoder encoder;
    std::vector<EncodedPair> dataset;
    std::vector<TrainingExample> examples;
    const int labelled = 600;
    for (int i = 0; i < labelled + 20; ++i) {
        const auto unique = [&] {
            return "u" + std::to_string(rng()) + " u" + std::to_string(rng()) + " " + filler(rng, 3);
        };
        dataset.push_back(encoder.encodePair("prompt", unique(), unique()));
        if (i < labelled)
            examples.push_back({i, rng() % 2 == 0, 1.0f});
    }
    TrainConfig config;
    config.validationShare = 0.0;
    config.maxEpochs = 8;
    const auto pairs = range(0, labelled + 20);

    const auto positiveShare = [&](const std::vector<PairRewards>& rewards) {
        int positive = 0;
        for (int i = 0; i < labelled; ++i) {
            const PairRewards& r = rewards[static_cast<std::size_t>(i)];
            const float margin = examples[static_cast<std::size_t>(i)].chosenIsA ? r.a - r.b : r.b - r.a;
            positive += margin > 0.0f ? 1 : 0;
        }
        return static_cast<double>(positive) / labelled;
    };

    auto inSample = RewardModel::train(dataset, examples, config);
    REQUIRE(inSample.ok());
    CHECK(positiveShare(inSample->score(dataset, pairs)) > 0.9);

    double lastFraction = 0.0;
    bool monotone = true;
    auto oof = outOfFoldRewards(dataset, examples, pairs, 5, config, [&](const TrainProgress& p) {
        monotone = monotone && p.fraction >= lastFraction - 1e-12;
        lastFraction = p.fraction;
        return true;
    });
    REQUIRE(oof.ok());
    REQUIRE(oof->size() == pairs.size());
    const double share = positiveShare(*oof);
    CHECK(share > 0.4);
    CHECK(share < 0.6);
    CHECK(monotone);
    CHECK(lastFraction == Approx(1.0));
    // Pairs outside the examples: the mean of the 5 models, finite and not all zero.
    bool nonZero = false;
    for (int i = labelled; i < labelled + 20; ++i) {
        const PairRewards& r = (*oof)[static_cast<std::size_t>(i)];
        CHECK(std::isfinite(r.a));
        CHECK(std::isfinite(r.b));
        nonZero = nonZero || r.a != 0.0f || r.b != 0.0f;
    }
    CHECK(nonZero);

    int calls = 0;
    auto cancelled = outOfFoldRewards(dataset, examples, pairs, 5, config, [&](const TrainProgress&) {
        return ++calls < 10;
    });
    REQUIRE_FALSE(cancelled.ok());
    CHECK(cancelled.message() == "training cancelled");
    CHECK(calls == 10);
    CHECK_FALSE(outOfFoldRewards(dataset, examples, pairs, 1, config).ok());
    CHECK_FALSE(outOfFoldRewards(dataset, {}, pairs, 5, config).ok());
}
