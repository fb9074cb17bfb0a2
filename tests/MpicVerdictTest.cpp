// MPIC verdicts end to end on small hand-worked topologies: the Propagator computes the
// routes, MpicEvaluator reads every perspective's outcome off them and applies a quorum policy
// from QuorumPolicyTable. Each derivation below is done by hand from the routing model; the
// perspectives' outcomes and the verdicts follow from it.
//
// Notation in the sketches: "A -> B" means A is B's provider (B is A's customer), "A == B"
// means A and B peer. Paths are written from the next hop to the origin. The tie-break is
// lowest-asn throughout, and nobody runs ROV unless a test says so.
//
// Rules used in every derivation (DESIGN.md, "Routing model"):
//   R1 customer-learned over peer-learned over provider-learned;
//   R2 then the shorter AS path;
//   R3 then the lower next-hop ASN;
//   E  own and customer-learned routes go to everyone, peer/provider-learned ones only to
//      customers;
//   L  a route whose path contains the receiver is dropped;
//   ROV adopters drop ROA-invalid routes (the attacker's origin in equally-specific, any
//      sub-prefix route).
//
// Quorum rules used (TLS BR 3.2.2.9, QuorumPolicyTable):
//   BR 2025-03-15: non-blocking; a captured primary alone issues.
//   BR 2025-09-15: blocking; 2-5 remotes allow 1 non-corroboration, no RIR rule.
//   BR 2026-03-15: as 2025-09-15, and the corroborating remotes must span 2 RIRs.
//   The owner's own validation is blocked when the primary does not reach the victim or too
//   few remotes reach it (or they span too few RIRs).

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "mpicsim/mpic/AttemptReport.hpp"
#include "mpicsim/mpic/CaConfiguration.hpp"
#include "mpicsim/mpic/DomainTargets.hpp"
#include "mpicsim/mpic/MpicEvaluator.hpp"
#include "mpicsim/mpic/Perspective.hpp"
#include "mpicsim/mpic/PerspectiveLink.hpp"
#include "mpicsim/mpic/PerspectiveObserver.hpp"
#include "mpicsim/mpic/PlacedPerspective.hpp"
#include "mpicsim/mpic/QuorumPolicy.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"
#include "mpicsim/mpic/RemoteResult.hpp"
#include "mpicsim/mpic/Rir.hpp"
#include "mpicsim/mpic/ValidationMethod.hpp"
#include "mpicsim/mpic/Verdict.hpp"
#include "mpicsim/routing/Attack.hpp"
#include "mpicsim/routing/AttackType.hpp"
#include "mpicsim/routing/DecisionStep.hpp"
#include "mpicsim/routing/Outcome.hpp"
#include "mpicsim/routing/PrefixSlot.hpp"
#include "mpicsim/routing/Propagator.hpp"
#include "mpicsim/routing/RouteClass.hpp"
#include "mpicsim/routing/RoutingOutcome.hpp"
#include "mpicsim/routing/RovDeployment.hpp"
#include "mpicsim/routing/TieBreak.hpp"
#include "mpicsim/routing/TieBreakRanking.hpp"
#include "mpicsim/topology/AsGraph.hpp"
#include "support/GraphBuilder.hpp"

