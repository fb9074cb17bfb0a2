#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "mpicsim/topology/AsGraph.hpp"
#include "mpicsim/topology/TopologyError.hpp"
#include "support/GraphBuilder.hpp"

namespace mpicsim {
namespace {

using test::GraphBuilder;

std::vector<Asn> asnsOf(const AsGraph& graph, std::span<const NodeIndex> nodes) {
    std::vector<Asn> asns;
    for (NodeIndex node : nodes) {
        asns.push_back(graph.asnOf(node));
    }
    return asns;
}

NodeIndex node(const AsGraph& graph, Asn asn) {
    const auto found = graph.nodeOf(asn);
    EXPECT_TRUE(found.has_value()) << "AS" << asn << " missing";
    return found.value_or(0);
}

// The invariants every AsGraph keeps, checked node by node.
void expectGraphInvariants(const AsGraph& graph) {
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        SCOPED_TRACE("AS" + std::to_string(graph.asnOf(v)) + " (node " + std::to_string(v) + ")");
        std::uint32_t expectedRank = 0;
        for (NodeIndex customer : graph.customers(v)) {
            EXPECT_LT(customer, v) << "a customer is numbered after its provider";
            expectedRank = std::max(expectedRank, graph.rank(customer) + 1);
        }
        EXPECT_EQ(graph.rank(v), expectedRank);
        for (NodeIndex provider : graph.providers(v)) {
            EXPECT_GT(provider, v) << "a provider is numbered before its customer";
        }
        for (auto list : {graph.customers(v), graph.peers(v), graph.providers(v)}) {
            EXPECT_TRUE(std::is_sorted(list.begin(), list.end()));
            EXPECT_EQ(std::adjacent_find(list.begin(), list.end()), list.end());
        }
        if (v > 0) {
            EXPECT_LE(graph.rank(v - 1), graph.rank(v)) << "nodes are not ordered by rank";
            if (graph.rank(v - 1) == graph.rank(v)) {
                EXPECT_LE(graph.providers(v - 1).size(), graph.providers(v).size())
                    << "within a rank, nodes are not ordered by number of providers";
            }
        }
        // Relationships are symmetric.
        for (NodeIndex customer : graph.customers(v)) {
            const auto back = graph.providers(customer);
            EXPECT_TRUE(std::binary_search(back.begin(), back.end(), v));
        }
        for (NodeIndex peer : graph.peers(v)) {
            const auto back = graph.peers(peer);
            EXPECT_TRUE(std::binary_search(back.begin(), back.end(), v));
        }
        EXPECT_EQ(graph.nodeOf(graph.asnOf(v)), v);
        EXPECT_GE(graph.rankBegin(graph.rank(v) + 1), v + 1);
        EXPECT_LE(graph.rankBegin(graph.rank(v)), v);
    }
    if (graph.nodeCount() > 0) {
        EXPECT_EQ(graph.maxRank(), graph.rank(static_cast<NodeIndex>(graph.nodeCount() - 1)));
        EXPECT_EQ(graph.rankBegin(0), 0u);
        EXPECT_EQ(graph.rankBegin(graph.maxRank() + 1), graph.nodeCount());
    }
}

// A small hierarchy (providers above their customers, "--" joins peers):
//
//        1 ---- 2        tier 1, peers
//       / \      \      .
//      3 -- 4 ----+      3 and 4 peer; 4 has providers 1 and 2
//      |   / \           .
//      5 -+   6 -- 7     5 has providers 3 and 4; 6 peers with 7 (no provider)
GraphBuilder smallHierarchy() {
    GraphBuilder builder;
    builder.peers(1, 2)
        .providerOf(1, 3)
        .providerOf(1, 4)
        .providerOf(2, 4)
        .peers(3, 4)
        .providerOf(3, 5)
        .providerOf(4, 5)
        .providerOf(4, 6)
        .peers(6, 7);
    return builder;
}

TEST(AsGraph, CountsNodesAndLinks) {
    const AsGraph graph = smallHierarchy().build();
    EXPECT_EQ(graph.nodeCount(), 7u);
    EXPECT_EQ(graph.linkCount(), 9u);
    EXPECT_EQ(graph.providerCustomerLinkCount(), 6u);
    EXPECT_EQ(graph.peerLinkCount(), 3u);
    EXPECT_EQ(graph.metadata().caidaSerial, 0);
}

TEST(AsGraph, NumbersProvidersAfterTheirCustomers) {
    const AsGraph graph = smallHierarchy().build();
    expectGraphInvariants(graph);
    const GraphBuilder builder = smallHierarchy();
    for (const AsLink& link : builder.links()) {
        if (link.type == LinkType::ProviderToCustomer) {
            EXPECT_GT(node(graph, link.first), node(graph, link.second))
                << "provider AS" << link.first << ", customer AS" << link.second;
        }
    }
}

TEST(AsGraph, NumbersByRankThenProviderCountThenAsn) {
    const AsGraph graph = smallHierarchy().build();
    // Rank 0: 7 (no provider), 6 (one), 5 (two); rank 1: 3 (one), 4 (two); rank 2: 1, 2.
    std::vector<Asn> order;
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        order.push_back(graph.asnOf(v));
    }
    EXPECT_EQ(order, (std::vector<Asn>{7, 6, 5, 3, 4, 1, 2}));
}

