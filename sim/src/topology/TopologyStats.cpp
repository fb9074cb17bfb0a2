#include "mpicsim/topology/TopologyStats.hpp"

#include <algorithm>

#include "mpicsim/experiment/DeterministicRandom.hpp"
#include "mpicsim/routing/Propagator.hpp"
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

TopologyStats TopologyStats::compute(const AsGraph& graph, std::uint64_t seed) {
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

    const TieBreakRanking ranking(graph, TieBreak::lowestAsn());
    const RovDeployment rov = RovDeployment::none(n);
    const Propagator propagator(graph, ranking, rov);
    RoutingOutcome outcome;
    DeterministicRandom random(seed);
    double lengthSum = 0;
    double lengthCount = 0;
    for (std::size_t i = 0; i < kSampleOrigins; ++i) {
        Attack attack;
        attack.type = AttackType::None;
        attack.victim = static_cast<NodeIndex>(random.below(n));
        propagator.run(attack, outcome);
        for (NodeIndex v = 0; v < n; ++v) {
            if (v != attack.victim && outcome.hasRoute(v, PrefixSlot::VictimPrefix)) {
                lengthSum += RouteKey::pathLength(outcome.key(v, PrefixSlot::VictimPrefix));
                lengthCount += 1;
            }
        }
    }
    stats.meanPathLength = lengthCount > 0 ? lengthSum / lengthCount : 0;
    if (n >= 2) {
        double shareSum = 0;
        for (std::size_t i = 0; i < kSamplePairs; ++i) {
            Attack attack;
            attack.type = AttackType::EquallySpecific;
            attack.victim = static_cast<NodeIndex>(random.below(n));
            do {
                attack.attacker = static_cast<NodeIndex>(random.below(n));
            } while (attack.attacker == attack.victim);
            propagator.run(attack, outcome);
            std::size_t captured = 0;
            for (Outcome o : outcome.outcomes()) {
                captured += o == Outcome::Attacker ? 1 : 0;
            }
            shareSum += static_cast<double>(captured) / static_cast<double>(n);
        }
        stats.meanHijackShare = shareSum / static_cast<double>(kSamplePairs);
    }
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
        {"mean_path_length", meanPathLength},
        {"mean_hijack_share", meanHijackShare},
    };
}

}  // namespace mpicsim
