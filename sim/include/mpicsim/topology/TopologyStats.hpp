#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// The structural figures a synthetic topology is calibrated on, computed the same way for any
// graph: counts, degree and customer-cone percentiles, shares, rank depth, and two routing
// figures from fixed seeded samples (mean AS-path length from origins, mean share of ASes
// captured by an equally-specific hijack).
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
    double meanPathLength = 0;                  // AS hops from a route's holder to its origin
    double meanHijackShare = 0;                 // share of ASes that route to the hijacker

    static constexpr std::size_t kSampleOrigins = 100;
    static constexpr std::size_t kSamplePairs = 400;

    static TopologyStats compute(const AsGraph& graph, std::uint64_t seed = 1);

    // Named figures in a fixed order, for tables and comparisons.
    std::vector<std::pair<std::string, double>> figures() const;
};

}  // namespace mpicsim
