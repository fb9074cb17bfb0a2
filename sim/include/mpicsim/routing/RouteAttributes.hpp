#pragma once

#include <cstdint>

#include "mpicsim/routing/DecisionStep.hpp"
#include "mpicsim/routing/RouteClass.hpp"

namespace mpicsim {

// The attributes the decision process compares, in readable form.
struct RouteAttributes {
    RouteClass routeClass = RouteClass::Provider;
    std::uint32_t pathLength = 0;      // ASes in the AS path as received
    std::uint32_t nextHopTieRank = 0;  // position of the next hop in the tie-break order

    // The decision process (compare BIRD's bgp_rte_better): true when `*this` wins.
    bool isPreferredTo(const RouteAttributes& other) const {
        // 1. Relationship: customer routes over peer routes over provider routes.
        if (routeClass != other.routeClass) {
            return routeClass < other.routeClass;
        }
        // 2. Shorter AS path.
        if (pathLength != other.pathLength) {
            return pathLength < other.pathLength;
        }
        // 3. Tie-break on the next hop (lower tie rank wins).
        return nextHopTieRank < other.nextHopTieRank;
    }

    // The first step of the decision process that sets this (the winner) apart from the
    // runner-up; OnlyRoute without one.
    DecisionStep stepOver(const RouteAttributes* runnerUp) const {
        if (runnerUp == nullptr) {
            return DecisionStep::OnlyRoute;
        }
        if (routeClass != runnerUp->routeClass) {
            return DecisionStep::Relationship;
        }
        if (pathLength != runnerUp->pathLength) {
            return DecisionStep::PathLength;
        }
        return DecisionStep::TieBreak;
    }
};

}  // namespace mpicsim