namespace mpicsim {
namespace {

constexpr Outcome kVictim = Outcome::Victim;
constexpr Outcome kAttacker = Outcome::Attacker;
constexpr Outcome kDisconnected = Outcome::Disconnected;
constexpr PerspectiveLink::Role kProvider = PerspectiveLink::Role::Provider;
constexpr PerspectiveLink::Role kPeer = PerspectiveLink::Role::Peer;
constexpr PerspectiveLink::Role kCustomer = PerspectiveLink::Role::Customer;

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

/* ---------------------------------------------------------------------------------------
 * The topology of every test in this file (15 ASes; victim 100, attacker 666):
 *
 *                    1 ================== 2
 *                  /   \              / /  |  \
 *                 v     v            v v   v   v
 *      50 ===== 10       11        20  21  22  50      (50 is a customer of 2 and
 *              /  \     /  \      / |  \    |    |        peers with 10)
 *             v    v   v    v    v  v   v   v    v
 *           100    30  31   40  30  40 666  41   42     (30 and 40 have two providers
 *                                                         each and are drawn twice)
 *
 *   Links: 1==2, 1->10, 1->11, 2->20, 2->21, 2->22, 2->50, 10->100, 10->30, 20->30,
 *          20->666, 11->31, 11->40, 20->40, 21->41, 22->42, 10==50.
 *
 * Equally-specific hijack of 100's prefix by 666:
 *   10: customer 100 -> [100]; 1's route [10 100] contains 10 (L); peer 50 holds a peer
 *       route and sends nothing (E). Victim.
 *   20: customer 666 -> [666]. Attacker.
 *   1:  customer 10 -> [10 100]; customer 11 holds no customer route (31 and 40 announce
 *       nothing; 40's routes are provider-learned); peer 2 sends its customer route
 *       [2 20 666]. R1 -> [10 100]. Victim.
 *   2:  customer 20 -> [20 666]; customers 21, 22, 50 send nothing (50's route is
 *       peer-learned); peer 1 sends [1 10 100]. R1 -> [20 666]. Attacker.
 *   11: provider 1 -> [1 10 100] (only route). Victim.   31: [11 1 10 100]. Victim.
 *   21, 22: provider 2 -> [2 20 666]. Attacker.   41: [21 2 20 666], 42: [22 2 20 666].
 *   50: provider 2 gives [2 20 666] (provider route); peer 10 gives its customer route
 *       [10 100] (peer route). R1 -> [10 100]. Victim, although its provider is captured.
 *   30: providers 10 ([10 100]) and 20 ([20 666]), both length 2. R3 -> 10. Victim.
 *   40: providers 11 ([11 1 10 100], length 4) and 20 ([20 666], length 2). R2 -> 20.
 *       Attacker.
 *
 *   Reach the victim:   1, 10, 11, 30, 31, 50 (and 100)
 *   Reach the attacker: 2, 20, 21, 22, 40, 41, 42 (and 666)
 * ------------------------------------------------------------------------------------ */
test::GraphBuilder topology() {
    test::GraphBuilder builder;
    builder.peers(1, 2)
        .providerOf(1, 10)
        .providerOf(1, 11)
        .providerOf(2, 20)
        .providerOf(2, 21)
        .providerOf(2, 22)
        .providerOf(2, 50)
        .providerOf(10, 100)
        .providerOf(10, 30)
        .providerOf(20, 30)
        .providerOf(20, 666)
        .providerOf(11, 31)
        .providerOf(11, 40)
        .providerOf(20, 40)
        .providerOf(21, 41)
        .providerOf(22, 42)
        .peers(10, 50);
    return builder;
}

constexpr Asn kVictimAs = 100;
constexpr Asn kAttackerAs = 666;

// A perspective inside an AS (it routes as its host AS), with an inline-style id.
Perspective in(Asn asn, Rir rir = Rir::Arin) {
    Perspective perspective;
    perspective.id = "AS" + std::to_string(asn);
    perspective.hostAsn = asn;
    perspective.rir = rir;
    return perspective;
}

// A perspective in its own node, attached to `links`; `host` is the AS it is registered in.
Perspective ownNode(std::string id, Asn host, std::vector<PerspectiveLink> links,
                    Rir rir = Rir::Ripe, bool rovFiltering = false) {
    Perspective perspective;
    perspective.id = std::move(id);
    perspective.hostAsn = host;
    perspective.rir = rir;
    perspective.neighbours = std::move(links);
    perspective.rovFiltering = rovFiltering;
    return perspective;
}

CaConfiguration ca(std::optional<Perspective> primary, std::vector<Perspective> remotes) {
    CaConfiguration configuration;
    configuration.name = "hand-worked CA";
    configuration.primary = std::move(primary);
    configuration.remotes = std::move(remotes);
    return configuration;
}

CaConfiguration ca(Asn primary, std::vector<Perspective> remotes) {
    return ca(in(primary), std::move(remotes));
}

QuorumPolicy policy(const char* name, int y, unsigned m, unsigned d) {
    const std::optional<QuorumPolicy> found =
        QuorumPolicyTable::lookup(name, year_month_day{year{y}, month{m}, day{d}});
    if (!found) {
        throw std::logic_error(std::string("no phase of ") + name + " in force");
    }
    return *found;
}

QuorumPolicy br(int y, unsigned m, unsigned d) {
    return policy("br", y, m, d);
}

const PrefixTarget kWebHost{"web host", kVictimAs, Attack::kDefaultVictimPrefixLength};

class MpicVerdict : public ::testing::Test {
  protected:
    MpicVerdict()
        : graph(topology().build()),
          ranking(graph, TieBreak::lowestAsn()),
          noRov(RovDeployment::none(graph.nodeCount())) {}

    NodeIndex node(Asn asn) const {
        const std::optional<NodeIndex> found = graph.nodeOf(asn);
        if (!found) {
            throw std::logic_error("AS" + std::to_string(asn) + " is not in the graph");
        }
        return *found;
    }

    RovDeployment rovOf(const std::vector<Asn>& adopters) const {
        std::vector<NodeIndex> nodes;
        for (Asn asn : adopters) {
            nodes.push_back(node(asn));
        }
        return RovDeployment::of(graph.nodeCount(), nodes);
    }

    RoutingOutcome run(AttackType type, Asn victim, const RovDeployment& rov,
                       int prefixLength = Attack::kDefaultVictimPrefixLength) const {
        Attack attack;
        attack.type = type;
        attack.victim = node(victim);
        attack.attacker = node(kAttackerAs);
        attack.victimPrefixLength = prefixLength;
        return Propagator(graph, ranking, rov).run(attack);
    }
    RoutingOutcome hijack(Asn victim = kVictimAs) const {
        return run(AttackType::EquallySpecific, victim, noRov);
    }

    // Evaluates and cross-checks the report against the fast path (MpicEvaluator::decide and
    // PerspectiveObserver::outcomeOf), which studies use instead.
    AttemptReport evaluate(const RoutingOutcome& routing, const CaConfiguration& configuration,
                           const QuorumPolicy& quorum, const RovDeployment& rov,
                           const PrefixTarget& target = kWebHost) const {
        const MpicEvaluator evaluator(graph, rov, configuration, quorum);
        AttemptReport report = evaluator.evaluate(routing, target);
        std::vector<RemoteResult> scratch;
        const Verdict fast = evaluator.decide(routing, scratch);
        EXPECT_EQ(fast.issuedToAttacker, report.verdict.issuedToAttacker);
        EXPECT_EQ(fast.legitimateIssuanceBlocked, report.verdict.legitimateIssuanceBlocked);
        EXPECT_EQ(fast.corroborating, report.verdict.corroborating);
        const PerspectiveObserver observer(rov);
        for (const PerspectiveReport& perspective : report.perspectives) {
            EXPECT_EQ(toString(observer.outcomeOf(
                          routing, PlacedPerspective(graph, perspective.perspective))),
                      toString(perspective.observation.outcome))
                << perspective.perspective.id;
        }
        return report;
    }
    AttemptReport evaluate(const RoutingOutcome& routing, const CaConfiguration& configuration,
                           const QuorumPolicy& quorum) const {
        return evaluate(routing, configuration, quorum, noRov);
    }

