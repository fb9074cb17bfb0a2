// Small topologies whose routing state is derived by hand in the comments, then checked for
// every AS: the data-plane outcome, the AS path the AS forwards on and, for the ASes that
// matter, the decision step that picked the route.
//
// Notation in the sketches: "A -> B" means A is B's provider (B is A's customer), "A == B"
// means A and B peer. Paths are written from the next hop to the origin, as asPath() returns
// them. Unless a test says otherwise the tie-break is lowest-asn and nobody runs ROV.
//
// Rules used in every derivation (DESIGN.md, "Routing model"):
//   R1 customer-learned over peer-learned over provider-learned;
//   R2 then the shorter AS path;
//   R3 then the tie-break on the next hop;
//   E  own and customer-learned routes go to everyone, peer/provider-learned ones only to
//      customers;
//   L  a route whose path contains the receiver is dropped;
//   ROV adopters drop ROA-invalid routes (the attacker's origin in equally-specific, any
//      sub-prefix route); forged-origin routes ("attacker victim") are valid.

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "mpicsim/routing/Attack.hpp"
#include "mpicsim/routing/AttackType.hpp"
#include "mpicsim/routing/DataPlane.hpp"
#include "mpicsim/routing/DecisionExplainer.hpp"
#include "mpicsim/routing/DecisionStep.hpp"
#include "mpicsim/routing/Outcome.hpp"
#include "mpicsim/routing/PrefixSlot.hpp"
#include "mpicsim/routing/Propagator.hpp"
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

// One row of a hand derivation: where the AS's traffic ends up and the path it forwards on.
struct Expected {
    Asn asn;
    Outcome outcome;
    std::vector<Asn> asPath;
};

std::vector<NodeIndex> nodesOf(const AsGraph& graph, const std::vector<Asn>& asns) {
    std::vector<NodeIndex> nodes;
    for (Asn asn : asns) {
        const std::optional<NodeIndex> node = graph.nodeOf(asn);
        if (!node) {
            throw std::invalid_argument("AS" + std::to_string(asn) + " is not in the graph");
        }
        nodes.push_back(*node);
    }
    return nodes;
}

// A graph with its tie-break ranking, ROV deployment and propagator, addressed by ASN.
// Not copyable: the propagator and every RoutingOutcome point into it.
class Scenario {
  public:
    Scenario(const test::GraphBuilder& builder, const TieBreak& tieBreak,
             const std::vector<Asn>& rovAdopters = {})
        : graph_(builder.build()),
          ranking_(graph_, tieBreak),
          rov_(RovDeployment::of(graph_.nodeCount(), nodesOf(graph_, rovAdopters))),
          propagator_(graph_, ranking_, rov_) {}
    explicit Scenario(const test::GraphBuilder& builder, const std::vector<Asn>& rovAdopters = {})
        : Scenario(builder, TieBreak::lowestAsn(), rovAdopters) {}
    Scenario(const Scenario&) = delete;
    Scenario& operator=(const Scenario&) = delete;

    NodeIndex node(Asn asn) const { return nodesOf(graph_, {asn}).front(); }

    RoutingOutcome run(AttackType type, Asn victim, std::optional<Asn> attacker = std::nullopt,
                       int victimPrefixLength = Attack::kDefaultVictimPrefixLength) const {
        Attack attack;
        attack.type = type;
        attack.victim = node(victim);
        attack.attacker = attacker ? node(*attacker) : 0;
        attack.victimPrefixLength = victimPrefixLength;
        return propagator_.run(attack);
    }

    // Checks that `expected` covers every AS exactly once and matches the outcome, the AS
    // path and the hop-by-hop DataPlane trace of each.
    void expectAll(const RoutingOutcome& routing, const std::vector<Expected>& expected) const {
        ASSERT_EQ(expected.size(), graph_.nodeCount()) << "the derivation must cover every AS";
        std::set<Asn> seen;
        for (const Expected& row : expected) {
            SCOPED_TRACE("AS" + std::to_string(row.asn));
            ASSERT_TRUE(seen.insert(row.asn).second) << "AS listed twice";
            const NodeIndex v = node(row.asn);
            EXPECT_EQ(toString(routing.outcome(v)), toString(row.outcome));
            EXPECT_EQ(routing.asPath(v), row.asPath);
            EXPECT_EQ(toString(DataPlane::trace(routing, v).outcome), toString(row.outcome));
        }
    }

    RouteExplanation explain(const RoutingOutcome& routing, Asn asn) const {
        return DecisionExplainer(rov_).explain(routing, node(asn));
    }
    RouteExplanation explain(const RoutingOutcome& routing, Asn asn, PrefixSlot slot) const {
        return DecisionExplainer(rov_).explain(routing, node(asn), slot);
    }

    void expectStep(const RoutingOutcome& routing, Asn asn, DecisionStep step) const {
        EXPECT_EQ(toString(explain(routing, asn).step), toString(step))
            << "decision step of AS" << asn;
    }
    void expectStep(const RoutingOutcome& routing, Asn asn, PrefixSlot slot,
                    DecisionStep step) const {
        EXPECT_EQ(toString(explain(routing, asn, slot).step), toString(step))
            << "decision step of AS" << asn << " for slot " << static_cast<int>(slot);
    }

    // The neighbours (ASNs, ascending) whose routes the AS's ROV dropped for the slot.
    std::vector<Asn> rovRejected(const RoutingOutcome& routing, Asn asn, PrefixSlot slot) const {
        std::vector<Asn> asns;
        for (NodeIndex neighbour : explain(routing, asn, slot).rovRejected) {
            asns.push_back(graph_.asnOf(neighbour));
        }
        std::sort(asns.begin(), asns.end());
        return asns;
    }

    std::optional<Asn> nextHopAsn(const RoutingOutcome& routing, Asn asn, PrefixSlot slot) const {
        const std::optional<NodeIndex> hop = routing.nextHop(node(asn), slot);
        if (!hop) {
            return std::nullopt;
        }
        return graph_.asnOf(*hop);
    }

  private:
    AsGraph graph_;
    TieBreakRanking ranking_;
    RovDeployment rov_;
    Propagator propagator_;
};

// MD5 of an ASN's decimal string, computed here independently of TieBreak::md5Digest.
std::array<unsigned char, 16> md5Of(Asn asn) {
    const std::string text = std::to_string(asn);
    std::array<unsigned char, 16> digest{};
    unsigned int length = 0;
    if (EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_md5(), nullptr) != 1 ||
        length != digest.size()) {
        throw std::runtime_error("EVP_Digest failed");
    }
    return digest;
}

