#pragma once

#include <vector>

#include "mpicsim/mpic/CaConfiguration.hpp"
#include "mpicsim/mpic/ComplianceViolation.hpp"
#include "mpicsim/mpic/QuorumPolicy.hpp"

namespace mpicsim {

// Lists every way a CA configuration breaks a quorum policy's perspective rules (TLS BR
// 3.2.2.9): too few remotes; perspectives closer than 500 km (distinctness is straight-line
// distance, computed from the catalog's coordinates); remotes not distinct from the primary;
// RIR diversity that no outcome could meet; a quorum larger than the number of remotes; a
// missing primary; perspectives without coordinates, whose distance cannot be checked. A pool
// (remotesPerAttempt) is counted per attempt: each attempt validates from cohortSize() remotes.
class ComplianceChecker {
  public:
    static constexpr double kMinimumDistanceKm = 500.0;

    static std::vector<ComplianceViolation> check(const CaConfiguration& ca,
                                                  const QuorumPolicy& policy);
};

}  // namespace mpicsim
