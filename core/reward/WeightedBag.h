#pragma once
// Σ w_i · table[id_i] per bag, with a fast deterministic backward pass.

#include "reward/RewardBatch.h"

#include <torch/torch.h>

namespace rlthf::reward::detail {

torch::Tensor weightedBag(const torch::Tensor& table, const Bags& bags);

} // namespace rlthf::reward::detail
