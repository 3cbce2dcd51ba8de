#include "reward/RewardNets.h"

#include "reward/WeightedBag.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace rlthf::reward::detail {

namespace {

// The Mlp's embedding tables hash the feature ids further down to 2^kMlpEmbeddingBits rows:
// AdamW updates every row of a dense table on every step (measured ~1.9 ms a step for one
// 2^14 × 32 table), so two 2^18 × 32 tables would cost ~60 ms a step. The fine-grained response
// features still reach the reward through the Mlp's linear skip term, which keeps all 2^hashBits
// ids.
constexpr int kMlpEmbeddingBits = 14;

// With embedding features: u · e(y) + v · (e(y) ⊙ e(x)) over the unit-length vectors of the
// response and the prompt; the product term lets the reward depend on how the response
// relates to the prompt. No bias, zero at the start. Registered after every other module,
// so the n-gram models' initial weights do not move.
torch::nn::Linear makeDense(torch::nn::Module& net, std::int64_t dim) {
    auto dense = net.register_module(
        "dense", torch::nn::Linear(torch::nn::LinearOptions(2 * dim, 1).bias(false)));
    torch::NoGradGuard noGrad;
    dense->weight.zero_();
    return dense;
}

torch::Tensor denseTerm(torch::nn::Linear& dense, const Batch& batch) {
    return dense->forward(batch.dense).view({-1});
}

// r(x, y) = Σ w_i / sqrt(|φ(y)|) over the response's features; no bias (it cancels in
// r(chosen) − r(rejected)). Starts at zero: every reward is 0 before training. Without
// n-gram features only the embedding term remains.
struct LinearRewardImpl : RewardNetImpl {
    LinearRewardImpl(std::int64_t rows, std::int64_t denseDim) {
        if (rows > 0) {
            bag = register_module(
                "bag",
                torch::nn::EmbeddingBag(torch::nn::EmbeddingBagOptions(rows, 1).mode(torch::kSum)));
            torch::NoGradGuard noGrad;
            bag->weight.zero_();
        }
        if (denseDim > 0)
            dense = makeDense(*this, denseDim);
    }
    torch::Tensor forward(const Batch& batch) override {
        if (!bag)
            return denseTerm(dense, batch);
        torch::Tensor r = weightedBag(bag->weight, batch.response).view({-1});
        return dense ? r + denseTerm(dense, batch) : r;
    }
    torch::nn::EmbeddingBag bag{nullptr};
    torch::nn::Linear dense{nullptr};
};
TORCH_MODULE(LinearReward);

// p = mean(E_prompt[φ(x)]), y = mean(E_response[φ(y)]),
// r = Linear(ReLU(Linear([p, y, p ⊙ y]))) + the Linear model's term on φ(y) (skip).
struct MlpRewardImpl : RewardNetImpl {
    MlpRewardImpl(std::int64_t rows, std::int64_t embRows, std::int64_t dim, std::int64_t hidden,
                  std::int64_t denseDim)
        : prompt(register_module(
              "prompt", torch::nn::EmbeddingBag(
                            torch::nn::EmbeddingBagOptions(embRows, dim).mode(torch::kMean)))),
          response(register_module(
              "response", torch::nn::EmbeddingBag(
                              torch::nn::EmbeddingBagOptions(embRows, dim).mode(torch::kMean)))),
          hiddenLayer(register_module("hidden", torch::nn::Linear(3 * dim, hidden))),
          out(register_module("out", torch::nn::Linear(hidden, 1))),
          skip(register_module(
              "skip",
              torch::nn::EmbeddingBag(torch::nn::EmbeddingBagOptions(rows, 1).mode(torch::kSum)))) {
        {
            torch::NoGradGuard noGrad;
            skip->weight.zero_();
        }
        if (denseDim > 0)
            dense = makeDense(*this, denseDim);
    }
    torch::Tensor forward(const Batch& batch) override {
        const torch::Tensor y = weightedBag(response->weight, batch.responseEmb);
        torch::Tensor p = weightedBag(prompt->weight, batch.prompt);
        p = torch::cat({p, p}, 0);
        const torch::Tensor h = torch::relu(hiddenLayer->forward(torch::cat({p, y, p * y}, 1)));
        const torch::Tensor r =
            out->forward(h).view({-1}) + weightedBag(skip->weight, batch.response).view({-1});
        return dense ? r + denseTerm(dense, batch) : r;
    }
    torch::nn::EmbeddingBag prompt;
    torch::nn::EmbeddingBag response;
    torch::nn::Linear hiddenLayer;
    torch::nn::Linear out;
    torch::nn::EmbeddingBag skip;
    torch::nn::Linear dense{nullptr};
};
TORCH_MODULE(MlpReward);

} // namespace

