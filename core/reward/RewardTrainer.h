#pragma once
// Training one reward network: a validation split by pair, AdamW on the Bradley–Terry loss,
// early stopping on the validation loss, and the checks on the examples first.

#include "reward/RewardModel.h"
#include "reward/RewardNets.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <random>
#include <vector>

namespace rlthf::reward::detail {

// Uniform in [0, n) without modulo bias and without std::uniform_int_distribution, whose
// algorithm differs between standard libraries.
inline std::size_t below(std::mt19937_64& rng, std::size_t n) {
    return static_cast<std::size_t>((static_cast<unsigned __int128>(rng()) * n) >> 64);
}

template <class T> void shuffle(std::vector<T>& items, std::mt19937_64& rng) {
    for (std::size_t i = items.size(); i > 1; --i)
        std::swap(items[i - 1], items[below(rng, i)]);
}

struct Cancelled {};

struct Trained {
    std::shared_ptr<RewardNetImpl> net;
    int epochsRun = 0;
    double validationLoss = std::numeric_limits<double>::quiet_NaN();
};

// Throws Cancelled when progress returns false, std::exception on LibTorch errors.
Trained trainNet(const std::vector<EncodedPair>& dataset,
                 const std::vector<TrainingExample>& examples, const TrainConfig& config,
                 const TrainProgressFn& progress);

// The distinct pairs the examples refer to, ascending.
std::vector<std::int32_t> distinctPairs(const std::vector<TrainingExample>& examples);

std::optional<Error> checkExamples(const std::vector<EncodedPair>& dataset,
                                   const std::vector<TrainingExample>& examples);
// With embedding features: the vectors' dimension (from the first example's pair when the
// config leaves it 0), and every example's pair must carry vectors of it.
std::optional<Error> resolveVectorDim(const std::vector<EncodedPair>& dataset,
                                      const std::vector<TrainingExample>& examples,
                                      TrainConfig& config);

} // namespace rlthf::reward::detail
