#pragma once

#include <string>

namespace mpicsim {

// The result of one MPIC attempt under a hijack.
struct Verdict {
    bool issuedToAttacker = false;
    // The owner's own validation, attempted while the attack lasts, would fail.
    bool legitimateIssuanceBlocked = false;

    bool primaryUsed = true;              // false for policies without a primary perspective
    bool primaryReachesAttacker = false;  // meaningful when primaryUsed
    bool primaryReachesVictim = false;    // meaningful when primaryUsed
    int remotes = 0;
    int corroborating = 0;      // remotes whose validation reached the attacker
    int corroboratingRirs = 0;  // distinct RIRs among them
    int reachingVictim = 0;     // remotes whose validation reached the victim
    int reachingVictimRirs = 0;
    int required = 0;      // corroborations the policy needs
    int requiredRirs = 0;  // distinct RIRs the corroborators must span (0: no rule)
    bool blocking = true;
    std::string reason;  // one sentence

    // Whether this verdict serves the attacker better: issued first, then more corroborating
    // remotes, then the primary captured.
    bool betterForAttackerThan(const Verdict& other) const {
        if (issuedToAttacker != other.issuedToAttacker) {
            return issuedToAttacker;
        }
        if (corroborating != other.corroborating) {
            return corroborating > other.corroborating;
        }
        return primaryReachesAttacker && !other.primaryReachesAttacker;
    }
};

}  // namespace mpicsim