std::string hex(const std::array<unsigned char, 16>& digest) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text;
    for (unsigned char byte : digest) {
        text += kDigits[byte >> 4];
        text += kDigits[byte & 0xF];
    }
    return text;
}

// The md5 policy: the larger digest (compared byte by byte) wins.
Asn md5Winner(Asn a, Asn b) {
    return md5Of(a) > md5Of(b) ? a : b;
}
// The random policy: the lower TieBreak::randomKey wins.
Asn randomWinner(std::uint64_t seed, Asn a, Asn b) {
    return TieBreak::randomKey(seed, a) < TieBreak::randomKey(seed, b) ? a : b;
}

/* ---------------------------------------------------------------------------------------
 * 1. Relationship beats path length (attack none).
 *
 *          6 ========= 8
 *         / \          ||
 *        v   v         ||
 *        1 == 5 ========+        (8 peers with 6 and with 5)
 *        ^    | \
 *        |    v  v
 *        3 <- 4  7
 *
 *   Links: 3->1, 4->3, 5->4, 1==5, 6->1, 6->5, 5->7, 8==6, 8==5. Victim 1.
 *
 *   3: customer 1 gives [1]; its provider 4 only has [3 1] (contains 3, L). Only route [1].
 *   4: customer 3 gives [3 1]; provider 5's route [4 3 1] contains 4. Only route [3 1].
 *   6: customers 1 ([1], length 1) and 5 ([5 4 3 1], length 4): path length picks [1].
 *   5: customer 4 gives [4 3 1] (length 3); peer 1 gives [1] (length 1, the victim's own
 *      route goes to everyone); provider 6 gives [6 1] (length 2); peer 8 holds only peer
 *      routes and sends nothing. R1: the long customer route wins -> [4 3 1] (relationship).
 *   7: provider 5 -> [5 4 3 1] (only route).
 *   8: peer 6 sends its customer route -> [6 1] (length 2); peer 5 sends its customer route
 *      -> [5 4 3 1] (length 4). R2 -> [6 1] (path length).
 *   1 gets [5 4 3 1] from peer 5 but it contains 1; it originates anyway. All reach 1.
 * ------------------------------------------------------------------------------------ */
TEST(PropagatorHandWorked, LongCustomerRouteBeatsShortPeerAndProviderRoutes) {
    test::GraphBuilder builder;
    builder.providerOf(3, 1)
        .providerOf(4, 3)
        .providerOf(5, 4)
        .peers(1, 5)
        .providerOf(6, 1)
        .providerOf(6, 5)
        .providerOf(5, 7)
        .peers(8, 6)
        .peers(8, 5);
    const Scenario s(builder);
    const RoutingOutcome r = s.run(AttackType::None, 1);

    s.expectAll(r, {
                       {1, kVictim, {}},
                       {3, kVictim, {1}},
                       {4, kVictim, {3, 1}},
                       {5, kVictim, {4, 3, 1}},
                       {6, kVictim, {1}},
                       {7, kVictim, {5, 4, 3, 1}},
                       {8, kVictim, {6, 1}},
                   });
    s.expectStep(r, 1, DecisionStep::Origin);
    s.expectStep(r, 3, DecisionStep::OnlyRoute);
    s.expectStep(r, 4, DecisionStep::OnlyRoute);
    s.expectStep(r, 5, DecisionStep::Relationship);
    s.expectStep(r, 6, DecisionStep::PathLength);
    s.expectStep(r, 7, DecisionStep::OnlyRoute);
    s.expectStep(r, 8, DecisionStep::PathLength);

    // The three routes 5 weighed, best first: customer (3 hops), peer (1), provider (2).
    const RouteExplanation at5 = s.explain(r, 5);
    ASSERT_EQ(at5.candidates.size(), 3u);
    EXPECT_EQ(at5.candidates[0].neighbour, s.node(4));
    EXPECT_EQ(at5.candidates[0].attributes.pathLength, 3u);
    EXPECT_EQ(at5.candidates[1].neighbour, s.node(1));
    EXPECT_EQ(at5.candidates[1].attributes.pathLength, 1u);
    EXPECT_EQ(at5.candidates[2].neighbour, s.node(6));
    EXPECT_EQ(at5.candidates[2].attributes.pathLength, 2u);
}

/* ---------------------------------------------------------------------------------------
 * 2. Path length beats the tie-break (equally-specific, victim 9, attacker 6).
 *
 *              5 ========= 8
 *            / | \       / | \
 *           v  v  v     v  v  v
 *           3  6  7     9  6  4      (6, 9 and 4 have two providers each and
 *          / \                        are drawn twice)
 *         v   v
 *         9   4
 *
 *   Links: 3->9, 5->3, 5->6, 5->7, 8->9, 8->6, 3->4, 8->4, 5==8.
 *
 *   5: customers 3 ([3 9], length 2) and 6 ([6], length 1); peer 8 sends [8 6] (length 2).
 *      Lowest-asn would pick 3, but R2 comes first: [6] (path length) -> attacker.
 *   8: customers 9 ([9]) and 6 ([6]), both length 1: R3 picks 6 (tie-break) -> attacker.
 *   3: customer 9 gives [9]; provider 5 gives [5 6]. R1 -> [9] (relationship) -> victim.
 *   4: providers 3 ([3 9]) and 8 ([8 6]), both provider routes of length 2: R3 picks 3
 *      (tie-break) -> victim.
 *   7: provider 5 -> [5 6] (only route) -> attacker.
 * ------------------------------------------------------------------------------------ */
TEST(PropagatorHandWorked, ShorterPathBeatsLowerNextHop) {
    test::GraphBuilder builder;
    builder.providerOf(3, 9)
        .providerOf(5, 3)
        .providerOf(5, 6)
        .providerOf(5, 7)
        .providerOf(8, 9)
        .providerOf(8, 6)
        .providerOf(3, 4)
        .providerOf(8, 4)
        .peers(5, 8);
    const Scenario s(builder);
    const RoutingOutcome r = s.run(AttackType::EquallySpecific, 9, 6);

    s.expectAll(r, {
                       {3, kVictim, {9}},
                       {4, kVictim, {3, 9}},
                       {5, kAttacker, {6}},
                       {6, kAttacker, {}},
                       {7, kAttacker, {5, 6}},
                       {8, kAttacker, {6}},
                       {9, kVictim, {}},
                   });
    s.expectStep(r, 9, DecisionStep::Origin);
    s.expectStep(r, 6, DecisionStep::Origin);
    s.expectStep(r, 5, DecisionStep::PathLength);
    s.expectStep(r, 8, DecisionStep::TieBreak);
    s.expectStep(r, 3, DecisionStep::Relationship);
    s.expectStep(r, 4, DecisionStep::TieBreak);
    s.expectStep(r, 7, DecisionStep::OnlyRoute);
}

