#pragma once

#include <optional>
#include <span>
#include <vector>

#include "mpicsim/routing/DecisionStep.hpp"
#include "mpicsim/routing/Outcome.hpp"
#include "mpicsim/routing/PrefixSlot.hpp"
#include "mpicsim/routing/RouteAttributes.hpp"
#include "mpicsim/routing/RoutingOutcome.hpp"
#include "mpicsim/routing/RovDeployment.hpp"

namespace mpicsim {

struct CandidateRoute {
    NodeIndex neighbour = 0;
    RouteAttributes attributes;
    Outcome leadsTo = Outcome::Disconnected;  // where traffic sent on this route ends up
};

struct RouteExplanation {
    std::optional<PrefixSlot> slot;  // the prefix the AS forwards on
    DecisionStep step = DecisionStep::NoRoute;
    std::vector<CandidateRoute> candidates;  // usable routes received, best first
    std::vector<NodeIndex> rovRejected;      // neighbours whose routes ROV dropped
};

// A neighbour a receiver hears from, and the class it learns that neighbour's routes under.
struct RouteSource {
    NodeIndex neighbour = 0;
    RouteClass receivedAs = RouteClass::Provider;
};

// Re-derives, after a trial, every route an AS received for the prefix it forwards on and
// which decision step picked the winner. Off the hot path: one AS at a time, on request.
class DecisionExplainer {
  public:
    explicit DecisionExplainer(const RovDeployment& rov) : rov_(rov) {}

    // For the prefix the AS forwards on; the victim and the attacker explain what they announce.
    RouteExplanation explain(const RoutingOutcome& routing, NodeIndex node) const;
    RouteExplanation explain(const RoutingOutcome& routing, NodeIndex node, PrefixSlot slot) const;

    // What a receiver is offered for a prefix by the given neighbours, under RoutePolicy's
    // export and import rules, best first, and the step that chose the best. `receiver` is the
    // receiver's node when it is in the graph (for the AS-path loop check); a perspective in its
    // own node is in no path.
    static RouteExplanation offers(const RoutingOutcome& routing,
                                   std::span<const RouteSource> sources, PrefixSlot slot,
                                   bool receiverValidates, std::optional<NodeIndex> receiver);

  private:
    const RovDeployment& rov_;
};

}  // namespace mpicsim
