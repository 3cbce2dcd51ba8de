#include "reward/ModelKind.h"
#include "reward/ParallelEncoder.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using namespace rlthf::reward;

namespace {

struct Texts {
    std::string prompt, a, b;
};

// Texts of different lengths, so that workers finish their chunks out of order.
std::vector<Texts> sampleTexts(int count) {
    std::vector<Texts> out;
    for (int i = 0; i < count; ++i) {
        std::string filler;
        for (int k = 0; k < i % 37; ++k)
            filler += fmt::format(" word{}", (i * 7 + k) % 101);
        out.push_back({fmt::format("Lot {} failed {} checks", i, i % 9),
                       fmt::format("Quarantine lot {}{}", i, filler),
                       fmt::format("Ship lot {} anyway{}", i + 1, filler)});
    }
    return out;
}

} // namespace

TEST_CASE("Pairs encoded in parallel equal those encoded one by one, in the order added") {
    const FeatureEncoder encoder;
    const auto texts = sampleTexts(2500); // several chunks and a partial one
    ParallelEncoder parallel(encoder, 3);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        EncodedPair withVector;
        withVector.aVector = {static_cast<float>(i)}; // vectors set beforehand are kept
        parallel.add(std::move(withVector), texts[i].prompt, texts[i].a, texts[i].b);
    }
    const auto encoded = parallel.take();
    REQUIRE(encoded.size() == texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const EncodedPair one = encoder.encodePair(texts[i].prompt, texts[i].a, texts[i].b);
        CHECK(encoded[i].prompt == one.prompt);
        CHECK(encoded[i].a == one.a);
        CHECK(encoded[i].b == one.b);
        REQUIRE(encoded[i].aVector.size() == 1);
        CHECK(encoded[i].aVector[0] == static_cast<float>(i));
    }

    // take() returns only what was added since the last call.
    parallel.add({}, texts[5].prompt, texts[5].a, texts[5].b);
    const auto again = parallel.take();
    REQUIRE(again.size() == 1);
    CHECK(again[0].a == encoded[5].a);
    CHECK(parallel.take().empty());
}

TEST_CASE("The linear model's encoding leaves out the prompt's n-grams, the mlp's keeps them") {
    FeatureConfig features;
    const auto linear = FeatureEncoder(featuresToEncode(ModelKind::Linear, features))
                            .encodePair("Lot 57 failed", "Scrap 57 parts", "Scrap 75 parts");
    const auto mlp = FeatureEncoder(featuresToEncode(ModelKind::Mlp, features))
                         .encodePair("Lot 57 failed", "Scrap 57 parts", "Scrap 75 parts");
    CHECK(linear.prompt.empty());
    CHECK_FALSE(mlp.prompt.empty());
    // The responses read the same, number grounding included: 57 is in the prompt, 75 not.
    CHECK(linear.a == mlp.a);
    CHECK(linear.b == mlp.b);
    CHECK(linear.a != linear.b);
}
