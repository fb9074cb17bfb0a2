#include "mpicsim/routing/PropagationScope.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "mpicsim/common/InstanceId.hpp"

namespace mpicsim {

PropagationScope::PropagationScope(const AsGraph& graph, std::vector<NodeIndex> observed)
    : id_(nextInstanceId()), observed_(std::move(observed)), slotOf_(graph.nodeCount(), kOutside) {
    std::sort(observed_.begin(), observed_.end());
    observed_.erase(std::unique(observed_.begin(), observed_.end()), observed_.end());
    std::vector<std::uint8_t> reached(graph.nodeCount(), 0);
    std::vector<NodeIndex> pending;
    for (NodeIndex node : observed_) {
        if (node >= graph.nodeCount()) {
            throw std::invalid_argument("an observed node lies outside the graph");
        }
        reached[node] = 1;
        pending.push_back(node);
    }
    while (!pending.empty()) {
        const NodeIndex node = pending.back();
        pending.pop_back();
        closureDescending_.push_back(node);
        for (NodeIndex provider : graph.providers(node)) {
            if (reached[provider] == 0) {
                reached[provider] = 1;
                pending.push_back(provider);
            }
        }
    }
    std::sort(closureDescending_.begin(), closureDescending_.end(), std::greater<>());
    for (std::uint32_t slot = 0; slot < closureDescending_.size(); ++slot) {
        slotOf_[closureDescending_[slot]] = slot;
    }

    peerOffsets_.assign(graph.nodeCount() + 1, 0);
    for (NodeIndex node = 0; node < graph.nodeCount(); ++node) {
        for (NodeIndex peer : graph.peers(node)) {
            if (slotOf_[peer] != kOutside) {
                peerSlots_.push_back(slotOf_[peer]);
            }
        }
        peerOffsets_[node + 1] = static_cast<std::uint32_t>(peerSlots_.size());
    }
    providerOffsets_.assign(closureDescending_.size() + 1, 0);
    for (std::uint32_t slot = 0; slot < closureDescending_.size(); ++slot) {
        for (NodeIndex provider : graph.providers(closureDescending_[slot])) {
            providerSlots_.push_back(slotOf_[provider]);
        }
        providerOffsets_[slot + 1] = static_cast<std::uint32_t>(providerSlots_.size());
    }
}

}  // namespace mpicsim
