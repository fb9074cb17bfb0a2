#include "mpicsim/topology/AsGraph.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <numeric>
#include <sstream>

#include "mpicsim/topology/TopologyError.hpp"

namespace mpicsim {
namespace {

std::uint64_t pairKey(std::uint32_t a, std::uint32_t b) {
    if (a > b) {
        std::swap(a, b);
    }
    return (std::uint64_t{a} << 32) | b;
}

std::string describeLink(const AsLink& link) {
    std::ostringstream out;
    out << link.first << "|" << link.second << "|"
        << (link.type == LinkType::ProviderToCustomer ? "-1" : "0");
    return out.str();
}

// One provider-customer cycle among `dense` ids, found with Boost.Graph's strongly connected
// components: any component of two or more nodes contains a cycle, which a walk inside the
// component closes.
std::vector<std::uint32_t> findProviderCycle(
    std::size_t nodeCount, const std::vector<std::vector<std::uint32_t>>& customersOf) {
    using Digraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    Digraph digraph(nodeCount);
    for (std::uint32_t provider = 0; provider < nodeCount; ++provider) {
        for (std::uint32_t customer : customersOf[provider]) {
            boost::add_edge(provider, customer, digraph);
        }
    }
    std::vector<std::uint32_t> component(nodeCount);
    const auto componentCount = boost::strong_components(
        digraph, boost::make_iterator_property_map(component.begin(),
                                                   boost::get(boost::vertex_index, digraph)));
    std::vector<std::uint32_t> componentSize(componentCount, 0);
    for (std::uint32_t c : component) {
        ++componentSize[c];
    }
    for (std::uint32_t start = 0; start < nodeCount; ++start) {
        if (componentSize[component[start]] < 2) {
            continue;
        }
        // Every node of a strongly connected component has a successor inside it; walking
        // such successors must revisit a node, and the walk from that node is a cycle.
        std::vector<std::int64_t> positionInWalk(nodeCount, -1);
        std::vector<std::uint32_t> walk;
        std::uint32_t current = start;
        while (positionInWalk[current] < 0) {
            positionInWalk[current] = static_cast<std::int64_t>(walk.size());
            walk.push_back(current);
            for (std::uint32_t next : customersOf[current]) {
                if (component[next] == component[start]) {
                    current = next;
                    break;
                }
            }
        }
        return {walk.begin() + positionInWalk[current], walk.end()};
    }
    return {};
}

}  // namespace

AsGraph AsGraph::fromLinks(const std::vector<AsLink>& links, AsGraphMetadata metadata) {
    std::vector<Asn> asns;
    asns.reserve(links.size() * 2);
    for (const AsLink& link : links) {
        if (link.first == link.second) {
            throw TopologyError("self-link " + describeLink(link) + ": AS" +
                                std::to_string(link.first) + " is linked to itself");
        }
        asns.push_back(link.first);
        asns.push_back(link.second);
    }
    std::sort(asns.begin(), asns.end());
    asns.erase(std::unique(asns.begin(), asns.end()), asns.end());
    const std::size_t n = asns.size();
    auto denseId = [&asns](Asn asn) {
        return static_cast<std::uint32_t>(std::lower_bound(asns.begin(), asns.end(), asn) -
                                          asns.begin());
    };

    std::vector<std::vector<std::uint32_t>> customersOf(n), providersOf(n), peersOf(n);
    std::unordered_map<std::uint64_t, std::size_t> linkIndexByPair;
    linkIndexByPair.reserve(links.size());
    AsGraph graph;
    for (std::size_t i = 0; i < links.size(); ++i) {
        const AsLink& link = links[i];
        const std::uint32_t a = denseId(link.first);
        const std::uint32_t b = denseId(link.second);
        auto [existing, inserted] = linkIndexByPair.emplace(pairKey(a, b), i);
        if (!inserted) {
            throw TopologyError("AS" + std::to_string(link.first) + " and AS" +
                                std::to_string(link.second) +
                                " are linked twice: " + describeLink(links[existing->second]) +
                                " and " + describeLink(link));
        }
        if (link.type == LinkType::ProviderToCustomer) {
            customersOf[a].push_back(b);
            providersOf[b].push_back(a);
            ++graph.providerCustomerLinkCount_;
        } else {
            peersOf[a].push_back(b);
            peersOf[b].push_back(a);
            ++graph.peerLinkCount_;
        }
    }

    // Ranks bottom-up (Kahn): a node is ranked once all its customers are.
    std::vector<std::uint32_t> rankOf(n, 0);
    std::vector<std::uint32_t> unrankedCustomers(n);
    std::vector<std::uint32_t> ready;
    for (std::uint32_t v = 0; v < n; ++v) {
        unrankedCustomers[v] = static_cast<std::uint32_t>(customersOf[v].size());
        if (unrankedCustomers[v] == 0) {
            ready.push_back(v);
        }
    }
    std::size_t ranked = 0;
    while (!ready.empty()) {
        const std::uint32_t v = ready.back();
        ready.pop_back();
        ++ranked;
        for (std::uint32_t provider : providersOf[v]) {
            rankOf[provider] = std::max(rankOf[provider], rankOf[v] + 1);
            if (--unrankedCustomers[provider] == 0) {
                ready.push_back(provider);
            }
        }
    }
    if (ranked != n) {
        std::vector<Asn> cycle;
        for (std::uint32_t v : findProviderCycle(n, customersOf)) {
            cycle.push_back(asns[v]);
        }
        std::ostringstream message;
        message << "provider-customer cycle (each AS a provider of the next):";
        for (Asn asn : cycle) {
            message << " AS" << asn;
        }
        if (!cycle.empty()) {
            message << " -> AS" << cycle.front();
        }
        throw TopologyError(message.str(), std::move(cycle));
    }

    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
        if (rankOf[x] != rankOf[y]) {
            return rankOf[x] < rankOf[y];
        }
        if (providersOf[x].size() != providersOf[y].size()) {
            return providersOf[x].size() < providersOf[y].size();
        }
        return x < y;  // dense ids follow ASN order
    });
    std::vector<NodeIndex> nodeByDense(n);
    for (std::uint32_t position = 0; position < n; ++position) {
        nodeByDense[order[position]] = position;
    }

    graph.asnByNode_.resize(n);
    graph.rank_.resize(n);
    graph.nodeByAsn_.reserve(n);
    for (std::uint32_t position = 0; position < n; ++position) {
        graph.asnByNode_[position] = asns[order[position]];
        graph.rank_[position] = rankOf[order[position]];
        graph.nodeByAsn_.emplace(asns[order[position]], position);
    }
    graph.maxRank_ = n == 0 ? 0 : graph.rank_.back();
    graph.rankBegins_.resize(graph.maxRank_ + 2);
    for (std::uint32_t r = 0; r < graph.rankBegins_.size(); ++r) {
        graph.rankBegins_[r] = static_cast<NodeIndex>(
            std::lower_bound(graph.rank_.begin(), graph.rank_.end(), r) - graph.rank_.begin());
    }

    auto buildCsr = [&](const std::vector<std::vector<std::uint32_t>>& lists,
                        std::vector<std::uint32_t>& offsets, std::vector<NodeIndex>& targets) {
        offsets.assign(n + 1, 0);
        for (std::uint32_t position = 0; position < n; ++position) {
            offsets[position + 1] =
                offsets[position] + static_cast<std::uint32_t>(lists[order[position]].size());
        }
        targets.resize(offsets[n]);
        for (std::uint32_t position = 0; position < n; ++position) {
            auto out = targets.begin() + offsets[position];
            for (std::uint32_t neighbour : lists[order[position]]) {
                *out++ = nodeByDense[neighbour];
            }
            std::sort(targets.begin() + offsets[position], targets.begin() + offsets[position + 1]);
        }
    };
    buildCsr(customersOf, graph.customerOffsets_, graph.customers_);
    buildCsr(peersOf, graph.peerOffsets_, graph.peers_);
    buildCsr(providersOf, graph.providerOffsets_, graph.providers_);

    for (const AsLink& link : links) {
        if (link.source != LinkSource::Bgp) {
            graph.nonBgpLinkSources_.emplace(
                pairKey(nodeByDense[denseId(link.first)], nodeByDense[denseId(link.second)]),
                link.source);
        }
    }
    graph.metadata_ = std::move(metadata);
    return graph;
}

std::optional<NodeIndex> AsGraph::nodeOf(Asn asn) const {
    auto found = nodeByAsn_.find(asn);
    if (found == nodeByAsn_.end()) {
        return std::nullopt;
    }
    return found->second;
}

std::optional<LinkSource> AsGraph::linkSource(NodeIndex a, NodeIndex b) const {
    auto isNeighbour = [b](std::span<const NodeIndex> list) {
        return std::binary_search(list.begin(), list.end(), b);
    };
    if (!isNeighbour(customers(a)) && !isNeighbour(peers(a)) && !isNeighbour(providers(a))) {
        return std::nullopt;
    }
    auto found = nonBgpLinkSources_.find(pairKey(a, b));
    return found == nonBgpLinkSources_.end() ? LinkSource::Bgp : found->second;
}

}  // namespace mpicsim
