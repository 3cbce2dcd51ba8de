#pragma once
// Reward models over hashed n-gram features, trained with the Bradley–Terry loss
// −log σ(r(chosen) − r(rejected)). LibTorch stays behind this header (pimpl), so
// callers and ui/ never include <torch/...>.

#include "common/Result.h"
#include "reward/Features.h"
#include "reward/ModelKind.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rlthf::reward {

struct TrainConfig {
    ModelKind kind = ModelKind::Linear;
    FeatureConfig features;
    int embeddingDim = 32;     // Mlp only
    int hiddenDim = 64;        // Mlp only
    double learningRate = 0.05;
    double weightDecay = 1e-4; // AdamW
    int batchSize = 256;
    int maxEpochs = 20;
    int patience = 2;              // epochs without validation improvement before stopping
    double validationShare = 0.1;  // held-out slice of the training examples for early stopping
    std::uint64_t seed = 1;
    int threads = 0;               // 0: LibTorch's default
};

// One training comparison over an encoded pair of the dataset.
struct TrainingExample {
    std::int32_t pair = 0;   // index into the dataset
    bool chosenIsA = true;   // the label: which response is preferred
    float weight = 1.0f;     // loss weight; α-oversampling may repeat examples instead
};

struct TrainProgress {
    int epoch = 0;           // 1-based, the epoch in progress or just finished
    int maxEpochs = 0;
    double fraction = 0.0;   // 0..1 of the whole run (upper bound, early stopping may end sooner)
    double trainLoss = 0.0;  // mean loss of the last finished epoch
    double validationLoss = 0.0;
};
// Called once per batch and per epoch; returning false cancels training.
using TrainProgressFn = std::function<bool(const TrainProgress&)>;

struct PairRewards {
    float a = 0.0f;
    float b = 0.0f;
};

class RewardModel {
public:
    RewardModel(RewardModel&&) noexcept;
    RewardModel& operator=(RewardModel&&) noexcept;
    ~RewardModel();

    // Deterministic for a given seed and thread count. Fails with "training cancelled"
    // when progress returns false (checked after every batch).
    //
    // Early stopping: with at least 20 examples and validationShare > 0, round(share × #distinct
    // pairs) pairs (at least 1, never all) are held out, seeded, so repeated copies of a pair
    // stay on one side. Training stops after `patience` epochs without the validation loss
    // improving by more than 0.01 % (patience <= 0: never early) and the best epoch's weights
    // are restored. With fewer examples all examples train for maxEpochs epochs.
    // threads > 0 sets LibTorch's (process-wide) thread count for the call, then restores it;
    // the seed is applied under a lock, so concurrent trainings stay deterministic.
    // Errors: no examples, an example's pair outside the dataset or a negative weight, an
    // invalid config, ids outside [0, 2^hashBits) (encode with config.features).
    static Result<RewardModel> train(const std::vector<EncodedPair>& dataset,
                                     const std::vector<TrainingExample>& examples,
                                     const TrainConfig& config,
                                     const TrainProgressFn& progress = {});

    // Rewards of both responses of the given pairs (eval mode, no gradients). A pair index
    // outside the dataset, or a pair with ids outside the model's feature space, scores NaN.
    std::vector<PairRewards> score(const std::vector<EncodedPair>& dataset,
                                   const std::vector<std::int32_t>& pairs) const;

    const TrainConfig& config() const;
    int epochsRun() const;
    // Best epoch's weighted mean validation loss; NaN when trained without a validation slice.
    double validationLoss() const;

    // Weights and config, with a format version and the data revision trained on.
    std::string serialize(std::int64_t dataRevision) const;
    struct Loaded;
    static Result<Loaded> deserialize(const std::string& bytes);

    // 2: the feature set, vector dimension and embedding model follow the config; 3: whether
    // the features include number grounding; 4: the tokenizer. Versions 1 (n-gram models
    // only) and 2 still load, as models without number grounding, and 1–3 as models of the
    // Words tokenizer, so they score as they did.
    static constexpr int kFormatVersion = 5;

  private:
    struct Impl;
    explicit RewardModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

struct RewardModel::Loaded {
    RewardModel model;
    std::int64_t dataRevision = 0;
    int formatVersion = 0;
};

// Out-of-fold rewards: K models, each trained on K−1 folds of the examples (split by pair,
// seeded) and scoring the pairs of the fold it did not see. Pairs not among the examples
// are scored by the mean of the K models. Returns rewards for `pairs`, in order.
// Model k trains with seed config.seed + k; progress.fraction spans all K trainings.
// Errors: folds < 2, fewer distinct pairs than folds, and those of RewardModel::train.
Result<std::vector<PairRewards>> outOfFoldRewards(const std::vector<EncodedPair>& dataset,
                                                  const std::vector<TrainingExample>& examples,
                                                  const std::vector<std::int32_t>& pairs,
                                                  int folds, const TrainConfig& config,
                                                  const TrainProgressFn& progress = {});

} // namespace rlthf::reward
