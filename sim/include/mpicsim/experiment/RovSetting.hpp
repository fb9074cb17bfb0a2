#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// Which ASes perform ROV in one point of a study.
struct RovSetting {
    enum class Kind : std::uint8_t {
        None,            // nobody
        List,            // the listed ASes
        RandomFraction,  // a seeded random share of all ASes
        TopCone,         // the N ASes with the largest customer cones
    };

    Kind kind = Kind::None;
    std::vector<Asn> asns;  // List
    double fraction = 0;    // RandomFraction
    std::uint64_t seed = 0;
    std::size_t top = 0;  // TopCone
    std::string label;    // "none", "list:3", "random:0.25", "top-cone:100"
};

}  // namespace mpicsim
