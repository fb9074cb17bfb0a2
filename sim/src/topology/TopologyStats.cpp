#include "mpicsim/topology/TopologyStats.hpp"

#include <algorithm>

#include "mpicsim/topology/CustomerCone.hpp"

namespace mpicsim {
namespace {

std::array<double, 4> percentiles(std::vector<std::uint32_t> values) {
    if (values.empty()) {
        return {};
    }
    std::sort(values.begin(), values.end());
    auto at = [&](double share) {
        const auto index = static_cast<std::size_t>(share * static_cast<double>(values.size()));
        return static_cast<double>(values[std::min(index, values.size() - 1)]);
    };
    return {at(0.5), at(0.9), at(0.99), static_cast<double>(values.back())};
}

}  // namespace

TopologyStats TopologyStats::compute(const AsGraph& graph) {
    TopologyStats stats;
    const std::size_t n = graph.nodeCount();
    stats.ases = n;
    stats.links = graph.linkCount();
    stats.providerCustomerLinks = graph.providerCustomerLinkCount();
    stats.peerLinks = graph.peerLinkCount();
    if (n == 0) {
        return stats;
    }
    std::vector<std::uint32_t> degrees(n);
    std::size_t stubs = 0;
    std::size_t withPeers = 0;
    for (NodeIndex v = 0; v < n; ++v) {
        degrees[v] = static_cast<std::uint32_t>(graph.customers(v).size() + graph.peers(v).size() +
                                                graph.providers(v).size());
        stubs += graph.customers(v).empty() ? 1 : 0;
        withPeers += graph.peers(v).empty() ? 0 : 1;
    }
    stats.degreePercentiles = percentiles(degrees);
    stats.conePercentiles = percentiles(CustomerCone::sizes(graph));
    stats.stubShare = static_cast<double>(stubs) / static_cast<double>(n);
    stats.withPeersShare = static_cast<double>(withPeers) / static_cast<double>(n);
    stats.rankDepth = graph.maxRank();

    return stats;
}

std::vector<std::pair<std::string, double>> TopologyStats::figures() const {
    return {
        {"ases", static_cast<double>(ases)},
        {"links", static_cast<double>(links)},
        {"provider_customer_links", static_cast<double>(providerCustomerLinks)},
        {"peer_links", static_cast<double>(peerLinks)},
        {"degree_p50", degreePercentiles[0]},
        {"degree_p90", degreePercentiles[1]},
        {"degree_p99", degreePercentiles[2]},
        {"degree_max", degreePercentiles[3]},
        {"cone_p50", conePercentiles[0]},
        {"cone_p90", conePercentiles[1]},
        {"cone_p99", conePercentiles[2]},
        {"cone_max", conePercentiles[3]},
        {"stub_share", stubShare},
        {"with_peers_share", withPeersShare},
        {"rank_depth", static_cast<double>(rankDepth)},
    };
}

}  // namespace mpicsim
