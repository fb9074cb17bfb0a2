#pragma once

#include <optional>

#include "mpicsim/routing/DecisionStep.hpp"
#include "mpicsim/routing/Outcome.hpp"
#include "mpicsim/routing/PrefixSlot.hpp"
#include "mpicsim/routing/RouteClass.hpp"
#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// Where a perspective's validation traffic goes in one trial, and why.
struct PerspectiveObservation {
    Outcome outcome = Outcome::Disconnected;
    DecisionStep step = DecisionStep::NoRoute;  // the step that chose the route it forwards on
    std::optional<PrefixSlot> slot;             // the prefix it forwards on
    std::optional<RouteClass> routeClass;
    std::optional<NodeIndex> nextHop;  // first AS the traffic enters (own nodes and ASes)
    bool inheritsHostRouting = true;   // false for a perspective in its own node
};

}  // namespace mpicsim