    // The outcome of every AS, by ASN, checked against a hand derivation covering all of them.
    void expectOutcomes(const RoutingOutcome& routing, const std::vector<Asn>& victim,
                        const std::vector<Asn>& attacker) const {
        ASSERT_EQ(victim.size() + attacker.size(), graph.nodeCount())
            << "the derivation must cover every AS";
        for (Asn asn : victim) {
            EXPECT_EQ(toString(routing.outcome(node(asn))), toString(kVictim)) << "AS" << asn;
        }
        for (Asn asn : attacker) {
            EXPECT_EQ(toString(routing.outcome(node(asn))), toString(kAttacker)) << "AS" << asn;
        }
    }

    AsGraph graph;
    TieBreakRanking ranking;
    RovDeployment noRov;
};

std::vector<std::string> outcomesOf(const AttemptReport& report) {
    std::vector<std::string> outcomes;
    for (const PerspectiveReport& perspective : report.perspectives) {
        outcomes.emplace_back(toString(perspective.observation.outcome));
    }
    return outcomes;
}

TEST_F(MpicVerdict, EquallySpecificRoutingIsAsDerived) {
    const RoutingOutcome routing = hijack();
    expectOutcomes(routing, {1, 10, 11, 30, 31, 50, 100}, {2, 20, 21, 22, 40, 41, 42, 666});
    EXPECT_EQ(routing.asPath(node(50)), (std::vector<Asn>{10, 100}));
    EXPECT_EQ(routing.asPath(node(30)), (std::vector<Asn>{10, 100}));
    EXPECT_EQ(routing.asPath(node(40)), (std::vector<Asn>{20, 666}));
    EXPECT_EQ(routing.asPath(node(31)), (std::vector<Asn>{11, 1, 10, 100}));
    EXPECT_EQ(routing.asPath(node(42)), (std::vector<Asn>{22, 2, 20, 666}));
}

/* (a) The primary is captured, the quorum is not.
 *   Primary 21 -> attacker. Remotes 22 (attacker), 30, 31, 50 (victim): 1 of 4 corroborate;
 *   BR 2025-09-15 needs 4 - 1 = 3. Refused. The owner is blocked too: its primary (21) does
 *   not reach the victim.
 *   Conversely, with primary 11 (victim) and all four remotes captured (21, 22, 40, 41) the
 *   quorum is met but the primary is not: refused as well. */
TEST_F(MpicVerdict, CapturedPrimaryWithoutQuorumIsRefused) {
    const RoutingOutcome routing = hijack();
    const AttemptReport report = evaluate(
        routing,
        ca(21, {in(22, Rir::Arin), in(30, Rir::Ripe), in(31, Rir::Apnic), in(50, Rir::Lacnic)}),
        br(2025, 9, 15));
    EXPECT_EQ(outcomesOf(report),
              (std::vector<std::string>{"attacker", "attacker", "victim", "victim", "victim"}));
    ASSERT_EQ(report.perspectives.size(), 5u);
    EXPECT_TRUE(report.perspectives[0].primary);
    EXPECT_FALSE(report.perspectives[1].primary);
    const Verdict& verdict = report.verdict;
    EXPECT_TRUE(verdict.primaryReachesAttacker);
    EXPECT_EQ(verdict.remotes, 4);
    EXPECT_EQ(verdict.corroborating, 1);
    EXPECT_EQ(verdict.required, 3);
    EXPECT_FALSE(verdict.issuedToAttacker);
    EXPECT_TRUE(verdict.legitimateIssuanceBlocked);
    EXPECT_NE(verdict.reason.find("1 of 4"), std::string::npos) << verdict.reason;
    EXPECT_NE(verdict.reason.find("REFUSED"), std::string::npos) << verdict.reason;

    const Verdict quorumOnly =
        evaluate(
            routing,
            ca(11, {in(21, Rir::Arin), in(22, Rir::Ripe), in(40, Rir::Apnic), in(41, Rir::Lacnic)}),
            br(2026, 3, 15))
            .verdict;
    EXPECT_FALSE(quorumOnly.primaryReachesAttacker);
    EXPECT_TRUE(quorumOnly.primaryReachesVictim);
    EXPECT_EQ(quorumOnly.corroborating, 4);
    EXPECT_FALSE(quorumOnly.issuedToAttacker);
    EXPECT_NE(quorumOnly.reason.find("primary"), std::string::npos) << quorumOnly.reason;
}

/* (b) Primary and n-1 of n remotes captured, n = 2..5, BR 2025-09-15 (one failure allowed).
 *   Primary 21 -> attacker. Captured remotes are taken from 40, 41, 42, 22 (all reach the
 *   attacker), the one that is not is 30 (victim). n-1 corroborate, n-1 are required: issued.
 *   With one more uncaptured remote (31, victim) instead of a captured one, n-2 < n-1:
 *   refused. */
TEST_F(MpicVerdict, PrimaryAndAllButOneRemoteIsIssuedForTwoToFiveRemotes) {
    const RoutingOutcome routing = hijack();
    const std::vector<Perspective> captured = {in(40, Rir::Arin), in(41, Rir::Ripe),
                                               in(42, Rir::Apnic), in(22, Rir::Lacnic)};
    for (int n = 2; n <= 5; ++n) {
        SCOPED_TRACE("n = " + std::to_string(n));
        std::vector<Perspective> remotes(captured.begin(), captured.begin() + (n - 1));
        remotes.push_back(in(30, Rir::Afrinic));
        const Verdict issued = evaluate(routing, ca(21, remotes), br(2025, 9, 15)).verdict;
        EXPECT_EQ(issued.remotes, n);
        EXPECT_EQ(issued.corroborating, n - 1);
        EXPECT_EQ(issued.required, n - 1);
        EXPECT_EQ(issued.requiredRirs, 0);
        EXPECT_TRUE(issued.issuedToAttacker);
        EXPECT_NE(issued.reason.find("ISSUED"), std::string::npos) << issued.reason;

        std::vector<Perspective> oneShort(captured.begin(), captured.begin() + (n - 2));
        oneShort.push_back(in(30, Rir::Afrinic));
        oneShort.push_back(in(31, Rir::Ripe));
        const Verdict refused = evaluate(routing, ca(21, oneShort), br(2025, 9, 15)).verdict;
        EXPECT_EQ(refused.remotes, n);
        EXPECT_EQ(refused.corroborating, n - 2);
        EXPECT_EQ(refused.required, n - 1);
        EXPECT_FALSE(refused.issuedToAttacker);
    }
}

/* (c) The captured remotes all sit in one RIR.
 *   Primary 21 -> attacker. Remotes 40, 41, 42 (RIPE, all -> attacker) and 31 (ARIN,
 *   victim): 3 of 4 corroborate, 3 required.
 *   BR 2025-09-15 has no RIR rule: issued. BR 2026-03-15 needs the corroborators to span 2
 *   RIRs; they span 1: refused. Moving 42 to ARIN gives 2 RIRs: issued again. */
TEST_F(MpicVerdict, CorroboratorsInOneRirAreRefusedFromMarch2026) {
    const RoutingOutcome routing = hijack();
    const CaConfiguration oneRir =
        ca(21, {in(40, Rir::Ripe), in(41, Rir::Ripe), in(42, Rir::Ripe), in(31, Rir::Arin)});

    const Verdict september2025 = evaluate(routing, oneRir, br(2025, 9, 15)).verdict;
    EXPECT_EQ(september2025.corroborating, 3);
    EXPECT_EQ(september2025.required, 3);
    EXPECT_EQ(september2025.requiredRirs, 0);
    EXPECT_TRUE(september2025.issuedToAttacker);

    const Verdict march2026 = evaluate(routing, oneRir, br(2026, 3, 15)).verdict;
    EXPECT_EQ(march2026.corroborating, 3);
    EXPECT_EQ(march2026.corroboratingRirs, 1);
    EXPECT_EQ(march2026.required, 3);
    EXPECT_EQ(march2026.requiredRirs, 2);
    EXPECT_FALSE(march2026.issuedToAttacker);
    EXPECT_NE(march2026.reason.find("RIR"), std::string::npos) << march2026.reason;

    const CaConfiguration twoRirs =
        ca(21, {in(40, Rir::Ripe), in(41, Rir::Ripe), in(42, Rir::Arin), in(31, Rir::Arin)});
    const Verdict spread = evaluate(routing, twoRirs, br(2026, 3, 15)).verdict;
    EXPECT_EQ(spread.corroboratingRirs, 2);
    EXPECT_TRUE(spread.issuedToAttacker);
}

/* (d) Non-blocking phase BR 2025-03-15: the primary alone decides.
 *   Primary 21 -> attacker, remotes 30, 31, 50 all reach the victim (0 of 3): issued.
 *   Primary 11 -> victim with the same remotes: refused, and the owner is not blocked.
 *   The same captured-primary configuration under BR 2025-09-15 (blocking): refused. */
TEST_F(MpicVerdict, NonBlockingPhaseIssuesOnTheCapturedPrimaryAlone) {
    const RoutingOutcome routing = hijack();
    const std::vector<Perspective> remotes = {in(30, Rir::Arin), in(31, Rir::Ripe),
                                              in(50, Rir::Apnic)};
    const QuorumPolicy nonBlocking = br(2025, 3, 15);
    ASSERT_FALSE(nonBlocking.blocking);

    const Verdict captured = evaluate(routing, ca(21, remotes), nonBlocking).verdict;
    EXPECT_EQ(captured.corroborating, 0);
    EXPECT_EQ(captured.required, 2);
    EXPECT_FALSE(captured.blocking);
    EXPECT_TRUE(captured.issuedToAttacker);
    EXPECT_TRUE(captured.legitimateIssuanceBlocked);  // the owner's primary reaches the attacker
    EXPECT_NE(captured.reason.find("does not block"), std::string::npos) << captured.reason;

    const Verdict safe = evaluate(routing, ca(11, remotes), nonBlocking).verdict;
    EXPECT_FALSE(safe.issuedToAttacker);
    EXPECT_FALSE(safe.legitimateIssuanceBlocked);

    EXPECT_FALSE(evaluate(routing, ca(21, remotes), br(2025, 9, 15)).verdict.issuedToAttacker);
}

/* (e) The owner's own validation fails while the attack lasts.
 *   Primary 11 -> victim, so the attacker is refused throughout.
 *   Remotes 40, 41 (attacker), 30, 31 (victim), BR 2025-09-15: 2 of 4 reach the victim, 3
 *   are required -> legitimate issuance blocked.
 *   Remotes 40 (attacker), 30, 31, 50 (victim): 3 of 4 reach the victim -> not blocked.
 *   Remotes 30, 31, 50 all ARIN (victim) and 40 RIPE (attacker): 3 of 4 reach the victim,
 *   enough under BR 2025-09-15, but they span 1 RIR, too few under BR 2026-03-15 -> blocked
 *   there. */
TEST_F(MpicVerdict, LegitimateIssuanceIsBlockedWhenTooFewRemotesReachTheVictim) {
    const RoutingOutcome routing = hijack();

    const Verdict blocked =
        evaluate(
            routing,
            ca(11, {in(40, Rir::Arin), in(41, Rir::Ripe), in(30, Rir::Arin), in(31, Rir::Ripe)}),
            br(2025, 9, 15))
            .verdict;
    EXPECT_TRUE(blocked.primaryReachesVictim);
    EXPECT_EQ(blocked.reachingVictim, 2);
    EXPECT_EQ(blocked.required, 3);
    EXPECT_FALSE(blocked.issuedToAttacker);
    EXPECT_TRUE(blocked.legitimateIssuanceBlocked);

    const Verdict open =
        evaluate(
            routing,
            ca(11, {in(40, Rir::Arin), in(30, Rir::Arin), in(31, Rir::Ripe), in(50, Rir::Apnic)}),
            br(2025, 9, 15))
            .verdict;
    EXPECT_EQ(open.reachingVictim, 3);
    EXPECT_FALSE(open.issuedToAttacker);
    EXPECT_FALSE(open.legitimateIssuanceBlocked);

    const CaConfiguration oneRirForTheOwner =
        ca(11, {in(30, Rir::Arin), in(31, Rir::Arin), in(50, Rir::Arin), in(40, Rir::Ripe)});
    const Verdict before = evaluate(routing, oneRirForTheOwner, br(2025, 9, 15)).verdict;
    EXPECT_EQ(before.reachingVictim, 3);
    EXPECT_FALSE(before.legitimateIssuanceBlocked);
    const Verdict after = evaluate(routing, oneRirForTheOwner, br(2026, 3, 15)).verdict;
    EXPECT_EQ(after.reachingVictim, 3);
    EXPECT_EQ(after.reachingVictimRirs, 1);
    EXPECT_TRUE(after.legitimateIssuanceBlocked);
    EXPECT_FALSE(after.issuedToAttacker);
}

/* (f) A perspective in its own node.
 *   "own" is registered in AS21 (which reaches the attacker) but is its own node, a customer
 *   of 11. 11 holds [1 10 100] and exports it to its customers: own receives the provider
 *   route [11 1 10 100], its only route -> victim, next hop 11, decided as only-route.
 *   It announces nothing, so every AS routes exactly as before; the other perspectives'
 *   outcomes are the same with and without it.
 *   Verdicts (BR 2025-09-15), primary 21, remotes 40 (A), 22 (A), 30 (V):
 *     without own:            2 of 3, 2 required -> issued;
 *     plus own (victim):      2 of 4, 3 required -> refused;
 *     plus a remote in AS21:  3 of 4, 3 required -> issued. */
TEST_F(MpicVerdict, OwnNodePerspectiveRoutesByItsNeighboursAndChangesNothingElse) {
    const RoutingOutcome routing = hijack();
    const std::vector<Outcome> before(routing.outcomes().begin(), routing.outcomes().end());
    std::vector<std::vector<Asn>> pathsBefore;
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        pathsBefore.push_back(routing.asPath(v));
    }

