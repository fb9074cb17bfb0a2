#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "mpicsim/routing/Attack.hpp"
#include "mpicsim/routing/Outcome.hpp"
#include "mpicsim/routing/PrefixSlot.hpp"
#include "mpicsim/routing/RouteKey.hpp"
#include "mpicsim/routing/TieBreakRanking.hpp"
#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// The routes every AS chose in one trial, and where its traffic ends up. A Propagator fills
// it; reusing one RoutingOutcome (and PropagationWorkspace) across trials reuses their buffers
// (no allocation per trial).
class RoutingOutcome {
  public:
    const Attack& attack() const { return attack_; }
    // False for an outcome computed for a PropagationScope: it answers only for the nodes the
    // scope needs (the closure of its observed nodes) and holds no route anywhere else.
    bool complete() const { return complete_; }
    std::size_t nodeCount() const { return outcomes_.size(); }

    Outcome outcome(NodeIndex node) const { return outcomes_[node]; }
    std::span<const Outcome> outcomes() const { return outcomes_; }

    // The packed RouteKey an AS chose for a prefix (RouteKey::kNone: no route, and for the
    // sub-prefix of a trial that announced none).
    std::uint64_t key(NodeIndex node, PrefixSlot slot) const {
        if (slot == PrefixSlot::Subprefix && !usesSubprefix()) {
            return RouteKey::kNone;
        }
        return keys_[static_cast<int>(slot)][node];
    }
    bool hasRoute(NodeIndex node, PrefixSlot slot) const {
        return key(node, slot) != RouteKey::kNone;
    }
    // The length of a prefix of this trial.
    int prefixLength(PrefixSlot slot) const {
        return slot == PrefixSlot::Subprefix ? attack_.subprefixLength()
                                             : attack_.victimPrefixLength;
    }
    // Whether the trial announced a sub-prefix (sub-prefix attacks only, even when filtered).
    bool usesSubprefix() const { return attack_.type == AttackType::Subprefix; }
    // The most specific prefix the AS holds a route for: the one it forwards on; for the victim,
    // its own prefix (it delivers that traffic itself).
    std::optional<PrefixSlot> forwardingSlot(NodeIndex node) const;
    // The neighbour the AS forwards to for a prefix; nullopt for an origin or without a route.
    std::optional<NodeIndex> nextHop(NodeIndex node, PrefixSlot slot) const;
    bool originates(NodeIndex node, PrefixSlot slot) const {
        return hasRoute(node, slot) && RouteKey::routeClass(key(node, slot)) == RouteClass::Origin;
    }
    // Which AS truly injected the route the node holds for the slot (the attacker for a
    // forged-origin route, although the path it claims ends at the victim).
    std::optional<Outcome> announcer(NodeIndex node, PrefixSlot slot) const;
    // Whether the announcement behind the node's route is invalid under the victim's ROA.
    bool rovInvalid(NodeIndex node, PrefixSlot slot) const;
    // True when the announcer's AS path ends in the victim although the attacker sent it.
    bool forgedPath(NodeIndex node, PrefixSlot slot) const;

    // AS path of the route the node forwards on, from its next hop to the origin
    // (ending "... attacker victim" for a forged-origin route); empty for the victim, the
    // attacker and nodes without a route.
    std::vector<Asn> asPath(NodeIndex node) const;
    // The AS path of the node's route for a given prefix (nodes, not ASNs; excludes a forged
    // victim at the end).
    std::vector<NodeIndex> pathNodes(NodeIndex node, PrefixSlot slot) const;

    const AsGraph& graph() const { return *graph_; }
    const TieBreakRanking& ranking() const { return *ranking_; }

  private:
    friend class Propagator;

    const AsGraph* graph_ = nullptr;
    const TieBreakRanking* ranking_ = nullptr;
    Attack attack_;
    std::array<std::vector<std::uint64_t>, 2> keys_;
    std::array<std::uint8_t, 2> invalidTagMask_{};  // bit t: routes tagged t are ROV-invalid
    std::vector<Outcome> outcomes_;
    bool complete_ = true;
    std::vector<NodeIndex> written_;  // incomplete outcomes: the nodes whose entries were set
};

}  // namespace mpicsim
