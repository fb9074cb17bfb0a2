#pragma once

#include <optional>
#include <string>

#include "mpicsim/mpic/QuorumPolicy.hpp"

namespace mpicsim {

// One point of a study's policy axis: a fixed policy, or each CA configuration's own.
struct PolicyChoice {
    std::optional<QuorumPolicy> policy;  // nullopt: the configuration's own policy
    std::string label;                   // "own", "br (phase 2026-03-15)", "custom:allowed=1"
};

}  // namespace mpicsim
