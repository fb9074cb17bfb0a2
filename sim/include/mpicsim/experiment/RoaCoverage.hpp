#pragma once

#include <cstdint>
#include <vector>

#include "mpicsim/experiment/AbsentAsns.hpp"
#include "mpicsim/experiment/RoaSetting.hpp"
#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// A RoaSetting resolved against a graph: for every AS, whether its prefix is covered by a ROA
// (and so whether ROV adopters can drop hijacks of it).
class RoaCoverage {
  public:
    // Every AS holds a ROA.
    static RoaCoverage all(std::size_t nodeCount) { return RoaCoverage(nodeCount, true); }
    // Listed ASes absent from the graph are left out and appended to `absent`.
    static RoaCoverage resolve(const AsGraph& graph, const RoaSetting& setting,
                               std::vector<AbsentAsns>& absent);

    bool covers(NodeIndex victim) const { return covered_[victim] != 0; }
    std::size_t coveredCount() const;

  private:
    RoaCoverage(std::size_t nodeCount, bool covered) : covered_(nodeCount, covered ? 1 : 0) {}

    std::vector<std::uint8_t> covered_;
};

}  // namespace mpicsim
