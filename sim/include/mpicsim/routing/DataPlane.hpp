#pragma once

#include <vector>

#include "mpicsim/routing/Outcome.hpp"
#include "mpicsim/routing/RoutingOutcome.hpp"

namespace mpicsim {

struct ForwardingTrace {
    std::vector<NodeIndex> hops;  // from the source AS to where the traffic stops
    Outcome outcome = Outcome::Disconnected;
};

// Follows the traffic from one AS hop by hop, choosing at each AS the most specific prefix it
// holds a route for, until it enters the victim's or the attacker's AS, finds no route, or
// revisits an AS (a loop).
class DataPlane {
  public:
    static ForwardingTrace trace(const RoutingOutcome& routing, NodeIndex source);
};

}  // namespace mpicsim