/* ---------------------------------------------------------------------------------------
 * 3. Valley-free export (equally-specific, victim 1, attacker 2).
 *
 *                 40
 *                /  \
 *               v    v
 *     50 ==== 20      10
 *            /  \\     \
 *           v    30     v
 *          21     \     1
 *                  v
 *                  2
 *
 *   Links: 10->1, 30->2, 20==30, 20->21, 40->20, 40->10, 20==50.
 *
 *   10: customer 1 -> [1]; provider 40's route [10 1] contains 10. Only route, victim.
 *   30: customer 2 -> [2]; peer 20 holds a peer route and sends nothing. Only route.
 *   40: customer 10 sends [10 1]; customer 20 holds a peer-learned route and does not send
 *       it to its provider (E). Only route [10 1] -> 40 stays with the victim.
 *   20: peer 30 sends its customer route [30 2] (length 2); provider 40 sends [40 10 1]
 *       (length 3); peer 50 has nothing. R1 -> [30 2] (relationship) -> attacker.
 *   21: provider 20 -> [20 30 2] -> attacker.
 *   50: its only neighbour, peer 20, holds a peer-learned route and sends it only to its
 *       customers (E): no route -> disconnected.
 * ------------------------------------------------------------------------------------ */
TEST(PropagatorHandWorked, PeerLearnedRouteIsNotExportedToPeersOrProviders) {
    test::GraphBuilder builder;
    builder.providerOf(10, 1)
        .providerOf(30, 2)
        .peers(20, 30)
        .providerOf(20, 21)
        .providerOf(40, 20)
        .providerOf(40, 10)
        .peers(20, 50);
    const Scenario s(builder);
    const RoutingOutcome r = s.run(AttackType::EquallySpecific, 1, 2);

    s.expectAll(r, {
                       {1, kVictim, {}},
                       {2, kAttacker, {}},
                       {10, kVictim, {1}},
                       {20, kAttacker, {30, 2}},
                       {21, kAttacker, {20, 30, 2}},
                       {30, kAttacker, {2}},
                       {40, kVictim, {10, 1}},
                       {50, kDisconnected, {}},
                   });
    s.expectStep(r, 10, DecisionStep::OnlyRoute);
    s.expectStep(r, 20, DecisionStep::Relationship);
    s.expectStep(r, 30, DecisionStep::OnlyRoute);
    s.expectStep(r, 40, DecisionStep::OnlyRoute);
    s.expectStep(r, 50, DecisionStep::NoRoute);
    EXPECT_FALSE(r.forwardingSlot(s.node(50)).has_value());
}

/* ---------------------------------------------------------------------------------------
 * 4. Sub-prefix capture of ASes that hold no sub-prefix route (victim 1, attacker 2, /22;
 *    ROV adopters 20 and 40).
 *
 *            50 ==== 10          40 (ROV)
 *                   / | \          |
 *                  v  v  v         v
 *                  1  2  20 (ROV)  1
 *                         |
 *                         v
 *                         30
 *
 *   Links: 10->1, 10->2, 10->20, 20->30, 40->1, 10==50.
 *
 *   Sub-prefix (origin 2, invalid for every adopter):
 *     10: customer 2 -> [2]. 50: peer 10 sends its customer route -> [10 2].
 *     1: provider 10 -> [10 2] (the victim holds it, but delivers to itself).
 *     20: provider 10's [10 2] dropped by ROV; 30 (behind 20) and 40 (1 does not pass a
 *     provider-learned route up to 40; 40 would drop it anyway) get nothing.
 *   Victim prefix (origin 1, valid):
 *     10: customer 1 -> [1]. 20: provider 10 -> [10 1]. 30: provider 20 -> [20 10 1].
 *     40: customer 1 -> [1]. 50: peer 10 -> [10 1]. 2: provider 10 -> [10 1].
 *   Forwarding, most specific prefix first:
 *     10 and 50 forward on the sub-prefix: [2] and [10 2] -> attacker.
 *     20 has only the victim prefix, to 10, and 10 forwards on the sub-prefix to 2: captured
 *     with path [10 1]. 30 -> 20 -> 10 -> 2: captured with path [20 10 1].
 *     40 -> 1: the traffic enters the victim's AS, delivered there -> victim.
 * ------------------------------------------------------------------------------------ */
TEST(PropagatorHandWorked, SubprefixCapturesAdopterWhoseNextHopHoldsTheSubprefix) {
    test::GraphBuilder builder;
    builder.providerOf(10, 1)
        .providerOf(10, 2)
        .providerOf(10, 20)
        .providerOf(20, 30)
        .providerOf(40, 1)
        .peers(10, 50);
    const Scenario s(builder, {20, 40});
    const RoutingOutcome r = s.run(AttackType::Subprefix, 1, 2);

    s.expectAll(r, {
                       {1, kVictim, {}},
                       {2, kAttacker, {}},
                       {10, kAttacker, {2}},
                       {20, kAttacker, {10, 1}},
                       {30, kAttacker, {20, 10, 1}},
                       {40, kVictim, {1}},
                       {50, kAttacker, {10, 2}},
                   });
    // Which prefix each AS forwards on.
    EXPECT_EQ(r.forwardingSlot(s.node(10)), PrefixSlot::Subprefix);
    EXPECT_EQ(r.forwardingSlot(s.node(50)), PrefixSlot::Subprefix);
    EXPECT_EQ(r.forwardingSlot(s.node(20)), PrefixSlot::VictimPrefix);
    EXPECT_EQ(r.forwardingSlot(s.node(30)), PrefixSlot::VictimPrefix);
    EXPECT_EQ(r.forwardingSlot(s.node(40)), PrefixSlot::VictimPrefix);
    EXPECT_EQ(s.nextHopAsn(r, 20, PrefixSlot::VictimPrefix), Asn{10});
    EXPECT_EQ(s.nextHopAsn(r, 10, PrefixSlot::Subprefix), Asn{2});
    EXPECT_EQ(s.nextHopAsn(r, 1, PrefixSlot::Subprefix), Asn{10});

    s.expectStep(r, 1, PrefixSlot::VictimPrefix, DecisionStep::Origin);
    s.expectStep(r, 2, PrefixSlot::Subprefix, DecisionStep::Origin);
    s.expectStep(r, 10, DecisionStep::OnlyRoute);  // the sub-prefix, from customer 2
    s.expectStep(r, 20, DecisionStep::OnlyRoute);  // the victim prefix, from provider 10
    s.expectStep(r, 20, PrefixSlot::Subprefix, DecisionStep::NoRoute);
    EXPECT_EQ(s.rovRejected(r, 20, PrefixSlot::Subprefix), std::vector<Asn>{10});
    s.expectStep(r, 30, DecisionStep::OnlyRoute);
    s.expectStep(r, 40, DecisionStep::OnlyRoute);
    s.expectStep(r, 50, DecisionStep::OnlyRoute);
}

