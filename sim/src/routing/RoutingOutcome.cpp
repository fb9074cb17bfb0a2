#include "mpicsim/routing/RoutingOutcome.hpp"

namespace mpicsim {

std::optional<PrefixSlot> RoutingOutcome::forwardingSlot(NodeIndex node) const {
    // The victim delivers traffic for its prefix to its own hosts: it forwards on its own route,
    // even when it holds (and passes on) the attacker's sub-prefix route.
    if (node == attack_.victim) {
        return hasRoute(node, PrefixSlot::VictimPrefix) ? std::optional(PrefixSlot::VictimPrefix)
                                                        : std::nullopt;
    }
    if (usesSubprefix() && hasRoute(node, PrefixSlot::Subprefix)) {
        return PrefixSlot::Subprefix;
    }
    if (hasRoute(node, PrefixSlot::VictimPrefix)) {
        return PrefixSlot::VictimPrefix;
    }
    return std::nullopt;
}

std::optional<NodeIndex> RoutingOutcome::nextHop(NodeIndex node, PrefixSlot slot) const {
    if (slot == PrefixSlot::Subprefix && !usesSubprefix()) {
        return std::nullopt;
    }
    const std::uint64_t routeKey = key(node, slot);
    if (routeKey == RouteKey::kNone || RouteKey::routeClass(routeKey) == RouteClass::Origin) {
        return std::nullopt;
    }
    return ranking_->nodeAt(RouteKey::nextHopTieRank(routeKey));
}

std::optional<Outcome> RoutingOutcome::announcer(NodeIndex node, PrefixSlot slot) const {
    if (slot == PrefixSlot::Subprefix) {
        if (!usesSubprefix() || !hasRoute(node, slot)) {
            return std::nullopt;
        }
        return Outcome::Attacker;
    }
    if (!hasRoute(node, slot)) {
        return std::nullopt;
    }
    if (attack_.type == AttackType::None || attack_.type == AttackType::Subprefix) {
        return Outcome::Victim;
    }
    // With one prefix, traffic follows the control plane to whoever announced the route.
    return RouteKey::tag(key(node, slot));
}

bool RoutingOutcome::rovInvalid(NodeIndex node, PrefixSlot slot) const {
    if (slot == PrefixSlot::Subprefix && !usesSubprefix()) {
        return false;
    }
    const std::uint64_t routeKey = key(node, slot);
    if (routeKey == RouteKey::kNone) {
        return false;
    }
    return (invalidTagMask_[static_cast<int>(slot)] >> (routeKey & RouteKey::kTagMask)) & 1u;
}

bool RoutingOutcome::forgedPath(NodeIndex node, PrefixSlot slot) const {
    return attack_.type == AttackType::ForgedOrigin && slot == PrefixSlot::VictimPrefix &&
           announcer(node, slot) == Outcome::Attacker;
}

std::vector<NodeIndex> RoutingOutcome::pathNodes(NodeIndex node, PrefixSlot slot) const {
    std::vector<NodeIndex> path;
    std::optional<NodeIndex> hop = nextHop(node, slot);
    while (hop && path.size() <= nodeCount()) {
        path.push_back(*hop);
        hop = nextHop(*hop, slot);
    }
    return path;
}

std::vector<Asn> RoutingOutcome::asPath(NodeIndex node) const {
    const bool terminal =
        node == attack_.victim || (attack_.hasAttacker() && node == attack_.attacker);
    const std::optional<PrefixSlot> slot = forwardingSlot(node);
    if (terminal || !slot) {
        return {};
    }
    std::vector<Asn> path;
    for (NodeIndex hop : pathNodes(node, *slot)) {
        path.push_back(graph_->asnOf(hop));
    }
    if (forgedPath(node, *slot)) {
        path.push_back(graph_->asnOf(attack_.victim));
    }
    return path;
}

}  // namespace mpicsim
