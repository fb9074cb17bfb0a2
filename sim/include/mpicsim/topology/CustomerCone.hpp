#pragma once

#include <cstdint>
#include <vector>

#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// Customer-cone sizes: the number of ASes reachable from each AS by following provider-to-
// customer links, the AS itself included (CAIDA's definition of the customer cone).
class CustomerCone {
  public:
    static std::vector<std::uint32_t> sizes(const AsGraph& graph);
};

}  // namespace mpicsim
