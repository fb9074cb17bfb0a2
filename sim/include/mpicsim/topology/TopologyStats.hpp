#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// The structural figures a synthetic topology is calibrated on, computed the same way for any
// graph: counts, degree and customer-cone percentiles, shares and rank depth. The routing
// figures beside them are TopologyProfile's (the graph knows nothing of routes).
struct TopologyStats {
    std::size_t ases = 0;
    std::size_t links = 0;
    std::size_t providerCustomerLinks = 0;
    std::size_t peerLinks = 0;
    std::array<double, 4> degreePercentiles{};  // 50th, 90th, 99th, max
    std::array<double, 4> conePercentiles{};    // 50th, 90th, 99th, max
    double stubShare = 0;                       // ASes without customers
    double withPeersShare = 0;                  // ASes with at least one peer
    std::uint32_t rankDepth = 0;                // the highest propagation rank

    static TopologyStats compute(const AsGraph& graph);

    // Named figures in a fixed order, for tables and comparisons.
    std::vector<std::pair<std::string, double>> figures() const;
};

}  // namespace mpicsim
