#include "mpicsim/mpic/QuorumPolicy.hpp"

#include <algorithm>

namespace mpicsim {

int QuorumPolicy::requiredCorroborations(int remotes) const {
    switch (failureRule) {
        case FailureRule::BrTable:
            // TLS BR 3.2.2.9 Quorum Requirements table: 2-5 remotes allow 1 non-corroboration,
            // 6 or more allow 2 (with fewer than 2 remotes the table allows none).
            return remotes - (remotes >= 6 ? 2 : (remotes >= 2 ? 1 : 0));
        case FailureRule::OpenMpic:
            return remotes <= 1 ? remotes : (remotes <= 5 ? remotes - 1 : remotes - 2);
        case FailureRule::AllowedFixed:
            return std::max(remotes - ruleValue, 0);
        case FailureRule::RequiredFixed:
            return ruleValue;
    }
    return remotes;
}

int QuorumPolicy::allowedNonCorroborations(int remotes) const {
    return std::max(remotes - requiredCorroborations(remotes), 0);
}

int QuorumPolicy::requiredRirs(int remotes) const {
    if (minimumCorroboratingRirs <= 1 || remotes < rirRuleFromRemotes) {
        return 0;
    }
    return minimumCorroboratingRirs;
}

}  // namespace mpicsim