TEST(AsGraph, RanksStubsZeroAndProvidersOneAboveTheirHighestCustomer) {
    const AsGraph graph = smallHierarchy().build();
    const std::map<Asn, std::uint32_t> expected = {{1, 2}, {2, 2}, {3, 1}, {4, 1},
                                                   {5, 0}, {6, 0}, {7, 0}};
    for (const auto& [asn, rank] : expected) {
        EXPECT_EQ(graph.rank(node(graph, asn)), rank) << "AS" << asn;
    }
    EXPECT_EQ(graph.maxRank(), 2u);
}

TEST(AsGraph, RankUsesTheHighestCustomerNotTheLowest) {
    // 1 has a stub customer (9) and a customer three levels up from a stub (2 -> 3 -> 4).
    GraphBuilder builder;
    builder.providerOf(1, 9).providerOf(1, 2).providerOf(2, 3).providerOf(3, 4);
    const AsGraph graph = builder.build();
    EXPECT_EQ(graph.rank(node(graph, 9)), 0u);
    EXPECT_EQ(graph.rank(node(graph, 4)), 0u);
    EXPECT_EQ(graph.rank(node(graph, 3)), 1u);
    EXPECT_EQ(graph.rank(node(graph, 2)), 2u);
    EXPECT_EQ(graph.rank(node(graph, 1)), 3u);
    EXPECT_EQ(graph.maxRank(), 3u);
    expectGraphInvariants(graph);
}

TEST(AsGraph, PeersDoNotRaiseRank) {
    GraphBuilder builder;
    builder.providerOf(1, 2).peers(2, 3).providerOf(3, 4).providerOf(4, 5);
    const AsGraph graph = builder.build();
    EXPECT_EQ(graph.rank(node(graph, 2)), 0u);
    EXPECT_EQ(graph.rank(node(graph, 3)), 2u);
    EXPECT_EQ(graph.rank(node(graph, 1)), 1u);
}

TEST(AsGraph, RankBeginDelimitsRankLevels) {
    const AsGraph graph = smallHierarchy().build();
    EXPECT_EQ(graph.rankBegin(0), 0u);
    EXPECT_EQ(graph.rankBegin(1), 3u);
    EXPECT_EQ(graph.rankBegin(2), 5u);
    EXPECT_EQ(graph.rankBegin(3), 7u);
    for (std::uint32_t r = 0; r <= graph.maxRank(); ++r) {
        for (NodeIndex v = graph.rankBegin(r); v < graph.rankBegin(r + 1); ++v) {
            EXPECT_EQ(graph.rank(v), r);
        }
    }
}

