#pragma once

#include <cstdint>

#include "mpicsim/routing/RouteClass.hpp"

namespace mpicsim {

// The attributes the decision process compares, in readable form (see RoutePolicy::compare).
struct RouteAttributes {
    RouteClass routeClass = RouteClass::Provider;
    std::uint32_t pathLength = 0;      // ASes in the AS path as received
    std::uint32_t nextHopTieRank = 0;  // position of the next hop in the tie-break order
};

}  // namespace mpicsim
