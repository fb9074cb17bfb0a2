#include "mpicsim/routing/DecisionExplainer.hpp"

#include <algorithm>

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
    RouteExplanation explanation;
    if (routing.hasRoute(node, slot)) {
        explanation.slot = slot;
    }
    if (routing.originates(node, slot)) {
        explanation.step = DecisionStep::Origin;
        return explanation;
    }
    if (slot == PrefixSlot::Subprefix && !routing.usesSubprefix()) {
        return explanation;
    }
    const AsGraph& graph = routing.graph();
    const Attack& attack = routing.attack();

    auto consider = [&](NodeIndex neighbour, RouteClass receivedAs, RouteClass exportLimit) {
        if (!routing.hasRoute(neighbour, slot)) {
            return;
        }
        const std::uint64_t neighbourKey = routing.key(neighbour, slot);
        if (RouteKey::routeClass(neighbourKey) > exportLimit) {
            return;  // valley-free export: not sent over this relationship
        }
        const std::vector<NodeIndex> path = routing.pathNodes(neighbour, slot);
        const bool loop = std::find(path.begin(), path.end(), node) != path.end() ||
                          (routing.forgedPath(neighbour, slot) && node == attack.victim);
        if (loop) {
            return;  // the AS finds its own ASN in the path
        }
        if (rov_.adopts(node) && routing.rovInvalid(neighbour, slot)) {
            explanation.rovRejected.push_back(neighbour);
            return;
        }
        CandidateRoute candidate;
        candidate.neighbour = neighbour;
        candidate.attributes = {receivedAs, RouteKey::pathLength(neighbourKey) + 1,
                                routing.ranking().rankOf(neighbour)};
        candidate.leadsTo = RouteKey::tag(neighbourKey);
        explanation.candidates.push_back(candidate);
    };
    for (NodeIndex customer : graph.customers(node)) {
        consider(customer, RouteClass::Customer, RouteClass::Customer);
    }
    for (NodeIndex peer : graph.peers(node)) {
        consider(peer, RouteClass::Peer, RouteClass::Customer);
    }
    for (NodeIndex provider : graph.providers(node)) {
        consider(provider, RouteClass::Provider, RouteClass::Provider);
    }
    std::sort(explanation.candidates.begin(), explanation.candidates.end(),
              [](const CandidateRoute& a, const CandidateRoute& b) {
                  return a.attributes.isPreferredTo(b.attributes);
              });

    const auto& candidates = explanation.candidates;
    explanation.step = candidates.empty()
                           ? DecisionStep::NoRoute
                           : candidates[0].attributes.stepOver(
                                 candidates.size() > 1 ? &candidates[1].attributes : nullptr);
    return explanation;
}

}  // namespace mpicsim
