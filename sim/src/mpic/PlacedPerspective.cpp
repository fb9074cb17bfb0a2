#include "mpicsim/mpic/PlacedPerspective.hpp"

#include <string>

namespace mpicsim {

PlacedPerspective::PlacedPerspective(const AsGraph& graph, Perspective perspective)
    : perspective_(std::move(perspective)) {
    auto nodeOf = [&](Asn asn, const char* what) {
        const auto node = graph.nodeOf(asn);
        if (!node) {
            throw std::invalid_argument("perspective '" + perspective_.id + "': " + what + " AS" +
                                        std::to_string(asn) + " is not in the topology");
        }
        return *node;
    };
    if (!perspective_.hasOwnNode()) {
        hostNode_ = nodeOf(perspective_.hostAsn, "host");
        return;
    }
    for (const PerspectiveLink& link : perspective_.neighbours) {
        const NodeIndex node = nodeOf(link.neighbour, "neighbour");
        for (const auto& existing : attachments_) {
            if (existing.first == node) {
                throw std::invalid_argument("perspective '" + perspective_.id + "': neighbour AS" +
                                            std::to_string(link.neighbour) + " is listed twice");
            }
        }
        attachments_.emplace_back(node, link.role);
    }
}

}  // namespace mpicsim
