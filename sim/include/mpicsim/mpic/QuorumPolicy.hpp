#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace mpicsim {

// One quorum rule: how many remote perspectives a CA must use, how many may fail to
// corroborate, whether the primary's own validation must succeed, how many RIR service
// regions the corroborating remotes must span, and whether a failed quorum blocks issuance.
struct QuorumPolicy {
    enum class FailureRule {
        BrTable,        // BR 3.2.2.9 Quorum Requirements: 1 allowed for 2-5 remotes, 2 for 6+
        OpenMpic,       // quorum n-1 for n <= 5 perspectives, else n-2
        AllowedFixed,   // `ruleValue` non-corroborations allowed
        RequiredFixed,  // `ruleValue` corroborations required
    };

    std::string name;    // "br", "cabf-proposal-2023", "lets-encrypt-2020", "open-mpic", ...
    std::string phase;   // the phase's effective date, "YYYY-MM-DD", or empty
    std::string source;  // where the rule is written down
    std::optional<std::chrono::year_month_day> effectiveFrom;

    bool primaryRequired = true;
    int minimumRemotes = 0;
    FailureRule failureRule = FailureRule::BrTable;
    int ruleValue = 0;
    int minimumCorroboratingRirs = 0;  // 0 or 1: no diversity rule
    int rirRuleFromRemotes = 0;        // the RIR rule applies only with at least this many remotes
    bool blocking = true;              // false: a failed quorum does not stop issuance

    int allowedNonCorroborations(int remotes) const;
    int requiredCorroborations(int remotes) const;
    int requiredRirs(int remotes) const;
    // "br (phase 2026-03-15)", or the name alone.
    std::string label() const { return phase.empty() ? name : name + " (phase " + phase + ")"; }
};

}  // namespace mpicsim