/* ---------------------------------------------------------------------------------------
 * 5. An ROV adopter is safe from an equally-specific hijack but is captured by a sub-prefix
 *    hijack through its non-adopting next hop (victim 1, attacker 2, adopter 7).
 *
 *              5 ======= 8
 *            / | \      / \
 *           v  v  v    v   v
 *           2  6  7    1   7        (7 is the customer of 5 and 8)
 *              |  |
 *              v  v
 *              1  9
 *
 *   Links: 5->2, 5->6, 6->1, 8->1, 5->7, 8->7, 5==8, 7->9. ROV: {7}.
 *
 *   Equally-specific:
 *     5: customers 2 ([2], length 1) and 6 ([6 1], length 2); peer 8 ([8 1]). R2 -> [2].
 *     6: customer 1 -> [1]; provider 5 -> [5 2]. R1 -> [1].
 *     8: customer 1 -> [1]; peer 5 -> [5 2]. R1 -> [1].
 *     7: provider 5 sends [5 2] (invalid, dropped); provider 8 sends [8 1]. Only route.
 *     9: provider 7 -> [7 8 1]. Every route an adopter keeps leads to the victim.
 *   Sub-prefix (/22), prefix of origin 2:
 *     5: [2]. 6: provider 5 -> [5 2]. 8: peer 5 sends its customer route -> [5 2].
 *     1: providers 6 ([6 5 2]) and 8 ([8 5 2]) tie, 6 wins (victim delivers locally anyway).
 *     7 drops both [5 2] and [8 5 2]; 9 gets nothing.
 *   Sub-prefix, victim prefix of origin 1:
 *     5: customer 6 -> [6 1] (peer 8's [8 1] loses on R1). 6: [1]. 8: [1].
 *     7: providers 5 ([5 6 1], length 3) and 8 ([8 1], length 2): R2 -> [8 1].
 *     9: [7 8 1].
 *   Forwarding: 7 -> 8 on the victim prefix, but 8 forwards on the sub-prefix to 5 -> 2:
 *   the adopter 7 and its customer 9 are captured. 6 and 8 use [5 2], 5 uses [2].
 * ------------------------------------------------------------------------------------ */
TEST(PropagatorHandWorked, AdopterIsCapturedBySubprefixThroughNonAdoptingNextHop) {
    test::GraphBuilder builder;
    builder.providerOf(5, 2)
        .providerOf(5, 6)
        .providerOf(6, 1)
        .providerOf(8, 1)
        .providerOf(5, 7)
        .providerOf(8, 7)
        .peers(5, 8)
        .providerOf(7, 9);
    const Scenario s(builder, {7});

    const RoutingOutcome es = s.run(AttackType::EquallySpecific, 1, 2);
    s.expectAll(es, {
                        {1, kVictim, {}},
                        {2, kAttacker, {}},
                        {5, kAttacker, {2}},
                        {6, kVictim, {1}},
                        {7, kVictim, {8, 1}},
                        {8, kVictim, {1}},
                        {9, kVictim, {7, 8, 1}},
                    });
    s.expectStep(es, 5, DecisionStep::PathLength);
    s.expectStep(es, 6, DecisionStep::Relationship);
    s.expectStep(es, 8, DecisionStep::Relationship);
    s.expectStep(es, 7, DecisionStep::OnlyRoute);
    EXPECT_EQ(s.rovRejected(es, 7, PrefixSlot::VictimPrefix), std::vector<Asn>{5});
    s.expectStep(es, 9, DecisionStep::OnlyRoute);

    const RoutingOutcome sub = s.run(AttackType::Subprefix, 1, 2);
    s.expectAll(sub, {
                         {1, kVictim, {}},
                         {2, kAttacker, {}},
                         {5, kAttacker, {2}},
                         {6, kAttacker, {5, 2}},
                         {7, kAttacker, {8, 1}},
                         {8, kAttacker, {5, 2}},
                         {9, kAttacker, {7, 8, 1}},
                     });
    EXPECT_FALSE(sub.hasRoute(s.node(7), PrefixSlot::Subprefix));
    EXPECT_FALSE(sub.hasRoute(s.node(9), PrefixSlot::Subprefix));
    EXPECT_EQ(s.nextHopAsn(sub, 1, PrefixSlot::Subprefix), Asn{6});
    s.expectStep(sub, 1, PrefixSlot::Subprefix, DecisionStep::TieBreak);
    s.expectStep(sub, 7, DecisionStep::PathLength);  // victim prefix: [8 1] over [5 6 1]
    s.expectStep(sub, 7, PrefixSlot::Subprefix, DecisionStep::NoRoute);
    EXPECT_EQ(s.rovRejected(sub, 7, PrefixSlot::Subprefix), (std::vector<Asn>{5, 8}));
    s.expectStep(sub, 8, DecisionStep::OnlyRoute);  // sub-prefix: only peer 5 sends one
    s.expectStep(sub, 5, PrefixSlot::VictimPrefix, DecisionStep::Relationship);
}

/* ---------------------------------------------------------------------------------------
 * 6. An equally-specific hijack stopped by ROV at a chokepoint (victim 1, attacker 2).
 *
 *              30 ===== 40
 *             /  \        \
 *            v    v        v
 *           10    20       41
 *          /  \     \
 *         v    v     v
 *         2    11    1
 *
 *   Links: 10->2, 10->11, 20->1, 30->10, 30->20, 30==40, 40->41. 10 is the attacker's only
 *   neighbour.
 *
 *   Without ROV:
 *     10: customer 2 -> [2] (provider 30's route will be [10 2], containing 10). Only route.
 *     20: customer 1 -> [1]; provider 30 -> [30 10 2]. R1 -> [1].
 *     30: customers 10 ([10 2]) and 20 ([20 1]), both length 2: R3 -> 10 -> attacker.
 *     11: [10 2]. 40: peer 30 -> [30 10 2]. 41: [40 30 10 2]. All attacker but 1 and 20.
 *   With ROV at 10:
 *     10 drops [2]. 30 then has one customer route, [20 1] (10 holds only a provider route
 *     and sends nothing up). 10: provider 30 -> [30 20 1] (only route, 2 rejected).
 *     11: [10 30 20 1]. 20: [1] (30's route contains 20). 40: [30 20 1]. 41: [40 30 20 1].
 *     Only the attacker's own AS is left with the attacker.
 * ------------------------------------------------------------------------------------ */
