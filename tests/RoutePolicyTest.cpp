#include <gtest/gtest.h>

#include <random>

#include "mpicsim/routing/DecisionExplainer.hpp"
#include "mpicsim/routing/Propagator.hpp"
#include "mpicsim/routing/RoutePolicy.hpp"
#include "support/GraphBuilder.hpp"

namespace mpicsim {
namespace {

// Valley-free export (Gao & Rexford 2001), as a table: rows the class the sender holds, columns
// the relationship of the receiver to the sender. A customer receives everything (it learns it
// as a provider route); a peer or a provider receives own and customer-learned routes only.
TEST(RoutePolicy, ExportIsValleyFree) {
    struct Row {
        RouteClass held;
        bool toCustomer, toPeer, toProvider;
    };
    const Row table[] = {
        {RouteClass::Origin, true, true, true},
        {RouteClass::Customer, true, true, true},
        {RouteClass::Peer, true, false, false},
        {RouteClass::Provider, true, false, false},
    };
    for (const Row& row : table) {
        EXPECT_EQ(RoutePolicy::exportAllowed(row.held, RouteClass::Provider), row.toCustomer)
            << toString(row.held);
        EXPECT_EQ(RoutePolicy::exportAllowed(row.held, RouteClass::Peer), row.toPeer)
            << toString(row.held);
        EXPECT_EQ(RoutePolicy::exportAllowed(row.held, RouteClass::Customer), row.toProvider)
            << toString(row.held);
    }
}

// The mask form the Propagator uses agrees with the readable rule for every adopter flag,
// invalid-tag mask and route tag.
TEST(RoutePolicy, ImportMaskFormAgreesWithTheRule) {
    for (bool adopts : {false, true}) {
        for (unsigned invalid = 0; invalid < 8; ++invalid) {
            for (Outcome tag : {Outcome::Victim, Outcome::Attacker, Outcome::Disconnected}) {
                const std::uint64_t key = RouteKey::pack(RouteClass::Peer, 3, 17, tag);
                const bool routeInvalid = ((invalid >> static_cast<unsigned>(tag)) & 1u) != 0;
                EXPECT_EQ(RoutePolicy::importAllowed(static_cast<std::uint8_t>(adopts ? 0xFF : 0),
                                                     static_cast<std::uint8_t>(invalid), key),
                          RoutePolicy::importAllowed(adopts, routeInvalid))
                    << adopts << " " << invalid << " " << static_cast<int>(tag);
            }
        }
    }
    EXPECT_FALSE(RoutePolicy::importAllowed(true, true));
    EXPECT_TRUE(RoutePolicy::importAllowed(false, true));
    EXPECT_TRUE(RoutePolicy::importAllowed(true, false));
}

TEST(RoutePolicy, ReceivedRouteIsOneHopLongerWithTheSenderAsNextHop) {
    std::mt19937_64 rng(5);
    for (int i = 0; i < 100000; ++i) {
        const auto held = static_cast<RouteClass>(rng() % 4);
        // Lengths up to the widest the key holds, less the hop added.
        const auto length = static_cast<std::uint32_t>(
            rng() % 2 == 0 ? rng() % 1000 : rng() % ((std::uint32_t{1} << 28) - 1));
        const auto tag = static_cast<Outcome>(rng() % 3);
        const auto receivedAs = static_cast<RouteClass>(1 + rng() % 3);
        const auto tieRank = static_cast<std::uint32_t>(rng());
        const std::uint64_t sent =
            RouteKey::pack(held, length, static_cast<std::uint32_t>(rng()), tag);
        const std::uint64_t received = RoutePolicy::receivedKey(sent, receivedAs, tieRank);
        ASSERT_EQ(received, RouteKey::pack(receivedAs, RouteKey::pathLength(sent) + 1, tieRank,
                                           RouteKey::tag(sent)));
        ASSERT_EQ(RouteKey::routeClass(received), receivedAs);
        ASSERT_EQ(RouteKey::pathLength(received), length + 1);
        ASSERT_EQ(RouteKey::nextHopTieRank(received), tieRank);
        ASSERT_EQ(RouteKey::tag(received), tag);
    }
}

// Each step decides only when the earlier ones tie, and says which it was.
TEST(RoutePolicy, ComparisonNamesTheDecidingStep) {
    const RouteAttributes customerLong{RouteClass::Customer, 9, 50};
    const RouteAttributes peerShort{RouteClass::Peer, 1, 0};
    const RouteAttributes peerLong{RouteClass::Peer, 4, 0};
    const RouteAttributes peerShortLaterTie{RouteClass::Peer, 1, 7};

    // Relationship beats a shorter path and a better tie rank.
    EXPECT_TRUE(RoutePolicy::compare(customerLong, peerShort).firstWins);
    EXPECT_EQ(RoutePolicy::compare(customerLong, peerShort).step, DecisionStep::Relationship);
    EXPECT_FALSE(RoutePolicy::compare(peerShort, customerLong).firstWins);
    EXPECT_EQ(RoutePolicy::compare(peerShort, customerLong).step, DecisionStep::Relationship);
    // Path length beats the tie-break.
    EXPECT_TRUE(RoutePolicy::compare(peerShortLaterTie, peerLong).firstWins);
    EXPECT_EQ(RoutePolicy::compare(peerShortLaterTie, peerLong).step, DecisionStep::PathLength);
    // The tie-break decides last.
    EXPECT_TRUE(RoutePolicy::compare(peerShort, peerShortLaterTie).firstWins);
    EXPECT_EQ(RoutePolicy::compare(peerShortLaterTie, peerShort).step, DecisionStep::TieBreak);
    EXPECT_FALSE(RoutePolicy::compare(peerShortLaterTie, peerShort).firstWins);

    EXPECT_EQ(RoutePolicy::decidingStep(peerShort, nullptr), DecisionStep::OnlyRoute);
    EXPECT_EQ(RoutePolicy::decidingStep(peerShort, &peerLong), DecisionStep::PathLength);
}

// A RoutingOutcome reused for an equally-specific trial after a sub-prefix one holds no
// sub-prefix routes: the old ones are not read back.
//
//      1       2        1 provider of 10 and 20; 2 provider of 20
//     | |      |
//    10  20 ---+        victim 10, attacker 20
TEST(RoutePolicy, NoStaleSubprefixRoutesAfterReuse) {
    const AsGraph graph =
        test::GraphBuilder().providerOf(1, 10).providerOf(1, 20).providerOf(2, 20).build();
    const TieBreakRanking ranking(graph, TieBreak::lowestAsn());
    const RovDeployment rov = RovDeployment::none(graph.nodeCount());
    const Propagator propagator(graph, ranking, rov);
    RoutingOutcome routing;
    PropagationWorkspace workspace;
    const NodeIndex victim = *graph.nodeOf(10);
    const NodeIndex attacker = *graph.nodeOf(20);
    propagator.run({AttackType::Subprefix, victim, attacker, 22}, routing, workspace);
    ASSERT_TRUE(routing.hasRoute(*graph.nodeOf(1), PrefixSlot::Subprefix));

    propagator.run({AttackType::EquallySpecific, victim, attacker, 22}, routing, workspace);
    const DecisionExplainer explainer(rov);
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        EXPECT_FALSE(routing.hasRoute(v, PrefixSlot::Subprefix)) << graph.asnOf(v);
        const RouteExplanation explanation = explainer.explain(routing, v, PrefixSlot::Subprefix);
        EXPECT_EQ(explanation.step, DecisionStep::NoRoute) << graph.asnOf(v);
        EXPECT_FALSE(explanation.slot.has_value()) << graph.asnOf(v);
        EXPECT_TRUE(explanation.candidates.empty()) << graph.asnOf(v);
    }
    // AS1 hears the victim and the attacker at one hop; the tie-break picks AS10.
    EXPECT_EQ(routing.outcome(*graph.nodeOf(1)), Outcome::Victim);
}

}  // namespace
}  // namespace mpicsim
