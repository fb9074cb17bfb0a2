#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mpicsim {

// One group of summary.json (see analysis/README.md): a CA configuration × policy × attack ×
// ROV setting × prefix length of a study.
struct SummaryGroup {
    std::string ca;
    std::string policy;
    std::string attack;
    std::string rov;
    double rovFraction = 0;
    int prefixLength = 0;
    int remotes = 0;
    int allowedNonCorroborations = 0;
    int required = 0;
    long long trials = 0;
    long long attackerSuccesses = 0;
    double attackerSuccessRate = 0;
    double ci95Low = 0;
    double ci95High = 0;
    double legitimateBlockedRate = 0;
    long long victims = 0;
    double resilienceMean = 0;
    double resilienceMedian = 0;
    double resilienceWeightedMedian = 0;
    std::vector<std::pair<double, double>> resilienceCdf;  // (resilience, share of victims <=)
    // Trials in which a perspective sits in (routes as) the victim's or the adversary's AS.
    long long placementTrials = 0;
};

}  // namespace mpicsim
