#pragma once

#include <cstdint>

namespace mpicsim {

// The two prefixes a trial can involve.
enum class PrefixSlot : std::uint8_t {
    VictimPrefix = 0,  // the victim's prefix (also the one an equally-specific attacker uses)
    Subprefix = 1,     // the sub-prefix hijacker's prefix, one bit longer
};

}  // namespace mpicsim
