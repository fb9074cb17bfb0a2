#pragma once

#include <string>
#include <vector>

#include "mpicsim/experiment/ExperimentRunner.hpp"
#include "mpicsim/experiment/Scenario.hpp"
#include "mpicsim/mpic/ComplianceViolation.hpp"

namespace mpicsim {

// Whether each CA configuration × policy pair a study evaluates meets the policy's perspective
// rules: ComplianceChecker's answer (what `mpicsim check-ca` prints) for the configuration under
// the policy the pair runs, a dated policy at its phase, an undated one as it stands.
class StudyCompliance {
  public:
    struct Pair {
        std::string ca;
        std::string policy;  // the pair's label in the summary
        std::vector<ComplianceViolation> violations;

        bool compliant() const { return violations.empty(); }
        // The rule codes broken, each once, in the checker's order.
        std::vector<std::string> codes() const;
    };

    // One pair per combination of the runner, in its order.
    StudyCompliance(const Scenario& scenario,
                    const std::vector<ExperimentRunner::Combination>& combinations);

    const std::vector<Pair>& pairs() const { return pairs_; }
    std::size_t nonCompliantCount() const;

    // The one warning text for a non-compliant pair, shared by `mpicsim run`, `mpicsim verdict`
    // and the GUI: "CA configuration 'x' under policy y is not compliant: too-few-remotes".
    static std::string warning(const std::string& ca, const std::string& policy,
                               const std::vector<std::string>& codes);
    static std::string warning(const Pair& pair) {
        return warning(pair.ca, pair.policy, pair.codes());
    }
    static std::vector<std::string> codesOf(const std::vector<ComplianceViolation>& violations);

  private:
    std::vector<Pair> pairs_;
};

}  // namespace mpicsim