TEST(AsGraph, AdjacencySpansSplitByRelationship) {
    const AsGraph graph = smallHierarchy().build();
    // Lists are sorted by node index: ASN order follows the numbering above.
    EXPECT_EQ(asnsOf(graph, graph.customers(node(graph, 1))), (std::vector<Asn>{3, 4}));
    EXPECT_EQ(asnsOf(graph, graph.peers(node(graph, 1))), (std::vector<Asn>{2}));
    EXPECT_TRUE(graph.providers(node(graph, 1)).empty());

    EXPECT_EQ(asnsOf(graph, graph.customers(node(graph, 2))), (std::vector<Asn>{4}));
    EXPECT_EQ(asnsOf(graph, graph.peers(node(graph, 2))), (std::vector<Asn>{1}));

    EXPECT_EQ(asnsOf(graph, graph.customers(node(graph, 4))), (std::vector<Asn>{6, 5}));
    EXPECT_EQ(asnsOf(graph, graph.peers(node(graph, 4))), (std::vector<Asn>{3}));
    EXPECT_EQ(asnsOf(graph, graph.providers(node(graph, 4))), (std::vector<Asn>{1, 2}));

    EXPECT_EQ(asnsOf(graph, graph.customers(node(graph, 3))), (std::vector<Asn>{5}));
    EXPECT_EQ(asnsOf(graph, graph.providers(node(graph, 5))), (std::vector<Asn>{3, 4}));
    EXPECT_TRUE(graph.customers(node(graph, 5)).empty());
    EXPECT_TRUE(graph.peers(node(graph, 5)).empty());

    EXPECT_EQ(asnsOf(graph, graph.peers(node(graph, 6))), (std::vector<Asn>{7}));
    EXPECT_EQ(asnsOf(graph, graph.providers(node(graph, 6))), (std::vector<Asn>{4}));
    EXPECT_EQ(asnsOf(graph, graph.peers(node(graph, 7))), (std::vector<Asn>{6}));
    EXPECT_TRUE(graph.providers(node(graph, 7)).empty());
}

TEST(AsGraph, NodeOfAndAsnOfRoundTrip) {
    const AsGraph graph = smallHierarchy().build();
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        EXPECT_EQ(graph.nodeOf(graph.asnOf(v)), v);
    }
    for (Asn asn = 1; asn <= 7; ++asn) {
        ASSERT_TRUE(graph.contains(asn));
        EXPECT_EQ(graph.asnOf(*graph.nodeOf(asn)), asn);
    }
    EXPECT_FALSE(graph.nodeOf(8).has_value());
    EXPECT_FALSE(graph.contains(0));
    EXPECT_FALSE(graph.contains(4294967295u));
}

TEST(AsGraph, LinkSourceOfBuilderLinksIsBgp) {
    const AsGraph graph = smallHierarchy().build();
    EXPECT_EQ(graph.linkSource(node(graph, 1), node(graph, 3)), LinkSource::Bgp);
    EXPECT_EQ(graph.linkSource(node(graph, 3), node(graph, 1)), LinkSource::Bgp);
    EXPECT_EQ(graph.linkSource(node(graph, 6), node(graph, 7)), LinkSource::Bgp);
    EXPECT_FALSE(graph.linkSource(node(graph, 1), node(graph, 7)).has_value());
}

TEST(AsGraph, KeepsNonBgpLinkSources) {
    const std::vector<AsLink> links = {
        {1, 2, LinkType::ProviderToCustomer, LinkSource::Bgp},
        {2, 3, LinkType::PeerToPeer, LinkSource::Mlp},
        {1, 3, LinkType::ProviderToCustomer, LinkSource::BgpAndMlp},
    };
    const AsGraph graph = AsGraph::fromLinks(links);
    EXPECT_EQ(graph.linkSource(node(graph, 1), node(graph, 2)), LinkSource::Bgp);
    EXPECT_EQ(graph.linkSource(node(graph, 3), node(graph, 2)), LinkSource::Mlp);
    EXPECT_EQ(graph.linkSource(node(graph, 3), node(graph, 1)), LinkSource::BgpAndMlp);
}

