#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mpicsim/mpic/CohortRule.hpp"
#include "mpicsim/mpic/Perspective.hpp"
#include "mpicsim/mpic/QuorumPolicy.hpp"

namespace mpicsim {

// Where a CA validates from: a primary perspective (absent for policies without one) and its
// remote perspectives, with the quorum policy it applies unless the user picks another.
struct CaConfiguration {
    std::string name;
    std::string description;
    std::optional<Perspective> primary;
    std::vector<Perspective> remotes;
    std::optional<QuorumPolicy> policy;
    // A pool: each attempt validates from this many of `remotes`, chosen by `cohortRule`
    // (studies only; absent: every remote validates in every attempt).
    std::optional<std::size_t> remotesPerAttempt;
    CohortRule cohortRule;

    std::size_t cohortSize() const { return remotesPerAttempt.value_or(remotes.size()); }
};

}  // namespace mpicsim
