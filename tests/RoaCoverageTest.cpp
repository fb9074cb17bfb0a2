// ROA coverage: a victim without a ROA is "not found" for every origin (RFC 6811), so ROV
// adopters drop nothing for its prefix. Hand-worked cases, the randomized property "no ROA under
// full ROV adoption routes exactly as no ROV at all" (full and scoped propagation), and how a
// RoaSetting resolves against a graph.
#include <gtest/gtest.h>

#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "mpicsim/common/DeterministicRandom.hpp"
#include "mpicsim/experiment/RoaCoverage.hpp"
#include "mpicsim/routing/Propagator.hpp"
#include "support/GraphBuilder.hpp"
#include "support/RandomTopology.hpp"

namespace mpicsim {
namespace {

// Every AS performs ROV.
RovDeployment everyoneValidates(const AsGraph& graph) {
    std::vector<NodeIndex> all(graph.nodeCount());
    std::iota(all.begin(), all.end(), NodeIndex{0});
    return RovDeployment::of(graph.nodeCount(), all);
}

/* The topology of the hand-worked cases:
 *
 *        10 ----- 20        (peers)
 *       /  \     /  \
 *      1    30--+    40     (1 and 30 are customers of 10; 30, 2 and 40 customers of 20)
 *     (V)        \
 *                 2 (A)
 *
 * Victim AS1, attacker AS2, equally-specific hijack of the victim's /22.
 * Without ROV: 10 holds the customer route from 1 (victim). 20 holds the customer route from 2
 * (attacker) over the peer route from 10. 30 hears [10 1] and [20 2], both provider routes of
 * length 2; the lower next hop, 10, wins: victim. 40 hears only [20 2]: attacker.
 * With a ROA and full ROV: 20 drops [2] (wrong origin) and takes [10 1] from its peer: victim;
 * 40 then hears [20 10 1]: victim; 30 as before. Only the attacker's own AS is captured.
 * Without a ROA and full ROV: nothing is invalid, so every AS routes as without ROV.
 * Sub-prefix hijack (/23 from AS2): without ROV every AS but the victim holds the /23 and
 * forwards to the attacker; with a ROA every adopter drops the /23 (too long, wrong origin)
 * and every AS reaches the victim; without a ROA the /23 is accepted everywhere again. */
AsGraph handWorkedGraph() {
    return test::GraphBuilder()
        .peers(10, 20)
        .providerOf(10, 1)
        .providerOf(10, 30)
        .providerOf(20, 30)
        .providerOf(20, 2)
        .providerOf(20, 40)
        .build();
}

std::string outcomesOf(const AsGraph& graph, const RoutingOutcome& routing) {
    std::string text;
    for (Asn asn : {1u, 2u, 10u, 20u, 30u, 40u}) {
        text += "AS" + std::to_string(asn) + ":" +
                std::string(toString(routing.outcome(*graph.nodeOf(asn)))) + " ";
    }
    return text;
}

TEST(RoaCoverage, HandWorkedEquallySpecificAndSubprefix) {
    const AsGraph graph = handWorkedGraph();
    const TieBreakRanking ranking(graph, TieBreak::lowestAsn());
    const RovDeployment none = RovDeployment::none(graph.nodeCount());
    const RovDeployment all = everyoneValidates(graph);
    const Propagator plain(graph, ranking, none);
    const Propagator validating(graph, ranking, all);
    Attack attack{AttackType::EquallySpecific, *graph.nodeOf(1), *graph.nodeOf(2), 22};

    const std::string hijacked =
        "AS1:victim AS2:attacker AS10:victim AS20:attacker AS30:victim AS40:attacker ";
    EXPECT_EQ(outcomesOf(graph, plain.run(attack)), hijacked);
    EXPECT_EQ(outcomesOf(graph, validating.run(attack)),
              "AS1:victim AS2:attacker AS10:victim AS20:victim AS30:victim AS40:victim ");
    attack.victimHasRoa = false;
    EXPECT_EQ(outcomesOf(graph, validating.run(attack)), hijacked);
    EXPECT_EQ(outcomesOf(graph, plain.run(attack)), hijacked);

    attack.type = AttackType::Subprefix;
    const std::string subprefixHijacked =
        "AS1:victim AS2:attacker AS10:attacker AS20:attacker AS30:attacker AS40:attacker ";
    EXPECT_EQ(outcomesOf(graph, plain.run(attack)), subprefixHijacked);
    EXPECT_EQ(outcomesOf(graph, validating.run(attack)), subprefixHijacked);
    attack.victimHasRoa = true;
    EXPECT_EQ(outcomesOf(graph, validating.run(attack)),
              "AS1:victim AS2:attacker AS10:victim AS20:victim AS30:victim AS40:victim ");
}

// The routes (packed keys of both prefixes, next hops) and data-plane outcomes of two runs.
void expectSameRouting(const AsGraph& graph, const RoutingOutcome& expected,
                       const RoutingOutcome& actual, std::span<const NodeIndex> nodes,
                       const std::string& context) {
    for (NodeIndex node : nodes) {
        ASSERT_EQ(expected.outcome(node), actual.outcome(node))
            << "AS" << graph.asnOf(node) << " " << context;
        for (PrefixSlot slot : {PrefixSlot::VictimPrefix, PrefixSlot::Subprefix}) {
            ASSERT_EQ(expected.key(node, slot), actual.key(node, slot))
                << "AS" << graph.asnOf(node) << " " << context;
            ASSERT_EQ(expected.nextHop(node, slot), actual.nextHop(node, slot))
                << "AS" << graph.asnOf(node) << " " << context;
        }
    }
}

// A victim without a ROA under full ROV adoption is hijacked exactly as without ROV: every
// AS's routes and outcome, every attack, full and scoped propagation, 400 random topologies.
TEST(RoaCoverage, NoRoaUnderFullRovRoutesAsWithoutRov) {
    RoutingOutcome withoutRov;
    RoutingOutcome noRoa;
    RoutingOutcome scopedNoRoa;
    PropagationWorkspace workspace;
    std::size_t differingWithRoa = 0;
    for (std::uint64_t seed = 1; seed <= 400; ++seed) {
        std::mt19937_64 rng(seed * 4'444'444);
        const AsGraph graph = AsGraph::fromLinks(test::randomTopology(rng));
        const test::RandomTrial trial = test::randomTrial(graph, rng);
        const TieBreakRanking ranking(graph, test::tieBreakForSeed(seed));
        const RovDeployment none = RovDeployment::none(graph.nodeCount());
        const RovDeployment all = everyoneValidates(graph);
        const Propagator plain(graph, ranking, none);
        const Propagator validating(graph, ranking, all);
        std::vector<NodeIndex> every(graph.nodeCount());
        std::iota(every.begin(), every.end(), NodeIndex{0});
        const PropagationScope scope(
            graph, {static_cast<NodeIndex>(rng() % graph.nodeCount()), trial.victim});
        const int prefixLength = seed % 5 == 0 ? 24 : 22;
        for (AttackType type : kAllAttackTypes) {
            Attack attack{type, trial.victim, trial.attacker, prefixLength};
            const std::string context =
                "seed " + std::to_string(seed) + " " + std::string(toString(type));
            plain.run(attack, withoutRov, workspace);
            attack.victimHasRoa = false;
            validating.run(attack, noRoa, workspace);
            expectSameRouting(graph, withoutRov, noRoa, every, context + " full");
            validating.run(attack, scope, scopedNoRoa, workspace);
            expectSameRouting(graph, withoutRov, scopedNoRoa, scope.closureDescending(),
                              context + " scoped");
            // The same victim with a ROA: ROV changes something somewhere (counted below).
            attack.victimHasRoa = true;
            validating.run(attack, noRoa, workspace);
            for (NodeIndex node : every) {
                if (noRoa.outcome(node) != withoutRov.outcome(node)) {
                    ++differingWithRoa;
                    break;
                }
            }
        }
    }
    // The property is not vacuous: with a ROA, full ROV changes outcomes in many trials.
    EXPECT_GT(differingWithRoa, 200u);
}

TEST(RoaCoverage, SettingsResolveAgainstTheGraph) {
    const AsGraph graph = handWorkedGraph();
    std::vector<AbsentAsns> absent;
    RoaSetting setting;
    const RoaCoverage all = RoaCoverage::resolve(graph, setting, absent);
    EXPECT_EQ(all.coveredCount(), graph.nodeCount());
    setting.kind = RoaSetting::Kind::None;
    EXPECT_EQ(RoaCoverage::resolve(graph, setting, absent).coveredCount(), 0u);

    setting.kind = RoaSetting::Kind::List;
    setting.asns = {1, 40, 99};
    setting.label = "list:3";
    const RoaCoverage listed = RoaCoverage::resolve(graph, setting, absent);
    EXPECT_TRUE(listed.covers(*graph.nodeOf(1)));
    EXPECT_TRUE(listed.covers(*graph.nodeOf(40)));
    EXPECT_FALSE(listed.covers(*graph.nodeOf(2)));
    EXPECT_EQ(listed.coveredCount(), 2u);
    ASSERT_EQ(absent.size(), 1u);
    EXPECT_EQ(absent[0].summary(), "ROA setting list:3: 1 AS(es) not in the topology: AS99");

    // A fraction covers the victims whose seeded hash falls below it: 0 none, 1 all, and a
    // larger fraction with the same seed a superset.
    const AsGraph large = AsGraph::fromLinks(test::randomTopology(std::uint64_t{7}));
    setting.kind = RoaSetting::Kind::Fraction;
    setting.seed = 3;
    std::vector<std::size_t> counts;
    std::vector<RoaCoverage> coverages;
    for (double fraction : {0.0, 0.3, 0.6, 1.0}) {
        setting.fraction = fraction;
        coverages.push_back(RoaCoverage::resolve(large, setting, absent));
        counts.push_back(coverages.back().coveredCount());
    }
    EXPECT_EQ(counts.front(), 0u);
    EXPECT_EQ(counts.back(), large.nodeCount());
    for (NodeIndex v = 0; v < large.nodeCount(); ++v) {
        EXPECT_LE(coverages[1].covers(v), coverages[2].covers(v));
        EXPECT_EQ(coverages[1].covers(v), DeterministicRandom::unitHash(3, large.asnOf(v)) < 0.3);
    }
    EXPECT_GT(counts[1], 0u);
    EXPECT_LT(counts[2], large.nodeCount());
}

}  // namespace
}  // namespace mpicsim
