#include "mpicsim/routing/DataPlane.hpp"

#include <algorithm>

namespace mpicsim {

ForwardingTrace DataPlane::trace(const RoutingOutcome& routing, NodeIndex source) {
    const Attack& attack = routing.attack();
    ForwardingTrace result;
    NodeIndex current = source;
    result.hops.push_back(current);
    while (true) {
        if (current == attack.victim) {
            result.outcome = Outcome::Victim;
            return result;
        }
        if (attack.hasAttacker() && current == attack.attacker) {
            result.outcome = Outcome::Attacker;
            return result;
        }
        const std::optional<PrefixSlot> slot = routing.forwardingSlot(current);
        const std::optional<NodeIndex> next = slot ? routing.nextHop(current, *slot) : std::nullopt;
        if (!next ||
            std::find(result.hops.begin(), result.hops.end(), *next) != result.hops.end()) {
            result.outcome = Outcome::Disconnected;
            return result;
        }
        current = *next;
        result.hops.push_back(current);
    }
}

}  // namespace mpicsim
