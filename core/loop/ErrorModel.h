#pragma once
// Where the judge errs, learned from the expert verdicts so far. A judge whose mistakes
// follow a pattern (it prefers the longer answer) teaches the reward model that pattern,
// so its mistakes get high margins and the margin rule sends experts to the wrong pairs.
// The verdicts show it: every one says whether the AI label was wrong.
//
// The model is the reward model's own belief corrected by the verdicts: the log-odds that
// the AI label is wrong start from −Δ (a Bradley–Terry model's P(wrong) is σ(−Δ)) and a
// ridge-regularised logistic fit adds an intercept and weights on Δ and on how much longer
// the AI-chosen response is. With no pattern in the verdicts the weights stay near zero
// and the order is the margin rule's; a length bias shows as a weight on the length.
//
// Queued verdicts are no random sample (the queue picks by margin): the model conditions
// on the margin it was queued with, which makes that selection ignorable for the fit, and
// the uniform audit share keeps pairs of every margin among the verdicts.

#include "reward/Features.h"

#include <array>
#include <optional>
#include <vector>

namespace rlthf::loop {

struct ErrorSignals {
    double margin = 0.0;      // Δ under the AI label
    double lengthRatio = 0.0; // log((AI-chosen tokens + 1) / (rejected tokens + 1))
};
ErrorSignals errorSignals(const reward::EncodedPair& pair, char aiLabel, double margin);

struct ErrorExample {
    ErrorSignals signals; // as they were when the pair was queued
    bool wrong = false;   // the expert overturned the AI label
};

class ErrorModel {
  public:
    static constexpr int kMinEachOutcome = 3;
    // The ridge weight on the standardised signals, chosen from 0.3, 1, 3 and 10 by the worst
    // case over the factory set and HH-RLHF with the uniform and the verbosity judge.
    static constexpr double kDefaultRidge = 3.0;
    // Nothing while the verdicts cannot support a fit: fewer than kMinEachOutcome of
    // either outcome.
    static std::optional<ErrorModel> fit(const std::vector<ErrorExample>& examples,
                                         double ridge = kDefaultRidge);

    double logit(const ErrorSignals& s) const; // log-odds that the AI label is wrong
    // Per standard deviation of the examples' signal: how much more likely wrong.
    double marginWeight() const { return m_weights[1]; }
    double lengthWeight() const { return m_weights[2]; }

  private:
    static constexpr int kWeights = 3; // intercept, margin, length ratio
    std::array<double, kWeights> features(const ErrorSignals& s) const;
    // −Δ plus the weighted features x = features(s).
    double logit(const ErrorSignals& s, const std::array<double, kWeights>& x) const;

    std::array<double, 2> m_mean{};
    std::array<double, 2> m_scale{1.0, 1.0};
    std::array<double, kWeights> m_weights{};
};

} // namespace rlthf::loop