TEST(PropagatorHandWorked, RovAtChokepointStopsEquallySpecificHijack) {
    test::GraphBuilder builder;
    builder.providerOf(10, 2)
        .providerOf(10, 11)
        .providerOf(20, 1)
        .providerOf(30, 10)
        .providerOf(30, 20)
        .peers(30, 40)
        .providerOf(40, 41);

    const Scenario plain(builder);
    const RoutingOutcome before = plain.run(AttackType::EquallySpecific, 1, 2);
    plain.expectAll(before, {
                                {1, kVictim, {}},
                                {2, kAttacker, {}},
                                {10, kAttacker, {2}},
                                {11, kAttacker, {10, 2}},
                                {20, kVictim, {1}},
                                {30, kAttacker, {10, 2}},
                                {40, kAttacker, {30, 10, 2}},
                                {41, kAttacker, {40, 30, 10, 2}},
                            });
    plain.expectStep(before, 10, DecisionStep::OnlyRoute);
    plain.expectStep(before, 20, DecisionStep::Relationship);
    plain.expectStep(before, 30, DecisionStep::TieBreak);

    const Scenario filtered(builder, {10});
    const RoutingOutcome after = filtered.run(AttackType::EquallySpecific, 1, 2);
    filtered.expectAll(after, {
                                  {1, kVictim, {}},
                                  {2, kAttacker, {}},
                                  {10, kVictim, {30, 20, 1}},
                                  {11, kVictim, {10, 30, 20, 1}},
                                  {20, kVictim, {1}},
                                  {30, kVictim, {20, 1}},
                                  {40, kVictim, {30, 20, 1}},
                                  {41, kVictim, {40, 30, 20, 1}},
                              });
    filtered.expectStep(after, 10, DecisionStep::OnlyRoute);
    EXPECT_EQ(filtered.rovRejected(after, 10, PrefixSlot::VictimPrefix), std::vector<Asn>{2});
    filtered.expectStep(after, 20, DecisionStep::OnlyRoute);
    filtered.expectStep(after, 30, DecisionStep::OnlyRoute);
    filtered.expectStep(after, 40, DecisionStep::OnlyRoute);
}

/* ---------------------------------------------------------------------------------------
 * 7. A forged origin evades ROV but is one hop longer (victim 9, attacker 2, ROV at 20, 30).
 *
 *                 40
 *                /  \
 *               v    v
 *              10 == 20 (ROV)
 *             /  \  /  \
 *            v    vv    v
 *            9     2    30 (ROV)
 *
 *   Links: 10->9, 10->2, 20->2, 10==20, 20->30, 40->10, 40->20.
 *
 *   Forged origin (2 announces "2 9", length 2 as received by its neighbours):
 *     10: customers 9 ([9], length 1) and 2 ([2 9], length 2); peer 20 sends [20 2 9].
 *         R2 -> [9] (path length): the extra hop keeps 10 with the victim.
 *     20: customer 2 sends [2 9] - valid, the origin is 9 - so the adopter keeps it; peer 10
 *         sends [10 9]; provider 40 sends [40 10 9]. R1 -> [2 9] -> attacker.
 *     30: provider 20 -> [20 2 9] (only route), accepted by ROV -> attacker.
 *     40: customers 10 ([10 9]) and 20 ([20 2 9]). R2 -> [10 9] -> victim.
 *   Equally-specific on the same graph, for contrast (2 announces "2"):
 *     10: customers 9 and 2, both length 1: R3 -> 2 -> attacker.
 *     40: customer 10 -> [10 2] (20 ends up with no route to send). Only route.
 *     20: drops [2] from 2, [10 2] from 10 and [40 10 2] from 40: no route -> disconnected.
 *     30: its only provider 20 has nothing: disconnected.
 * ------------------------------------------------------------------------------------ */
TEST(PropagatorHandWorked, ForgedOriginEvadesRovButIsOneHopLonger) {
    test::GraphBuilder builder;
    builder.providerOf(10, 9)
        .providerOf(10, 2)
        .providerOf(20, 2)
        .peers(10, 20)
        .providerOf(20, 30)
        .providerOf(40, 10)
        .providerOf(40, 20);
    const Scenario s(builder, {20, 30});

    const RoutingOutcome forged = s.run(AttackType::ForgedOrigin, 9, 2);
    s.expectAll(forged, {
                            {2, kAttacker, {}},
                            {9, kVictim, {}},
                            {10, kVictim, {9}},
                            {20, kAttacker, {2, 9}},
                            {30, kAttacker, {20, 2, 9}},
                            {40, kVictim, {10, 9}},
                        });
    s.expectStep(forged, 2, DecisionStep::Origin);
    s.expectStep(forged, 9, DecisionStep::Origin);
    s.expectStep(forged, 10, DecisionStep::PathLength);
    s.expectStep(forged, 20, DecisionStep::Relationship);
    s.expectStep(forged, 30, DecisionStep::OnlyRoute);
    s.expectStep(forged, 40, DecisionStep::PathLength);
    EXPECT_TRUE(s.rovRejected(forged, 20, PrefixSlot::VictimPrefix).empty());
    EXPECT_TRUE(s.rovRejected(forged, 30, PrefixSlot::VictimPrefix).empty());
    // The route 10 turned down was the forged one, one hop longer than the victim's own.
    const RouteExplanation at10 = s.explain(forged, 10);
    ASSERT_GE(at10.candidates.size(), 2u);
    EXPECT_EQ(at10.candidates[0].attributes.pathLength, 1u);
    EXPECT_EQ(at10.candidates[1].neighbour, s.node(2));
    EXPECT_EQ(at10.candidates[1].attributes.pathLength, 2u);
    EXPECT_EQ(toString(at10.candidates[1].leadsTo), toString(kAttacker));

    const RoutingOutcome equal = s.run(AttackType::EquallySpecific, 9, 2);
    s.expectAll(equal, {
                           {2, kAttacker, {}},
                           {9, kVictim, {}},
                           {10, kAttacker, {2}},
                           {20, kDisconnected, {}},
                           {30, kDisconnected, {}},
                           {40, kAttacker, {10, 2}},
                       });
    s.expectStep(equal, 10, DecisionStep::TieBreak);
    s.expectStep(equal, 20, DecisionStep::NoRoute);
    EXPECT_EQ(s.rovRejected(equal, 20, PrefixSlot::VictimPrefix), (std::vector<Asn>{2, 10, 40}));
    s.expectStep(equal, 30, DecisionStep::NoRoute);
    s.expectStep(equal, 40, DecisionStep::OnlyRoute);
}

