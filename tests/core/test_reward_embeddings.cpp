// Reward models on embedding vectors instead of, or beside, the hashed n-grams.

#include "reward/Features.h"
#include "reward/RewardModel.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using namespace rlthf::reward;

namespace {

constexpr int kDim = 16;

std::vector<float> noise(std::mt19937_64& rng) {
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> v(kDim);
    for (float& x : v)
        x = normal(rng);
    return v;
}

// Vectors whose dimension 3 says whether a response is the preferred one; the rest is noise.
struct Planted {
    std::vector<EncodedPair> dataset;
    std::vector<TrainingExample> train;
    std::vector<std::int32_t> test;
    std::vector<bool> goodIsA;
};

Planted planted(int pairs, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Planted p;
    for (int i = 0; i < pairs; ++i) {
        EncodedPair pair;
        const bool goodIsA = rng() % 2 == 0;
        std::vector<float> good = noise(rng);
        std::vector<float> poor = noise(rng);
        good[3] = 2.5f;
        poor[3] = -2.5f;
        pair.promptVector = unitLength(noise(rng));
        pair.aVector = unitLength(goodIsA ? good : poor);
        pair.bVector = unitLength(goodIsA ? poor : good);
        p.dataset.push_back(pair);
        p.goodIsA.push_back(goodIsA);
        if (i < pairs * 3 / 4)
            p.train.push_back({i, goodIsA, 1.0f});
        else
            p.test.push_back(i);
    }
    return p;
}

TrainConfig embeddingConfig(FeatureSet set = FeatureSet::Embeddings) {
    TrainConfig config;
    config.features.set = set;
    config.features.embeddingModel = "embed-model";
    config.seed = 7;
    return config;
}

double accuracy(const RewardModel& model, const Planted& p) {
    const auto rewards = model.score(p.dataset, p.test);
    int right = 0;
    for (std::size_t i = 0; i < p.test.size(); ++i)
        right += (rewards[i].a > rewards[i].b) == p.goodIsA[static_cast<std::size_t>(p.test[i])] ? 1 : 0;
    return static_cast<double>(right) / static_cast<double>(p.test.size());
}

} // namespace

TEST_CASE("feature set names", "[reward][features]") {
    for (FeatureSet set : {FeatureSet::Ngrams, FeatureSet::Embeddings, FeatureSet::Both})
        CHECK(parseFeatureSet(featureSetName(set)) == set);
    CHECK_FALSE(parseFeatureSet("vectors"));
    FeatureConfig config;
    CHECK(describe(config) == "ngrams");
    config.set = FeatureSet::Both;
    config.embeddingModel = "nomic-embed-text";
    CHECK(describe(config) == "both (nomic-embed-text)");
    CHECK(unitLength({3.0f, 4.0f}) == std::vector<float>{0.6f, 0.8f});
    CHECK(unitLength({0.0f, 0.0f}) == std::vector<float>{0.0f, 0.0f});
    CHECK(FeatureEncoder(config).encodePair("p", "a", "b").a.size() == 1);
    config.set = FeatureSet::Embeddings;
    CHECK(FeatureEncoder(config).encodePair("p", "a", "b").a.empty());
}

TEST_CASE("linear model on embedding vectors learns a planted rule, deterministically", "[reward][train][embed]") {
    const Planted p = planted(400, 11);
    auto first = RewardModel::train(p.dataset, p.train, embeddingConfig());
    REQUIRE(first);
    CHECK(first->config().features.vectorDim == kDim);
    CHECK(accuracy(*first, p) > 0.95);

    auto second = RewardModel::train(p.dataset, p.train, embeddingConfig());
    REQUIRE(second);
    const auto a = first->score(p.dataset, p.test);
    const auto b = second->score(p.dataset, p.test);
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].a == b[i].a);
        CHECK(a[i].b == b[i].b);
    }

    const std::string bytes = first->serialize(42);
    auto loaded = RewardModel::deserialize(bytes);
    REQUIRE(loaded);
    CHECK(loaded->model.config().features.set == FeatureSet::Embeddings);
    CHECK(loaded->model.config().features.embeddingModel == "embed-model");
    CHECK(loaded->model.config().features.vectorDim == kDim);
    const auto c = loaded->model.score(p.dataset, p.test);
    CHECK(c[0].a == a[0].a);
}

TEST_CASE("n-grams and embeddings together train both terms", "[reward][train][embed]") {
    Planted p = planted(200, 5);
    const FeatureEncoder encoder(embeddingConfig(FeatureSet::Both).features);
    for (std::size_t i = 0; i < p.dataset.size(); ++i) {
        // The same words on both sides: only the vectors tell the responses apart.
        const EncodedPair ids = encoder.encodePair("question " + std::to_string(i), "a reply", "a reply");
        p.dataset[i].prompt = ids.prompt;
        p.dataset[i].a = ids.a;
        p.dataset[i].b = ids.b;
    }
    for (ModelKind kind : {ModelKind::Linear, ModelKind::Mlp}) {
        TrainConfig config = embeddingConfig(FeatureSet::Both);
        config.kind = kind;
        auto model = RewardModel::train(p.dataset, p.train, config);
        REQUIRE(model);
        CHECK(accuracy(*model, p) > 0.9);
    }
}

TEST_CASE("embedding features need vectors on every pair", "[reward][train][embed]") {
    Planted p = planted(40, 3);
    p.dataset[5].bVector.clear();
    auto missing = RewardModel::train(p.dataset, p.train, embeddingConfig());
    REQUIRE_FALSE(missing);
    CHECK_THAT(missing.message(), Catch::Contains("rlthf embed") && Catch::Contains("embed-model"));

    TrainConfig mlp = embeddingConfig();
    mlp.kind = ModelKind::Mlp;
    CHECK_FALSE(RewardModel::train(planted(40, 3).dataset, planted(40, 3).train, mlp));

    TrainConfig unnamed = embeddingConfig();
    unnamed.features.embeddingModel.clear();
    CHECK_FALSE(RewardModel::train(planted(40, 3).dataset, planted(40, 3).train, unnamed));

    // A pair without vectors scores NaN instead of a made-up reward.
    auto model = RewardModel::train(planted(40, 3).dataset, planted(40, 3).train, embeddingConfig());
    REQUIRE(model);
    const auto rewards = model->score(p.dataset, {5, 6});
    CHECK(std::isnan(rewards[0].a));
    CHECK_FALSE(std::isnan(rewards[1].a));
}