    const CaConfiguration base = ca(21, {in(40, Rir::Arin), in(22, Rir::Ripe), in(30, Rir::Apnic)});
    CaConfiguration withOwn = base;
    withOwn.remotes.push_back(ownNode("own:21-under-11", 21, {{11, kProvider}}, Rir::Lacnic));
    CaConfiguration withHost = base;
    withHost.remotes.push_back(in(21, Rir::Lacnic));

    const QuorumPolicy quorum = br(2025, 9, 15);
    const AttemptReport baseReport = evaluate(routing, base, quorum);
    const AttemptReport ownReport = evaluate(routing, withOwn, quorum);
    const AttemptReport hostReport = evaluate(routing, withHost, quorum);

    ASSERT_EQ(ownReport.perspectives.size(), 5u);
    ASSERT_EQ(hostReport.perspectives.size(), 5u);
    const PerspectiveObservation& own = ownReport.perspectives[4].observation;
    EXPECT_EQ(toString(own.outcome), toString(kVictim));
    EXPECT_FALSE(own.inheritsHostRouting);
    EXPECT_EQ(own.nextHop, node(11));
    EXPECT_EQ(own.routeClass, RouteClass::Provider);
    EXPECT_EQ(own.slot, PrefixSlot::VictimPrefix);
    EXPECT_EQ(toString(own.step), toString(DecisionStep::OnlyRoute));

