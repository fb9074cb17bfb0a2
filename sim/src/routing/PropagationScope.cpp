#include "mpicsim/routing/PropagationScope.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace mpicsim {

PropagationScope::PropagationScope(const AsGraph& graph, std::vector<NodeIndex> observed)
    : observed_(std::move(observed)), inClosure_(graph.nodeCount(), 0) {
    std::sort(observed_.begin(), observed_.end());
    observed_.erase(std::unique(observed_.begin(), observed_.end()), observed_.end());
    std::vector<NodeIndex> pending;
    for (NodeIndex node : observed_) {
        if (node >= graph.nodeCount()) {
            throw std::invalid_argument("an observed node lies outside the graph");
        }
        inClosure_[node] = 1;
        pending.push_back(node);
    }
    while (!pending.empty()) {
        const NodeIndex node = pending.back();
        pending.pop_back();
        closureDescending_.push_back(node);
        for (NodeIndex provider : graph.providers(node)) {
            if (inClosure_[provider] == 0) {
                inClosure_[provider] = 1;
                pending.push_back(provider);
            }
        }
    }
    std::sort(closureDescending_.begin(), closureDescending_.end(), std::greater<>());

    peerOffsets_.assign(graph.nodeCount() + 1, 0);
    for (NodeIndex node = 0; node < graph.nodeCount(); ++node) {
        for (NodeIndex peer : graph.peers(node)) {
            if (inClosure_[peer] != 0) {
                peersInClosure_.push_back(peer);
            }
        }
        peerOffsets_[node + 1] = static_cast<std::uint32_t>(peersInClosure_.size());
    }
}

}  // namespace mpicsim
