#pragma once

#include <string_view>

namespace mpicsim {

// What one CA configuration × policy decided in one trial unit: one row of trials.csv. The
// names are views into storage that outlives the record (see TrialRecord).
struct CombinationVerdict {
    std::string_view ca;
    std::string_view policy;
    bool issuedToAttacker = false;
    bool legitimateIssuanceBlocked = false;
    int corroborating = 0;  // remotes whose validation reached the attacker
    int required = 0;       // corroborations the policy needs, never negative
    int attempts = 1;       // validation attempts the attacker had (the scenario's axis)
    std::string_view hijackedTarget = "web host";  // the target it hijacked ("nameserver 2")
};

}  // namespace mpicsim
