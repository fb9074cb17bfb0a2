#include "mpicsim/routing/Propagator.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace mpicsim {
namespace {

constexpr std::uint64_t kNone = RouteKey::kNone;
constexpr std::uint64_t kOneHop = std::uint64_t{1} << RouteKey::kLengthShift;
constexpr std::uint8_t kTagVictim = static_cast<std::uint8_t>(Outcome::Victim);
constexpr std::uint8_t kTagAttacker = static_cast<std::uint8_t>(Outcome::Attacker);

constexpr std::uint64_t classBits(RouteClass routeClass) {
    return std::uint64_t{static_cast<std::uint8_t>(routeClass)} << RouteKey::kClassShift;
}

constexpr std::uint64_t originKey(Outcome tag, std::uint32_t pathLength = 0) {
    return RouteKey::pack(RouteClass::Origin, pathLength, RouteKey::kOriginTieRank, tag);
}

// The route `neighbourKey` as received over an edge, or kNone when the neighbour does not
// export it over this relationship or the receiver's ROV drops it. `exportLimit` is the
// highest RouteClass the neighbour exports over the edge (Customer towards providers and
// peers, Provider towards customers).
inline std::uint64_t received(std::uint64_t neighbourKey, std::uint64_t receivedClassBits,
                              std::uint64_t exportLimit, std::uint32_t neighbourTieRank,
                              std::uint8_t rovDropMask) {
    const bool exported = (neighbourKey >> RouteKey::kClassShift) <= exportLimit &&
                          neighbourKey != kNone;
    const bool dropped = (rovDropMask >> (neighbourKey & RouteKey::kTagMask)) & 1u;
    const std::uint64_t candidate =
        receivedClassBits | ((neighbourKey & RouteKey::kLengthMask) + kOneHop) |
        (std::uint64_t{neighbourTieRank} << RouteKey::kTieShift) |
        (neighbourKey & RouteKey::kTagMask);
    return exported && !dropped ? candidate : kNone;
}

}  // namespace

Propagator::Propagator(const AsGraph& graph, const TieBreakRanking& ranking,
                       const RovDeployment& rov)
    : graph_(graph), ranking_(ranking), rov_(rov) {
    if (rov.nodeCount() != graph.nodeCount()) {
        throw std::invalid_argument("ROV deployment and graph differ in size");
    }
    auto bake = [&](EdgeList& list, auto neighboursOf) {
        const std::size_t n = graph.nodeCount();
        list.offsets.assign(n + 1, 0);
        for (NodeIndex v = 0; v < n; ++v) {
            const auto neighbours = neighboursOf(v);
            list.offsets[v + 1] = list.offsets[v] + static_cast<std::uint32_t>(neighbours.size());
            for (NodeIndex u : neighbours) {
                list.edges.push_back({u, ranking.rankOf(u)});
            }
        }
    };
    bake(customers_, [&](NodeIndex v) { return graph.customers(v); });
    bake(peers_, [&](NodeIndex v) { return graph.peers(v); });
    bake(providers_, [&](NodeIndex v) { return graph.providers(v); });
}

template <bool kOverlay>
void Propagator::propagate(std::uint8_t invalidTagMask, const std::uint64_t* overlay,
                           std::uint64_t* keys) const {
    const NodeIndex n = static_cast<NodeIndex>(graph_.nodeCount());
    const std::uint8_t* adopterMasks = rov_.adopterMasks().data();
    const std::uint64_t exportCustomerRoutes = static_cast<std::uint8_t>(RouteClass::Customer);
    const std::uint64_t exportAllRoutes = static_cast<std::uint8_t>(RouteClass::Provider);

    // With an overlay, an AS that holds a route in the overlay (a more specific prefix, or a
    // terminal AS) forwards traffic by that instead: its route carries the overlay's tag.
    auto store = [&](NodeIndex v, std::uint64_t best) {
        if constexpr (kOverlay) {
            const std::uint64_t over = overlay[v];
            const std::uint64_t tag =
                over == kNone ? (best & RouteKey::kTagMask) : (over & RouteKey::kTagMask);
            keys[v] = best == kNone ? kNone : ((best & ~RouteKey::kTagMask) | tag);
        } else {
            keys[v] = best;
        }
    };

    auto sweep = [&](const EdgeList& list, NodeIndex v, std::uint64_t receivedClass,
                     std::uint64_t exportLimit) {
        std::uint64_t best = keys[v];
        const std::uint8_t dropMask = adopterMasks[v] & invalidTagMask;
        const Edge* edge = list.edges.data() + list.offsets[v];
        const Edge* end = list.edges.data() + list.offsets[v + 1];
        for (; edge != end; ++edge) {
            best = std::min(best, received(keys[edge->neighbour], receivedClass, exportLimit,
                                           edge->neighbourTieRank, dropMask));
        }
        store(v, best);
    };

    // Phase 1: customer routes climb; every customer of v precedes v in node order.
    for (NodeIndex v = graph_.rankBegin(1); v < n; ++v) {
        sweep(customers_, v, classBits(RouteClass::Customer), exportCustomerRoutes);
    }
    // Phase 2: one peer hop. Only customer-class routes cross, and those are final already.
    for (NodeIndex v = 0; v < n; ++v) {
        sweep(peers_, v, classBits(RouteClass::Peer), exportCustomerRoutes);
    }
    // Phase 3: provider routes descend; every provider of v follows v in node order.
    for (NodeIndex v = n; v-- > 0;) {
        sweep(providers_, v, classBits(RouteClass::Provider), exportAllRoutes);
    }
}