/* ---------------------------------------------------------------------------------------
 * 8. Disconnected ASes (attack none, victim 1).
 *
 *      10          20 ==== 21
 *     /  \                  |
 *    v    v                 v
 *    1    11 ==== 12        22
 *
 *   Links: 10->1, 10->11, 11==12, 20==21, 21->22.
 *
 *   10: customer 1 -> [1]. 11: provider 10 -> [10 1].
 *   12: its only neighbour 11 holds a provider-learned route and sends it only to customers
 *       (E): no route. 20, 21, 22 form a component without the victim: no route.
 * ------------------------------------------------------------------------------------ */
TEST(PropagatorHandWorked, AsesWithoutAnyRouteAreDisconnected) {
    test::GraphBuilder builder;
    builder.providerOf(10, 1).providerOf(10, 11).peers(11, 12).peers(20, 21).providerOf(21, 22);
    const Scenario s(builder);
    const RoutingOutcome r = s.run(AttackType::None, 1);

    s.expectAll(r, {
                       {1, kVictim, {}},
                       {10, kVictim, {1}},
                       {11, kVictim, {10, 1}},
                       {12, kDisconnected, {}},
                       {20, kDisconnected, {}},
                       {21, kDisconnected, {}},
                       {22, kDisconnected, {}},
                   });
    s.expectStep(r, 1, DecisionStep::Origin);
    s.expectStep(r, 10, DecisionStep::OnlyRoute);
    s.expectStep(r, 11, DecisionStep::OnlyRoute);
    for (Asn asn : {12u, 20u, 21u, 22u}) {
        s.expectStep(r, asn, DecisionStep::NoRoute);
        EXPECT_FALSE(s.explain(r, asn).slot.has_value()) << "AS" << asn;
    }
}

/* ---------------------------------------------------------------------------------------
 * 9-11. One graph, three tie-break policies deciding real ties (equally-specific, victim 174,
 *       attacker 6939).
 *
 *            100         200       300
 *           / | \          \      /   \
 *          v  v  v          v    v     v
 *        174 6939 500       174 400   6939       (400 is the customer of 200 and 300)
 *
 *   Links: 100->174, 100->6939, 100->500, 200->174, 300->6939, 200->400, 300->400.
 *
 *   100: customers 174 ([174]) and 6939 ([6939]), both length 1: a tie between 174 and 6939.
 *   200: customer 174 -> [174] (only route). 300: customer 6939 -> [6939] (only route).
 *   400: providers 200 ([200 174]) and 300 ([300 6939]), both length 2: a tie between 200 and
 *        300.
 *   500: provider 100 -> [100 w] where w is 100's winner (only route).
 *
 *   lowest-asn: 174 beats 6939, 200 beats 300: 100, 400 and 500 reach the victim.
 *   md5 (larger digest wins; digests from `printf %s N | md5sum`):
 *        174 bf8229696f7a3bb4700cfddef19fa23f < 6939 f056bfa71038e04a2400266027c169f9 -> 6939
 *        200 3644a684f98ea8fe223c713b77189a77 < 300  94f6d7e04a4d452035300f18b984988c -> 300
 *      so 100, 400 and 500 all go to the attacker: each tie goes the other way.
 *   random:1 (lower splitmix64(splitmix64(1) ^ asn) wins):
 *        174 0x95705b5b7a98f762 > 6939 0x30791ea80bbe2552 -> 6939
 *        200 0x500ed4b7a71d3017 < 300  0xb07f00f8bebf7431 -> 200
 *   random:2:
 *        174 0x106e1e4b812870a5 < 6939 0x82df08681532ed5b -> 174
 *        200 0xe21608327f07b1cd > 300  0xcd89e28d58335041 -> 300
 * ------------------------------------------------------------------------------------ */
test::GraphBuilder tieGraph() {
    test::GraphBuilder builder;
    builder.providerOf(100, 174)
        .providerOf(100, 6939)
        .providerOf(100, 500)
        .providerOf(200, 174)
        .providerOf(300, 6939)
        .providerOf(200, 400)
        .providerOf(300, 400);
    return builder;
}

// The expected state of the tie graph given the winners of the two ties.
std::vector<Expected> tieGraphExpectation(Asn winnerAt100, Asn winnerAt400) {
    const Outcome at100 = winnerAt100 == 174 ? kVictim : kAttacker;
    const std::vector<Asn> pathAt400 =
        winnerAt400 == 200 ? std::vector<Asn>{200, 174} : std::vector<Asn>{300, 6939};
    return {
        {100, at100, {winnerAt100}},
        {174, kVictim, {}},
        {200, kVictim, {174}},
        {300, kAttacker, {6939}},
        {400, winnerAt400 == 200 ? kVictim : kAttacker, pathAt400},
        {500, at100, {100, winnerAt100}},
        {6939, kAttacker, {}},
    };
}

void expectTieGraphSteps(const Scenario& s, const RoutingOutcome& r) {
    s.expectStep(r, 100, DecisionStep::TieBreak);
    s.expectStep(r, 400, DecisionStep::TieBreak);
    s.expectStep(r, 200, DecisionStep::OnlyRoute);
    s.expectStep(r, 300, DecisionStep::OnlyRoute);
    s.expectStep(r, 500, DecisionStep::OnlyRoute);
    s.expectStep(r, 174, DecisionStep::Origin);
    s.expectStep(r, 6939, DecisionStep::Origin);
}

TEST(PropagatorHandWorked, LowestAsnTieBreakPicksTheLowerNextHop) {
    const Scenario s(tieGraph(), TieBreak::lowestAsn());
    const RoutingOutcome r = s.run(AttackType::EquallySpecific, 174, 6939);
    s.expectAll(r, tieGraphExpectation(174, 200));
    expectTieGraphSteps(s, r);
}