    const PerspectiveObservation& host = hostReport.perspectives[4].observation;
    EXPECT_EQ(toString(host.outcome), toString(kAttacker));
    EXPECT_TRUE(host.inheritsHostRouting);
    EXPECT_EQ(host.nextHop, node(2));

    // The first four perspectives read the same outcomes whatever is added after them.
    for (std::size_t i = 0; i < baseReport.perspectives.size(); ++i) {
        EXPECT_EQ(toString(ownReport.perspectives[i].observation.outcome),
                  toString(baseReport.perspectives[i].observation.outcome));
        EXPECT_EQ(toString(hostReport.perspectives[i].observation.outcome),
                  toString(baseReport.perspectives[i].observation.outcome));
    }
    // The evaluator only reads: every AS's outcome and path are unchanged, and equal to a
    // fresh propagation of the same attack.
    EXPECT_TRUE(std::equal(before.begin(), before.end(), routing.outcomes().begin(),
                           routing.outcomes().end()));
    const RoutingOutcome fresh = hijack();
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        EXPECT_EQ(routing.asPath(v), pathsBefore[v]) << "AS" << graph.asnOf(v);
        EXPECT_EQ(toString(fresh.outcome(v)), toString(before[v])) << "AS" << graph.asnOf(v);
    }

    EXPECT_EQ(baseReport.verdict.corroborating, 2);
    EXPECT_EQ(baseReport.verdict.required, 2);
    EXPECT_TRUE(baseReport.verdict.issuedToAttacker);
    EXPECT_EQ(ownReport.verdict.corroborating, 2);
    EXPECT_EQ(ownReport.verdict.required, 3);
    EXPECT_FALSE(ownReport.verdict.issuedToAttacker);
    EXPECT_EQ(hostReport.verdict.corroborating, 3);
    EXPECT_EQ(hostReport.verdict.required, 3);
    EXPECT_TRUE(hostReport.verdict.issuedToAttacker);
}

