#include "loop/EmbeddingFeatures.h"

#include <fmt/format.h>

namespace rlthf::loop {

Result<EmbeddingFeatures> EmbeddingFeatures::open(store::Database& db,
                                                  const reward::FeatureConfig& config) {
    if (!reward::usesEmbeddings(config))
        return EmbeddingFeatures(std::nullopt, {});
    if (config.embeddingModel.empty())
        return Error{"the loop's features read embeddings, but no \"embedding_model\" is set"};
    auto lookup = embed::VectorLookup::open(db, config.embeddingModel);
    if (!lookup)
        return lookup.error();
    return EmbeddingFeatures(std::move(lookup).value(), config.embeddingModel);
}

std::vector<float> EmbeddingFeatures::vectorOf(const std::string& text) {
    auto found = m_lookup->find(text);
    if (!found) {
        if (!m_error)
            m_error = found.error();
        return {};
    }
    if (!*found) {
        ++m_missing;
        return {};
    }
    return reward::unitLength(std::move(**found));
}

void EmbeddingFeatures::attach(reward::EncodedPair& pair, const std::string& prompt,
                               const std::string& a, const std::string& b) {
    if (!m_lookup)
        return;
    pair.promptVector = vectorOf(prompt);
    pair.aVector = vectorOf(a);
    pair.bVector = vectorOf(b);
}

Status EmbeddingFeatures::complete() const {
    if (m_error)
        return *m_error;
    if (m_missing > 0)
        return Error{fmt::format(
            "{} texts of the project have no embedding vector for the model \"{}\": fetch them "
            "with `rlthf embed --db FILE --endpoint BASE_URL --model {}` first",
            m_missing, m_model, m_model)};
    return {};
}

} // namespace rlthf::loop
