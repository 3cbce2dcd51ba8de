#include "reward/RewardBatch.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace rlthf::reward::detail {

namespace {

// Fills `out` with the bags; `mask` < 0 keeps ids as they are, otherwise ids are folded
// with it. Weights are 1/sqrt(n) (`sqrtNorm`) or 1/n per id of a bag of n ids.
void fillBags(Bags& out, const std::vector<const Ids*>& bags, std::int64_t mask, bool sqrtNorm) {
    std::int64_t total = 0;
    for (const Ids* bag : bags)
        total += static_cast<std::int64_t>(bag->size());
    const auto count = static_cast<std::int64_t>(bags.size());
    out.ids = torch::empty({total}, torch::kLong);
    out.offsets = torch::empty({count}, torch::kLong);
    out.weights = torch::empty({total}, torch::kFloat);
    out.bagOf = torch::empty({total}, torch::kInt);
    auto* ids = out.ids.data_ptr<std::int64_t>();
    auto* offsets = out.offsets.data_ptr<std::int64_t>();
    auto* weights = out.weights.data_ptr<float>();
    auto* bagOf = out.bagOf.data_ptr<std::int32_t>();
    std::int64_t pos = 0;
    for (std::int64_t b = 0; b < count; ++b) {
        offsets[b] = pos;
        const Ids& bag = *bags[static_cast<std::size_t>(b)];
        if (bag.empty())
            continue;
        const auto n = static_cast<float>(bag.size());
        const float w = sqrtNorm ? 1.0f / std::sqrt(n) : 1.0f / n;
        for (const std::int32_t id : bag) {
            ids[pos] = mask < 0 ? id : (id & mask);
            weights[pos] = w;
            bagOf[pos] = static_cast<std::int32_t>(b);
            ++pos;
        }
    }
}

// Every id must lie in [0, rows): an out-of-range id throws, unless `invalid` is given; then
// the pair (bag index mod pairs) is marked there and its bag is replaced by `empty`.
void checkIds(const BatchShape& shape, std::vector<const Ids*>& responses,
              std::vector<std::uint8_t>* invalid, const Ids* empty) {
    const std::size_t n = responses.size() / 2;
    for (std::size_t b = 0; b < responses.size(); ++b) {
        for (const std::int32_t id : *responses[b]) {
            if (id >= 0 && id < shape.rows)
                continue;
            if (!invalid)
                throw std::out_of_range("feature id " + std::to_string(id) +
                                        " is outside the model's feature space of " +
                                        std::to_string(shape.rows) +
                                        " ids (encode with the model's FeatureConfig)");
            const std::size_t pair = n > 0 ? b % n : 0;
            (*invalid)[pair] = 1;
            responses[pair] = empty;
            responses[n + pair] = empty;
            break;
        }
    }
}

// Fills batch.dense from the vectors. A pair whose vectors are missing or of another
// dimension throws, unless `invalid` is given; then it is marked there and its rows stay 0.
void fillDense(Batch& batch, const BatchShape& shape, const Vectors& vectors,
               std::vector<std::uint8_t>* invalid) {
    const auto n = static_cast<std::size_t>(batch.pairs);
    const auto dim = static_cast<std::size_t>(shape.denseDim);
    batch.dense = torch::zeros(
        {static_cast<std::int64_t>(2 * n), static_cast<std::int64_t>(2 * dim)}, torch::kFloat);
    float* out = batch.dense.data_ptr<float>();
    for (std::size_t b = 0; b < 2 * n; ++b) {
        const Vec* y = vectors.responses[b];
        const Vec* x = vectors.prompts[b % n];
        if (!y || !x || y->size() != dim || x->size() != dim) {
            if (!invalid)
                throw std::out_of_range("a pair has no embedding vectors of dimension " +
                                        std::to_string(dim));
            (*invalid)[b % n] = 1;
            continue;
        }
        float* row = out + b * 2 * dim;
        for (std::size_t d = 0; d < dim; ++d) {
            row[d] = (*y)[d];
            row[dim + d] = (*y)[d] * (*x)[d];
        }
    }
}

} // namespace

Batch buildBatch(const BatchShape& shape, std::vector<const Ids*>& responses,
                 const std::vector<const Ids*>& prompts, const Vectors& vectors,
                 std::vector<std::uint8_t>* invalid, const Ids* empty) {
    checkIds(shape, responses, invalid, empty);
    Batch batch;
    batch.pairs = static_cast<std::int64_t>(responses.size() / 2);
    fillBags(batch.response, responses, -1, true);
    if (shape.embMask >= 0) {
        fillBags(batch.responseEmb, responses, shape.embMask, false);
        fillBags(batch.prompt, prompts, shape.embMask, false);
    }
    if (shape.denseDim > 0)
        fillDense(batch, shape, vectors, invalid);
    return batch;
}

// Lays out n comparisons for one forward pass: the chosen responses first, then the
// rejected ones, with the prompts and loss weights; returns the sum of the weights.
double gatherComparisons(const std::vector<EncodedPair>& dataset,
                         const std::vector<TrainingExample>& examples,
                         const std::vector<std::size_t>& indices, std::size_t start, std::size_t n,
                         std::vector<const Ids*>& responses, std::vector<const Ids*>& prompts,
                         Vectors& vectors, std::vector<float>& weights) {
    responses.assign(2 * n, nullptr);
    prompts.assign(n, nullptr);
    vectors.responses.assign(2 * n, nullptr);
    vectors.prompts.assign(n, nullptr);
    weights.assign(n, 0.0f);
    double weightSum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const TrainingExample& ex = examples[indices[start + i]];
        const EncodedPair& pair = dataset[static_cast<std::size_t>(ex.pair)];
        responses[i] = ex.chosenIsA ? &pair.a : &pair.b;
        responses[n + i] = ex.chosenIsA ? &pair.b : &pair.a;
        prompts[i] = &pair.prompt;
        vectors.responses[i] = ex.chosenIsA ? &pair.aVector : &pair.bVector;
        vectors.responses[n + i] = ex.chosenIsA ? &pair.bVector : &pair.aVector;
        vectors.prompts[i] = &pair.promptVector;
        weights[i] = ex.weight;
        weightSum += ex.weight;
    }
    return weightSum;
}

} // namespace rlthf::reward::detail
