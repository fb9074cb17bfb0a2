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
    bake(providers_, [&](NodeIndex v) { return graph.providers(v); });
}

template <bool kOverlay>
void Propagator::propagate(std::initializer_list<Seed> seeds, std::uint8_t invalidTagMask,
                           const std::uint64_t* overlay, RoutingOutcome& scratch,
                           std::uint64_t* keys) const {
    const NodeIndex n = static_cast<NodeIndex>(graph_.nodeCount());
    const std::uint8_t* adopterMasks = rov_.adopterMasks().data();
    std::uint64_t* upward = scratch.upwardKeys_.data();
    std::vector<NodeIndex>& touched = scratch.touched_;
    std::vector<NodeIndex>& frontier = scratch.frontier_;
    std::vector<NodeIndex>& customerRouted = scratch.customerRouted_;

    auto retag = [overlay](NodeIndex v, std::uint64_t key) {
        if constexpr (kOverlay) {
            const std::uint64_t over = overlay[v];
            const std::uint64_t tag = over == kNone ? key : over;
            return (key & ~RouteKey::kTagMask) | (tag & RouteKey::kTagMask);
        } else {
            (void)v;
            return key;
        }
    };
    // Offers a route from `sender` to `receiver`, which keeps the better of it and its own.
    auto offer = [&](NodeIndex receiver, std::uint64_t senderKey, std::uint64_t receivedClass,
                     std::uint32_t senderTieRank) {
        const std::uint8_t dropMask = adopterMasks[receiver] & invalidTagMask;
        if ((dropMask >> (senderKey & RouteKey::kTagMask)) & 1u) {
            return false;
        }
        const std::uint64_t candidate =
            retag(receiver, receivedClass | ((senderKey & RouteKey::kLengthMask) + kOneHop) |
                                (std::uint64_t{senderTieRank} << RouteKey::kTieShift) |
                                (senderKey & RouteKey::kTagMask));
        const bool firstRoute = upward[receiver] == kNone;
        if (firstRoute) {
            touched.push_back(receiver);
        }
        upward[receiver] = std::min(upward[receiver], candidate);
        return firstRoute;
    };

    // Phase 1: customer routes climb. Nodes leave the heap in increasing index order, and every
    // provider has a higher index than its customers, so a node's route is final when it leaves.
    frontier.clear();
    customerRouted.clear();
    for (const Seed& seed : seeds) {
        upward[seed.node] = retag(seed.node, seed.key);
        touched.push_back(seed.node);
        frontier.push_back(seed.node);
    }
    std::make_heap(frontier.begin(), frontier.end(), std::greater<>());
    while (!frontier.empty()) {
        std::pop_heap(frontier.begin(), frontier.end(), std::greater<>());
        const NodeIndex sender = frontier.back();
        frontier.pop_back();
        customerRouted.push_back(sender);
        const std::uint64_t senderKey = upward[sender];
        const std::uint32_t senderTieRank = ranking_.rankOf(sender);
        for (NodeIndex provider : graph_.providers(sender)) {
            if (offer(provider, senderKey, classBits(RouteClass::Customer), senderTieRank)) {
                frontier.push_back(provider);
                std::push_heap(frontier.begin(), frontier.end(), std::greater<>());
            }
        }
    }
    // Phase 2: one peer hop, from the nodes with own or customer routes only.
    for (NodeIndex sender : customerRouted) {
        const std::uint64_t senderKey = upward[sender];
        const std::uint32_t senderTieRank = ranking_.rankOf(sender);
        for (NodeIndex peer : graph_.peers(sender)) {
            offer(peer, senderKey, classBits(RouteClass::Peer), senderTieRank);
        }
    }
    // Phase 3: provider routes descend; every provider of v follows v in node order, so each
    // node pulls from final routes. Every node's entry in `keys` is written here.
    const std::uint32_t* offsets = providers_.offsets.data();
    const Edge* edges = providers_.edges.data();
    for (NodeIndex v = n; v-- > 0;) {
        std::uint64_t best = upward[v];
        const std::uint8_t dropMask = adopterMasks[v] & invalidTagMask;
        for (const Edge* edge = edges + offsets[v]; edge != edges + offsets[v + 1]; ++edge) {
            const std::uint64_t providerKey = keys[edge->neighbour];
            const bool usable =
                providerKey != kNone && !((dropMask >> (providerKey & RouteKey::kTagMask)) & 1u);
            const std::uint64_t candidate =
                classBits(RouteClass::Provider) |
                ((providerKey & RouteKey::kLengthMask) + kOneHop) |
                (std::uint64_t{edge->neighbourTieRank} << RouteKey::kTieShift) |
                (providerKey & RouteKey::kTagMask);
            best = std::min(best, usable ? candidate : kNone);
        }
        keys[v] = best == kNone ? kNone : retag(v, best);
    }
    for (NodeIndex v : touched) {
        upward[v] = kNone;
    }
    touched.clear();
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
    victimKeys.resize(n);
    out.invalidTagMask_ = {0, 0};
    out.upwardKeys_.resize(n, kNone);
    out.touched_.reserve(n);
    out.frontier_.reserve(n);
    out.customerRouted_.reserve(n);
    const Seed victimSeed{attack.victim, originKey(Outcome::Victim)};

    switch (attack.type) {
        case AttackType::None:
            subprefixKeys.clear();
            propagate<false>({victimSeed}, 0, nullptr, out, victimKeys.data());
            break;
        case AttackType::EquallySpecific:
            subprefixKeys.clear();
            out.invalidTagMask_[0] = 1u << kTagAttacker;
            propagate<false>({victimSeed, {attack.attacker, originKey(Outcome::Attacker)}},
                             out.invalidTagMask_[0], nullptr, out, victimKeys.data());
            break;
        case AttackType::ForgedOrigin:
            // The path "attacker victim" is one AS longer and names the authorised origin.
            subprefixKeys.clear();
            propagate<false>({victimSeed, {attack.attacker, originKey(Outcome::Attacker, 1)}}, 0,
                             nullptr, out, victimKeys.data());
            break;
        case AttackType::Subprefix:
            subprefixKeys.resize(n);
            // The sub-prefix is longer than the ROA's maxLength and has the wrong origin.
            out.invalidTagMask_[1] = (1u << kTagVictim) | (1u << kTagAttacker);
            if (attack.subprefixFiltered()) {
                std::fill(subprefixKeys.begin(), subprefixKeys.end(), kNone);
                subprefixKeys[attack.attacker] = originKey(Outcome::Attacker);
            } else {
                // Traffic that enters the victim's AS is delivered there, even when the victim
                // holds (and passes on) the attacker's sub-prefix route.
                out.terminalOverlay_[attack.victim] = originKey(Outcome::Victim);
                propagate<true>({{attack.attacker, originKey(Outcome::Attacker)}},
                                out.invalidTagMask_[1], out.terminalOverlay_.data(), out,
                                subprefixKeys.data());
                out.terminalOverlay_[attack.victim] = kNone;
            }
            propagate<true>({victimSeed}, 0, subprefixKeys.data(), out, victimKeys.data());
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
