#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "mpicsim/experiment/NameserverSetting.hpp"
#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// A NameserverSetting resolved against a graph for a study's victims: the nameserver ASes of
// each victim, in ASN order (listed ones in the order given). Draws are seeded per victim (the
// setting's seed and the victim's ASN), so a victim keeps its nameservers whatever the others.
class NameserverPlacement {
  public:
    // Throws std::invalid_argument naming the JSON Pointer of a nameserver AS absent from the
    // graph, of a victim without an entry in a per-victim map, or of an AS listed twice.
    NameserverPlacement(const AsGraph& graph, const NameserverSetting& setting,
                        std::span<const NodeIndex> victims);

    // The nameserver ASes of the i-th victim; empty: they share the web host's prefix.
    std::span<const NodeIndex> of(std::size_t victimIndex) const {
        return {nodes_.data() + offsets_[victimIndex],
                offsets_[victimIndex + 1] - offsets_[victimIndex]};
    }
    // The most nameserver ASes any victim has.
    std::size_t mostPerVictim() const { return mostPerVictim_; }

  private:
    std::vector<std::size_t> offsets_;
    std::vector<NodeIndex> nodes_;
    std::size_t mostPerVictim_ = 0;
};

}  // namespace mpicsim
