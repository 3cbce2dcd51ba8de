#include "reward/RewardModel.h"

#include <torch/torch.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace rlthf::reward {

namespace {

// The Mlp's embedding tables hash the feature ids further down to 2^kMlpEmbeddingBits rows:
// AdamW updates every row of a dense table on every step (measured ~1.9 ms a step for one
// 2^14 × 32 table), so two 2^18 × 32 tables would cost ~60 ms a step. The fine-grained response features still reach the reward
// through the Mlp's linear skip term, which keeps all 2^hashBits ids.
constexpr int kMlpEmbeddingBits = 14;
constexpr std::size_t kScoreBatch = 2048;
// Early stopping counts an epoch as an improvement when the validation loss drops by more
// than this fraction of the best loss so far.
constexpr double kMinRelativeImprovement = 1e-4;
constexpr std::uint64_t kSplitSalt = 0x6a09e667f3bcc909ull;
constexpr std::uint64_t kShuffleSalt = 0xbb67ae8584caa73bull;
constexpr std::uint64_t kFoldSalt = 0x3c6ef372fe94f82bull;
// Validation needs at least this many examples; smaller sets train on everything.
constexpr std::size_t kMinExamplesForValidation = 20;

constexpr std::string_view kMagic = "RLTHF-REWARD-MODEL";

// Uniform in [0, n) without modulo bias and without std::uniform_int_distribution, whose
// algorithm differs between standard libraries.
std::size_t below(std::mt19937_64& rng, std::size_t n) {
    return static_cast<std::size_t>((static_cast<unsigned __int128>(rng()) * n) >> 64);
}

template <class T>
void shuffle(std::vector<T>& items, std::mt19937_64& rng) {
    for (std::size_t i = items.size(); i > 1; --i)
        std::swap(items[i - 1], items[below(rng, i)]);
}

// torch::set_num_threads for the lifetime of the guard (threads > 0), then the previous value.
class ThreadsGuard {
public:
    explicit ThreadsGuard(int threads) {
        if (threads > 0) {
            m_previous = torch::get_num_threads();
            if (m_previous != threads)
                torch::set_num_threads(threads);
            else
                m_previous = 0;
        }
    }
    ~ThreadsGuard() {
        if (m_previous > 0)
            torch::set_num_threads(m_previous);
    }
    ThreadsGuard(const ThreadsGuard&) = delete;
    ThreadsGuard& operator=(const ThreadsGuard&) = delete;

private:
    int m_previous = 0;
};

// ---------------------------------------------------------------------------------------
// Batches: flat bag inputs built straight from the encoded id vectors.

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
void checkIds(const BatchShape& shape, std::vector<const Ids*>& responses, std::vector<std::uint8_t>* invalid,
              const Ids* empty) {
    const std::size_t n = responses.size() / 2;
    for (std::size_t b = 0; b < responses.size(); ++b) {
        for (const std::int32_t id : *responses[b]) {
            if (id >= 0 && id < shape.rows)
                continue;
            if (!invalid)
                throw std::out_of_range("feature id " + std::to_string(id) +
                                        " is outside the model's feature space of " + std::to_string(shape.rows) +
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
void fillDense(Batch& batch, const BatchShape& shape, const Vectors& vectors, std::vector<std::uint8_t>* invalid) {
    const auto n = static_cast<std::size_t>(batch.pairs);
    const auto dim = static_cast<std::size_t>(shape.denseDim);
    batch.dense = torch::zeros({static_cast<std::int64_t>(2 * n), static_cast<std::int64_t>(2 * dim)}, torch::kFloat);
    float* out = batch.dense.data_ptr<float>();
    for (std::size_t b = 0; b < 2 * n; ++b) {
        const Vec* y = vectors.responses[b];
        const Vec* x = vectors.prompts[b % n];
        if (!y || !x || y->size() != dim || x->size() != dim) {
            if (!invalid)
                throw std::out_of_range("a pair has no embedding vectors of dimension " + std::to_string(dim));
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

// responses: 2n bags (first the n of one side, then the n of the other); prompts: n bags.
Batch buildBatch(const BatchShape& shape, std::vector<const Ids*>& responses, const std::vector<const Ids*>& prompts,
                 const Vectors& vectors, std::vector<std::uint8_t>* invalid, const Ids* empty) {
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

// ---------------------------------------------------------------------------------------
// Models

// Σ w_i · table[id_i] per bag. The forward pass is LibTorch's embedding_bag (sum mode with
// per-sample weights); the backward pass scatters into a dense gradient with a plain loop:
// LibTorch 1.13's embedding_bag backward sorts the ids and costs ~5 ms for a batch of 256
// pairs, this costs ~0.1 ms, and it is deterministic.
struct WeightedBagFn : torch::autograd::Function<WeightedBagFn> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& table,
                                 const torch::Tensor& ids, const torch::Tensor& offsets,
                                 const torch::Tensor& weights, const torch::Tensor& bagOf) {
        ctx->save_for_backward({ids, weights, bagOf});
        ctx->saved_data["rows"] = table.size(0);
        return std::get<0>(at::embedding_bag(table, ids, offsets, /*scale_grad_by_freq=*/false,
                                             /*mode=sum*/ 0, /*sparse=*/false, weights));
    }

    static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::tensor_list gradOutputs) {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor& ids = saved[0];
        const torch::Tensor& weights = saved[1];
        const torch::Tensor& bagOf = saved[2];
        const std::int64_t rows = ctx->saved_data["rows"].toInt();
        const torch::Tensor gradOut = gradOutputs[0].contiguous();
        const std::int64_t dim = gradOut.size(1);
        torch::Tensor grad = torch::zeros({rows, dim}, gradOut.options());
        const auto* g = gradOut.data_ptr<float>();
        auto* out = grad.data_ptr<float>();
        const auto* id = ids.data_ptr<std::int64_t>();
        const auto* w = weights.data_ptr<float>();
        const auto* bag = bagOf.data_ptr<std::int32_t>();
        const std::int64_t total = ids.numel();
        if (dim == 1) {
            for (std::int64_t i = 0; i < total; ++i)
                out[id[i]] += w[i] * g[bag[i]];
        } else {
            for (std::int64_t i = 0; i < total; ++i) {
                float* row = out + id[i] * dim;
                const float* src = g + static_cast<std::int64_t>(bag[i]) * dim;
                const float wi = w[i];
                for (std::int64_t d = 0; d < dim; ++d)
                    row[d] += wi * src[d];
            }
        }
        return {grad, torch::Tensor(), torch::Tensor(), torch::Tensor(), torch::Tensor()};
    }
};

torch::Tensor weightedBag(const torch::Tensor& table, const Bags& bags) {
    return WeightedBagFn::apply(table, bags.ids, bags.offsets, bags.weights, bags.bagOf);
}

struct RewardNetImpl : torch::nn::Module {
    // Rewards of the 2·pairs response bags of the batch.
    virtual torch::Tensor forward(const Batch& batch) = 0;
};

// With embedding features: u · e(y) + v · (e(y) ⊙ e(x)) over the unit-length vectors of the
// response and the prompt; the product term lets the reward depend on how the response
// relates to the prompt. No bias, zero at the start. Registered after every other module,
// so the n-gram models' initial weights do not move.
torch::nn::Linear makeDense(torch::nn::Module& net, std::int64_t dim) {
    auto dense = net.register_module("dense", torch::nn::Linear(torch::nn::LinearOptions(2 * dim, 1).bias(false)));
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
            bag = register_module("bag", torch::nn::EmbeddingBag(
                                             torch::nn::EmbeddingBagOptions(rows, 1).mode(torch::kSum)));
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
        : prompt(register_module("prompt", torch::nn::EmbeddingBag(torch::nn::EmbeddingBagOptions(embRows, dim)
                                                                        .mode(torch::kMean)))),
          response(register_module("response", torch::nn::EmbeddingBag(torch::nn::EmbeddingBagOptions(embRows, dim)
                                                                            .mode(torch::kMean)))),
          hiddenLayer(register_module("hidden", torch::nn::Linear(3 * dim, hidden))),
          out(register_module("out", torch::nn::Linear(hidden, 1))),
          skip(register_module("skip", torch::nn::EmbeddingBag(
                                           torch::nn::EmbeddingBagOptions(rows, 1).mode(torch::kSum)))) {
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
        const torch::Tensor r = out->forward(h).view({-1}) + weightedBag(skip->weight, batch.response).view({-1});
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

BatchShape shapeFor(const TrainConfig& config) {
    BatchShape shape;
    shape.rows = std::int64_t{1} << config.features.hashBits;
    if (config.kind == ModelKind::Mlp)
        shape.embMask = (std::int64_t{1} << std::min(config.features.hashBits, kMlpEmbeddingBits)) - 1;
    if (usesEmbeddings(config.features))
        shape.denseDim = config.features.vectorDim;
    return shape;
}

std::shared_ptr<RewardNetImpl> makeNet(const TrainConfig& config) {
    const BatchShape shape = shapeFor(config);
    if (config.kind == ModelKind::Mlp)
        return MlpReward(shape.rows, shape.embMask + 1, config.embeddingDim, config.hiddenDim, shape.denseDim).ptr();
    return LinearReward(usesNgrams(config.features) ? shape.rows : 0, shape.denseDim).ptr();
}

std::optional<Error> checkConfig(const TrainConfig& config) {
    const auto fail = [](const std::string& what) { return Error{"invalid training configuration: " + what}; };
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
    if (config.features.set != FeatureSet::Ngrams && config.features.set != FeatureSet::Embeddings &&
        config.features.set != FeatureSet::Both)
        return fail("unknown feature set");
    if (usesEmbeddings(config.features) && config.features.embeddingModel.empty())
        return fail("embedding features need the embedding model's name");
    if (config.features.vectorDim < 0 || config.features.vectorDim > 65536)
        return fail("vectorDim must be in [0, 65536]");
    if (config.kind == ModelKind::Mlp && !usesNgrams(config.features))
        return fail("the mlp model needs n-gram features: use features \"both\" or the linear model");
    return std::nullopt;
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

// Σ w·softplus(−(r_chosen − r_rejected)) and Σ w over the examples, in eval mode.
std::pair<double, double> evaluateLoss(RewardNetImpl& net, const BatchShape& shape,
                                       const std::vector<EncodedPair>& dataset,
                                       const std::vector<TrainingExample>& examples,
                                       const std::vector<std::size_t>& indices) {
    torch::NoGradGuard noGrad;
    double lossSum = 0.0;
    double weightSum = 0.0;
    std::vector<const Ids*> responses;
    std::vector<const Ids*> prompts;
    Vectors vectors;
    std::vector<float> weights;
    for (std::size_t start = 0; start < indices.size(); start += kScoreBatch) {
        const std::size_t n = std::min(kScoreBatch, indices.size() - start);
        weightSum += gatherComparisons(dataset, examples, indices, start, n, responses, prompts, vectors, weights);
        const Batch batch = buildBatch(shape, responses, prompts, vectors, nullptr, nullptr);
        const torch::Tensor r = net.forward(batch);
        const auto count = static_cast<std::int64_t>(n);
        const torch::Tensor losses = torch::softplus(r.narrow(0, count, count) - r.narrow(0, 0, count));
        const torch::Tensor w = torch::from_blob(weights.data(), {count}, torch::kFloat);
        lossSum += (w * losses).sum().item<double>();
    }
    return {lossSum, weightSum};
}

double meanLoss(const std::pair<double, double>& sums) {
    return sums.second > 0.0 ? sums.first / sums.second : 0.0;
}

} // namespace

// ---------------------------------------------------------------------------------------

struct RewardModel::Impl {
    TrainConfig config;
    std::shared_ptr<RewardNetImpl> net;
    int epochsRun = 0;
    double validationLoss = std::numeric_limits<double>::quiet_NaN();
};

RewardModel::RewardModel(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
RewardModel::RewardModel(RewardModel&&) noexcept = default;
RewardModel& RewardModel::operator=(RewardModel&&) noexcept = default;
RewardModel::~RewardModel() = default;

const TrainConfig& RewardModel::config() const { return m_impl->config; }
int RewardModel::epochsRun() const { return m_impl->epochsRun; }
double RewardModel::validationLoss() const { return m_impl->validationLoss; }

namespace {

struct Cancelled {};

struct Trained {
    std::shared_ptr<RewardNetImpl> net;
    int epochsRun = 0;
    double validationLoss = std::numeric_limits<double>::quiet_NaN();
};

// Throws Cancelled when progress returns false, std::exception on LibTorch errors.
Trained trainNet(const std::vector<EncodedPair>& dataset, const std::vector<TrainingExample>& examples,
                 const TrainConfig& config, const TrainProgressFn& progress) {
    const BatchShape shape = shapeFor(config);

    // Validation split by pair, so all copies of one pair land on the same side. A share of
    // the distinct pairs (rounded, at least one, never all) is held out when there are at
    // least kMinExamplesForValidation examples and two distinct pairs; otherwise every
    // example trains and all maxEpochs run.
    std::vector<std::size_t> trainIdx;
    std::vector<std::size_t> validIdx;
    {
        std::vector<std::int32_t> pairs;
        pairs.reserve(examples.size());
        for (const TrainingExample& ex : examples)
            pairs.push_back(ex.pair);
        std::sort(pairs.begin(), pairs.end());
        pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
        std::size_t holdOut = 0;
        if (examples.size() >= kMinExamplesForValidation && config.validationShare > 0.0 && pairs.size() >= 2) {
            const auto wanted = static_cast<std::size_t>(
                std::llround(config.validationShare * static_cast<double>(pairs.size())));
            holdOut = std::clamp<std::size_t>(wanted, 1, pairs.size() - 1);
        }
        std::vector<std::uint8_t> held(dataset.size(), 0);
        if (holdOut > 0) {
            std::mt19937_64 splitRng(config.seed ^ kSplitSalt);
            shuffle(pairs, splitRng);
            for (std::size_t i = 0; i < holdOut; ++i)
                held[static_cast<std::size_t>(pairs[i])] = 1;
        }
        trainIdx.reserve(examples.size());
        for (std::size_t i = 0; i < examples.size(); ++i)
            (held[static_cast<std::size_t>(examples[i].pair)] ? validIdx : trainIdx).push_back(i);
    }

    Trained trained;
    {
        // torch::manual_seed is process-wide: seed and initialise under one lock so that
        // concurrent trainings still start from their own seed's weights.
        static std::mutex seedMutex;
        const std::lock_guard lock(seedMutex);
        torch::manual_seed(config.seed);
        trained.net = makeNet(config);
    }
    RewardNetImpl& net = *trained.net;
    net.train();
    torch::optim::AdamW optimizer(net.parameters(), torch::optim::AdamWOptions(config.learningRate)
                                                        .weight_decay(config.weightDecay));

    std::vector<torch::Tensor> best;
    double bestLoss = std::numeric_limits<double>::infinity();
    int sinceBest = 0;
    TrainProgress state;
    state.maxEpochs = config.maxEpochs;
    state.validationLoss = std::numeric_limits<double>::quiet_NaN();

    const auto report = [&](double fraction) {
        state.fraction = std::clamp(fraction, 0.0, 1.0);
        if (progress && !progress(state))
            throw Cancelled{};
    };

    std::mt19937_64 shuffleRng(config.seed ^ kShuffleSalt);
    const auto batchSize = static_cast<std::size_t>(config.batchSize);
    const std::size_t batches = (trainIdx.size() + batchSize - 1) / batchSize;
    std::vector<const Ids*> responses;
    std::vector<const Ids*> prompts;
    Vectors vectors;
    std::vector<float> weights;

    for (int epoch = 1; epoch <= config.maxEpochs; ++epoch) {
        state.epoch = epoch;
        shuffle(trainIdx, shuffleRng);
        double lossSum = 0.0;
        double weightSum = 0.0;
        for (std::size_t b = 0; b < batches; ++b) {
            const std::size_t start = b * batchSize;
            const std::size_t n = std::min(batchSize, trainIdx.size() - start);
            weightSum += gatherComparisons(dataset, examples, trainIdx, start, n, responses, prompts, vectors,
                                           weights);
            const Batch batch = buildBatch(shape, responses, prompts, vectors, nullptr, nullptr);
            const auto count = static_cast<std::int64_t>(n);
            const torch::Tensor r = net.forward(batch);
            const torch::Tensor w = torch::from_blob(weights.data(), {count}, torch::kFloat);
            // Bradley–Terry: softplus(−(r_chosen − r_rejected)) = −log σ(r_chosen − r_rejected).
            const torch::Tensor loss =
                (w * torch::softplus(r.narrow(0, count, count) - r.narrow(0, 0, count))).mean();
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            lossSum += loss.item<double>() * static_cast<double>(n);

            report((static_cast<double>(epoch - 1) + static_cast<double>(b + 1) / static_cast<double>(batches)) /
                   static_cast<double>(config.maxEpochs));
        }
        trained.epochsRun = epoch;
        state.trainLoss = weightSum > 0.0 ? lossSum / weightSum : 0.0;

        bool stop = false;
        if (!validIdx.empty()) {
            net.eval();
            const double validLoss = meanLoss(evaluateLoss(net, shape, dataset, examples, validIdx));
            net.train();
            state.validationLoss = validLoss;
            const bool improved = std::isfinite(validLoss) &&
                                  (std::isinf(bestLoss) || validLoss < bestLoss - kMinRelativeImprovement * bestLoss);
            if (improved) {
                bestLoss = validLoss;
                sinceBest = 0;
                torch::NoGradGuard noGrad;
                best.clear();
                for (const torch::Tensor& p : net.parameters())
                    best.push_back(p.detach().clone());
            } else {
                ++sinceBest;
                stop = config.patience > 0 && sinceBest >= config.patience;
            }
        }
        report(static_cast<double>(epoch) / static_cast<double>(config.maxEpochs));
        if (stop)
            break;
    }

    if (!best.empty()) {
        torch::NoGradGuard noGrad;
        const std::vector<torch::Tensor> params = net.parameters();
        for (std::size_t i = 0; i < params.size(); ++i)
            params[i].copy_(best[i]);
        trained.validationLoss = bestLoss;
    }
    net.eval();
    return trained;
}

std::optional<Error> checkExamples(const std::vector<EncodedPair>& dataset,
                                   const std::vector<TrainingExample>& examples) {
    if (examples.empty())
        return Error{"cannot train a reward model: there are no training examples"};
    for (const TrainingExample& ex : examples) {
        if (ex.pair < 0 || static_cast<std::size_t>(ex.pair) >= dataset.size())
            return Error{"training example refers to pair " + std::to_string(ex.pair) + ", but the dataset has " +
                         std::to_string(dataset.size()) + " pairs"};
        if (!std::isfinite(ex.weight) || ex.weight < 0.0f)
            return Error{"training example for pair " + std::to_string(ex.pair) +
                         " has a negative or non-finite weight"};
    }
    return std::nullopt;
}

// With embedding features: the vectors' dimension (from the first example's pair when the
// config leaves it 0), and every example's pair must carry vectors of it.
std::optional<Error> resolveVectorDim(const std::vector<EncodedPair>& dataset,
                                      const std::vector<TrainingExample>& examples, TrainConfig& config) {
    if (!usesEmbeddings(config.features))
        return std::nullopt;
    int& dim = config.features.vectorDim;
    if (dim == 0)
        dim = static_cast<int>(dataset[static_cast<std::size_t>(examples.front().pair)].aVector.size());
    const auto size = static_cast<std::size_t>(dim);
    for (const TrainingExample& ex : examples) {
        const EncodedPair& p = dataset[static_cast<std::size_t>(ex.pair)];
        if (dim == 0 || p.promptVector.size() != size || p.aVector.size() != size || p.bVector.size() != size)
            return Error{"cannot train on embedding features: pair " + std::to_string(ex.pair) +
                         " has no embedding vectors of dimension " + std::to_string(dim) + " for model \"" +
                         config.features.embeddingModel + "\" (fetch them with `rlthf embed`)"};
    }
    return std::nullopt;
}

} // namespace

Result<RewardModel> RewardModel::train(const std::vector<EncodedPair>& dataset,
                                       const std::vector<TrainingExample>& examples,
                                       const TrainConfig& config, const TrainProgressFn& progress) {
    if (auto error = checkExamples(dataset, examples))
        return *error;
    if (auto error = checkConfig(config))
        return *error;
    TrainConfig resolved = config;
    if (auto error = resolveVectorDim(dataset, examples, resolved))
        return *error;
    const ThreadsGuard threads(config.threads);
    try {
        Trained trained = trainNet(dataset, examples, resolved, progress);
        auto impl = std::make_unique<Impl>();
        impl->config = resolved;
        impl->net = std::move(trained.net);
        impl->epochsRun = trained.epochsRun;
        impl->validationLoss = trained.validationLoss;
        return RewardModel(std::move(impl));
    } catch (const Cancelled&) {
        return Error{"training cancelled"};
    } catch (const std::exception& e) {
        return Error{std::string("reward model training failed: ") + e.what()};
    }
}

std::vector<PairRewards> RewardModel::score(const std::vector<EncodedPair>& dataset,
                                            const std::vector<std::int32_t>& pairs) const {
    constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
    std::vector<PairRewards> out(pairs.size(), PairRewards{kNaN, kNaN});
    if (!m_impl || !m_impl->net)
        return out;
    const ThreadsGuard threads(m_impl->config.threads);
    const torch::NoGradGuard noGrad;
    const BatchShape shape = shapeFor(m_impl->config);
    static const Ids kEmpty;
    std::vector<const Ids*> responses;
    std::vector<const Ids*> prompts;
    Vectors vectors;
    std::vector<std::uint8_t> invalid;
    for (std::size_t start = 0; start < pairs.size(); start += kScoreBatch) {
        const std::size_t n = std::min(kScoreBatch, pairs.size() - start);
        responses.assign(2 * n, &kEmpty);
        prompts.assign(n, &kEmpty);
        vectors.responses.assign(2 * n, nullptr);
        vectors.prompts.assign(n, nullptr);
        invalid.assign(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const std::int32_t index = pairs[start + i];
            if (index < 0 || static_cast<std::size_t>(index) >= dataset.size()) {
                invalid[i] = 1;
                continue;
            }
            const EncodedPair& pair = dataset[static_cast<std::size_t>(index)];
            responses[i] = &pair.a;
            responses[n + i] = &pair.b;
            prompts[i] = &pair.prompt;
            vectors.responses[i] = &pair.aVector;
            vectors.responses[n + i] = &pair.bVector;
            vectors.prompts[i] = &pair.promptVector;
        }
        try {
            const Batch batch = buildBatch(shape, responses, prompts, vectors, &invalid, &kEmpty);
            const torch::Tensor r = m_impl->net->forward(batch).contiguous();
            const float* rewards = r.data_ptr<float>();
            for (std::size_t i = 0; i < n; ++i) {
                if (!invalid[i])
                    out[start + i] = PairRewards{rewards[i], rewards[n + i]};
            }
        } catch (const std::exception&) {
            // Leaves this batch's rewards NaN; score() has no error channel.
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// Serialization: magic, format version, data revision, config, training summary, then the
// module's torch archive. Integers and doubles are little-endian.

namespace {

class Writer {
public:
    void bytes(std::string_view b) { m_out.append(b.data(), b.size()); }
    void u64(std::uint64_t v) {
        for (int i = 0; i < 8; ++i)
            m_out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
    }
    void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
    void f64(double v) { u64(std::bit_cast<std::uint64_t>(v)); }
    void text(std::string_view t) {
        u64(t.size());
        bytes(t);
    }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

class Reader {
public:
    explicit Reader(const std::string& in) : m_in(in) {}
    bool bytes(std::size_t n, std::string_view& out) {
        if (m_in.size() - m_pos < n)
            return false;
        out = std::string_view(m_in).substr(m_pos, n);
        m_pos += n;
        return true;
    }
    bool u64(std::uint64_t& v) {
        std::string_view b;
        if (!bytes(8, b))
            return false;
        v = 0;
        for (int i = 0; i < 8; ++i)
            v |= static_cast<std::uint64_t>(static_cast<unsigned char>(b[static_cast<std::size_t>(i)])) << (8 * i);
        return true;
    }
    bool i64(std::int64_t& v) {
        std::uint64_t u = 0;
        if (!u64(u))
            return false;
        v = static_cast<std::int64_t>(u);
        return true;
    }
    bool i32(int& v) {
        std::int64_t w = 0;
        if (!i64(w) || w < std::numeric_limits<int>::min() || w > std::numeric_limits<int>::max())
            return false;
        v = static_cast<int>(w);
        return true;
    }
    bool f64(double& v) {
        std::uint64_t u = 0;
        if (!u64(u))
            return false;
        v = std::bit_cast<double>(u);
        return true;
    }
    bool text(std::string& v) {
        std::uint64_t n = 0;
        std::string_view b;
        if (!u64(n) || n > m_in.size() || !bytes(static_cast<std::size_t>(n), b))
            return false;
        v.assign(b);
        return true;
    }
    bool flag(bool& v) {
        std::uint64_t u = 0;
        if (!u64(u) || u > 1)
            return false;
        v = u == 1;
        return true;
    }

private:
    const std::string& m_in;
    std::size_t m_pos = 0;
};

// Format version 2's feature fields: the set, the vectors' dimension, the embedding model.
bool readFeatureSet(Reader& r, FeatureConfig& features) {
    std::uint64_t set = 0;
    if (!r.u64(set) || set > static_cast<std::uint64_t>(FeatureSet::Both))
        return false;
    features.set = static_cast<FeatureSet>(set);
    return r.i32(features.vectorDim) && r.text(features.embeddingModel);
}

bool readTokenizer(Reader& r, FeatureConfig& features, std::uint64_t version) {
    std::uint64_t tokenizer = 0;
    const auto newest = version == 4 ? Tokenizer::CjkBigrams : Tokenizer::CjkBigramsFormat4;
    if (!r.u64(tokenizer) || tokenizer > static_cast<std::uint64_t>(newest))
        return false;
    features.tokenizer = static_cast<Tokenizer>(tokenizer);
    // Format 4 read CJK text its own way (see Tokenizer); its models keep that reading.
    if (version == 4 && features.tokenizer == Tokenizer::CjkBigrams)
        features.tokenizer = Tokenizer::CjkBigramsFormat4;
    return true;
}

} // namespace

std::string RewardModel::serialize(std::int64_t dataRevision) const {
    Writer w;
    w.bytes(kMagic);
    w.u64(kFormatVersion);
    w.i64(dataRevision);
    const TrainConfig& c = m_impl->config;
    w.u64(c.kind == ModelKind::Mlp ? 1 : 0);
    w.i64(c.features.hashBits);
    w.u64(c.features.bigrams ? 1 : 0);
    w.u64(c.features.promptFeatures ? 1 : 0);
    w.i64(c.embeddingDim);
    w.i64(c.hiddenDim);
    w.f64(c.learningRate);
    w.f64(c.weightDecay);
    w.i64(c.batchSize);
    w.i64(c.maxEpochs);
    w.i64(c.patience);
    w.f64(c.validationShare);
    w.u64(c.seed);
    w.i64(c.threads);
    w.u64(static_cast<std::uint64_t>(c.features.set)); // from format version 2
    w.i64(c.features.vectorDim);
    w.text(c.features.embeddingModel);
    w.u64(c.features.numberGrounding ? 1 : 0); // from format version 3
    w.u64(static_cast<std::uint64_t>(c.features.tokenizer)); // from format version 4
    w.i64(m_impl->epochsRun);
    w.f64(m_impl->validationLoss);

    torch::serialize::OutputArchive archive;
    m_impl->net->save(archive);
    std::ostringstream stream;
    archive.save_to(stream);
    const std::string payload = stream.str();
    w.u64(payload.size());
    w.bytes(payload);
    return w.take();
}

Result<RewardModel::Loaded> RewardModel::deserialize(const std::string& bytes) {
    Reader r(bytes);
    std::string_view magic;
    if (!r.bytes(kMagic.size(), magic) || magic != kMagic)
        return Error{"not a reward model: the data does not start with the reward-model header"};
    std::uint64_t version = 0;
    if (!r.u64(version))
        return Error{"corrupt reward model: truncated header"};
    if (version < 1 || version > static_cast<std::uint64_t>(kFormatVersion))
        return Error{"unsupported reward model format version " + std::to_string(version) + " (expected " +
                     std::to_string(kFormatVersion) + ")"};

    auto impl = std::make_unique<Impl>();
    TrainConfig& c = impl->config;
    c.features.numberGrounding = false; // models before version 3 were trained without it
    c.features.tokenizer = Tokenizer::Words; // and before version 4 read CJK runs as words
    std::int64_t dataRevision = 0;
    std::uint64_t kind = 0;
    std::uint64_t payloadSize = 0;
    std::string_view payload;
    const bool headerOk =
        r.i64(dataRevision) && r.u64(kind) && kind <= 1 && r.i32(c.features.hashBits) &&
        r.flag(c.features.bigrams) && r.flag(c.features.promptFeatures) && r.i32(c.embeddingDim) &&
        r.i32(c.hiddenDim) && r.f64(c.learningRate) && r.f64(c.weightDecay) && r.i32(c.batchSize) &&
        r.i32(c.maxEpochs) && r.i32(c.patience) && r.f64(c.validationShare) && r.u64(c.seed) &&
        r.i32(c.threads) && (version < 2 || readFeatureSet(r, c.features)) &&
        (version < 3 || r.flag(c.features.numberGrounding)) &&
        (version < 4 || readTokenizer(r, c.features, version)) && r.i32(impl->epochsRun) &&
        r.f64(impl->validationLoss) && r.u64(payloadSize) &&
        r.bytes(static_cast<std::size_t>(payloadSize), payload);
    if (!headerOk)
        return Error{"corrupt reward model: truncated or invalid header"};
    c.kind = kind == 1 ? ModelKind::Mlp : ModelKind::Linear;
    if (auto error = checkConfig(c))
        return Error{"corrupt reward model: " + error->message};

    try {
        impl->net = makeNet(c);
        torch::serialize::InputArchive archive;
        archive.load_from(payload.data(), payload.size());
        impl->net->load(archive);
        impl->net->eval();
    } catch (const std::exception& e) {
        return Error{std::string("corrupt reward model: cannot read the weights: ") + e.what()};
    }
    Loaded loaded{RewardModel(std::move(impl)), dataRevision, static_cast<int>(version)};
    return loaded;
}

// ---------------------------------------------------------------------------------------

Result<std::vector<PairRewards>> outOfFoldRewards(const std::vector<EncodedPair>& dataset,
                                                  const std::vector<TrainingExample>& examples,
                                                  const std::vector<std::int32_t>& pairs, int folds,
                                                  const TrainConfig& config, const TrainProgressFn& progress) {
    if (examples.empty())
        return Error{"cannot compute out-of-fold rewards: there are no training examples"};
    if (folds < 2)
        return Error{"out-of-fold rewards need at least 2 folds"};
    for (const TrainingExample& ex : examples) {
        if (ex.pair < 0 || static_cast<std::size_t>(ex.pair) >= dataset.size())
            return Error{"training example refers to pair " + std::to_string(ex.pair) + ", but the dataset has " +
                         std::to_string(dataset.size()) + " pairs"};
    }

    // Distinct pairs of the examples, shuffled with the seed, dealt round-robin into folds.
    std::vector<std::int32_t> distinct;
    distinct.reserve(examples.size());
    for (const TrainingExample& ex : examples)
        distinct.push_back(ex.pair);
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (distinct.size() < static_cast<std::size_t>(folds))
        return Error{"out-of-fold rewards with " + std::to_string(folds) + " folds need at least " +
                     std::to_string(folds) + " distinct pairs among the examples, got " +
                     std::to_string(distinct.size())};
    std::mt19937_64 foldRng(config.seed ^ kFoldSalt);
    shuffle(distinct, foldRng);
    std::vector<std::int32_t> foldOf(dataset.size(), -1);
    for (std::size_t i = 0; i < distinct.size(); ++i)
        foldOf[static_cast<std::size_t>(distinct[i])] = static_cast<std::int32_t>(i % static_cast<std::size_t>(folds));

    const auto foldOfPair = [&](std::int32_t pair) {
        return pair >= 0 && static_cast<std::size_t>(pair) < dataset.size() ? foldOf[static_cast<std::size_t>(pair)] : -1;
    };

    // Requested pairs outside every fold get the mean over the K models.
    std::vector<std::int32_t> unseen;
    std::vector<std::size_t> unseenAt;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        if (foldOfPair(pairs[i]) < 0) {
            unseen.push_back(pairs[i]);
            unseenAt.push_back(i);
        }
    }
    std::vector<double> unseenA(unseen.size(), 0.0);
    std::vector<double> unseenB(unseen.size(), 0.0);

    std::vector<PairRewards> out(pairs.size());
    std::vector<TrainingExample> foldExamples;
    std::vector<std::int32_t> foldPairs;
    std::vector<std::size_t> foldAt;
    for (int k = 0; k < folds; ++k) {
        foldExamples.clear();
        for (const TrainingExample& ex : examples) {
            if (foldOf[static_cast<std::size_t>(ex.pair)] != k)
                foldExamples.push_back(ex);
        }
        TrainConfig foldConfig = config;
        foldConfig.seed = config.seed + static_cast<std::uint64_t>(k);
        TrainProgressFn foldProgress;
        if (progress) {
            foldProgress = [&progress, k, folds](const TrainProgress& p) {
                TrainProgress overall = p;
                overall.fraction = (static_cast<double>(k) + p.fraction) / static_cast<double>(folds);
                return progress(overall);
            };
        }
        Result<RewardModel> model = RewardModel::train(dataset, foldExamples, foldConfig, foldProgress);
        if (!model)
            return model.error();

        foldPairs.clear();
        foldAt.clear();
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            if (foldOfPair(pairs[i]) == k) {
                foldPairs.push_back(pairs[i]);
                foldAt.push_back(i);
            }
        }
        const std::vector<PairRewards> scored = model->score(dataset, foldPairs);
        for (std::size_t j = 0; j < scored.size(); ++j)
            out[foldAt[j]] = scored[j];
        if (!unseen.empty()) {
            const std::vector<PairRewards> extra = model->score(dataset, unseen);
            for (std::size_t j = 0; j < extra.size(); ++j) {
                unseenA[j] += extra[j].a;
                unseenB[j] += extra[j].b;
            }
        }
    }
    for (std::size_t j = 0; j < unseen.size(); ++j) {
        out[unseenAt[j]].a = static_cast<float>(unseenA[j] / static_cast<double>(folds));
        out[unseenAt[j]].b = static_cast<float>(unseenB[j] / static_cast<double>(folds));
    }
    return out;
}

} // namespace rlthf::reward
