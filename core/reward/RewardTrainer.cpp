#include "reward/RewardTrainer.h"

#include "reward/FusedAdamW.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <string>

namespace rlthf::reward::detail {

namespace {

// Early stopping counts an epoch as an improvement when the validation loss drops by more
// than this fraction of the best loss so far.
constexpr double kMinRelativeImprovement = 1e-4;
constexpr std::uint64_t kSplitSalt = 0x6a09e667f3bcc909ull;
constexpr std::uint64_t kShuffleSalt = 0xbb67ae8584caa73bull;
// Validation needs at least this many examples; smaller sets train on everything.
constexpr std::size_t kMinExamplesForValidation = 20;

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
        weightSum += gatherComparisons(dataset, examples, indices, start, n, responses, prompts,
                                       vectors, weights);
        const Batch batch = buildBatch(shape, responses, prompts, vectors, nullptr, nullptr);
        const torch::Tensor r = net.forward(batch);
        const auto count = static_cast<std::int64_t>(n);
        const torch::Tensor losses =
            torch::softplus(r.narrow(0, count, count) - r.narrow(0, 0, count));
        const torch::Tensor w = torch::from_blob(weights.data(), {count}, torch::kFloat);
        lossSum += (w * losses).sum().item<double>();
    }
    return {lossSum, weightSum};
}

double meanLoss(const std::pair<double, double>& sums) {
    return sums.second > 0.0 ? sums.first / sums.second : 0.0;
}

} // namespace

Trained trainNet(const std::vector<EncodedPair>& dataset,
                 const std::vector<TrainingExample>& examples, const TrainConfig& config,
                 const TrainProgressFn& progress) {
    const BatchShape shape = shapeFor(config);

    // Validation split by pair, so all copies of one pair land on the same side. A share of
    // the distinct pairs (rounded, at least one, never all) is held out when there are at
    // least kMinExamplesForValidation examples and two distinct pairs; otherwise every
    // example trains and all maxEpochs run.
    std::vector<std::size_t> trainIdx;
    std::vector<std::size_t> validIdx;
    {
        std::vector<std::int32_t> pairs = distinctPairs(examples);
        std::size_t holdOut = 0;
        if (examples.size() >= kMinExamplesForValidation && config.validationShare > 0.0 &&
            pairs.size() >= 2) {
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
    FusedAdamW optimizer(net.parameters(), config.learningRate, config.weightDecay);

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
            weightSum += gatherComparisons(dataset, examples, trainIdx, start, n, responses,
                                           prompts, vectors, weights);
            const Batch batch = buildBatch(shape, responses, prompts, vectors, nullptr, nullptr);
            const auto count = static_cast<std::int64_t>(n);
            const torch::Tensor r = net.forward(batch);
            const torch::Tensor w = torch::from_blob(weights.data(), {count}, torch::kFloat);
            // Bradley–Terry: softplus(−(r_chosen − r_rejected)) = −log σ(r_chosen − r_rejected).
            const torch::Tensor loss =
                (w * torch::softplus(r.narrow(0, count, count) - r.narrow(0, 0, count))).mean();
            optimizer.clearGradients();
            loss.backward();
            optimizer.step();
            lossSum += loss.item<double>() * static_cast<double>(n);

            report((static_cast<double>(epoch - 1) +
                    static_cast<double>(b + 1) / static_cast<double>(batches)) /
                   static_cast<double>(config.maxEpochs));
        }
        trained.epochsRun = epoch;
        state.trainLoss = weightSum > 0.0 ? lossSum / weightSum : 0.0;

        bool stop = false;
        if (!validIdx.empty()) {
            net.eval();
            const double validLoss =
                meanLoss(evaluateLoss(net, shape, dataset, examples, validIdx));
            net.train();
            state.validationLoss = validLoss;
            const bool improved =
                std::isfinite(validLoss) &&
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

std::vector<std::int32_t> distinctPairs(const std::vector<TrainingExample>& examples) {
    std::vector<std::int32_t> pairs;
    pairs.reserve(examples.size());
    for (const TrainingExample& ex : examples)
        pairs.push_back(ex.pair);
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    return pairs;
}

std::optional<Error> checkExamples(const std::vector<EncodedPair>& dataset,
                                   const std::vector<TrainingExample>& examples) {
    if (examples.empty())
        return Error{"cannot train a reward model: there are no training examples"};
    for (const TrainingExample& ex : examples) {
        if (ex.pair < 0 || static_cast<std::size_t>(ex.pair) >= dataset.size())
            return Error{"training example refers to pair " + std::to_string(ex.pair) +
                         ", but the dataset has " + std::to_string(dataset.size()) + " pairs"};
        if (!std::isfinite(ex.weight) || ex.weight < 0.0f)
            return Error{"training example for pair " + std::to_string(ex.pair) +
                         " has a negative or non-finite weight"};
    }
    return std::nullopt;
}

std::optional<Error> resolveVectorDim(const std::vector<EncodedPair>& dataset,
                                      const std::vector<TrainingExample>& examples,
                                      TrainConfig& config) {
    if (!usesEmbeddings(config.features))
        return std::nullopt;
    int& dim = config.features.vectorDim;
    if (dim == 0)
        dim = static_cast<int>(
            dataset[static_cast<std::size_t>(examples.front().pair)].aVector.size());
    const auto size = static_cast<std::size_t>(dim);
    for (const TrainingExample& ex : examples) {
        const EncodedPair& p = dataset[static_cast<std::size_t>(ex.pair)];
        if (dim == 0 || p.promptVector.size() != size || p.aVector.size() != size ||
            p.bVector.size() != size)
            return Error{"cannot train on embedding features: pair " + std::to_string(ex.pair) +
                         " has no embedding vectors of dimension " + std::to_string(dim) +
                         " for model \"" + config.features.embeddingModel +
                         "\" (fetch them with `rlthf embed`)"};
    }
    return std::nullopt;
}

} // namespace rlthf::reward::detail
