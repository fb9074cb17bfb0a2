// The real CAIDA snapshots in ../shared/topology_data, read in place (see PROVENANCE.txt there
// for where each file comes from and the counts checked here).

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/routing/DataPlane.hpp"
#include "mpicsim/routing/Propagator.hpp"
#include "mpicsim/routing/RovDeployment.hpp"
#include "mpicsim/routing/TieBreakRanking.hpp"
#include "support/SharedData.hpp"

namespace mpicsim {
namespace {

using test::sharedTopology;

std::vector<Asn> asnsOf(const AsGraph& graph, std::span<const NodeIndex> nodes) {
    std::vector<Asn> asns;
    for (NodeIndex node : nodes) {
        asns.push_back(graph.asnOf(node));
    }
    std::sort(asns.begin(), asns.end());
    return asns;
}

// Providers after customers, with ranks consistent: a real graph loaded without a cycle.
void expectPropagationOrder(const AsGraph& graph) {
    std::size_t violations = 0;
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        std::uint32_t expectedRank = 0;
        for (NodeIndex customer : graph.customers(v)) {
            violations += customer >= v ? 1 : 0;
            expectedRank = std::max(expectedRank, graph.rank(customer) + 1);
        }
        violations += graph.rank(v) != expectedRank ? 1 : 0;
    }
    EXPECT_EQ(violations, 0u);
}

const std::vector<Asn> kClique2022 = {174,  209,  286,  701,  1239, 1299, 2828, 2914, 3257, 3320,
                                      3356, 3491, 5511, 6453, 6461, 6762, 6830, 7018, 12956};

TEST(RealSnapshot, Caida20161101Serial1) {
    const auto path = sharedTopology("20161101.as-rel.txt.bz2");
    MPICSIM_REQUIRE_SHARED_FILE(path);
    const AsGraph graph = CaidaReader::readFile(path);
    EXPECT_EQ(graph.nodeCount(), 55809u);
    EXPECT_EQ(graph.linkCount(), 239064u);
    EXPECT_EQ(graph.providerCustomerLinkCount(), 110479u);
    EXPECT_EQ(graph.peerLinkCount(), 128585u);
    EXPECT_EQ(graph.metadata().caidaSerial, 1);
    EXPECT_EQ(graph.metadata().duplicateLinesIgnored, 0u);
    EXPECT_EQ(graph.metadata().sourceName, path.string());

    const std::vector<Asn>& clique = graph.metadata().inputClique;
    ASSERT_EQ(clique.size(), 17u);
    EXPECT_EQ(std::vector<Asn>(clique.begin(), clique.begin() + 3),
              (std::vector<Asn>{174, 209, 286}));
    for (Asn asn : clique) {
        EXPECT_TRUE(graph.contains(asn)) << "clique AS" << asn;
    }
    expectPropagationOrder(graph);
}

TEST(RealSnapshot, Caida20220301Serial1) {
    const auto path = sharedTopology("20220301.as-rel.txt.bz2");
    MPICSIM_REQUIRE_SHARED_FILE(path);
    const AsGraph graph = CaidaReader::readFile(path);
    EXPECT_EQ(graph.nodeCount(), 73752u);
    EXPECT_EQ(graph.linkCount(), 418744u);
    EXPECT_EQ(graph.providerCustomerLinkCount(), 147952u);
    EXPECT_EQ(graph.peerLinkCount(), 270792u);
    EXPECT_EQ(graph.metadata().caidaSerial, 1);
    EXPECT_EQ(graph.metadata().duplicateLinesIgnored, 0u);
    EXPECT_EQ(graph.metadata().inputClique, kClique2022);

    // Cloud ASes as PROVENANCE.txt counts them (customers / providers / peers).
    const NodeIndex amazon = graph.nodeOf(16509).value();
    EXPECT_EQ(graph.customers(amazon).size(), 4u);
    EXPECT_EQ(graph.providers(amazon).size(), 21u);
    EXPECT_EQ(graph.peers(amazon).size(), 331u);
    const NodeIndex googleCloud = graph.nodeOf(396982).value();
    EXPECT_EQ(graph.customers(googleCloud).size() + graph.peers(googleCloud).size() +
                  graph.providers(googleCloud).size(),
              1u);
    EXPECT_EQ(graph.providers(googleCloud).size(), 1u);
    expectPropagationOrder(graph);
}

TEST(RealSnapshot, Caida20250901Serial2) {
    const auto path = sharedTopology("20250901.as-rel2.txt.bz2");
    MPICSIM_REQUIRE_SHARED_FILE(path);
    const AsGraph graph = CaidaReader::readFile(path);
    EXPECT_EQ(graph.nodeCount(), 78643u);
    EXPECT_EQ(graph.linkCount(), 570696u);
    EXPECT_EQ(graph.providerCustomerLinkCount(), 161166u);
    EXPECT_EQ(graph.peerLinkCount(), 409530u);
    EXPECT_EQ(graph.metadata().caidaSerial, 2);
    EXPECT_EQ(graph.metadata().duplicateLinesIgnored, 0u);
    EXPECT_EQ(graph.metadata().mlpOnlyLinksExcluded, 0u);
    EXPECT_EQ(graph.metadata().inputClique.size(), 19u);
    EXPECT_EQ(graph.metadata().inputClique, kClique2022);

    const NodeIndex amazon = graph.nodeOf(16509).value();
    EXPECT_EQ(graph.customers(amazon).size(), 60u);
    EXPECT_EQ(graph.providers(amazon).size(), 17u);
    EXPECT_EQ(graph.peers(amazon).size(), 323u);
    const NodeIndex google = graph.nodeOf(15169).value();
    EXPECT_EQ(graph.customers(google).size(), 18u);
    EXPECT_EQ(graph.providers(google).size(), 5u);
    EXPECT_EQ(graph.peers(google).size(), 630u);
    const NodeIndex microsoft = graph.nodeOf(8075).value();
    EXPECT_EQ(graph.customers(microsoft).size(), 7u);
    EXPECT_EQ(graph.providers(microsoft).size(), 11u);
    EXPECT_EQ(graph.peers(microsoft).size(), 282u);
    const NodeIndex googleCloud = graph.nodeOf(396982).value();
    EXPECT_TRUE(graph.peers(googleCloud).empty());
    EXPECT_EQ(asnsOf(graph, graph.providers(googleCloud)), (std::vector<Asn>{15169, 19527}));
    expectPropagationOrder(graph);
}

TEST(RealSnapshot, Caida20250901WithoutMlpOnlyLinks) {
    const auto path = sharedTopology("20250901.as-rel2.txt.bz2");
    MPICSIM_REQUIRE_SHARED_FILE(path);
    const AsGraph graph =
        CaidaReader::readFile(path, CaidaReader::Options{.includeMlpOnlyLinks = false});
    EXPECT_EQ(graph.linkCount(), 570696u - 77346u);
    EXPECT_EQ(graph.providerCustomerLinkCount(), 161166u);
    EXPECT_EQ(graph.peerLinkCount(), 409530u - 77346u);
    EXPECT_EQ(graph.metadata().mlpOnlyLinksExcluded, 77346u);
    EXPECT_LE(graph.nodeCount(), 78643u);
    expectPropagationOrder(graph);
}

TEST(RealSnapshot, BgpySampleIsSerial2) {
    const auto path = sharedTopology("bgpy_sample/20210901.as-rel2.txt.bz2");
    MPICSIM_REQUIRE_SHARED_FILE(path);
    const AsGraph graph = CaidaReader::readFile(path);
    EXPECT_EQ(graph.metadata().caidaSerial, 2);
    EXPECT_EQ(graph.linkCount(), 22u);
    EXPECT_EQ(graph.metadata().duplicateLinesIgnored, 0u);
}

TEST(RealSnapshot, EquallySpecificHijackOn2016Graph) {
    const auto path = sharedTopology("20161101.as-rel.txt.bz2");
    MPICSIM_REQUIRE_SHARED_FILE(path);
    const AsGraph graph = CaidaReader::readFile(path);
    const TieBreakRanking ranking(graph, TieBreak::lowestAsn());
    const RovDeployment rov = RovDeployment::none(graph.nodeCount());
    const Propagator propagator(graph, ranking, rov);

    Attack attack;
    attack.type = AttackType::EquallySpecific;
    attack.victim = graph.nodeOf(13335).value();
    attack.attacker = graph.nodeOf(174).value();
    const RoutingOutcome routing = propagator.run(attack);
    ASSERT_EQ(routing.nodeCount(), graph.nodeCount());

    std::size_t counts[3] = {0, 0, 0};
    std::size_t traceDisagreements = 0;
    std::size_t pathDisagreements = 0;
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        const Outcome outcome = routing.outcome(v);
        ++counts[static_cast<int>(outcome)];
        if (DataPlane::trace(routing, v).outcome != outcome) {
            ++traceDisagreements;
        }
        // The AS path a node forwards on ends at the origin its traffic reaches.
        if (v != attack.victim && v != attack.attacker) {
            const std::vector<Asn> asPath = routing.asPath(v);
            const bool consistent =
                outcome == Outcome::Disconnected
                    ? asPath.empty()
                    : !asPath.empty() &&
                          asPath.back() == (outcome == Outcome::Victim ? 13335u : 174u);
            pathDisagreements += consistent ? 0 : 1;
        }
    }
    EXPECT_EQ(pathDisagreements, 0u);
    EXPECT_EQ(routing.outcome(attack.victim), Outcome::Victim);
    EXPECT_EQ(routing.outcome(attack.attacker), Outcome::Attacker);
    EXPECT_TRUE(routing.asPath(attack.victim).empty());
    EXPECT_TRUE(routing.asPath(attack.attacker).empty());
    // Both announcements attract someone besides their origin.
    EXPECT_GT(counts[static_cast<int>(Outcome::Victim)], 1u);
    EXPECT_GT(counts[static_cast<int>(Outcome::Attacker)], 1u);
    // The propagator's outcomes agree with a hop-by-hop trace from every AS.
    EXPECT_EQ(traceDisagreements, 0u);
}

}  // namespace
}  // namespace mpicsim
