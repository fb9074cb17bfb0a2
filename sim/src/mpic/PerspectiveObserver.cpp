#include "mpicsim/mpic/PerspectiveObserver.hpp"

#include <algorithm>
#include <vector>

namespace mpicsim {
namespace {

struct Offer {
    NodeIndex neighbour;
    RouteAttributes attributes;
    Outcome leadsTo;
};

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

    observation.inheritsHostRouting = false;
    const bool rovFiltering = placed.perspective().rovFiltering;
    for (PrefixSlot slot : {PrefixSlot::Subprefix, PrefixSlot::VictimPrefix}) {
        if (slot == PrefixSlot::Subprefix && !routing.usesSubprefix()) {
            continue;
        }
        std::vector<Offer> offers;
        for (const auto& [neighbour, role] : placed.attachments()) {
            if (!routing.hasRoute(neighbour, slot)) {
                continue;
            }
            const std::uint64_t key = routing.key(neighbour, slot);
            const RouteClass heldAs = RouteKey::routeClass(key);
            // A provider exports everything to its customer; peers and customers only their
            // own and customer-learned routes. Seen from the perspective, a neighbour that is
            // its provider gives a provider route, and so on.
            RouteClass receivedAs = RouteClass::Provider;
            if (role == PerspectiveLink::Role::Peer) {
                receivedAs = RouteClass::Peer;
            } else if (role == PerspectiveLink::Role::Customer) {
                receivedAs = RouteClass::Customer;
            }
            if (receivedAs != RouteClass::Provider && heldAs > RouteClass::Customer) {
                continue;
            }
            if (rovFiltering && routing.rovInvalid(neighbour, slot)) {
                continue;
            }
            offers.push_back(
                {neighbour,
                 {receivedAs, RouteKey::pathLength(key) + 1, routing.ranking().rankOf(neighbour)},
                 RouteKey::tag(key)});
        }
        if (offers.empty()) {
            continue;
        }
        std::sort(offers.begin(), offers.end(), [](const Offer& a, const Offer& b) {
            return a.attributes.isPreferredTo(b.attributes);
        });
        observation.slot = slot;
        observation.outcome = offers[0].leadsTo;
        observation.routeClass = offers[0].attributes.routeClass;
        observation.nextHop = offers[0].neighbour;
        observation.step =
            offers[0].attributes.stepOver(offers.size() > 1 ? &offers[1].attributes : nullptr);
        return observation;
    }
    return observation;
}

Outcome PerspectiveObserver::outcomeOf(const RoutingOutcome& routing,
                                       const PlacedPerspective& placed) const {
    if (!placed.hasOwnNode()) {
        return routing.outcome(placed.hostNode());
    }
    const bool rovFiltering = placed.perspective().rovFiltering;
    for (PrefixSlot slot : {PrefixSlot::Subprefix, PrefixSlot::VictimPrefix}) {
        if (slot == PrefixSlot::Subprefix && !routing.usesSubprefix()) {
            continue;
        }
        std::uint64_t best = RouteKey::kNone;
        for (const auto& [neighbour, role] : placed.attachments()) {
            if (!routing.hasRoute(neighbour, slot)) {
                continue;
            }
            const std::uint64_t key = routing.key(neighbour, slot);
            RouteClass receivedAs = RouteClass::Provider;
            if (role == PerspectiveLink::Role::Peer) {
                receivedAs = RouteClass::Peer;
            } else if (role == PerspectiveLink::Role::Customer) {
                receivedAs = RouteClass::Customer;
            }
            if (receivedAs != RouteClass::Provider &&
                RouteKey::routeClass(key) > RouteClass::Customer) {
                continue;
            }
            if (rovFiltering && routing.rovInvalid(neighbour, slot)) {
                continue;
            }
            best = std::min(
                best, RouteKey::pack(receivedAs, RouteKey::pathLength(key) + 1,
                                     routing.ranking().rankOf(neighbour), RouteKey::tag(key)));
        }
        if (best != RouteKey::kNone) {
            return RouteKey::tag(best);
        }
    }
    return Outcome::Disconnected;
}

}  // namespace mpicsim
