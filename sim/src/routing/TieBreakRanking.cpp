#include "mpicsim/routing/TieBreakRanking.hpp"

#include <algorithm>
#include <numeric>

namespace mpicsim {

TieBreakRanking::TieBreakRanking(const AsGraph& graph, const TieBreak& tieBreak)
    : tieBreak_(tieBreak) {
    const std::size_t n = graph.nodeCount();
    nodeByRank_.resize(n);
    std::iota(nodeByRank_.begin(), nodeByRank_.end(), NodeIndex{0});
    switch (tieBreak.kind()) {
        case TieBreak::Kind::LowestAsn:
            std::sort(nodeByRank_.begin(), nodeByRank_.end(),
                      [&](NodeIndex a, NodeIndex b) { return graph.asnOf(a) < graph.asnOf(b); });
            break;
        case TieBreak::Kind::Random: {
            std::vector<std::uint64_t> keys(n);
            for (NodeIndex v = 0; v < n; ++v) {
                keys[v] = TieBreak::randomKey(tieBreak.seed(), graph.asnOf(v));
            }
            std::sort(nodeByRank_.begin(), nodeByRank_.end(), [&](NodeIndex a, NodeIndex b) {
                return keys[a] != keys[b] ? keys[a] < keys[b] : graph.asnOf(a) < graph.asnOf(b);
            });
            break;
        }
        case TieBreak::Kind::Md5: {
            std::vector<std::array<std::uint8_t, 16>> digests(n);
            for (NodeIndex v = 0; v < n; ++v) {
                digests[v] = TieBreak::md5Digest(graph.asnOf(v));
            }
            std::sort(nodeByRank_.begin(), nodeByRank_.end(), [&](NodeIndex a, NodeIndex b) {
                return digests[a] != digests[b] ? digests[a] > digests[b]
                                                : graph.asnOf(a) < graph.asnOf(b);
            });
            break;
        }
    }
    rankByNode_.resize(n);
    for (std::uint32_t rank = 0; rank < n; ++rank) {
        rankByNode_[nodeByRank_[rank]] = rank;
    }
}

}  // namespace mpicsim
