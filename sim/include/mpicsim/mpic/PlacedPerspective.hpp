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

  private:
    Perspective perspective_;
    std::optional<NodeIndex> hostNode_;
    std::vector<std::pair<NodeIndex, PerspectiveLink::Role>> attachments_;
};

}  // namespace mpicsim
