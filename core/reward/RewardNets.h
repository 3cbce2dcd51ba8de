#pragma once
// The reward networks: the linear model on hashed n-grams and the prompt-conditioned Mlp,
// each with an optional term on embedding vectors, behind one interface.

#include "reward/RewardBatch.h"
#include "reward/RewardModel.h"

#include <memory>
#include <optional>
#include <torch/torch.h>

namespace rlthf::reward::detail {

struct RewardNetImpl : torch::nn::Module {
    // Rewards of the 2·pairs response bags of the batch.
    virtual torch::Tensor forward(const Batch& batch) = 0;
};

// Refuses a configuration no network can be built from, naming the field.
std::optional<Error> checkConfig(const TrainConfig& config);
BatchShape shapeFor(const TrainConfig& config);
// A network of the configured kind with its initial weights (seed torch first).
std::shared_ptr<RewardNetImpl> makeNet(const TrainConfig& config);

} // namespace rlthf::reward::detail
