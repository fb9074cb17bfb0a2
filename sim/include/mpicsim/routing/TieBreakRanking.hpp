#pragma once

#include <cstdint>
#include <vector>

#include "mpicsim/routing/TieBreak.hpp"
#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// Every node's position in a TieBreak's order (rank 0 is preferred most), so that the tie
// step of the decision process is an integer comparison.
class TieBreakRanking {
  public:
    TieBreakRanking(const AsGraph& graph, const TieBreak& tieBreak);

    const TieBreak& tieBreak() const { return tieBreak_; }
    std::uint32_t rankOf(NodeIndex node) const { return rankByNode_[node]; }
    NodeIndex nodeAt(std::uint32_t rank) const { return nodeByRank_[rank]; }

  private:
    TieBreak tieBreak_;
    std::vector<std::uint32_t> rankByNode_;
    std::vector<NodeIndex> nodeByRank_;
};

}  // namespace mpicsim
