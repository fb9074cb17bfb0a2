#include "mpicsim/routing/DecisionExplainer.hpp"

#include <algorithm>

#include "mpicsim/routing/RoutePolicy.hpp"

namespace mpicsim {

RouteExplanation DecisionExplainer::explain(const RoutingOutcome& routing, NodeIndex node) const {
    const Attack& attack = routing.attack();
    // The victim and the attacker deliver their own traffic: explain what they announce.
    if (node == attack.victim) {
        return explain(routing, node, PrefixSlot::VictimPrefix);
    }
    if (attack.hasAttacker() && node == attack.attacker) {
        return explain(routing, node,
                       attack.type == AttackType::Subprefix ? PrefixSlot::Subprefix
                                                            : PrefixSlot::VictimPrefix);
    }
    return explain(routing, node, routing.forwardingSlot(node).value_or(PrefixSlot::VictimPrefix));
}

RouteExplanation DecisionExplainer::explain(const RoutingOutcome& routing, NodeIndex node,
                                            PrefixSlot slot) const {
    if (routing.originates(node, slot)) {
        RouteExplanation explanation;
        explanation.slot = slot;
        explanation.step = DecisionStep::Origin;
        return explanation;
    }
    const AsGraph& graph = routing.graph();
    std::vector<RouteSource> sources;
    for (NodeIndex customer : graph.customers(node)) {
        sources.push_back({customer, RouteClass::Customer});
    }
    for (NodeIndex peer : graph.peers(node)) {
        sources.push_back({peer, RouteClass::Peer});
    }
    for (NodeIndex provider : graph.providers(node)) {
        sources.push_back({provider, RouteClass::Provider});
    }
    RouteExplanation explanation = offers(routing, sources, slot, rov_.adopts(node), node);
    explanation.slot =
        routing.hasRoute(node, slot) ? std::optional<PrefixSlot>(slot) : std::nullopt;
    return explanation;
}

RouteExplanation DecisionExplainer::offers(const RoutingOutcome& routing,
                                           std::span<const RouteSource> sources, PrefixSlot slot,
                                           bool receiverValidates,
                                           std::optional<NodeIndex> receiver) {
    RouteExplanation explanation;
    if (!RoutePolicy::prefixAccepted(routing.prefixLength(slot))) {
        return explanation;  // nobody imports it, whoever announces it
    }
    for (const RouteSource& source : sources) {
        if (!routing.hasRoute(source.neighbour, slot)) {
            continue;
        }
        const std::uint64_t neighbourKey = routing.key(source.neighbour, slot);
        if (!RoutePolicy::exportAllowed(RouteKey::routeClass(neighbourKey), source.receivedAs)) {
            continue;
        }
        if (receiver) {
            const std::vector<NodeIndex> path = routing.pathNodes(source.neighbour, slot);
            const bool loop = std::find(path.begin(), path.end(), *receiver) != path.end() ||
                              (routing.forgedPath(source.neighbour, slot) &&
                               *receiver == routing.attack().victim);
            if (loop) {
                continue;  // the AS finds its own ASN in the path
            }
        }
        if (!RoutePolicy::importAllowed(receiverValidates,
                                        routing.rovInvalid(source.neighbour, slot))) {
            explanation.rovRejected.push_back(source.neighbour);
            continue;
        }
        CandidateRoute candidate;
        candidate.neighbour = source.neighbour;
        candidate.attributes = RouteKey::attributes(RoutePolicy::receivedKey(
            neighbourKey, source.receivedAs, routing.ranking().rankOf(source.neighbour)));
        candidate.leadsTo = RouteKey::tag(neighbourKey);
        explanation.candidates.push_back(candidate);
    }
    std::sort(explanation.candidates.begin(), explanation.candidates.end(),
              [](const CandidateRoute& a, const CandidateRoute& b) {
                  return RoutePolicy::prefers(a.attributes, b.attributes);
              });
    const auto& candidates = explanation.candidates;
    if (candidates.empty()) {
        explanation.step = DecisionStep::NoRoute;
    } else {
        explanation.slot = slot;
        explanation.step = RoutePolicy::decidingStep(
            candidates[0].attributes, candidates.size() > 1 ? &candidates[1].attributes : nullptr);
    }
    return explanation;
}

}  // namespace mpicsim