/* (f) Export rules towards an own node (equally-specific, routes as derived above).
 *   peer of 40:             40 holds a provider route [20 666], not exported to a peer (E):
 *                           no route -> disconnected.
 *   provider 40:            a provider exports everything: [40 20 666] -> attacker.
 *   peer of 2:              2's customer route [20 666] -> [2 20 666], a peer route -> attacker.
 *   peers 40 and 1:         only 1's customer route [1 10 100] arrives (length 3); 40's
 *                           [40 20 666] would tie at length 3 and make it a tie-break, so the
 *                           step being only-route shows it was not offered -> victim.
 *   provider 40, peer 1:    peer route [1 10 100] over provider route [40 20 666] (R1) ->
 *                           victim, decided by relationship.
 *   customer 30:            30 holds a provider route, not exported to its providers (E):
 *                           disconnected.
 *   customer 20, peer 1:    20's customer route [20 666] arrives as a customer route and
 *                           beats 1's peer route (R1) -> attacker. */
TEST_F(MpicVerdict, OwnNodeAttachedAsPeerReceivesOnlyThePeersCustomerRoutes) {
    const RoutingOutcome routing = hijack();
    const CaConfiguration configuration =
        ca(21, {
                   ownNode("peer-of-40", 21, {{40, kPeer}}),
                   ownNode("under-40", 21, {{40, kProvider}}),
                   ownNode("peer-of-2", 21, {{2, kPeer}}),
                   ownNode("peer-of-40-and-1", 21, {{40, kPeer}, {1, kPeer}}),
                   ownNode("under-40-peer-of-1", 21, {{40, kProvider}, {1, kPeer}}),
                   ownNode("above-30", 21, {{30, kCustomer}}),
                   ownNode("above-20-peer-of-1", 21, {{20, kCustomer}, {1, kPeer}}),
               });
    const AttemptReport report = evaluate(routing, configuration, br(2025, 9, 15));
    ASSERT_EQ(report.perspectives.size(), 8u);
    auto observed = [&](std::size_t remote) -> const PerspectiveObservation& {
        return report.perspectives[remote + 1].observation;
    };

    EXPECT_EQ(toString(observed(0).outcome), toString(kDisconnected));
    EXPECT_EQ(toString(observed(0).step), toString(DecisionStep::NoRoute));
    EXPECT_FALSE(observed(0).slot.has_value());
    EXPECT_FALSE(observed(0).nextHop.has_value());

    EXPECT_EQ(toString(observed(1).outcome), toString(kAttacker));
    EXPECT_EQ(observed(1).nextHop, node(40));
    EXPECT_EQ(observed(1).routeClass, RouteClass::Provider);

    EXPECT_EQ(toString(observed(2).outcome), toString(kAttacker));
    EXPECT_EQ(observed(2).nextHop, node(2));
    EXPECT_EQ(observed(2).routeClass, RouteClass::Peer);

    EXPECT_EQ(toString(observed(3).outcome), toString(kVictim));
    EXPECT_EQ(observed(3).nextHop, node(1));
    EXPECT_EQ(observed(3).routeClass, RouteClass::Peer);
    EXPECT_EQ(toString(observed(3).step), toString(DecisionStep::OnlyRoute));

    EXPECT_EQ(toString(observed(4).outcome), toString(kVictim));
    EXPECT_EQ(observed(4).nextHop, node(1));
    EXPECT_EQ(toString(observed(4).step), toString(DecisionStep::Relationship));

    EXPECT_EQ(toString(observed(5).outcome), toString(kDisconnected));

    EXPECT_EQ(toString(observed(6).outcome), toString(kAttacker));
    EXPECT_EQ(observed(6).nextHop, node(20));
    EXPECT_EQ(observed(6).routeClass, RouteClass::Customer);
    EXPECT_EQ(toString(observed(6).step), toString(DecisionStep::Relationship));

    // Primary 21 (attacker); remotes under-40, peer-of-2 and above-20-peer-of-1 reach the
    // attacker: 3 of 7, while the BR table (2 failures allowed from 6 remotes) needs 5.
    EXPECT_EQ(report.verdict.corroborating, 3);
    EXPECT_EQ(report.verdict.required, 5);
    EXPECT_FALSE(report.verdict.issuedToAttacker);
}

/* (f) An own node with ROV (equally-specific).
 *   Customer of 20 and of 11: 20 offers [20 666] (length 2, origin 666: ROA-invalid),
 *   11 offers [11 1 10 100] (length 4, valid).
 *   Without ROV: R2 -> [20 666] -> attacker, decided by path length.
 *   With ROV: 20's route is dropped; [11 1 10 100] is the only route -> victim.
 *   Customer of 20 alone with ROV: nothing valid -> disconnected. */
TEST_F(MpicVerdict, OwnNodeWithRovDropsTheInvalidEquallySpecificRoute) {
    const RoutingOutcome routing = hijack();
    const std::vector<PerspectiveLink> links = {{20, kProvider}, {11, kProvider}};
    const CaConfiguration configuration =
        ca(21, {ownNode("plain", 21, links, Rir::Ripe, false),
                ownNode("rov", 21, links, Rir::Ripe, true),
                ownNode("rov-under-20", 21, {{20, kProvider}}, Rir::Ripe, true)});
    const AttemptReport report = evaluate(routing, configuration, br(2025, 9, 15));
    ASSERT_EQ(report.perspectives.size(), 4u);

    const PerspectiveObservation& plain = report.perspectives[1].observation;
    EXPECT_EQ(toString(plain.outcome), toString(kAttacker));
    EXPECT_EQ(plain.nextHop, node(20));
    EXPECT_EQ(toString(plain.step), toString(DecisionStep::PathLength));

    const PerspectiveObservation& filtered = report.perspectives[2].observation;
    EXPECT_EQ(toString(filtered.outcome), toString(kVictim));
    EXPECT_EQ(filtered.nextHop, node(11));
    EXPECT_EQ(toString(filtered.step), toString(DecisionStep::OnlyRoute));

    EXPECT_EQ(toString(report.perspectives[3].observation.outcome), toString(kDisconnected));
    // The ROV of a perspective's own node is its own import policy: 20 still routes to 666.
    EXPECT_EQ(toString(routing.outcome(node(20))), toString(kAttacker));
}

