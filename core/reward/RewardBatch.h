#pragma once
// The reward model's input: flat bags of feature ids in EmbeddingBag's layout, built straight
// from the encoded pairs, and the dense rows of embedding features.

#include "reward/RewardModel.h"

#include <cstdint>
#include <torch/torch.h>
#include <vector>

namespace rlthf::reward::detail {

// Pairs per forward pass when scoring or measuring a loss.
constexpr std::size_t kScoreBatch = 2048;

using Ids = std::vector<std::int32_t>;
using Vec = std::vector<float>;

// A set of bags in EmbeddingBag's flat layout, every bag a weighted sum Σ w_i · E[id_i].
struct Bags {
    torch::Tensor ids;     // int64 [total]
    torch::Tensor offsets; // int64 [bags]
    torch::Tensor weights; // float [total], per id
    torch::Tensor bagOf;   // int32 [total]: the bag of each id (for the backward pass)
};

struct Batch {
    std::int64_t pairs = 0;
    // 2·pairs response bags, one response of every pair and then the other one, with
    // weights 1/sqrt(#features) over all 2^hashBits ids (the linear term).
    Bags response;
    // Mlp: the same bags folded to the embedding table, weights 1/#features (a mean).
    Bags responseEmb;
    // Mlp: one prompt bag per pair, folded, weights 1/#features (a mean).
    Bags prompt;
    // With embedding features: float [2·pairs, 2·dim], per response [e(y), e(y) ⊙ e(x)].
    torch::Tensor dense;
};

struct BatchShape {
    std::int64_t rows = 0;     // 2^hashBits
    std::int64_t embMask = -1; // Mlp: embedding rows − 1; −1 without embeddings
    std::int64_t denseDim = 0; // embedding vectors' dimension; 0 without embedding features
};

// The vectors of a batch, parallel to its response and prompt bags.
struct Vectors {
    std::vector<const Vec*> responses;
    std::vector<const Vec*> prompts;
};

// responses: 2n bags (first the n of one side, then the n of the other); prompts: n bags.
// An out-of-range id or a missing vector throws, unless `invalid` is given: then the pair is
// marked there and its bags are replaced by `empty`.
Batch buildBatch(const BatchShape& shape, std::vector<const Ids*>& responses,
                 const std::vector<const Ids*>& prompts, const Vectors& vectors,
                 std::vector<std::uint8_t>* invalid, const Ids* empty);

// Lays out n comparisons for one forward pass: the chosen responses first, then the
// rejected ones, with the prompts and loss weights; returns the sum of the weights.
double gatherComparisons(const std::vector<EncodedPair>& dataset,
                         const std::vector<TrainingExample>& examples,
                         const std::vector<std::size_t>& indices, std::size_t start, std::size_t n,
                         std::vector<const Ids*>& responses, std::vector<const Ids*>& prompts,
                         Vectors& vectors, std::vector<float>& weights);

} // namespace rlthf::reward::detail
