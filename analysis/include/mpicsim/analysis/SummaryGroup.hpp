#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mpicsim {

// One group of summary.json (see analysis/README.md): a CA configuration × policy × attack ×
// ROV setting × prefix length of a study (× validation method × attempts).
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
    std::string method = "http-01";
    int attempts = 1;
    // How often the attacker hijacked each target ("web host", "nameserver 1", ...), by name.
    std::vector<std::pair<std::string, long long>> hijackedTargets;
};

}  // namespace mpicsim
