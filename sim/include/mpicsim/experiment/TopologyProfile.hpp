#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "mpicsim/topology/AsGraph.hpp"
#include "mpicsim/topology/TopologyStats.hpp"

namespace mpicsim {

// The figures `mpicsim topology-stats` prints and the generator is calibrated on: the graph's
// TopologyStats and two routing figures from fixed seeded samples (mean AS-path length from
// origins, mean share of ASes captured by an equally-specific hijack).
struct TopologyProfile {
    TopologyStats structure;
    double meanPathLength = 0;   // AS hops from a route's holder to its origin
    double meanHijackShare = 0;  // share of ASes that route to the hijacker

    static constexpr std::size_t kSampleOrigins = 100;
    static constexpr std::size_t kSamplePairs = 400;

    static TopologyProfile compute(const AsGraph& graph, std::uint64_t seed = 1);

    // Named figures in a fixed order (the structural ones first), for tables and comparisons.
    std::vector<std::pair<std::string, double>> figures() const;
};

}  // namespace mpicsim
