#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mpicsim {

// One group of summary.json (see analysis/README.md): a CA configuration × policy × attack ×
// ROV setting × prefix length × ROA setting of a study (× validation method × attempts).
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
    std::string roa = "all";  // the ROA setting: which victims hold a ROA
    // Whether the configuration meets the policy's perspective rules (ComplianceChecker, what
    // `mpicsim check-ca` runs), and the codes of the rules it breaks.
    bool compliant = true;
    std::vector<std::string> violations;
    std::string note;  // e.g. a sub-prefix attack on a /24, which has no effect
    std::string method = "http-01";
    int attempts = 1;
    // How often the attacker hijacked each target ("web host", "nameserver 1", ...), by name.
    std::vector<std::pair<std::string, long long>> hijackedTargets;
};

}  // namespace mpicsim
