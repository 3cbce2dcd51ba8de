#pragma once
// Gives encoded pairs the project's cached embedding vectors, for reward models that read
// embedding features. The vectors are fetched beforehand with `rlthf embed`.

#include "common/Result.h"
#include "embed/VectorStore.h"
#include "reward/Features.h"
#include "store/Database.h"

#include <cstdint>
#include <optional>
#include <string>

namespace rlthf::loop {

class EmbeddingFeatures {
public:
    // Does nothing when the config reads n-grams only.
    static Result<EmbeddingFeatures> open(store::Database& db, const reward::FeatureConfig& config);

    // Sets the pair's vectors, scaled to unit length. A text without a cached vector (or a
    // database error) is noted for complete().
    void attach(reward::EncodedPair& pair, const std::string& prompt, const std::string& a,
                const std::string& b);
    // An error, naming `rlthf embed`, when a text had no vector.
    Status complete() const;

private:
    EmbeddingFeatures(std::optional<embed::VectorLookup> lookup, std::string model)
        : m_lookup(std::move(lookup)), m_model(std::move(model)) {}
    std::vector<float> vectorOf(const std::string& text);

    std::optional<embed::VectorLookup> m_lookup;
    std::string m_model;
    std::int64_t m_missing = 0;
    std::optional<Error> m_error;
};

} // namespace rlthf::loop