TEST(AsGraph, KeepsMetadata) {
    AsGraphMetadata metadata;
    metadata.inputClique = {174, 3356};
    metadata.sourceName = "hand-made";
    const AsGraph graph = AsGraph::fromLinks(smallHierarchy().links(), metadata);
    EXPECT_EQ(graph.metadata().inputClique, (std::vector<Asn>{174, 3356}));
    EXPECT_EQ(graph.metadata().sourceName, "hand-made");
}

TEST(AsGraph, RandomHierarchiesKeepTheInvariants) {
    std::mt19937 random(20240601);
    for (int round = 0; round < 20; ++round) {
        // ASes get random levels; providers sit strictly higher, so there is no cycle.
        const int count = 50 + round * 20;
        std::vector<int> level(static_cast<std::size_t>(count));
        std::vector<Asn> asnOfIndex(static_cast<std::size_t>(count));
        std::set<Asn> used;
        for (int i = 0; i < count; ++i) {
            level[static_cast<std::size_t>(i)] = static_cast<int>(random() % 6);
            Asn asn = 0;
            do {
                asn = static_cast<Asn>(1 + random() % 100000);
            } while (!used.insert(asn).second);
            asnOfIndex[static_cast<std::size_t>(i)] = asn;
        }
        GraphBuilder builder;
        std::set<std::pair<int, int>> linked;
        for (int e = 0; e < count * 3; ++e) {
            const int a = static_cast<int>(random() % static_cast<unsigned>(count));
            const int b = static_cast<int>(random() % static_cast<unsigned>(count));
            if (a == b || !linked.insert({std::min(a, b), std::max(a, b)}).second) {
                continue;
            }
            const int la = level[static_cast<std::size_t>(a)];
            const int lb = level[static_cast<std::size_t>(b)];
            const Asn x = asnOfIndex[static_cast<std::size_t>(a)];
            const Asn y = asnOfIndex[static_cast<std::size_t>(b)];
            if (la == lb) {
                builder.peers(x, y);
            } else if (la > lb) {
                builder.providerOf(x, y);
            } else {
                builder.providerOf(y, x);
            }
        }
        if (builder.links().empty()) {
            continue;
        }
        SCOPED_TRACE("round " + std::to_string(round));
        const AsGraph graph = builder.build();
        EXPECT_EQ(graph.linkCount(), builder.links().size());
        expectGraphInvariants(graph);
    }
}

// ------------------------------------------------------------------------------------------
// Links that cannot form an AS graph.

TEST(AsGraphErrors, SelfLink) {
    EXPECT_THROW(GraphBuilder().providerOf(1, 2).peers(5, 5).build(), TopologyError);
    EXPECT_THROW(GraphBuilder().providerOf(3, 3).build(), TopologyError);
    try {
        GraphBuilder().providerOf(1, 2).peers(5, 5).build();
    } catch (const TopologyError& error) {
        EXPECT_NE(std::string(error.what()).find("AS5"), std::string::npos) << error.what();
        EXPECT_TRUE(error.cycle().empty());
    }
}

TEST(AsGraphErrors, DuplicatePair) {
    EXPECT_THROW(GraphBuilder().providerOf(1, 2).peers(1, 2).build(), TopologyError);
    EXPECT_THROW(GraphBuilder().providerOf(1, 2).peers(2, 1).build(), TopologyError);
    EXPECT_THROW(GraphBuilder().peers(1, 2).peers(1, 2).build(), TopologyError);
    EXPECT_THROW(GraphBuilder().providerOf(1, 2).providerOf(1, 2).build(), TopologyError);
    EXPECT_THROW(GraphBuilder().providerOf(1, 2).providerOf(2, 1).build(), TopologyError);
    try {
        GraphBuilder().providerOf(1, 2).providerOf(3, 4).peers(2, 1).build();
        FAIL() << "a pair linked twice was accepted";
    } catch (const TopologyError& error) {
        const std::string what = error.what();
        EXPECT_NE(what.find("AS1"), std::string::npos) << what;
        EXPECT_NE(what.find("AS2"), std::string::npos) << what;
        EXPECT_TRUE(error.cycle().empty());
    }
}

