#pragma once
// Whether the targeted queue finds the judge's errors more often than uniform review would.
// Both kinds of verdict answer the same question (was the AI label wrong?), the uniform ones
// (audit and random review) for a pair drawn at random, so they show when a bias the engine
// cannot beat makes targeting worse than chance; the next batch then reviews at random,
// by as much as the evidence says, keeping a share targeted so the comparison goes on.

#include "curation/Zones.h"

#include <cstdint>
#include <string>

namespace rlthf::curation {

struct TargetingPolicy {
    std::int64_t minUniform = 10;  // uniform verdicts (audit, random review) before judging
    std::int64_t minTargeted = 10; // targeted verdicts (zone, top-up) before judging
    double maxRandomShare = 0.9;   // of the targeted slots; the rest keeps targeting measured
};

struct TargetingCheck {
    bool judged = false;        // enough verdicts of both kinds
    double uniformBetter = 0.0; // probability that uniform review finds errors more often
    double randomShare = 0.0;   // of the next batch's targeted slots, reviewed at random
    std::string reason;         // in words for the lead (English; the window words its own)
};

// randomShare = maxRandomShare · max(0, 2·uniformBetter − 1): none while the evidence does
// not favour uniform review, all but the kept share once it is certain.
TargetingCheck checkTargeting(const Estimates& estimates, const TargetingPolicy& policy = {});

// The probability that x's share exceeds y's, both under uniform Beta(1, 1) priors.
double probabilityGreater(const Proportion& x, const Proportion& y);

} // namespace rlthf::curation
