#pragma once

#include <optional>
#include <vector>

#include "mpicsim/mpic/Perspective.hpp"
#include "mpicsim/mpic/QuorumPolicy.hpp"

namespace mpicsim {

// The `sweep` block of a scenario: one family of deployments (the primary and the first n of an
// ordered list of remotes, n = fromRemotes ... remotes.size()), each under every allowed number
// of non-corroborations (0 ... n-1) in every listed BR phase (its primary, RIR and blocking
// rules, with the allowed failures replaced).
struct QuorumSweepSpec {
    std::optional<Perspective> primary;
    std::vector<Perspective> remotes;
    std::size_t fromRemotes = 2;
    std::vector<QuorumPolicy> phases;
};

}  // namespace mpicsim