BatchShape shapeFor(const TrainConfig& config) {
    BatchShape shape;
    shape.rows = std::int64_t{1} << config.features.hashBits;
    if (config.kind == ModelKind::Mlp)
        shape.embMask =
            (std::int64_t{1} << std::min(config.features.hashBits, kMlpEmbeddingBits)) - 1;
    if (usesEmbeddings(config.features))
        shape.denseDim = config.features.vectorDim;
    return shape;
}

std::shared_ptr<RewardNetImpl> makeNet(const TrainConfig& config) {
    const BatchShape shape = shapeFor(config);
    if (config.kind == ModelKind::Mlp)
        return MlpReward(shape.rows, shape.embMask + 1, config.embeddingDim, config.hiddenDim,
                         shape.denseDim)
            .ptr();
    return LinearReward(usesNgrams(config.features) ? shape.rows : 0, shape.denseDim).ptr();
}

std::optional<Error> checkConfig(const TrainConfig& config) {
    const auto fail = [](const std::string& what) {
        return Error{"invalid training configuration: " + what};
    };
    if (config.kind != ModelKind::Linear && config.kind != ModelKind::Mlp)
        return fail("unknown model kind");
    if (config.features.hashBits < 1 || config.features.hashBits > 28)
        return fail("hashBits must be in [1, 28]");
    if (config.kind == ModelKind::Mlp && (config.embeddingDim < 1 || config.embeddingDim > 4096))
        return fail("embeddingDim must be in [1, 4096]");
    if (config.kind == ModelKind::Mlp && (config.hiddenDim < 1 || config.hiddenDim > 65536))
        return fail("hiddenDim must be in [1, 65536]");
    if (!(config.learningRate > 0.0) || !std::isfinite(config.learningRate))
        return fail("learningRate must be positive");
    if (!(config.weightDecay >= 0.0) || !std::isfinite(config.weightDecay))
        return fail("weightDecay must be zero or positive");
    if (config.batchSize < 1)
        return fail("batchSize must be at least 1");
    if (config.maxEpochs < 1)
        return fail("maxEpochs must be at least 1");
    if (!(config.validationShare >= 0.0 && config.validationShare < 1.0))
        return fail("validationShare must be in [0, 1)");
    if (config.threads < 0)
        return fail("threads must be 0 (default) or positive");
    if (config.features.set != FeatureSet::Ngrams &&
        config.features.set != FeatureSet::Embeddings && config.features.set != FeatureSet::Both)
        return fail("unknown feature set");
    if (usesEmbeddings(config.features) && config.features.embeddingModel.empty())
        return fail("embedding features need the embedding model's name");
    if (config.features.vectorDim < 0 || config.features.vectorDim > 65536)
        return fail("vectorDim must be in [0, 65536]");
    if (config.kind == ModelKind::Mlp && !usesNgrams(config.features))
        return fail(
            "the mlp model needs n-gram features: use features \"both\" or the linear model");
    return std::nullopt;
}

} // namespace rlthf::reward::detail
