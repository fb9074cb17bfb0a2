#include "mpicsim/mpic/PerspectiveObserver.hpp"

#include <algorithm>
#include <vector>

#include "mpicsim/routing/RoutePolicy.hpp"

namespace mpicsim {
namespace {

// The prefixes an own node compares, most specific first: it forwards on the first it holds.
constexpr PrefixSlot kSlotsBySpecificity[] = {PrefixSlot::Subprefix, PrefixSlot::VictimPrefix};

}  // namespace

PerspectiveObservation PerspectiveObserver::observe(const RoutingOutcome& routing,
                                                    const PlacedPerspective& placed) const {
    PerspectiveObservation observation;
    if (!placed.hasOwnNode()) {
        const NodeIndex node = placed.hostNode();
        observation.outcome = routing.outcome(node);
        observation.slot = routing.forwardingSlot(node);
        observation.step = explainer_.explain(routing, node).step;
        if (observation.slot) {
            observation.routeClass = RouteKey::routeClass(routing.key(node, *observation.slot));
            observation.nextHop = routing.nextHop(node, *observation.slot);
        }
        return observation;
    }

    // An own node receives what its neighbours export to it, picks a route by the same decision
    // process, forwards on the most specific prefix it holds and announces nothing.
    observation.inheritsHostRouting = false;
    std::vector<RouteSource> sources;
    for (const auto& [neighbour, role] : placed.attachments()) {
        sources.push_back({neighbour, PerspectiveLink::receivedAs(role)});
    }
    for (PrefixSlot slot : kSlotsBySpecificity) {
        const RouteExplanation offered = DecisionExplainer::offers(
            routing, sources, slot, placed.perspective().rovFiltering, std::nullopt);
        if (offered.candidates.empty()) {
            continue;
        }
        const CandidateRoute& chosen = offered.candidates.front();
        observation.slot = slot;
        observation.outcome = chosen.leadsTo;
        observation.routeClass = chosen.attributes.routeClass;
        observation.nextHop = chosen.neighbour;
        observation.step = offered.step;
        return observation;
    }
    return observation;
}

Outcome PerspectiveObserver::outcomeOf(const RoutingOutcome& routing,
                                       const PlacedPerspective& placed) const {
    if (!placed.hasOwnNode()) {
        return routing.outcome(placed.hostNode());
    }
    // The same rules as DecisionExplainer::offers, without building the candidate list.
    const bool validates = placed.perspective().rovFiltering;
    for (PrefixSlot slot : kSlotsBySpecificity) {
        if (!RoutePolicy::prefixAccepted(routing.prefixLength(slot))) {
            continue;
        }
        std::uint64_t best = RouteKey::kNone;
        for (const auto& [neighbour, role] : placed.attachments()) {
            const std::uint64_t key = routing.key(neighbour, slot);
            const RouteClass receivedAs = PerspectiveLink::receivedAs(role);
            if (key == RouteKey::kNone ||
                !RoutePolicy::exportAllowed(RouteKey::routeClass(key), receivedAs) ||
                !RoutePolicy::importAllowed(validates, routing.rovInvalid(neighbour, slot))) {
                continue;
            }
            best = std::min(best, RoutePolicy::receivedKey(key, receivedAs,
                                                           routing.ranking().rankOf(neighbour)));
        }
        if (best != RouteKey::kNone) {
            return RouteKey::tag(best);
        }
    }
    return Outcome::Disconnected;
}

}  // namespace mpicsim
