// The project loop on embedding features: vectors from the project's cache, and a clear
// refusal when they have not been fetched.

#include "FactoryProject.h"
#include "TempDir.h"
#include "embed/VectorStore.h"
#include "loop/LoopSettings.h"
#include "loop/ProjectLoop.h"

#include <QJsonObject>
#include <catch2/catch.hpp>
#include <random>

using namespace rlthf;

namespace {

constexpr int kDim = 8;

loop::LoopSettings embeddingSettings() {
    loop::LoopSettings s;
    s.shardFraction = 0.6;
    s.engine.train.maxEpochs = 4;
    s.engine.train.threads = 1;
    s.engine.iterations = 2;
    s.engine.train.features.set = reward::FeatureSet::Embeddings;
    s.engine.train.features.embeddingModel = "embed-model";
    return s;
}

// A vector for every prompt and response, made up from the text's hash.
void storeAllVectors(store::Database& db) {
    auto pending = embed::pendingTexts(db, "embed-model");
    REQUIRE(pending);
    std::vector<embed::NewVector> vectors;
    for (const embed::PendingText& t : *pending) {
        std::mt19937_64 rng(std::hash<std::string>{}(t.hash));
        std::vector<float> v(kDim);
        for (float& x : v)
            x = static_cast<float>(rng() % 1000) / 500.0f - 1.0f;
        vectors.push_back({t.hash, v});
    }
    REQUIRE(embed::storeVectors(db, "embed-model", vectors));
}

std::int64_t count(store::Database& db, const char* sql) {
    auto n = db.scalar(sql);
    REQUIRE(n);
    return n->value_or(0);
}

} // namespace

TEST_CASE("loop settings name the features and the embedding model", "[loop][embed]") {
    const loop::LoopSettings s = embeddingSettings();
    const QJsonObject json = loop::toJson(s);
    CHECK(json["features"].toString() == "embeddings");
    CHECK(json["embedding_model"].toString() == "embed-model");
    auto back = loop::loopSettingsFromJson(json);
    REQUIRE(back);
    CHECK(back->engine.train.features.set == reward::FeatureSet::Embeddings);
    CHECK(back->engine.train.features.embeddingModel == "embed-model");
    CHECK(loop::toJson(loop::LoopSettings{})["features"].toString() == "ngrams");

    // Number grounding is on unless a project turns it off.
    CHECK(loop::toJson(loop::LoopSettings{})["number_grounding"].toBool());
    auto plain = loop::loopSettingsFromJson(QJsonObject{{"number_grounding", false}});
    REQUIRE(plain);
    CHECK_FALSE(plain->engine.train.features.numberGrounding);
    CHECK(loop::loopSettingsFromJson(QJsonObject{})->engine.train.features.numberGrounding);
    auto wrongType = loop::loopSettingsFromJson(QJsonObject{{"number_grounding", "yes"}});
    REQUIRE_FALSE(wrongType);
    CHECK_THAT(wrongType.message(), Catch::Contains("number_grounding"));

    auto unnamed = loop::loopSettingsFromJson(QJsonObject{{"features", "both"}});
    REQUIRE_FALSE(unnamed);
    CHECK_THAT(unnamed.message(), Catch::Contains("embedding_model"));
    CHECK_FALSE(loop::loopSettingsFromJson(QJsonObject{{"features", "vectors"}}));
    // Named values of the wrong type are refused like unknown names, never ignored.
    for (const char* key : {"model", "targeting", "tokenizer", "features"}) {
        INFO(key);
        auto number = loop::loopSettingsFromJson(QJsonObject{{QLatin1String(key), 3}});
        REQUIRE_FALSE(number);
        CHECK_THAT(number.message(), Catch::Contains(key));
    }
    CHECK(loop::loopSettingsFromJson(QJsonObject{{"targeting", "margin"}})->engine.targeting ==
          loop::Targeting::Margin);
}

TEST_CASE("retrain on embedding features needs the vectors and then uses them", "[loop][embed]") {
    test::TempDir dir;
    auto project = test::importFactoryProject(dir.file("p.rlthf"), 300).project;
    store::Database& db = project.db();
    const loop::LoopSettings settings = embeddingSettings();

    auto missing = loop::runProjectIteration(db, settings);
    REQUIRE_FALSE(missing);
    CHECK_THAT(missing.message(), Catch::Contains("rlthf embed") && Catch::Contains("embed-model"));
    CHECK(count(db, "SELECT count(*) FROM iterations") == 0);

    storeAllVectors(db);
    auto first = loop::runProjectIteration(db, settings);
    REQUIRE(first);
    auto second = loop::runProjectIteration(db, settings);
    REQUIRE(second);
    auto lastRun = db.scalar("SELECT max(id) FROM model_runs");
    REQUIRE(lastRun);
    auto weights = loop::modelWeights(db, lastRun->value_or(0));
    REQUIRE(weights);
    auto model = reward::RewardModel::deserialize(*weights);
    REQUIRE(model);
    CHECK(model->model.config().features.set == reward::FeatureSet::Embeddings);
    CHECK(model->model.config().features.embeddingModel == "embed-model");
    CHECK(model->model.config().features.vectorDim == kDim);

    auto propagated = loop::propagate(db, settings);
    REQUIRE(propagated);
    CHECK(propagated->labelled > 0);
}

TEST_CASE("the settings' ranges hold their defaults and refuse what lies outside, naming it",
          "[loop][settings]") {
    const QJsonObject defaults = loop::toJson(loop::LoopSettings{});
    int ranged = 0;
    for (auto it = defaults.begin(); it != defaults.end(); ++it) {
        const auto range = loop::settingRange(it.key().toStdString());
        if (!range)
            continue;
        ++ranged;
        INFO(it.key().toStdString());
        CHECK(it.value().toDouble() >= range->min);
        CHECK(it.value().toDouble() <= range->max);
        QJsonObject above = defaults;
        above.insert(it.key(), range->max + 1.0);
        auto refused = loop::loopSettingsFromJson(above);
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.message(), Catch::Contains(it.key().toStdString()));
    }
    CHECK(ranged == 13);
}
