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

    std::size_t nodeCount() const { return slotOf_.size(); }
    // Distinct for every scope made in this process (workspaces key their tables by it).
    std::uint64_t id() const { return id_; }
    // Sorted, without repeats.
    const std::vector<NodeIndex>& observed() const { return observed_; }
    // U in descending node order: every node after all of its providers.
    const std::vector<NodeIndex>& closureDescending() const { return closureDescending_; }
    bool inClosure(NodeIndex node) const { return slotOf_[node] != kOutside; }
    // A node's position in closureDescending() (its slot), for arrays over U alone.
    static constexpr std::uint32_t kOutside = ~std::uint32_t{0};
    std::uint32_t slotOf(NodeIndex node) const { return slotOf_[node]; }
    // The slots of the peers of `node` (any node of the graph) that lie in U.
    std::span<const std::uint32_t> peerSlotsInClosure(NodeIndex node) const {
        return {peerSlots_.data() + peerOffsets_[node],
                peerOffsets_[node + 1] - peerOffsets_[node]};
    }
    // The slots of the providers of the node at `slot` (all in U; each lower than `slot`).
    std::span<const std::uint32_t> providerSlots(std::uint32_t slot) const {
        return {providerSlots_.data() + providerOffsets_[slot],
                providerOffsets_[slot + 1] - providerOffsets_[slot]};
    }

  private:
    std::uint64_t id_;
    std::vector<NodeIndex> observed_;
    std::vector<NodeIndex> closureDescending_;
    std::vector<std::uint32_t> slotOf_;
    std::vector<std::uint32_t> peerOffsets_;
    std::vector<std::uint32_t> peerSlots_;
    std::vector<std::uint32_t> providerOffsets_;
    std::vector<std::uint32_t> providerSlots_;
};

}  // namespace mpicsim
