#pragma once
// What a RewardModel holds: shared by its training and scoring and by its file format.

#include "reward/RewardModel.h"
#include "reward/RewardNets.h"

#include <limits>
#include <memory>

namespace rlthf::reward {

struct RewardModel::Impl {
    TrainConfig config;
    std::shared_ptr<detail::RewardNetImpl> net;
    int epochsRun = 0;
    double validationLoss = std::numeric_limits<double>::quiet_NaN();
};

} // namespace rlthf::reward
