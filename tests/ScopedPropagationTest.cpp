// A Propagator run for a PropagationScope must give, at every node of the scope's closure, the
// very routes and data-plane outcomes of a full run: compared on random topologies (every
// attack, random ROV deployments, victims with and without a ROA, every tie-break, random
// observed nodes including the victim, the attacker and own-node perspectives' neighbours) and
// on the real CAIDA snapshots.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/mpic/PerspectiveObserver.hpp"
#include "mpicsim/mpic/PlacedPerspective.hpp"
#include "mpicsim/routing/Propagator.hpp"
#include "support/RandomTopology.hpp"
#include "support/SharedData.hpp"

namespace mpicsim::test {
namespace {

constexpr std::uint64_t kTopologies = 1200;

// Compares a scoped outcome with the full one at one node; returns the first difference.
std::string difference(const RoutingOutcome& full, const RoutingOutcome& scoped, NodeIndex node) {
    if (full.outcome(node) != scoped.outcome(node)) {
        return "outcome";
    }
    for (PrefixSlot slot : {PrefixSlot::VictimPrefix, PrefixSlot::Subprefix}) {
        const std::string name = slot == PrefixSlot::Subprefix ? "sub-prefix " : "victim prefix ";
        // The whole packed key: route class, path length, next hop's tie rank, data-plane tag.
        if (full.key(node, slot) != scoped.key(node, slot)) {
            return name + "route";
        }
        if (full.nextHop(node, slot) != scoped.nextHop(node, slot)) {
            return name + "next hop";
        }
    }
    if (full.forwardingSlot(node) != scoped.forwardingSlot(node)) {
        return "forwarding prefix";
    }
    return {};
}

TEST(ScopedPropagation, EqualsTheFullRunOnTheClosureOfRandomTopologies) {
    std::size_t compared = 0;
    std::size_t hijackedObserved = 0;
    std::size_t disconnectedObserved = 0;
    RoutingOutcome full;
    RoutingOutcome scoped;
    PropagationWorkspace workspace;
    for (std::uint64_t seed = 1; seed <= kTopologies; ++seed) {
        std::mt19937_64 rng(seed * 7'777'777);
        // The Internet-like topology and an island of two ASes no route can reach (or leave).
        std::vector<AsLink> links = randomTopology(rng);
        constexpr Asn kIslandProvider = 4'200'000'001;
        constexpr Asn kIslandCustomer = 4'200'000'002;
        links.push_back(
            {kIslandProvider, kIslandCustomer, LinkType::ProviderToCustomer, LinkSource::Bgp});
        const AsGraph graph = AsGraph::fromLinks(links);
        const RandomTrial trial = randomTrial(graph, rng);
        const TieBreakRanking ranking(graph, tieBreakForSeed(seed));
        const RovDeployment rov = RovDeployment::of(graph.nodeCount(), trial.rovAdopters);
        const Propagator propagator(graph, ranking, rov);

        // 1-10 observed nodes; often the victim or the attacker among them.
        std::vector<NodeIndex> observed;
        const std::size_t count = 1 + rng() % 10;
        while (observed.size() < count) {
            observed.push_back(static_cast<NodeIndex>(rng() % graph.nodeCount()));
        }
        if (rng() % 4 == 0) {
            observed.push_back(trial.victim);
        }
        if (rng() % 3 == 0) {
            observed.push_back(*graph.nodeOf(kIslandCustomer));
        }
        if (rng() % 4 == 0) {
            observed.push_back(trial.attacker);
        }
        // An own-node perspective attached to some of the observed nodes.
        Perspective own;
        own.id = "test:own";
        own.rovFiltering = rng() % 2 == 0;
        for (std::size_t i = 0; i < 3 && i < observed.size(); ++i) {
            const Asn neighbour = graph.asnOf(observed[i]);
            bool listed = false;
            for (const PerspectiveLink& link : own.neighbours) {
                listed = listed || link.neighbour == neighbour;
            }
            if (!listed) {
                own.neighbours.push_back(
                    {neighbour, static_cast<PerspectiveLink::Role>(rng() % 3)});
            }
        }
        const PlacedPerspective placedOwn(graph, own);
        const PerspectiveObserver observer(rov);
        const PropagationScope scope(graph, observed);

        const int prefixLength = rng() % 4 == 0 ? Attack::kLongestRoutablePrefixLength
                                                : Attack::kDefaultVictimPrefixLength;
        for (AttackType type : kAllAttackTypes) {
            Attack attack{type, trial.victim, trial.attacker, prefixLength};
            attack.victimHasRoa = seed % 3 != 0;  // a third of the topologies: no ROA
            propagator.run(attack, full, workspace);
            propagator.run(attack, scope, scoped, workspace);
            ASSERT_TRUE(full.complete());
            ASSERT_FALSE(scoped.complete());
            for (NodeIndex node : scope.closureDescending()) {
                const std::string differs = difference(full, scoped, node);
                ASSERT_TRUE(differs.empty())
                    << differs << " differs at AS" << graph.asnOf(node) << " (seed " << seed << ", "
                    << toString(type) << " /" << prefixLength << ", victim AS"
                    << graph.asnOf(trial.victim) << ", attacker AS" << graph.asnOf(trial.attacker)
                    << (scope.observed().size() == 1 ? "" : ", several observed") << ")";
            }
            ASSERT_EQ(observer.outcomeOf(full, placedOwn), observer.outcomeOf(scoped, placedOwn))
                << "seed " << seed << ", " << toString(type);
            const PerspectiveObservation fullView = observer.observe(full, placedOwn);
            const PerspectiveObservation scopedView = observer.observe(scoped, placedOwn);
            ASSERT_EQ(fullView.routeClass, scopedView.routeClass) << "seed " << seed;
            ASSERT_EQ(fullView.nextHop, scopedView.nextHop) << "seed " << seed;
            ASSERT_EQ(fullView.step, scopedView.step) << "seed " << seed;
            for (NodeIndex node : scope.observed()) {
                hijackedObserved += full.outcome(node) == Outcome::Attacker ? 1 : 0;
                disconnectedObserved += full.outcome(node) == Outcome::Disconnected ? 1 : 0;
            }
            ++compared;
        }
    }
    EXPECT_EQ(compared, kTopologies * kAllAttackTypes.size());
    EXPECT_GT(hijackedObserved, compared / 5);
    EXPECT_GT(disconnectedObserved, compared / 5);
}

// One outcome and workspace reused across full runs, scoped runs and different scopes: a
// scoped outcome holds no route left from an earlier run.
TEST(ScopedPropagation, ReusedOutcomeHoldsNothingStale) {
    std::mt19937_64 rng(99);
    const AsGraph graph = AsGraph::fromLinks(randomTopology(rng));
    const TieBreakRanking ranking(graph, TieBreak::lowestAsn());
    const RovDeployment rov = RovDeployment::none(graph.nodeCount());
    const Propagator propagator(graph, ranking, rov);
    RoutingOutcome reused;
    RoutingOutcome fresh;
    PropagationWorkspace workspace;
    PropagationWorkspace freshWorkspace;
    for (int round = 0; round < 200; ++round) {
        const RandomTrial trial = randomTrial(graph, rng);
        const PropagationScope scope(graph, {static_cast<NodeIndex>(rng() % graph.nodeCount())});
        const Attack attack{kAllAttackTypes[rng() % kAllAttackTypes.size()], trial.victim,
                            trial.attacker, Attack::kDefaultVictimPrefixLength};
        if (round % 3 == 0) {
            propagator.run(attack, reused, workspace);
        }
        propagator.run(attack, scope, reused, workspace);
        fresh = RoutingOutcome();
        propagator.run(attack, scope, fresh, freshWorkspace);
        for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
            for (PrefixSlot slot : {PrefixSlot::VictimPrefix, PrefixSlot::Subprefix}) {
                ASSERT_EQ(reused.key(v, slot), fresh.key(v, slot)) << "round " << round;
            }
            ASSERT_EQ(reused.outcome(v), fresh.outcome(v)) << "round " << round;
        }
    }
}

// The 15 perspective ASes of the demand-driven propagation issue, on the real snapshots:
// random pairs, every attack, with and without ROV, each tie-break.
void compareOnSnapshot(const std::string& file, std::uint64_t seed) {
    const auto path = sharedTopology(file);
    MPICSIM_REQUIRE_SHARED_FILE(path);
    const AsGraph graph = CaidaReader::readFile(path);
    std::vector<NodeIndex> observed;
    for (Asn asn : {16509u, 15169u, 8075u, 20473u, 13649u, 6939u, 9002u, 4637u, 1273u, 3356u, 1299u,
                    174u, 2914u, 3257u, 6461u}) {
        if (const auto node = graph.nodeOf(asn)) {
            observed.push_back(*node);
        }
    }
    ASSERT_GE(observed.size(), 13u);
    const PropagationScope scope(graph, observed);
    std::mt19937_64 rng(seed);
    std::vector<NodeIndex> adopters;
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        if (rng() % 5 == 0) {
            adopters.push_back(v);
        }
    }
    const RovDeployment noRov = RovDeployment::none(graph.nodeCount());
    const RovDeployment someRov = RovDeployment::of(graph.nodeCount(), adopters);
    const TieBreak tieBreaks[] = {TieBreak::lowestAsn(), TieBreak::random(seed), TieBreak::md5()};
    RoutingOutcome full;
    RoutingOutcome scoped;
    PropagationWorkspace workspace;
    std::size_t pairs = 0;
    for (const TieBreak& tieBreak : tieBreaks) {
        const TieBreakRanking ranking(graph, tieBreak);
        for (const RovDeployment* rov : {&noRov, &someRov}) {
            const Propagator propagator(graph, ranking, *rov);
            for (int i = 0; i < 340; ++i, ++pairs) {
                Attack attack;
                attack.victim = static_cast<NodeIndex>(rng() % graph.nodeCount());
                do {
                    attack.attacker = static_cast<NodeIndex>(rng() % graph.nodeCount());
                } while (attack.attacker == attack.victim);
                attack.victimHasRoa = i % 4 != 3;  // every fourth victim holds no ROA
                for (AttackType type : {AttackType::EquallySpecific, AttackType::Subprefix,
                                        AttackType::ForgedOrigin}) {
                    attack.type = type;
                    propagator.run(attack, full, workspace);
                    propagator.run(attack, scope, scoped, workspace);
                    for (NodeIndex node : scope.closureDescending()) {
                        const std::string differs = difference(full, scoped, node);
                        ASSERT_TRUE(differs.empty())
                            << differs << " differs at AS" << graph.asnOf(node) << " ("
                            << toString(type) << ", victim AS" << graph.asnOf(attack.victim)
                            << ", attacker AS" << graph.asnOf(attack.attacker) << ", tie-break "
                            << tieBreak.toString() << ", ROV adopters " << rov->adopterCount()
                            << ")";
                    }
                }
            }
        }
    }
    EXPECT_EQ(pairs, 2040u);
}

TEST(ScopedPropagation, EqualsTheFullRunOn2016Snapshot) {
    compareOnSnapshot("20161101.as-rel.txt.bz2", 2016);
}

TEST(ScopedPropagation, EqualsTheFullRunOn2025Snapshot) {
    compareOnSnapshot("20250901.as-rel2.txt.bz2", 2025);
}

}  // namespace
}  // namespace mpicsim::test