RoutingOutcome Propagator::run(const Attack& attack) const {
    RoutingOutcome outcome;
    run(attack, outcome);
    return outcome;
}

void Propagator::run(const Attack& attack, RoutingOutcome& out) const {
    const std::size_t n = graph_.nodeCount();
    if (attack.victim >= n || (attack.hasAttacker() && attack.attacker >= n)) {
        throw std::invalid_argument("attack names a node outside the graph");
    }
    if (attack.hasAttacker() && attack.victim == attack.attacker) {
        throw std::invalid_argument("the victim and the attacker must be different ASes");
    }
    if (attack.victimPrefixLength < 1 ||
        attack.victimPrefixLength > Attack::kLongestRoutablePrefixLength) {
        throw std::invalid_argument("victim prefix length must be between 1 and 24, not " +
                                    std::to_string(attack.victimPrefixLength));
    }
    out.graph_ = &graph_;
    out.ranking_ = &ranking_;
    out.attack_ = attack;
    out.outcomes_.resize(n);
    out.terminalOverlay_.resize(n, kNone);
    auto& victimKeys = out.keys_[static_cast<int>(PrefixSlot::VictimPrefix)];
    auto& subprefixKeys = out.keys_[static_cast<int>(PrefixSlot::Subprefix)];
    victimKeys.assign(n, kNone);
    victimKeys[attack.victim] = originKey(Outcome::Victim);
    out.invalidTagMask_ = {0, 0};

    switch (attack.type) {
        case AttackType::None:
            subprefixKeys.clear();
            propagate<false>(0, nullptr, victimKeys.data());
            break;
        case AttackType::EquallySpecific:
            subprefixKeys.clear();
            victimKeys[attack.attacker] = originKey(Outcome::Attacker);
            out.invalidTagMask_[0] = 1u << kTagAttacker;
            propagate<false>(out.invalidTagMask_[0], nullptr, victimKeys.data());
            break;
        case AttackType::ForgedOrigin:
            // The path "attacker victim" is one AS longer and names the authorised origin.
            subprefixKeys.clear();
            victimKeys[attack.attacker] = originKey(Outcome::Attacker, 1);
            propagate<false>(0, nullptr, victimKeys.data());
            break;
        case AttackType::Subprefix:
            subprefixKeys.assign(n, kNone);
            subprefixKeys[attack.attacker] = originKey(Outcome::Attacker);
            // The sub-prefix is longer than the ROA's maxLength and has the wrong origin.
            out.invalidTagMask_[1] = (1u << kTagVictim) | (1u << kTagAttacker);
            if (!attack.subprefixFiltered()) {
                // Traffic that enters the victim's AS is delivered there, even when the victim
                // holds (and passes on) the attacker's sub-prefix route.
                out.terminalOverlay_[attack.victim] = originKey(Outcome::Victim);
                propagate<true>(out.invalidTagMask_[1], out.terminalOverlay_.data(),
                                subprefixKeys.data());
                out.terminalOverlay_[attack.victim] = kNone;
            }
            propagate<true>(0, subprefixKeys.data(), victimKeys.data());
            break;
    }

    if (attack.type == AttackType::Subprefix) {
        for (NodeIndex v = 0; v < n; ++v) {
            const std::uint64_t key = victimKeys[v] != kNone ? victimKeys[v] : subprefixKeys[v];
            out.outcomes_[v] = key == kNone ? Outcome::Disconnected : RouteKey::tag(key);
        }
    } else {
        for (NodeIndex v = 0; v < n; ++v) {
            const std::uint64_t key = victimKeys[v];
            out.outcomes_[v] = key == kNone ? Outcome::Disconnected : RouteKey::tag(key);
        }
    }
}

}  // namespace mpicsim
