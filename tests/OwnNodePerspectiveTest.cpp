// A perspective in its own node must route exactly like a real stub AS with the same links:
// it receives what its providers and peers export, chooses by the same decision process,
// forwards on the most specific prefix it holds, and (having no customers) passes nothing on.
// Each random topology is run twice: once with the perspective as an own node beside the graph
// (PerspectiveObserver), once with a new stub AS added to the graph with the same links.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "mpicsim/mpic/PerspectiveObserver.hpp"
#include "mpicsim/mpic/PlacedPerspective.hpp"
#include "mpicsim/routing/DecisionExplainer.hpp"
#include "mpicsim/routing/Propagator.hpp"
#include "mpicsim/routing/TieBreakRanking.hpp"
#include "support/RandomTopology.hpp"

namespace mpicsim::test {
namespace {

constexpr std::uint64_t kTopologies = 600;

// An ASN that no random topology uses, so that the stub is new to the graph.
Asn freshAsn(const std::vector<AsLink>& links, std::mt19937_64& rng) {
    while (true) {
        const Asn candidate = 1 + static_cast<Asn>(rng() % 4'000'000);
        bool used = false;
        for (const AsLink& link : links) {
            used = used || link.first == candidate || link.second == candidate;
        }
        if (!used) {
            return candidate;
        }
    }
}

std::vector<Asn> asnsOf(const AsGraph& graph, const std::vector<NodeIndex>& nodes) {
    std::vector<Asn> asns;
    for (NodeIndex node : nodes) {
        asns.push_back(graph.asnOf(node));
    }
    return asns;
}

TEST(OwnNodePerspective, RoutesLikeARealStubAsWithTheSameLinks) {
    std::size_t compared = 0;
    std::size_t hijackedSeen = 0;
    std::size_t peerChosen = 0;
    for (std::uint64_t seed = 1; seed <= kTopologies; ++seed) {
        std::mt19937_64 rng(seed * 1'000'003);
        const std::vector<AsLink> links = randomTopology(rng);
        const AsGraph graph = AsGraph::fromLinks(links);
        const RandomTrial trial = randomTrial(graph, rng);

        // The perspective: 1-4 distinct neighbours, each a provider or a peer of it.
        Perspective perspective;
        perspective.id = "test:own-node";
        perspective.hostAsn = freshAsn(links, rng);
        perspective.rovFiltering = (rng() % 3) == 0;
        const std::size_t wanted = 1 + rng() % 4;
        while (perspective.neighbours.size() < wanted) {
            const Asn neighbour = graph.asnOf(static_cast<NodeIndex>(rng() % graph.nodeCount()));
            bool listed = false;
            for (const PerspectiveLink& link : perspective.neighbours) {
                listed = listed || link.neighbour == neighbour;
            }
            if (!listed) {
                perspective.neighbours.push_back(
                    {neighbour, rng() % 3 == 0 ? PerspectiveLink::Role::Peer
                                               : PerspectiveLink::Role::Provider});
            }
        }

        std::vector<AsLink> withStub = links;
        for (const PerspectiveLink& link : perspective.neighbours) {
            withStub.push_back(link.role == PerspectiveLink::Role::Provider
                                   ? AsLink{link.neighbour, perspective.hostAsn,
                                            LinkType::ProviderToCustomer, LinkSource::Bgp}
                                   : AsLink{link.neighbour, perspective.hostAsn,
                                            LinkType::PeerToPeer, LinkSource::Bgp});
        }
        const AsGraph stubGraph = AsGraph::fromLinks(withStub);
        const NodeIndex stub = *stubGraph.nodeOf(perspective.hostAsn);

        const TieBreak tieBreak = tieBreakForSeed(seed);
        const TieBreakRanking ranking(graph, tieBreak);
        const TieBreakRanking stubRanking(stubGraph, tieBreak);
        const RovDeployment rov = RovDeployment::of(graph.nodeCount(), trial.rovAdopters);
        std::vector<NodeIndex> stubAdopters;
        for (NodeIndex adopter : trial.rovAdopters) {
            stubAdopters.push_back(*stubGraph.nodeOf(graph.asnOf(adopter)));
        }
        if (perspective.rovFiltering) {
            stubAdopters.push_back(stub);
        }
        const RovDeployment stubRov = RovDeployment::of(stubGraph.nodeCount(), stubAdopters);
        const Propagator propagator(graph, ranking, rov);
        const Propagator stubPropagator(stubGraph, stubRanking, stubRov);
        const PlacedPerspective placed(graph, perspective);
        const PerspectiveObserver observer(rov);
        const DecisionExplainer stubExplainer(stubRov);

        const int prefixLength = rng() % 4 == 0 ? Attack::kLongestRoutablePrefixLength
                                                : Attack::kDefaultVictimPrefixLength;
        for (AttackType type : kAllAttackTypes) {
            const Attack attack{type, trial.victim, trial.attacker, prefixLength};
            const Attack stubAttack{type, *stubGraph.nodeOf(graph.asnOf(trial.victim)),
                                    *stubGraph.nodeOf(graph.asnOf(trial.attacker)), prefixLength};
            const RoutingOutcome routing = propagator.run(attack);
            const RoutingOutcome stubRouting = stubPropagator.run(stubAttack);
            const std::string context =
                "seed " + std::to_string(seed) + ", attack " + std::string(toString(type)) +
                ", tie-break " + tieBreak.toString() + ", perspective AS" +
                std::to_string(perspective.hostAsn) + " /" + std::to_string(prefixLength) +
                " attacker AS" + std::to_string(graph.asnOf(trial.attacker)) + " neighbours" + [&] {
                    std::string text;
                    for (const PerspectiveLink& link : perspective.neighbours) {
                        text += " AS" + std::to_string(link.neighbour) + ":" +
                                std::string(toString(link.role));
                    }
                    return text;
                }();

            // The stub changes nobody else's route.
            for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
                ASSERT_EQ(routing.outcome(v),
                          stubRouting.outcome(*stubGraph.nodeOf(graph.asnOf(v))))
                    << context << ", AS" << graph.asnOf(v);
            }

            const PerspectiveObservation seen = observer.observe(routing, placed);
            ASSERT_EQ(seen.outcome, stubRouting.outcome(stub)) << context;
            ASSERT_EQ(observer.outcomeOf(routing, placed), seen.outcome) << context;
            ASSERT_EQ(seen.slot, stubRouting.forwardingSlot(stub)) << context;
            ASSERT_EQ(seen.step, stubExplainer.explain(stubRouting, stub).step) << context;
            std::vector<Asn> ownPath;
            if (seen.slot) {
                ASSERT_TRUE(seen.nextHop.has_value()) << context;
                ASSERT_EQ(graph.asnOf(*seen.nextHop),
                          stubGraph.asnOf(*stubRouting.nextHop(stub, *seen.slot)))
                    << context;
                ASSERT_EQ(seen.routeClass, RouteKey::routeClass(stubRouting.key(stub, *seen.slot)))
                    << context;
                std::vector<NodeIndex> hops = {*seen.nextHop};
                for (NodeIndex hop : routing.pathNodes(*seen.nextHop, *seen.slot)) {
                    hops.push_back(hop);
                }
                ownPath = asnsOf(graph, hops);
                if (routing.forgedPath(*seen.nextHop, *seen.slot)) {
                    ownPath.push_back(graph.asnOf(attack.victim));
                }
                peerChosen += seen.routeClass == RouteClass::Peer ? 1 : 0;
            }
            ASSERT_EQ(ownPath, stubRouting.asPath(stub)) << context;
            hijackedSeen += seen.outcome == Outcome::Attacker ? 1 : 0;
            ++compared;
        }
    }
    EXPECT_EQ(compared, kTopologies * kAllAttackTypes.size());
    // The sample exercises hijacked perspectives and peer routes, not only the easy cases.
    EXPECT_GT(hijackedSeen, compared / 10);
    EXPECT_GT(peerChosen, compared / 50);
}

}  // namespace
}  // namespace mpicsim::test
