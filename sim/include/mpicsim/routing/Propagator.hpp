#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

#include "mpicsim/routing/Attack.hpp"
#include "mpicsim/routing/PropagationScope.hpp"
#include "mpicsim/routing/PropagationWorkspace.hpp"
#include "mpicsim/routing/RouteKey.hpp"
#include "mpicsim/routing/RoutingOutcome.hpp"
#include "mpicsim/routing/RovDeployment.hpp"
#include "mpicsim/routing/TieBreakRanking.hpp"
#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// Computes the stable Gao-Rexford routing state for an Attack in three sweeps over the graph:
// customer routes up by rank (pushed from the origins to their providers, in node order, so
// only the origins' ancestors are visited), one peer hop (pushed from those ancestors), and
// provider routes down by rank (pulled by every AS from its providers). Import, export and
// preference are RoutePolicy's rules, applied to packed RouteKeys. The data-plane outcome of every
// AS is derived in the same sweeps: each route carries the outcome of traffic sent along it, and an
// AS holding a more specific route forwards on that one (longest-prefix match).
class Propagator {
  public:
    // The graph, ranking and deployment must outlive the Propagator.
    Propagator(const AsGraph& graph, const TieBreakRanking& ranking, const RovDeployment& rov);

    // Throws std::invalid_argument for a node out of range or victim == attacker. Reusing the
    // outcome and the workspace across trials allocates nothing per trial.
    void run(const Attack& attack, RoutingOutcome& outcome, PropagationWorkspace& workspace) const;
    RoutingOutcome run(const Attack& attack) const;

    // The same trial computed only where `scope` asks: the outcome answers for the scope's
    // closure (routes, next hops and data-plane outcomes equal to a full run's there) and holds
    // no route elsewhere (RoutingOutcome::complete() is false). Customer routes climb from the
    // origins as in a full run, peers offer routes into the closure only, and provider routes
    // are settled over the closure only. A sub-prefix trial settles both prefixes over the
    // closure and the victim's ancestors (upward closed too), where the victim prefix's
    // data-plane tags need the sub-prefix routes. The scope must outlive the outcome's use.
    void run(const Attack& attack, const PropagationScope& scope, RoutingOutcome& outcome,
             PropagationWorkspace& workspace) const;

    const AsGraph& graph() const { return graph_; }
    const TieBreakRanking& ranking() const { return ranking_; }
    const RovDeployment& rov() const { return rov_; }

  private:
    struct Edge {
        NodeIndex neighbour;
        std::uint32_t neighbourTieRank;
    };
    struct EdgeList {
        std::vector<std::uint32_t> offsets;
        std::vector<Edge> edges;
    };

    struct Seed {
        NodeIndex node;
        std::uint64_t key;
    };

    // Where a propagation settles final routes: every node (no scope), or the scope's closure
    // together with `extraDescending` (upward closed; `extraFlags` marks its members). With
    // `peerRoutesIntoExtra`, the extra nodes outside the closure also take their peers' offers.
    struct Sweep {
        const PropagationScope* scope = nullptr;
        std::span<const NodeIndex> extraDescending;
        const std::uint8_t* extraFlags = nullptr;
        bool peerRoutesIntoExtra = false;
    };

    // Propagates one prefix from its seeds into `keys` (every swept entry written). With
    // kOverlay, a node holding a route in `overlay` forwards traffic by it: its routes carry
    // that tag.
    template <bool kOverlay>
    void propagate(std::initializer_list<Seed> seeds, std::uint8_t invalidTagMask,
                   const std::uint64_t* overlay, const Sweep& sweep, PropagationWorkspace& scratch,
                   std::uint64_t* keys) const;
    void settleWithinClosure(const PropagationScope& scope, std::uint8_t invalidTagMask,
                             PropagationWorkspace& scratch, std::uint64_t* keys) const;
    void runSwept(const Attack& attack, const Sweep& sweep, RoutingOutcome& out,
                  PropagationWorkspace& workspace) const;
    // The victim and every AS above it through provider links, in descending node order.
    void collectAncestors(NodeIndex victim, PropagationWorkspace& workspace) const;

    const AsGraph& graph_;
    const TieBreakRanking& ranking_;
    const RovDeployment& rov_;
    std::uint64_t id_;    // distinct for every Propagator made in this process
    EdgeList providers_;  // with each provider's tie rank, for the downward sweep
};

}  // namespace mpicsim
