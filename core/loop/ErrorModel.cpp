#include "loop/ErrorModel.h"

#include <algorithm>
#include <cmath>

namespace rlthf::loop {

namespace {

constexpr int kNewtonSteps = 30;

// Solves a · x = b in place (Gaussian elimination, partial pivoting); false if singular.
template <std::size_t N>
bool solve(std::array<std::array<double, N>, N> a, std::array<double, N>& b) {
    for (std::size_t c = 0; c < N; ++c) {
        std::size_t pivot = c;
        for (std::size_t r = c + 1; r < N; ++r)
            if (std::abs(a[r][c]) > std::abs(a[pivot][c]))
                pivot = r;
        std::swap(a[c], a[pivot]);
        std::swap(b[c], b[pivot]);
        if (std::abs(a[c][c]) < 1e-12)
            return false;
        for (std::size_t r = 0; r < N; ++r) {
            if (r == c)
                continue;
            const double f = a[r][c] / a[c][c];
            for (std::size_t k = c; k < N; ++k)
                a[r][k] -= f * a[c][k];
            b[r] -= f * b[c];
        }
    }
    for (std::size_t c = 0; c < N; ++c)
        b[c] /= a[c][c];
    return true;
}

} // namespace

ErrorSignals errorSignals(const reward::EncodedPair& pair, char aiLabel, double margin) {
    const double a = std::log(double(pair.a.size()) + 1.0);
    const double b = std::log(double(pair.b.size()) + 1.0);
    return {margin, aiLabel == 'a' ? a - b : b - a};
}

std::array<double, ErrorModel::kWeights> ErrorModel::features(const ErrorSignals& s) const {
    return {1.0, (s.margin - m_mean[0]) / m_scale[0], (s.lengthRatio - m_mean[1]) / m_scale[1]};
}

double ErrorModel::logit(const ErrorSignals& s) const {
    return logit(s, features(s));
}

double ErrorModel::logit(const ErrorSignals& s, const std::array<double, kWeights>& x) const {
    double z = -s.margin;
    for (int j = 0; j < kWeights; ++j)
        z += m_weights[j] * x[j];
    return z;
}

std::optional<ErrorModel> ErrorModel::fit(const std::vector<ErrorExample>& examples, double ridge) {
    const auto wrong = std::count_if(examples.begin(), examples.end(),
                                     [](const ErrorExample& e) { return e.wrong; });
    const auto right = static_cast<std::int64_t>(examples.size()) - wrong;
    if (wrong < kMinEachOutcome || right < kMinEachOutcome)
        return std::nullopt;

    ErrorModel model;
    // Standardised over the verdicts, so one ridge weight treats both signals alike.
    for (std::size_t k = 0; k < 2; ++k) {
        double sum = 0.0, squares = 0.0;
        for (const auto& e : examples) {
            const double v = k == 0 ? e.signals.margin : e.signals.lengthRatio;
            sum += v;
            squares += v * v;
        }
        const double n = double(examples.size());
        const double mean = sum / n;
        model.m_mean[k] = mean;
        model.m_scale[k] = std::max(1e-9, std::sqrt(std::max(0.0, squares / n - mean * mean)));
    }

    // Newton's method on the ridge-penalised log-likelihood; the intercept is not penalised.
    auto& w = model.m_weights;
    for (int step = 0; step < kNewtonSteps; ++step) {
        std::array<double, kWeights> gradient{};
        std::array<std::array<double, kWeights>, kWeights> hessian{};
        for (const auto& e : examples) {
            const auto x = model.features(e.signals);
            const double p = 1.0 / (1.0 + std::exp(-model.logit(e.signals, x)));
            const double residual = (e.wrong ? 1.0 : 0.0) - p;
            for (int j = 0; j < kWeights; ++j) {
                gradient[j] += residual * x[j];
                for (int k = 0; k < kWeights; ++k)
                    hessian[j][k] += p * (1.0 - p) * x[j] * x[k];
            }
        }
        hessian[0][0] += 1e-6;
        for (int j = 1; j < kWeights; ++j) {
            gradient[j] -= ridge * w[j];
            hessian[j][j] += ridge;
        }
        if (!solve(hessian, gradient))
            return std::nullopt;
        double change = 0.0;
        for (int j = 0; j < kWeights; ++j) {
            w[j] += gradient[j];
            change = std::max(change, std::abs(gradient[j]));
        }
        if (change < 1e-9)
            break;
    }
    return model;
}

} // namespace rlthf::loop
