#include "reward/RewardModel.h"

#include "reward/RewardBatch.h"
#include "reward/RewardModelImpl.h"
#include "reward/RewardNets.h"
#include "reward/RewardTrainer.h"
#include "reward/TorchThreads.h"

#include <algorithm>
#include <exception>
#include <limits>
#include <random>
#include <string>
#include <torch/torch.h>

namespace rlthf::reward {

using namespace detail;

namespace {

constexpr std::uint64_t kFoldSalt = 0x3c6ef372fe94f82bull;

} // namespace

RewardModel::RewardModel(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
RewardModel::RewardModel(RewardModel&&) noexcept = default;
RewardModel& RewardModel::operator=(RewardModel&&) noexcept = default;
RewardModel::~RewardModel() = default;

const TrainConfig& RewardModel::config() const { return m_impl->config; }
int RewardModel::epochsRun() const { return m_impl->epochsRun; }
double RewardModel::validationLoss() const { return m_impl->validationLoss; }

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

Result<std::vector<PairRewards>> outOfFoldRewards(const std::vector<EncodedPair>& dataset,
                                                  const std::vector<TrainingExample>& examples,
                                                  const std::vector<std::int32_t>& pairs, int folds,
                                                  const TrainConfig& config, const TrainProgressFn& progress) {
    if (examples.empty())
        return Error{"cannot compute out-of-fold rewards: there are no training examples"};
    if (folds < 2)
        return Error{"out-of-fold rewards need at least 2 folds"};
    if (auto error = checkExamples(dataset, examples))
        return *error;

    // Distinct pairs of the examples, shuffled with the seed, dealt round-robin into folds.
    std::vector<std::int32_t> distinct = distinctPairs(examples);
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