TEST(PropagatorHandWorked, Md5TieBreakPicksTheLargerDigest) {
    // The digests as md5sum prints them, and the winners they give.
    EXPECT_EQ(hex(md5Of(174)), "bf8229696f7a3bb4700cfddef19fa23f");
    EXPECT_EQ(hex(md5Of(6939)), "f056bfa71038e04a2400266027c169f9");
    EXPECT_EQ(hex(md5Of(200)), "3644a684f98ea8fe223c713b77189a77");
    EXPECT_EQ(hex(md5Of(300)), "94f6d7e04a4d452035300f18b984988c");
    const Asn winnerAt100 = md5Winner(174, 6939);
    const Asn winnerAt400 = md5Winner(200, 300);
    ASSERT_EQ(winnerAt100, 6939u);  // lowest-asn would pick 174
    ASSERT_EQ(winnerAt400, 300u);   // lowest-asn would pick 200

    const Scenario s(tieGraph(), TieBreak::md5());
    const RoutingOutcome r = s.run(AttackType::EquallySpecific, 174, 6939);
    s.expectAll(r, tieGraphExpectation(winnerAt100, winnerAt400));
    expectTieGraphSteps(s, r);
}

TEST(PropagatorHandWorked, RandomTieBreakPicksTheLowerSeededKey) {
    // Hand-computed winners (see the comment above the tie graph), confirmed by randomKey.
    struct Case {
        std::uint64_t seed;
        Asn winnerAt100;
        Asn winnerAt400;
    };
    for (const Case& c : {Case{1, 6939, 200}, Case{2, 174, 300}}) {
        SCOPED_TRACE("seed " + std::to_string(c.seed));
        ASSERT_EQ(randomWinner(c.seed, 174, 6939), c.winnerAt100);
        ASSERT_EQ(randomWinner(c.seed, 200, 300), c.winnerAt400);
        const Scenario s(tieGraph(), TieBreak::random(c.seed));
        const RoutingOutcome r = s.run(AttackType::EquallySpecific, 174, 6939);
        s.expectAll(r, tieGraphExpectation(c.winnerAt100, c.winnerAt400));
        expectTieGraphSteps(s, r);
    }
}

/* ---------------------------------------------------------------------------------------
 * 12. A /24 victim prefix cannot be sub-prefix hijacked (victim 1, attacker 2), while the
 *     same attack on a /22 captures everyone but the victim.
 *
 *              30
 *             /  \
 *            v    v
 *           10 == 20
 *           |    /  \
 *           v   v    v
 *           1   2    21          31 is a customer of 30
 *
 *   Links: 10->1, 20->2, 20->21, 30->10, 30->20, 10==20, 30->31.
 *
 *   Victim prefix (the same as with no attack; 2 is a stub and carries nobody's traffic):
 *     10: customer 1 -> [1] (20 holds a peer route and sends 10 nothing; 30's route contains
 *         10). Only route.
 *     20: peer 10 -> [10 1]; provider 30 -> [30 10 1]. R1 -> [10 1].
 *     30: customer 10 -> [10 1]; customer 20 sends nothing (peer-learned). Only route.
 *     21: [20 10 1]. 31: [30 10 1]. 2: [20 10 1] (but 2 delivers to itself).
 *   /24: the /25 is filtered, so every AS forwards on the victim prefix: all victim, except 2.
 *   /22, sub-prefix of origin 2: 20: [2]; 30: customer 20 -> [20 2] (10 holds a peer route:
 *     nothing up); 10: peer 20 -> [20 2] over provider 30's [30 20 2] (R1); 21: [20 2];
 *     31: [30 20 2]; 1: [10 20 2].
 *     Everyone forwards on it: all attacker except the victim, which delivers to itself.
 * ------------------------------------------------------------------------------------ */
TEST(PropagatorHandWorked, SubprefixOfSlash24HasNoEffect) {
    test::GraphBuilder builder;
    builder.providerOf(10, 1)
        .providerOf(20, 2)
        .providerOf(20, 21)
        .providerOf(30, 10)
        .providerOf(30, 20)
        .peers(10, 20)
        .providerOf(30, 31);
    const Scenario s(builder);

    const RoutingOutcome none = s.run(AttackType::None, 1);
    const std::vector<Expected> baseline = {
        {1, kVictim, {}},           {2, kVictim, {20, 10, 1}},  {10, kVictim, {1}},
        {20, kVictim, {10, 1}},     {21, kVictim, {20, 10, 1}}, {30, kVictim, {10, 1}},
        {31, kVictim, {30, 10, 1}},
    };
    s.expectAll(none, baseline);

    const RoutingOutcome slash24 = s.run(AttackType::Subprefix, 1, 2, 24);
    s.expectAll(slash24, {
                             {1, kVictim, {}},
                             {2, kAttacker, {}},
                             {10, kVictim, {1}},
                             {20, kVictim, {10, 1}},
                             {21, kVictim, {20, 10, 1}},
                             {30, kVictim, {10, 1}},
                             {31, kVictim, {30, 10, 1}},
                         });
    for (Asn asn : {1u, 10u, 20u, 21u, 30u, 31u}) {
        EXPECT_FALSE(slash24.hasRoute(s.node(asn), PrefixSlot::Subprefix)) << "AS" << asn;
        EXPECT_EQ(slash24.forwardingSlot(s.node(asn)), PrefixSlot::VictimPrefix) << "AS" << asn;
    }
    s.expectStep(slash24, 10, DecisionStep::OnlyRoute);
    s.expectStep(slash24, 20, DecisionStep::Relationship);
    s.expectStep(slash24, 30, DecisionStep::OnlyRoute);
    s.expectStep(slash24, 1, DecisionStep::Origin);

    const RoutingOutcome slash22 = s.run(AttackType::Subprefix, 1, 2, 22);
    s.expectAll(slash22, {
                             {1, kVictim, {}},
                             {2, kAttacker, {}},
                             {10, kAttacker, {20, 2}},
                             {20, kAttacker, {2}},
                             {21, kAttacker, {20, 2}},
                             {30, kAttacker, {20, 2}},
                             {31, kAttacker, {30, 20, 2}},
                         });
    // 10: peer 20's [20 2] beats provider 30's [30 20 2] (R1); 30: only customer 20 sends one.
    s.expectStep(slash22, 10, DecisionStep::Relationship);
    s.expectStep(slash22, 30, DecisionStep::OnlyRoute);
    EXPECT_EQ(s.nextHopAsn(slash22, 1, PrefixSlot::Subprefix), Asn{10});
}

