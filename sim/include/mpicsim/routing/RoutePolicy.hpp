#pragma once

#include <cstdint>

#include "mpicsim/routing/DecisionStep.hpp"
#include "mpicsim/routing/RouteAttributes.hpp"
#include "mpicsim/routing/RouteClass.hpp"
#include "mpicsim/routing/RouteKey.hpp"

namespace mpicsim {

// The outcome of comparing two routes: whether the first wins, and the step that decided.
struct RouteDecision {
    bool firstWins = false;
    DecisionStep step = DecisionStep::TieBreak;
};

// The routing policy of the model, written once: which routes an AS accepts (import), which it
// passes on (export), and which of two it prefers (the decision process). The Propagator, the
// DecisionExplainer and the PerspectiveObserver all call these functions.
//
// Sources: L. Gao and J. Rexford, "Stable Internet routing without global coordination",
// IEEE/ACM Transactions on Networking 9(6):681-692, 2001 (export rules; preference for
// customer routes); RFC 6811 (route origin validation); the tie-break as TieBreak documents it.
class RoutePolicy {
  public:
    // Import, prefix length: every AS drops routes for prefixes longer than a /24 (the filter
    // operators apply in practice), so such a prefix reaches nobody beyond its origin's AS.
    static constexpr int kLongestAcceptedPrefixLength = 24;
    static constexpr bool prefixAccepted(int prefixLength) {
        return prefixLength <= kLongestAcceptedPrefixLength;
    }

    // Import. An AS that performs route origin validation (RFC 6811) drops a route whose
    // announcement the victim's ROA makes invalid; every other AS imports every route.
    static constexpr bool importAllowed(bool receiverValidates, bool routeInvalid) {
        return !(receiverValidates && routeInvalid);
    }
    // The same rule on the engine's masks: `receiverAdopterMask` is 0xFF for an adopter and 0
    // otherwise, bit t of `invalidTagMask` says that routes tagged t are invalid.
    static constexpr bool importAllowed(std::uint8_t receiverAdopterMask,
                                        std::uint8_t invalidTagMask, std::uint64_t routeKey) {
        return ((static_cast<unsigned>(receiverAdopterMask & invalidTagMask) >>
                 (routeKey & RouteKey::kTagMask)) &
                1u) == 0;
    }

    // Export, valley-free (Gao & Rexford 2001): an AS passes its own and customer-learned routes
    // to every neighbour, and peer- and provider-learned routes to its customers only.
    // `receivedAs` is the class the receiver learns the route under: Provider when the receiver
    // is the sender's customer, Peer between peers, Customer when the receiver is its provider.
    static constexpr bool exportAllowed(RouteClass senderHolds, RouteClass receivedAs) {
        return receivedAs == RouteClass::Provider || senderHolds <= RouteClass::Customer;
    }

    // The route a receiver holds when it accepts the sender's route: one AS longer, learned
    // under `receivedAs`, with the sender as next hop; traffic sent on it ends where the
    // sender's does (the data-plane tag).
    // Equal to RouteKey::pack(receivedAs, pathLength(senderKey) + 1, senderTieRank,
    // tag(senderKey)) for every route (RoutePolicyTest), computed without unpacking the key:
    // this is the propagation's innermost step.
    static constexpr std::uint64_t receivedKey(std::uint64_t senderKey, RouteClass receivedAs,
                                               std::uint32_t senderTieRank) {
        constexpr std::uint64_t kOneHop = std::uint64_t{1} << RouteKey::kLengthShift;
        return (std::uint64_t{static_cast<std::uint8_t>(receivedAs)} << RouteKey::kClassShift) |
               ((senderKey & RouteKey::kLengthMask) + kOneHop) |
               (std::uint64_t{senderTieRank} << RouteKey::kTieShift) |
               (senderKey & RouteKey::kTagMask);
    }

    // The decision process, one step per block (compare BIRD's bgp_rte_better()); the step that
    // decided is returned (compare FRRouting's bgp_path_selection_reason). Routes from two
    // distinct neighbours never tie: their tie ranks differ.
    static constexpr RouteDecision compare(const RouteAttributes& a, const RouteAttributes& b) {
        // 1. Relationship (Gao & Rexford 2001): an AS's own route, then routes learned from
        //    customers, then from peers, then from providers.
        if (a.routeClass != b.routeClass) {
            return {a.routeClass < b.routeClass, DecisionStep::Relationship};
        }
        // 2. The shorter AS path.
        if (a.pathLength != b.pathLength) {
            return {a.pathLength < b.pathLength, DecisionStep::PathLength};
        }
        // 3. Tie-break on the next hop: the lower position in the TieBreak's order.
        return {a.nextHopTieRank < b.nextHopTieRank, DecisionStep::TieBreak};
    }
    static constexpr bool prefers(const RouteAttributes& a, const RouteAttributes& b) {
        return compare(a, b).firstWins;
    }
    // The step that sets the chosen route apart from the best other route; OnlyRoute without one.
    static constexpr DecisionStep decidingStep(const RouteAttributes& chosen,
                                               const RouteAttributes* runnerUp) {
        return runnerUp == nullptr ? DecisionStep::OnlyRoute : compare(chosen, *runnerUp).step;
    }
};

}  // namespace mpicsim
