#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// Which victims hold a ROA for their prefix in one point of a study. A victim without one is
// not protected by ROV: every origin announcing its prefix is "not found" (RFC 6811), which
// ROV adopters accept.
struct RoaSetting {
    enum class Kind : std::uint8_t {
        All,       // every victim (the model before ROA coverage was an axis)
        None,      // no victim
        Fraction,  // a victim holds one when its seeded hash falls below the fraction
        List,      // the listed victims
    };

    Kind kind = Kind::All;
    double fraction = 1;  // Fraction
    std::uint64_t seed = 0;
    std::vector<Asn> asns;      // List
    std::string label = "all";  // "all", "none", "fraction:0.5", "list:3"
};

}  // namespace mpicsim