/* (g) Sub-prefix hijack, /22 victim prefix, /23 from 666; ROV adopters 10 and 11.
 *   Sub-prefix (origin 666, invalid for the adopters):
 *     20: [666]; 2: customer 20 -> [20 666]; 1: peer 2 -> [2 20 666]; 21, 22, 50: provider 2
 *     -> [2 20 666] (50's peer 10 has nothing to give); 30, 40: provider 20 -> [20 666];
 *     41, 42: via 21, 22. 10 and 11 drop 1's [1 2 20 666] (ROV), so 100 and 31 get none.
 *   Victim prefix (origin 100, valid): as without an attacker: 10 [100], 1 [10 100],
 *     11 [1 10 100], 31 [11 1 10 100], 30 [10 100], 40 [11 1 10 100], 50 [10 100], ...
 *   Forwarding (most specific first): everyone holding the sub-prefix -> attacker.
 *     10 (ROV) forwards on the /22 to 100 -> victim.
 *     11 (ROV) forwards on the /22 to 1, and 1 holds the /23 -> attacker: captured.
 *     31 forwards on the /22 to 11, 11 to 1 -> attacker.
 *   Verdict BR 2026-03-15: primary 21 (A); remotes 11 ARIN (A), 10 RIPE (V), 40 APNIC (A):
 *     2 of 3, 2 required, spanning ARIN and APNIC (2 of 2) -> issued.
 *   With a /24 victim prefix the /25 is filtered everywhere: all of them reach the victim ->
 *   refused, and the owner is not blocked. */
TEST_F(MpicVerdict, SubprefixCapturesRovPerspectiveWhoseNextHopHoldsTheSubprefix) {
    const RovDeployment rov = rovOf({10, 11});
    const RoutingOutcome routing = run(AttackType::Subprefix, kVictimAs, rov);
    expectOutcomes(routing, {10, 100}, {1, 2, 11, 20, 21, 22, 30, 31, 40, 41, 42, 50, 666});
    EXPECT_FALSE(routing.hasRoute(node(11), PrefixSlot::Subprefix));
    EXPECT_FALSE(routing.hasRoute(node(10), PrefixSlot::Subprefix));
    EXPECT_TRUE(routing.hasRoute(node(1), PrefixSlot::Subprefix));
    EXPECT_EQ(routing.nextHop(node(11), PrefixSlot::VictimPrefix), node(1));
    EXPECT_EQ(routing.nextHop(node(1), PrefixSlot::Subprefix), node(2));

    const CaConfiguration configuration =
        ca(21, {in(11, Rir::Arin), in(10, Rir::Ripe), in(40, Rir::Apnic)});
    const AttemptReport report = evaluate(routing, configuration, br(2026, 3, 15), rov);
    ASSERT_EQ(report.perspectives.size(), 4u);
    EXPECT_EQ(outcomesOf(report),
              (std::vector<std::string>{"attacker", "attacker", "victim", "attacker"}));
    const PerspectiveObservation& inRovAs = report.perspectives[1].observation;
    EXPECT_EQ(inRovAs.slot, PrefixSlot::VictimPrefix);
    EXPECT_EQ(inRovAs.nextHop, node(1));
    EXPECT_EQ(inRovAs.routeClass, RouteClass::Provider);
    const PerspectiveObservation& besideVictim = report.perspectives[2].observation;
    EXPECT_EQ(besideVictim.slot, PrefixSlot::VictimPrefix);
    EXPECT_EQ(besideVictim.nextHop, node(100));
    EXPECT_EQ(report.perspectives[3].observation.slot, PrefixSlot::Subprefix);
    EXPECT_EQ(report.verdict.corroborating, 2);
    EXPECT_EQ(report.verdict.corroboratingRirs, 2);
    EXPECT_EQ(report.verdict.required, 2);
    EXPECT_EQ(report.verdict.requiredRirs, 2);
    EXPECT_TRUE(report.verdict.issuedToAttacker);

    const RoutingOutcome filtered = run(AttackType::Subprefix, kVictimAs, rov, 24);
    const AttemptReport slash24 =
        evaluate(filtered, configuration, br(2026, 3, 15), rov, {"web host", kVictimAs, 24});
    EXPECT_EQ(outcomesOf(slash24),
              (std::vector<std::string>{"victim", "victim", "victim", "victim"}));
    EXPECT_FALSE(slash24.verdict.issuedToAttacker);
    EXPECT_FALSE(slash24.verdict.legitimateIssuanceBlocked);
}

/* (h) The attacker picks the target prefix (dns-01: the nameservers; web host 100 unused).
 *   Nameserver 1 in AS31, nameserver 2 in AS42; attacker 666, equally-specific.
 *   Hijacking 31's prefix:
 *     11: customer 31 -> [31]. 1: customer 11 -> [11 31] (R1 over peer 2's [2 20 666]).
 *     2: customer 20 -> [20 666]. 10: provider 1 -> [1 11 31]; 100 via 10. 50: provider 2's
 *     [2 20 666] (peer 10 holds a provider route, not exported) -> attacker. 30: providers 10
 *     ([10 1 11 31], 4) and 20 ([20 666], 2): R2 -> attacker. 40: providers 11 ([11 31]) and
 *     20 ([20 666]), both length 2: R3 -> 11 -> victim. 21, 22, 41, 42 -> attacker.
 *   Hijacking 42's prefix:
 *     22: customer 42 -> [42]. 2: customers 20 ([20 666]) and 22 ([22 42]), both length 2:
 *     R3 -> 20 -> attacker. 1: no customer route; peer 2 -> [2 20 666]: attacker, and so
 *     are 10, 11, 100, 31 below it; 30 and 40 take [20 666] (length 2 beats 5); 50 provider
 *     2 -> attacker. Only 22 and 42 reach the victim.
 *   CA: primary 21 (attacker in both), remotes 10 ARIN, 30 RIPE, 40 APNIC, 50 LACNIC;
 *   BR 2026-03-15 (3 of 4, 2 RIRs):
 *     nameserver 1: 30, 50 captured -> 2 of 4 -> refused;
 *     nameserver 2: all four captured -> issued.
 *   The attacker takes nameserver 2. (http-01 would contact the web host only: 1 of 4.) */
