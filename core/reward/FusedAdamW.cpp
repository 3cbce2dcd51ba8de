#include "reward/FusedAdamW.h"

#include <ATen/Parallel.h>
#include <cmath>

namespace rlthf::reward::detail {

namespace {

constexpr double kBeta1 = 0.9;
constexpr double kBeta2 = 0.999;
constexpr double kEpsilon = 1e-8;
// Elements per task: below this a step runs on one thread.
constexpr std::int64_t kGrain = 32768;

// One AdamW update of n elements; a plain loop the compiler vectorises.
void update(float* __restrict p, float* __restrict m, float* __restrict v,
            const float* __restrict g, std::int64_t n, float decay, float beta1,
            float oneMinusBeta1, float beta2, float oneMinusBeta2, float sqrtCorrection2,
            float epsilon, float negStepSize) {
    for (std::int64_t k = 0; k < n; ++k) {
        const float decayed = p[k] * decay;
        m[k] = m[k] * beta1 + oneMinusBeta1 * g[k];
        v[k] = v[k] * beta2 + oneMinusBeta2 * g[k] * g[k];
        const float denom = std::sqrt(v[k]) / sqrtCorrection2 + epsilon;
        p[k] = decayed + negStepSize * m[k] / denom;
    }
}

} // namespace

FusedAdamW::FusedAdamW(std::vector<torch::Tensor> params, double learningRate, double weightDecay)
    : m_params(std::move(params)), m_state(m_params.size()), m_learningRate(learningRate),
      m_weightDecay(weightDecay) {
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        m_state[i].average = torch::zeros_like(m_params[i]);
        m_state[i].averageSquares = torch::zeros_like(m_params[i]);
    }
}

void FusedAdamW::clearGradients() {
    for (torch::Tensor& p : m_params)
        p.mutable_grad() = torch::Tensor();
}

void FusedAdamW::step() {
    const torch::NoGradGuard noGrad;
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        const torch::Tensor& param = m_params[i];
        if (!param.grad().defined())
            continue;
        State& state = m_state[i];
        ++state.steps;
        const torch::Tensor grad = param.grad().contiguous();
        // The scalars as LibTorch's AdamW passes them to its float kernels.
        const auto decay = static_cast<float>(1.0 - m_learningRate * m_weightDecay);
        const auto beta1 = static_cast<float>(kBeta1);
        const auto oneMinusBeta1 = static_cast<float>(1.0 - kBeta1);
        const auto beta2 = static_cast<float>(kBeta2);
        const auto oneMinusBeta2 = static_cast<float>(1.0 - kBeta2);
        const double correction1 = 1.0 - std::pow(kBeta1, static_cast<double>(state.steps));
        const double correction2 = 1.0 - std::pow(kBeta2, static_cast<double>(state.steps));
        const auto sqrtCorrection2 = static_cast<float>(std::sqrt(correction2));
        const auto epsilon = static_cast<float>(kEpsilon);
        const auto negStepSize = static_cast<float>(-(m_learningRate / correction1));

        float* p = param.data_ptr<float>();
        float* m = state.average.data_ptr<float>();
        float* v = state.averageSquares.data_ptr<float>();
        const float* g = grad.data_ptr<float>();
        at::parallel_for(0, param.numel(), kGrain, [&](std::int64_t begin, std::int64_t end) {
            update(p + begin, m + begin, v + begin, g + begin, end - begin, decay, beta1,
                   oneMinusBeta1, beta2, oneMinusBeta2, sqrtCorrection2, epsilon, negStepSize);
        });
    }
}

} // namespace rlthf::reward::detail
