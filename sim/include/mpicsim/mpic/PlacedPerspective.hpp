#pragma once

#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "mpicsim/mpic/Perspective.hpp"
#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// A perspective resolved against one graph: the AS it sits in, or its own node's attachments.
class PlacedPerspective {
  public:
    // Throws std::invalid_argument naming the perspective and an ASN absent from the graph.
    PlacedPerspective(const AsGraph& graph, Perspective perspective);

    const Perspective& perspective() const { return perspective_; }
    bool hasOwnNode() const { return !hostNode_; }
    NodeIndex hostNode() const { return *hostNode_; }  // when !hasOwnNode()
    const std::vector<std::pair<NodeIndex, PerspectiveLink::Role>>& attachments() const {
        return attachments_;
    }
    // The graph nodes whose routes decide this perspective's outcome (its host, or the
    // neighbours of its own node), appended to `nodes`: what a PropagationScope must observe.
    void appendObservedNodes(std::vector<NodeIndex>& nodes) const {
        if (!hasOwnNode()) {
            nodes.push_back(hostNode());
        }
        for (const auto& attachment : attachments_) {
            nodes.push_back(attachment.first);
        }
    }

  private:
    Perspective perspective_;
    std::optional<NodeIndex> hostNode_;
    std::vector<std::pair<NodeIndex, PerspectiveLink::Role>> attachments_;
};

}  // namespace mpicsim