TEST_F(MpicVerdict, AttackerPicksTheNameserverWhoseHijackIssues) {
    DomainTargets domain;
    domain.webHost = {"web host", kVictimAs, 22};
    domain.nameservers = {{"nameserver 1", 31, 22}, {"nameserver 2", 42, 22}};
    const CaConfiguration configuration =
        ca(21, {in(10, Rir::Arin), in(30, Rir::Ripe), in(40, Rir::Apnic), in(50, Rir::Lacnic)});
    const QuorumPolicy quorum = br(2026, 3, 15);

    const RoutingOutcome toNs1 = hijack(31);
    expectOutcomes(toNs1, {1, 10, 11, 31, 40, 100}, {2, 20, 21, 22, 30, 41, 42, 50, 666});
    const RoutingOutcome toNs2 = hijack(42);
    expectOutcomes(toNs2, {22, 42}, {1, 2, 10, 11, 20, 21, 30, 31, 40, 41, 50, 100, 666});

    const std::vector<PrefixTarget> targets = domain.targetsFor(ValidationMethod::Dns01);
    ASSERT_EQ(targets.size(), 2u);
    std::vector<AttemptReport> attempts;
    for (const PrefixTarget& target : targets) {
        attempts.push_back(evaluate(hijack(target.origin), configuration, quorum, noRov, target));
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i < attempts.size(); ++i) {
        if (attempts[i].betterForAttackerThan(attempts[best])) {
            best = i;
        }
    }
    EXPECT_EQ(outcomesOf(attempts[0]),
              (std::vector<std::string>{"attacker", "victim", "attacker", "victim", "attacker"}));
    EXPECT_EQ(attempts[0].verdict.corroborating, 2);
    EXPECT_FALSE(attempts[0].verdict.issuedToAttacker);
    EXPECT_EQ(attempts[1].verdict.corroborating, 4);
    EXPECT_TRUE(attempts[1].verdict.issuedToAttacker);
    EXPECT_TRUE(attempts[1].betterForAttackerThan(attempts[0]));
    EXPECT_FALSE(attempts[0].betterForAttackerThan(attempts[1]));

    const AttemptReport& chosen = attempts[best];
    EXPECT_EQ(chosen.target.role, "nameserver 2");
    EXPECT_EQ(chosen.target.origin, 42u);
    EXPECT_TRUE(chosen.verdict.issuedToAttacker);

    const std::vector<PrefixTarget> http = domain.targetsFor(ValidationMethod::Http01);
    ASSERT_EQ(http.size(), 1u);
    EXPECT_EQ(http[0].origin, kVictimAs);
    const AttemptReport webHost = evaluate(hijack(), configuration, quorum, noRov, http[0]);
    EXPECT_EQ(webHost.verdict.corroborating, 1);
    EXPECT_FALSE(webHost.verdict.issuedToAttacker);
}

// (i) Configurations the evaluator cannot apply.
TEST_F(MpicVerdict, EvaluatorRejectsMissingPrimaryAndUnknownAses) {
    const CaConfiguration noPrimary = ca(std::nullopt, {in(30), in(40, Rir::Ripe)});
    EXPECT_THROW(MpicEvaluator(graph, noRov, noPrimary, br(2026, 3, 15)), std::invalid_argument);
    EXPECT_THROW(MpicEvaluator(graph, noRov, noPrimary, policy("single", 2026, 1, 1)),
                 std::invalid_argument);
    // open-mpic has no primary: the same configuration is fine there. 30 (victim) and 40
    // (attacker): 1 of 2 corroborate, open-mpic needs n-1 = 1 -> issued without a primary.
    const MpicEvaluator openMpic(graph, noRov, noPrimary, policy("open-mpic", 2026, 1, 1));
    const AttemptReport report = openMpic.evaluate(hijack(), kWebHost);
    EXPECT_FALSE(report.verdict.primaryUsed);
    ASSERT_EQ(report.perspectives.size(), 2u);
    EXPECT_FALSE(report.perspectives[0].primary);
    EXPECT_EQ(report.verdict.corroborating, 1);
    EXPECT_EQ(report.verdict.required, 1);
    EXPECT_TRUE(report.verdict.issuedToAttacker);

    auto expectNamed = [&](const CaConfiguration& configuration,
                           const std::vector<std::string>& fragments) {
        try {
            const MpicEvaluator evaluator(graph, noRov, configuration, br(2026, 3, 15));
            ADD_FAILURE() << "no std::invalid_argument";
        } catch (const std::invalid_argument& error) {
            const std::string message = error.what();
            for (const std::string& fragment : fragments) {
                EXPECT_NE(message.find(fragment), std::string::npos)
                    << "'" << fragment << "' not in: " << message;
            }
        }
    };
    Perspective absentRemote = in(64999, Rir::Ripe);
    absentRemote.id = "remote-nowhere";
    expectNamed(ca(21, {in(30), absentRemote}), {"remote-nowhere", "AS64999"});
    Perspective absentPrimary = in(64998);
    absentPrimary.id = "primary-nowhere";
    expectNamed(ca(absentPrimary, {in(30)}), {"primary-nowhere", "AS64998"});
    expectNamed(ca(21, {ownNode("own-nowhere", 21, {{11, kProvider}, {64997, kPeer}})}),
                {"own-nowhere", "AS64997"});
}

}  // namespace
}  // namespace mpicsim
