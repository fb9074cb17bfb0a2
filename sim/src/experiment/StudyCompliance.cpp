#include "mpicsim/experiment/StudyCompliance.hpp"

#include <algorithm>

#include "mpicsim/mpic/ComplianceChecker.hpp"

namespace mpicsim {

std::vector<std::string> StudyCompliance::codesOf(
    const std::vector<ComplianceViolation>& violations) {
    std::vector<std::string> codes;
    for (const ComplianceViolation& violation : violations) {
        if (std::find(codes.begin(), codes.end(), violation.rule) == codes.end()) {
            codes.push_back(violation.rule);
        }
    }
    return codes;
}

std::vector<std::string> StudyCompliance::Pair::codes() const {
    return codesOf(violations);
}

StudyCompliance::StudyCompliance(const Scenario& scenario,
                                 const std::vector<ExperimentRunner::Combination>& combinations) {
    for (const ExperimentRunner::Combination& combination : combinations) {
        const CaConfiguration& ca = scenario.cas[combination.caIndex];
        pairs_.push_back(
            {ca.name, combination.policyLabel, ComplianceChecker::check(ca, combination.policy)});
    }
}

std::size_t StudyCompliance::nonCompliantCount() const {
    return static_cast<std::size_t>(std::count_if(
        pairs_.begin(), pairs_.end(), [](const Pair& pair) { return !pair.compliant(); }));
}

std::string StudyCompliance::warning(const std::string& ca, const std::string& policy,
                                     const std::vector<std::string>& codes) {
    std::string text =
        "CA configuration '" + ca + "' under policy " + policy + " is not compliant:";
    for (std::size_t i = 0; i < codes.size(); ++i) {
        text += (i == 0 ? " " : ", ") + codes[i];
    }
    return text + " (mpicsim check-ca explains each rule)";
}

}  // namespace mpicsim