// Expects fromLinks to reject `builder` with a cycle made of exactly `members`, listed in
// provider->customer order (each the provider of the next, the last of the first).
void expectCycle(const GraphBuilder& builder, const std::set<Asn>& members) {
    try {
        builder.build();
        ADD_FAILURE() << "a provider-customer cycle was accepted";
    } catch (const TopologyError& error) {
        const std::vector<Asn>& cycle = error.cycle();
        ASSERT_GE(cycle.size(), 2u) << error.what();
        EXPECT_EQ(std::set<Asn>(cycle.begin(), cycle.end()), members) << error.what();
        EXPECT_EQ(std::set<Asn>(cycle.begin(), cycle.end()).size(), cycle.size())
            << "an AS appears twice on the cycle: " << error.what();
        std::set<std::pair<Asn, Asn>> providerCustomer;
        for (const AsLink& link : builder.links()) {
            if (link.type == LinkType::ProviderToCustomer) {
                providerCustomer.insert({link.first, link.second});
            }
        }
        for (std::size_t i = 0; i < cycle.size(); ++i) {
            const Asn provider = cycle[i];
            const Asn customer = cycle[(i + 1) % cycle.size()];
            EXPECT_TRUE(providerCustomer.contains({provider, customer}))
                << "AS" << provider << " is not a provider of AS" << customer << ": "
                << error.what();
        }
        const std::string what = error.what();
        for (Asn asn : members) {
            EXPECT_NE(what.find("AS" + std::to_string(asn)), std::string::npos) << what;
        }
    }
}

TEST(AsGraphErrors, ThreeAsCycle) {
    GraphBuilder builder;
    builder.providerOf(1, 2).providerOf(2, 3).providerOf(3, 1).peers(10, 11).providerOf(11, 12);
    expectCycle(builder, {1, 2, 3});
}

TEST(AsGraphErrors, CycleBelowAndAboveOtherAses) {
    // 10 is a provider of the cycle 2 -> 3 -> 4 -> 2; 1 hangs off it; 5 is a customer of 3.
    GraphBuilder builder;
    builder.providerOf(10, 1)
        .providerOf(1, 2)
        .providerOf(2, 3)
        .providerOf(3, 4)
        .providerOf(4, 2)
        .providerOf(3, 5)
        .providerOf(1, 6)
        .peers(6, 5);
    expectCycle(builder, {2, 3, 4});
}

TEST(AsGraphErrors, CycleWithAShortcutReportsOneRealCycle) {
    // 1 -> 2 -> 3 -> 4 -> 1 and a chord 2 -> 4: either 1 2 3 4 or 1 2 4 is a valid report.
    GraphBuilder builder;
    builder.providerOf(1, 2).providerOf(2, 3).providerOf(3, 4).providerOf(4, 1).providerOf(2, 4);
    try {
        builder.build();
        FAIL() << "a provider-customer cycle was accepted";
    } catch (const TopologyError& error) {
        const std::vector<Asn>& cycle = error.cycle();
        ASSERT_GE(cycle.size(), 3u) << error.what();
        std::set<std::pair<Asn, Asn>> providerCustomer;
        for (const AsLink& link : builder.links()) {
            providerCustomer.insert({link.first, link.second});
        }
        for (std::size_t i = 0; i < cycle.size(); ++i) {
            EXPECT_TRUE(providerCustomer.contains({cycle[i], cycle[(i + 1) % cycle.size()]}))
                << error.what();
        }
    }
}

TEST(AsGraph, EmptyLinkListGivesAnEmptyGraph) {
    const AsGraph graph = AsGraph::fromLinks({});
    EXPECT_EQ(graph.nodeCount(), 0u);
    EXPECT_EQ(graph.linkCount(), 0u);
}

}  // namespace
}  // namespace mpicsim
