#pragma once

#include <cstdint>
#include <vector>

#include "mpicsim/routing/RouteClass.hpp"
#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// The `independent` semantics of Lad et al. (DSN 2007): one origin announces alone, under the
// same policy model as Propagator (customer > peer > provider routes, then shorter paths;
// valley-free export), but ties are not broken: every AS keeps all its equally most-preferred
// routes and counts the distinct AS paths they stand for. Computed in the same three phases,
// summing the path counts of the neighbours that offer a route of the best class and length.
class IndependentRoutes {
  public:
    static constexpr std::uint8_t kNoRoute = 0xFF;

    explicit IndependentRoutes(const AsGraph& graph);

    // Recomputes everything for `origin` (reusing the buffers).
    void run(NodeIndex origin);

    bool hasRoute(NodeIndex node) const { return routeClass_[node] != kNoRoute; }
    RouteClass routeClass(NodeIndex node) const {
        return static_cast<RouteClass>(routeClass_[node]);
    }
    std::uint32_t pathLength(NodeIndex node) const { return length_[node]; }
    double pathCount(NodeIndex node) const { return count_[node]; }
    // (class, length) packed so that a smaller key is preferred; kNoRouteKey when none.
    static constexpr std::uint32_t kNoRouteKey = 0xFFFFFFFFu;
    std::uint32_t preferenceKey(NodeIndex node) const {
        return hasRoute(node) ? (std::uint32_t{routeClass_[node]} << 24) | length_[node]
                              : kNoRouteKey;
    }

  private:
    const AsGraph& graph_;
    std::vector<std::uint8_t> routeClass_;
    std::vector<std::uint32_t> length_;
    std::vector<double> count_;
};

}  // namespace mpicsim
