#include "mpicsim/experiment/NameserverPlacement.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

#include "mpicsim/common/DeterministicRandom.hpp"

namespace mpicsim {
namespace {

constexpr std::uint64_t kNameserverSalt = 0x6e616d6573ull;  // "names"

NodeIndex nodeAt(const AsGraph& graph, Asn asn, const std::string& pointer) {
    const auto node = graph.nodeOf(asn);
    if (!node) {
        throw std::invalid_argument("at " + pointer + ": nameserver AS" + std::to_string(asn) +
                                    " is not in the topology");
    }
    return *node;
}

std::vector<NodeIndex> listed(const AsGraph& graph, const std::vector<Asn>& asns,
                              const std::string& pointer) {
    std::vector<NodeIndex> nodes;
    for (std::size_t i = 0; i < asns.size(); ++i) {
        const std::string where = pointer + "/" + std::to_string(i);
        nodes.push_back(nodeAt(graph, asns[i], where));
        if (std::find(nodes.begin(), nodes.end() - 1, nodes.back()) != nodes.end() - 1) {
            throw std::invalid_argument("at " + where + ": AS" + std::to_string(asns[i]) +
                                        " is listed twice");
        }
    }
    return nodes;
}

// The victim's own stream: the same (seed, victim) always draws the same nameservers.
DeterministicRandom streamOf(const NameserverSetting& setting, Asn victim) {
    return DeterministicRandom(DeterministicRandom(setting.seed ^ kNameserverSalt).next() ^ victim);
}

void sortByAsn(const AsGraph& graph, std::vector<NodeIndex>& nodes) {
    std::sort(nodes.begin(), nodes.end(),
              [&](NodeIndex a, NodeIndex b) { return graph.asnOf(a) < graph.asnOf(b); });
}

}  // namespace

NameserverPlacement::NameserverPlacement(const AsGraph& graph, const NameserverSetting& setting,
                                         std::span<const NodeIndex> victims) {
    offsets_.push_back(0);
    std::vector<NodeIndex> candidates;
    if (setting.kind == NameserverSetting::Kind::List) {
        candidates = listed(graph, setting.asns, setting.pointer + "/list");
    } else if (setting.kind == NameserverSetting::Kind::Weighted) {
        for (Asn asn : setting.asns) {
            candidates.push_back(
                nodeAt(graph, asn, setting.pointer + "/weights/" + std::to_string(asn)));
        }
    }
    for (NodeIndex victim : victims) {
        const Asn victimAsn = graph.asnOf(victim);
        std::vector<NodeIndex> nameservers;
        switch (setting.kind) {
            case NameserverSetting::Kind::SameAsHost:
                break;
            case NameserverSetting::Kind::List:
                nameservers = candidates;
                break;
            case NameserverSetting::Kind::PerVictim: {
                const auto entry = setting.perVictim.find(victimAsn);
                if (entry == setting.perVictim.end()) {
                    throw std::invalid_argument("at " + setting.pointer +
                                                "/per_victim: no entry for victim AS" +
                                                std::to_string(victimAsn));
                }
                nameservers = listed(graph, entry->second,
                                     setting.pointer + "/per_victim/" + std::to_string(victimAsn));
                break;
            }
            case NameserverSetting::Kind::Weighted: {
                // Successive weighted draws without replacement.
                DeterministicRandom stream = streamOf(setting, victimAsn);
                std::vector<double> weights = setting.weights;
                for (std::size_t k = 0; k < setting.count; ++k) {
                    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
                    double point = stream.unit() * total;
                    std::size_t chosen = 0;
                    while (chosen + 1 < weights.size() &&
                           (weights[chosen] == 0 || point >= weights[chosen])) {
                        point -= weights[chosen];
                        ++chosen;
                    }
                    nameservers.push_back(candidates[chosen]);
                    weights[chosen] = 0;
                }
                sortByAsn(graph, nameservers);
                break;
            }
            case NameserverSetting::Kind::Sample: {
                DeterministicRandom stream = streamOf(setting, victimAsn);
                for (std::uint32_t index :
                     stream.sample(static_cast<std::uint32_t>(graph.nodeCount()),
                                   static_cast<std::uint32_t>(setting.count))) {
                    nameservers.push_back(index);
                }
                sortByAsn(graph, nameservers);
                break;
            }
        }
        nodes_.insert(nodes_.end(), nameservers.begin(), nameservers.end());
        offsets_.push_back(nodes_.size());
        mostPerVictim_ = std::max(mostPerVictim_, nameservers.size());
    }
}

}  // namespace mpicsim
