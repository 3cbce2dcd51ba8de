#pragma once
// The reward model's architectures and their names in settings and reports; no LibTorch here.

#include "reward/Features.h"

#include <optional>
#include <string>

namespace rlthf::reward {

enum class ModelKind {
    Linear, // r(x, y) = w · φ(y): a linear Bradley–Terry model on the response's features;
            // with embedding features (FeatureConfig::set) + u · e(y) + v · (e(y) ⊙ e(x)) on
            // the unit-length embedding vectors of response and prompt.
    Mlp,    // EmbeddingBag(prompt), EmbeddingBag(response) → MLP → r: conditioned on the prompt
            // (+ the Linear model's term on φ(y) as a skip connection). The two embedding
            // tables fold the ids to 2^min(hashBits, 14) rows: AdamW updates dense tables
            // row by row every step, so 2^18 × embeddingDim tables would dominate training.
};
std::string modelKindName(ModelKind kind);
std::optional<ModelKind> parseModelKind(const std::string& name);

// What an encoder must produce for a model of `kind`: the linear model scores a response
// alone, so the prompt's own n-grams are left out (number grounding still reads the
// prompt's numbers). Encoding them cost a third of the encoding time and memory.
FeatureConfig featuresToEncode(ModelKind kind, FeatureConfig features);

} // namespace rlthf::reward
