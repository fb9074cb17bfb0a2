#include "mpicsim/mpic/RegionalAttachment.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "mpicsim/topology/CustomerCone.hpp"

namespace mpicsim {

RegionalAttachment::RegionalAttachment(const AsGraph& graph, const AsOrganisations& organisations,
                                       Options options)
    : graph_(graph),
      options_(options),
      locationByNode_(graph.nodeCount()),
      coneSizes_(CustomerCone::sizes(graph)),
      global_(graph.nodeCount(), false) {
    for (NodeIndex node = 0; node < graph.nodeCount(); ++node) {
        if (const AsOrganisation* organisation = organisations.find(graph.asnOf(node))) {
            locationByNode_[node] = {rirOfRegistry(organisation->source), organisation->country};
        }
    }
    const std::vector<Asn>& clique = graph.metadata().inputClique;
    if (!clique.empty()) {
        for (Asn asn : clique) {
            if (const auto node = graph.nodeOf(asn)) {
                global_[*node] = true;
            }
        }
        return;
    }
    std::vector<NodeIndex> byCone(graph.nodeCount());
    for (NodeIndex node = 0; node < graph.nodeCount(); ++node) {
        byCone[node] = node;
    }
    const std::size_t count = std::min(options_.globalByCone, byCone.size());
    std::partial_sort(byCone.begin(), byCone.begin() + static_cast<std::ptrdiff_t>(count),
                      byCone.end(), [&](NodeIndex a, NodeIndex b) {
                          if (coneSizes_[a] != coneSizes_[b]) {
                              return coneSizes_[a] > coneSizes_[b];
                          }
                          return graph.asnOf(a) < graph.asnOf(b);
                      });
    for (std::size_t i = 0; i < count; ++i) {
        global_[byCone[i]] = true;
    }
}

bool RegionalAttachment::isGlobal(NodeIndex node) const {
    return global_[node];
}

std::optional<Rir> RegionalAttachment::rirOfRegistry(std::string_view source) {
    source = source.substr(0, source.find(','));
    if (source == "RIPENCC") {
        return Rir::Ripe;
    }
    static constexpr std::array<std::string_view, 7> kApnicNationalRegistries = {
        "JPNIC", "KRNIC", "TWNIC", "CNNIC", "IDNIC", "VNNIC", "IRINN"};
    if (std::find(kApnicNationalRegistries.begin(), kApnicNationalRegistries.end(), source) !=
        kApnicNationalRegistries.end()) {
        return Rir::Apnic;
    }
    return rirFromString(source);
}

std::vector<PerspectiveLink> RegionalAttachment::neighbours(Asn cloudAsn, Rir rir,
                                                            std::string_view country) const {
    const auto cloud = graph_.nodeOf(cloudAsn);
    if (!cloud) {
        throw std::invalid_argument("the cloud's AS" + std::to_string(cloudAsn) +
                                    " is not in the topology");
    }
    struct Candidate {
        NodeIndex node;
        PerspectiveLink::Role role;
    };
    std::vector<PerspectiveLink> chosen;
    std::vector<Candidate> located;
    std::vector<Candidate> providers;
    auto consider = [&](std::span<const NodeIndex> nodes, PerspectiveLink::Role role) {
        for (NodeIndex node : nodes) {
            if (!options_.includeMlpOnlyLinks &&
                graph_.linkSource(*cloud, node) == LinkSource::Mlp) {
                continue;
            }
            if (role == PerspectiveLink::Role::Provider) {
                providers.push_back({node, role});
            }
            if (role != PerspectiveLink::Role::Customer && global_[node]) {
                chosen.push_back({graph_.asnOf(node), role});
            } else if (locationByNode_[node].rir == rir) {
                located.push_back({node, role});
            }
        }
    };
    consider(graph_.providers(*cloud), PerspectiveLink::Role::Provider);
    consider(graph_.peers(*cloud), PerspectiveLink::Role::Peer);
    consider(graph_.customers(*cloud), PerspectiveLink::Role::Customer);

    const auto inCountry = static_cast<std::size_t>(
        std::count_if(located.begin(), located.end(), [&](const Candidate& candidate) {
            return locationByNode_[candidate.node].country == country;
        }));
    if (inCountry >= options_.countryMinimum) {
        std::erase_if(located, [&](const Candidate& candidate) {
            return locationByNode_[candidate.node].country != country;
        });
    }
    std::sort(located.begin(), located.end(), [&](const Candidate& a, const Candidate& b) {
        if (coneSizes_[a.node] != coneSizes_[b.node]) {
            return coneSizes_[a.node] > coneSizes_[b.node];
        }
        return graph_.asnOf(a.node) < graph_.asnOf(b.node);
    });
    located.resize(std::min(located.size(), options_.locatedLimit));
    for (const Candidate& candidate : located) {
        chosen.push_back({graph_.asnOf(candidate.node), candidate.role});
    }

    const bool hasTransit =
        std::any_of(chosen.begin(), chosen.end(), [&](const PerspectiveLink& link) {
            return link.role == PerspectiveLink::Role::Provider ||
                   (link.role == PerspectiveLink::Role::Peer &&
                    global_[*graph_.nodeOf(link.neighbour)]);
        });
    auto addOnce = [&](Asn asn, PerspectiveLink::Role role) {
        if (std::none_of(chosen.begin(), chosen.end(),
                         [&](const PerspectiveLink& link) { return link.neighbour == asn; })) {
            chosen.push_back({asn, role});
        }
    };
    if (!hasTransit) {
        for (const Candidate& provider : providers) {
            addOnce(graph_.asnOf(provider.node), PerspectiveLink::Role::Provider);
        }
        if (providers.empty()) {
            addOnce(cloudAsn, PerspectiveLink::Role::Provider);
        }
    }
    if (options_.backbone) {
        addOnce(cloudAsn, PerspectiveLink::Role::Provider);
    }
    std::sort(chosen.begin(), chosen.end(), [](const PerspectiveLink& a, const PerspectiveLink& b) {
        return a.neighbour < b.neighbour;
    });
    return chosen;
}

}  // namespace mpicsim
