#include "mpicsim/experiment/IndependentRoutes.hpp"

#include <algorithm>

namespace mpicsim {

IndependentRoutes::IndependentRoutes(const AsGraph& graph)
    : graph_(graph),
      routeClass_(graph.nodeCount(), kNoRoute),
      length_(graph.nodeCount(), 0),
      count_(graph.nodeCount(), 0) {}

void IndependentRoutes::run(NodeIndex origin) {
    const NodeIndex n = static_cast<NodeIndex>(graph_.nodeCount());
    std::fill(routeClass_.begin(), routeClass_.end(), kNoRoute);
    routeClass_[origin] = static_cast<std::uint8_t>(RouteClass::Origin);
    length_[origin] = 0;
    count_[origin] = 1;
    const auto customerClass = static_cast<std::uint8_t>(RouteClass::Customer);

    // Takes, among neighbours that export a route over the edge, those of the shortest path and
    // sums their path counts. `exportLimit`: the highest class the neighbours export this way.
    auto choose = [&](NodeIndex v, std::span<const NodeIndex> neighbours, RouteClass received,
                      std::uint8_t exportLimit) {
        std::uint32_t best = ~std::uint32_t{0};
        double paths = 0;
        for (NodeIndex u : neighbours) {
            if (routeClass_[u] > exportLimit) {
                continue;
            }
            const std::uint32_t length = length_[u] + 1;
            if (length < best) {
                best = length;
                paths = count_[u];
            } else if (length == best) {
                paths += count_[u];
            }
        }
        if (paths > 0) {
            routeClass_[v] = static_cast<std::uint8_t>(received);
            length_[v] = best;
            count_[v] = paths;
        }
    };
    // Phase 1: customer routes climb (customers precede providers in node order).
    for (NodeIndex v = graph_.rankBegin(1); v < n; ++v) {
        if (v != origin) {
            choose(v, graph_.customers(v), RouteClass::Customer, customerClass);
        }
    }
    // Phase 2: one peer hop for ASes without own or customer routes. Peers only pass on own
    // and customer routes, which phase 1 has fixed, so the order does not matter.
    for (NodeIndex v = 0; v < n; ++v) {
        if (routeClass_[v] == kNoRoute) {
            choose(v, graph_.peers(v), RouteClass::Peer, customerClass);
        }
    }
    // Phase 3: provider routes descend (providers follow customers in node order).
    for (NodeIndex v = n; v-- > 0;) {
        if (routeClass_[v] == kNoRoute) {
            choose(v, graph_.providers(v), RouteClass::Provider,
                   static_cast<std::uint8_t>(RouteClass::Provider));
        }
    }
}

}  // namespace mpicsim
