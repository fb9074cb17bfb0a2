#pragma once

#include <span>
#include <vector>

#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// The part of the graph a study observes, prepared once per study: the observed nodes (the
// ASes perspectives sit in, and the neighbours of perspectives in their own nodes) and their
// provider closure U (the observed nodes and every AS above them through provider links). An
// observed node's route depends only on the routes of U, the customer routes of the origins'
// ancestors, and the peer offers those ancestors make into U, so a Propagator given a scope
// computes exactly those (see Propagator::run).
class PropagationScope {
  public:
    // Throws std::invalid_argument for a node outside the graph.
    PropagationScope(const AsGraph& graph, std::vector<NodeIndex> observed);

    std::size_t nodeCount() const { return inClosure_.size(); }
    // Sorted, without repeats.
    const std::vector<NodeIndex>& observed() const { return observed_; }
    // U in descending node order: every node after all of its providers.
    const std::vector<NodeIndex>& closureDescending() const { return closureDescending_; }
    bool inClosure(NodeIndex node) const { return inClosure_[node] != 0; }
    // The peers of `node` that lie in U, in node order.
    std::span<const NodeIndex> peersInClosure(NodeIndex node) const {
        return {peersInClosure_.data() + peerOffsets_[node],
                peerOffsets_[node + 1] - peerOffsets_[node]};
    }

  private:
    std::vector<NodeIndex> observed_;
    std::vector<NodeIndex> closureDescending_;
    std::vector<std::uint8_t> inClosure_;
    std::vector<std::uint32_t> peerOffsets_;
    std::vector<NodeIndex> peersInClosure_;
};

}  // namespace mpicsim