/* ---------------------------------------------------------------------------------------
 * 13. The attacker is the victim's customer (equally-specific, victim 10, attacker 2).
 *
 *        25 ====== 30          20 -> 21
 *       /  \      /  \         ||
 *      v    v    v    v        ||     (20 peers with 10)
 *      2    41  41    10 ======+
 *                    /  \
 *                   v    v           (2 and 41 have two providers each and are
 *                   2    11           drawn twice)
 *
 *   Links: 10->2, 10->11, 30->10, 10==20, 20->21, 25->2, 25==30, 30->41, 25->41.
 *
 *   10 originates; its own route beats the customer route [2]. 11: provider 10 -> [10].
 *   20: peer 10 -> [10] (only route). 21: [20 10].
 *   30: customer 10 -> [10]; peer 25 -> [25 2]. R1 -> [10] -> victim.
 *   25: customer 2 -> [2]; peer 30 -> [30 10]. R1 -> [2] -> attacker.
 *   41: providers 25 ([25 2]) and 30 ([30 10]), both length 2: R3 -> 25 -> attacker.
 * ------------------------------------------------------------------------------------ */
TEST(PropagatorHandWorked, AttackerIsTheVictimsCustomer) {
    test::GraphBuilder builder;
    builder.providerOf(10, 2)
        .providerOf(10, 11)
        .providerOf(30, 10)
        .peers(10, 20)
        .providerOf(20, 21)
        .providerOf(25, 2)
        .peers(25, 30)
        .providerOf(30, 41)
        .providerOf(25, 41);
    const Scenario s(builder);
    const RoutingOutcome r = s.run(AttackType::EquallySpecific, 10, 2);

    s.expectAll(r, {
                       {2, kAttacker, {}},
                       {10, kVictim, {}},
                       {11, kVictim, {10}},
                       {20, kVictim, {10}},
                       {21, kVictim, {20, 10}},
                       {25, kAttacker, {2}},
                       {30, kVictim, {10}},
                       {41, kAttacker, {25, 2}},
                   });
    s.expectStep(r, 10, DecisionStep::Origin);
    s.expectStep(r, 2, DecisionStep::Origin);
    s.expectStep(r, 11, DecisionStep::OnlyRoute);
    s.expectStep(r, 20, DecisionStep::OnlyRoute);
    s.expectStep(r, 25, DecisionStep::Relationship);
    s.expectStep(r, 30, DecisionStep::Relationship);
    s.expectStep(r, 41, DecisionStep::TieBreak);
}

/* ---------------------------------------------------------------------------------------
 * 14. The attacker is the victim's provider (victim 1, attacker 5).
 *
 *              7
 *             / \
 *            v   v
 *            5    6 ==== 9
 *           / \  /
 *          v   vv
 *          8    1            (1 is the customer of 5 and 6)
 *
 *   Links: 5->1, 6->1, 7->5, 7->6, 5->8, 6==9.
 *
 *   Equally-specific:
 *     7: customers 5 ([5], length 1) and 6 ([6 1], length 2). R2 -> [5] -> attacker.
 *     6: customer 1 -> [1]; provider 7 -> [7 5]. R1 -> [1]. 9: peer 6 -> [6 1].
 *     8: provider 5 -> [5].
 *   Sub-prefix (/22), prefix of origin 5:
 *     7: customer 5 -> [5] (6 holds a provider route: nothing up). 6: provider 7 -> [7 5].
 *     8: [5]. 1: providers 5 ([5]) and 6 ([6 7 5]): R2 -> [5]. 9: peer 6 holds a
 *     provider-learned sub-prefix route and does not send it: none.
 *   Sub-prefix, victim prefix of origin 1:
 *     5: customer 1 -> [1] (7's route [5 1] contains 5). 6: [1] over [7 5 1] (R1).
 *     7: customers 5 ([5 1]) and 6 ([6 1]) tie: R3 -> 5. 8: [5 1]. 9: [6 1].
 *   Forwarding: 6, 7 and 8 forward on the sub-prefix ([7 5], [5], [5]) to the attacker.
 *     9 has only the victim prefix, to 6, which forwards on the sub-prefix: captured, [6 1].
 * ------------------------------------------------------------------------------------ */
TEST(PropagatorHandWorked, AttackerIsTheVictimsProvider) {
    test::GraphBuilder builder;
    builder.providerOf(5, 1)
        .providerOf(6, 1)
        .providerOf(7, 5)
        .providerOf(7, 6)
        .providerOf(5, 8)
        .peers(6, 9);
    const Scenario s(builder);

    const RoutingOutcome es = s.run(AttackType::EquallySpecific, 1, 5);
    s.expectAll(es, {
                        {1, kVictim, {}},
                        {5, kAttacker, {}},
                        {6, kVictim, {1}},
                        {7, kAttacker, {5}},
                        {8, kAttacker, {5}},
                        {9, kVictim, {6, 1}},
                    });
    s.expectStep(es, 7, DecisionStep::PathLength);
    s.expectStep(es, 6, DecisionStep::Relationship);
    s.expectStep(es, 8, DecisionStep::OnlyRoute);
    s.expectStep(es, 9, DecisionStep::OnlyRoute);

    const RoutingOutcome sub = s.run(AttackType::Subprefix, 1, 5);
    s.expectAll(sub, {
                         {1, kVictim, {}},
                         {5, kAttacker, {}},
                         {6, kAttacker, {7, 5}},
                         {7, kAttacker, {5}},
                         {8, kAttacker, {5}},
                         {9, kAttacker, {6, 1}},
                     });
    EXPECT_EQ(s.nextHopAsn(sub, 1, PrefixSlot::Subprefix), Asn{5});
    s.expectStep(sub, 1, PrefixSlot::Subprefix, DecisionStep::PathLength);
    s.expectStep(sub, 1, PrefixSlot::VictimPrefix, DecisionStep::Origin);
    s.expectStep(sub, 6, DecisionStep::OnlyRoute);
    s.expectStep(sub, 6, PrefixSlot::VictimPrefix, DecisionStep::Relationship);
    s.expectStep(sub, 7, DecisionStep::OnlyRoute);
    s.expectStep(sub, 7, PrefixSlot::VictimPrefix, DecisionStep::TieBreak);
    EXPECT_EQ(s.nextHopAsn(sub, 7, PrefixSlot::VictimPrefix), Asn{5});
    s.expectStep(sub, 9, DecisionStep::OnlyRoute);
    EXPECT_FALSE(sub.hasRoute(s.node(9), PrefixSlot::Subprefix));
}

}  // namespace
}  // namespace mpicsim
