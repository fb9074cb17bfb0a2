#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// The per-AS import policy: which ASes perform Route Origin Validation and drop routes
// that the victim's ROA (its prefix, maxLength = its length) makes invalid. Everyone else
// imports with plain BGP.
class RovDeployment {
  public:
    static RovDeployment none(std::size_t nodeCount) { return RovDeployment(nodeCount); }
    static RovDeployment of(std::size_t nodeCount, std::span<const NodeIndex> adopters);

    std::size_t nodeCount() const { return adopts_.size(); }
    bool adopts(NodeIndex node) const { return adopts_[node] != 0; }
    std::size_t adopterCount() const { return adopterCount_; }
    // 0xFF for adopters, 0 otherwise: a mask the propagation loop applies without branching.
    const std::vector<std::uint8_t>& adopterMasks() const { return adopts_; }

  private:
    explicit RovDeployment(std::size_t nodeCount) : adopts_(nodeCount, 0) {}

    std::vector<std::uint8_t> adopts_;
    std::size_t adopterCount_ = 0;
};

}  // namespace mpicsim
