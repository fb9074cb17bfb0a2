#include "mpicsim/routing/Propagator.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <string>

#include "mpicsim/common/InstanceId.hpp"
#include "mpicsim/routing/RoutePolicy.hpp"

namespace mpicsim {
namespace {

constexpr std::uint64_t kNone = RouteKey::kNone;
constexpr std::uint8_t kTagVictim = static_cast<std::uint8_t>(Outcome::Victim);
constexpr std::uint8_t kTagAttacker = static_cast<std::uint8_t>(Outcome::Attacker);

constexpr std::uint64_t originKey(Outcome tag, std::uint32_t pathLength = 0) {
    return RouteKey::pack(RouteClass::Origin, pathLength, RouteKey::kOriginTieRank, tag);
}

}  // namespace

Propagator::Propagator(const AsGraph& graph, const TieBreakRanking& ranking,
                       const RovDeployment& rov)
    : graph_(graph), ranking_(ranking), rov_(rov), id_(nextInstanceId()) {
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

// Why no AS-path loop check is needed. Read from its holder, every route's path is valley-free:
// zero or more hops up to providers, at most one peer hop, then hops down to customers until
// the origin; every AS on the downward part (the peer's side of a peer hop included) forwards on
// an own or customer route, since only those are exported up or sideways (RoutePolicy's export
// rule). Suppose AS u is offered a route whose path contains u:
//  - from a customer c (a customer route): the whole path lies below c, so u would be its own
//    indirect customer, which AsGraph's acyclic provider hierarchy rules out;
//  - from a peer (a peer route): the whole path is a downward part, so u forwards on an own or
//    customer route;
//  - from a provider p (a provider route): u cannot lie on the upward part (u would be a provider
//    of its own provider), so it lies on the downward part and forwards on an own or customer
//    route.
// In the last two cases u already holds a route of a better class (own or customer over peer or
// provider, RoutePolicy's first step; the forged path "attacker victim" ends at the victim, who
// holds its own route), so the looping offer never wins the minimum. Dropping it, as a BGP
// speaker that finds its own ASN in the path does, changes nothing; the naive reference
// simulator in the tests drops it explicitly and agrees with this propagation.
template <bool kOverlay>
void Propagator::propagate(std::initializer_list<Seed> seeds, std::uint8_t invalidTagMask,
                           const std::uint64_t* overlay, const Sweep& sweep,
                           PropagationWorkspace& scratch, std::uint64_t* keys) const {
    const NodeIndex n = static_cast<NodeIndex>(graph_.nodeCount());
    const std::uint8_t* adopterMasks = rov_.adopterMasks().data();
    std::uint64_t* upward = scratch.upwardKeys_.data();
    std::vector<NodeIndex>& touched = scratch.touched_;
    std::vector<std::vector<NodeIndex>>& frontier = scratch.frontier_;
    std::vector<NodeIndex>& customerRouted = scratch.customerRouted_;

    auto retag = [overlay](NodeIndex v, std::uint64_t key) {
        if constexpr (kOverlay) {
            const std::uint64_t over = overlay[v];
            const std::uint64_t tag = over == kNone ? key : over;
            return (key & ~RouteKey::kTagMask) | (tag & RouteKey::kTagMask);
        } else {
            (void)overlay;
            (void)v;
            return key;
        }
    };
    // Offers a route from `sender` to `receiver`, which keeps the better of it and its own.
    auto offer = [&](NodeIndex receiver, std::uint64_t senderKey, RouteClass receivedAs,
                     std::uint32_t senderTieRank) {
        if (!RoutePolicy::importAllowed(adopterMasks[receiver], invalidTagMask, senderKey)) {
            return false;
        }
        const std::uint64_t candidate =
            retag(receiver, RoutePolicy::receivedKey(senderKey, receivedAs, senderTieRank));
        const bool firstRoute = upward[receiver] == kNone;
        if (firstRoute) {
            touched.push_back(receiver);
        }
        upward[receiver] = std::min(upward[receiver], candidate);
        return firstRoute;
    };

    // Phase 1: customer routes climb, rank by rank. Every provider has a higher rank than its
    // customers, so a node's route is final once the ranks below its own are done.
    if (frontier.size() != graph_.maxRank() + 1) {
        // Room for every node of each rank, so that no trial allocates.
        frontier.resize(graph_.maxRank() + 1);
        for (std::uint32_t rank = 0; rank < frontier.size(); ++rank) {
            const NodeIndex end =
                rank == graph_.maxRank() ? static_cast<NodeIndex>(n) : graph_.rankBegin(rank + 1);
            frontier[rank].reserve(end - graph_.rankBegin(rank));
        }
    }
    customerRouted.clear();
    std::uint32_t lowestRank = graph_.maxRank();
    for (const Seed& seed : seeds) {
        upward[seed.node] = retag(seed.node, seed.key);
        touched.push_back(seed.node);
        frontier[graph_.rank(seed.node)].push_back(seed.node);
        lowestRank = std::min(lowestRank, graph_.rank(seed.node));
    }
    for (std::uint32_t rank = lowestRank; rank < frontier.size(); ++rank) {
        for (NodeIndex sender : frontier[rank]) {
            customerRouted.push_back(sender);
            const std::uint64_t senderKey = upward[sender];
            const std::uint32_t senderTieRank = ranking_.rankOf(sender);
            if (!RoutePolicy::exportAllowed(RouteKey::routeClass(senderKey),
                                            RouteClass::Customer)) {
                continue;  // never taken: the frontier holds origins and customer routes only
            }
            for (NodeIndex provider : graph_.providers(sender)) {
                if (offer(provider, senderKey, RouteClass::Customer, senderTieRank)) {
                    frontier[graph_.rank(provider)].push_back(provider);
                }
            }
        }
        frontier[rank].clear();
    }
    if constexpr (!kOverlay) {
        if (sweep.scope != nullptr && sweep.extraFlags == nullptr) {
            settleWithinClosure(*sweep.scope, invalidTagMask, scratch, keys);
            for (NodeIndex v : touched) {
                upward[v] = kNone;
            }
            touched.clear();
            return;
        }
    }
    // Phase 2: one peer hop. Only own and customer routes are exported to peers, and only the
    // nodes of phase 1 hold them: a route a peer hop delivers goes no further sideways or up.
    for (NodeIndex sender : customerRouted) {
        const std::uint64_t senderKey = upward[sender];
        if (!RoutePolicy::exportAllowed(RouteKey::routeClass(senderKey), RouteClass::Peer)) {
            continue;
        }
        const std::uint32_t senderTieRank = ranking_.rankOf(sender);
        if (sweep.scope == nullptr) {
            for (NodeIndex peer : graph_.peers(sender)) {
                offer(peer, senderKey, RouteClass::Peer, senderTieRank);
            }
        } else {
            const std::vector<NodeIndex>& closure = sweep.scope->closureDescending();
            for (std::uint32_t slot : sweep.scope->peerSlotsInClosure(sender)) {
                offer(closure[slot], senderKey, RouteClass::Peer, senderTieRank);
            }
        }
    }
    // The extra nodes outside the closure pull the same offers from their peers: a peer offers
    // a route when it holds an own or customer route (peer routes received above never count).
    if (sweep.peerRoutesIntoExtra) {
        for (NodeIndex receiver : sweep.extraDescending) {
            if (sweep.scope->inClosure(receiver)) {
                continue;
            }
            for (NodeIndex peer : graph_.peers(receiver)) {
                const std::uint64_t peerKey = upward[peer];
                if (peerKey != kNone &&
                    RoutePolicy::exportAllowed(RouteKey::routeClass(peerKey), RouteClass::Peer)) {
                    offer(receiver, peerKey, RouteClass::Peer, ranking_.rankOf(peer));
                }
            }
        }
    }
    // Phase 3: provider routes descend; every provider of v follows v in node order, so each
    // node pulls from final routes. A provider exports every route to its customers, so only
    // the import rule filters here. Every swept node's entry in `keys` is written here; a
    // scope's sweep is upward closed, so its nodes pull from providers settled before them.
    static_assert(RoutePolicy::exportAllowed(RouteClass::Provider, RouteClass::Provider));
    const std::uint32_t* offsets = providers_.offsets.data();
    const Edge* edges = providers_.edges.data();
    auto settle = [&](NodeIndex v) {
        std::uint64_t best = upward[v];
        const std::uint8_t adopterMask = adopterMasks[v];
        for (const Edge* edge = edges + offsets[v]; edge != edges + offsets[v + 1]; ++edge) {
            const std::uint64_t providerKey = keys[edge->neighbour];
            const bool usable =
                providerKey != kNone &&
                RoutePolicy::importAllowed(adopterMask, invalidTagMask, providerKey);
            const std::uint64_t candidate =
                RoutePolicy::receivedKey(providerKey, RouteClass::Provider, edge->neighbourTieRank);
            best = std::min(best, usable ? candidate : kNone);
        }
        keys[v] = best == kNone ? kNone : retag(v, best);
    };
    if (sweep.scope == nullptr) {
        for (NodeIndex v = n; v-- > 0;) {
            settle(v);
        }
    } else {
        for (NodeIndex v : sweep.extraDescending) {
            settle(v);
        }
        for (NodeIndex v : sweep.scope->closureDescending()) {
            if (sweep.extraFlags == nullptr || sweep.extraFlags[v] == 0) {
                settle(v);
            }
        }
    }
    for (NodeIndex v : touched) {
        upward[v] = kNone;
    }
    touched.clear();
}

// Phases 2 and 3 for a scope's closure alone, on arrays indexed by slot (small enough to stay
// in the cache): the same offers, imports and choices as the node-indexed sweep, which the
// tests compare it with.
void Propagator::settleWithinClosure(const PropagationScope& scope, std::uint8_t invalidTagMask,
                                     PropagationWorkspace& scratch, std::uint64_t* keys) const {
    const std::vector<NodeIndex>& closure = scope.closureDescending();
    const std::size_t size = closure.size();
    if (scratch.slotTablesScope_ != scope.id() || scratch.slotTablesPropagator_ != id_) {
        scratch.slotAdopterMasks_.resize(size);
        scratch.slotTieRanks_.resize(size);
        for (std::size_t slot = 0; slot < size; ++slot) {
            scratch.slotAdopterMasks_[slot] = rov_.adopterMasks()[closure[slot]];
            scratch.slotTieRanks_[slot] = ranking_.rankOf(closure[slot]);
        }
        scratch.slotAnyAdopter_ =
            std::any_of(scratch.slotAdopterMasks_.begin(), scratch.slotAdopterMasks_.end(),
                        [](std::uint8_t mask) { return mask != 0; });
        scratch.slotTablesScope_ = scope.id();
        scratch.slotTablesPropagator_ = id_;
        scratch.slotBest_.resize(size);
        scratch.slotBits_.resize(scope.slotWords());
        scratch.slotKeys_.resize(size);
    }
    std::uint64_t* best = scratch.slotBest_.data();
    std::uint64_t* slotKeys = scratch.slotKeys_.data();
    const std::uint8_t* adopterMasks = scratch.slotAdopterMasks_.data();
    const std::uint32_t* tieRanks = scratch.slotTieRanks_.data();
    std::fill(best, best + size, kNone);
    const std::uint64_t* upward = scratch.upwardKeys_.data();
    // No route is invalid, or nobody in the closure validates: every offer is imported.
    const bool importedEverywhere = invalidTagMask == 0 || !scratch.slotAnyAdopter_;

    // Own and customer routes of phase 1. A node holding one never takes a peer route
    // (RoutePolicy's first step), so peer offers go to the other nodes only.
    std::uint64_t* withoutCustomerRoute = scratch.slotBits_.data();
    std::fill(withoutCustomerRoute, withoutCustomerRoute + scope.slotWords(), ~std::uint64_t{0});
    for (NodeIndex sender : scratch.customerRouted_) {
        const std::uint32_t senderSlot = scope.slotOf(sender);
        if (senderSlot != PropagationScope::kOutside) {
            best[senderSlot] = std::min(best[senderSlot], upward[sender]);
            withoutCustomerRoute[senderSlot / 64] &= ~(std::uint64_t{1} << (senderSlot % 64));
        }
    }
    // One peer hop into the closure (as in propagate).
    for (NodeIndex sender : scratch.customerRouted_) {
        const std::uint64_t senderKey = upward[sender];
        if (!RoutePolicy::exportAllowed(RouteKey::routeClass(senderKey), RouteClass::Peer)) {
            continue;
        }
        const std::uint64_t offered =
            RoutePolicy::receivedKey(senderKey, RouteClass::Peer, ranking_.rankOf(sender));
        const std::span<const std::uint64_t> dense = scope.peerSlotBits(sender);
        if (!dense.empty()) {
            for (std::size_t word = 0; word < dense.size(); ++word) {
                std::uint64_t bits = dense[word] & withoutCustomerRoute[word];
                while (bits != 0) {
                    const auto slot =
                        static_cast<std::uint32_t>(word * 64 + std::countr_zero(bits));
                    bits &= bits - 1;
                    if (importedEverywhere ||
                        RoutePolicy::importAllowed(adopterMasks[slot], invalidTagMask, senderKey)) {
                        best[slot] = std::min(best[slot], offered);
                    }
                }
            }
            continue;
        }
        const std::span<const std::uint32_t> receivers = scope.peerSlotsInClosure(sender);
        if (importedEverywhere) {
            for (std::uint32_t slot : receivers) {
                best[slot] = std::min(best[slot], offered);
            }
            continue;
        }
        for (std::uint32_t slot : receivers) {
            if (RoutePolicy::importAllowed(adopterMasks[slot], invalidTagMask, senderKey)) {
                best[slot] = std::min(best[slot], offered);
            }
        }
    }
    // Provider routes descend: every provider's slot is lower than its customer's.
    for (std::uint32_t slot = 0; slot < size; ++slot) {
        std::uint64_t chosen = best[slot];
        const std::uint8_t adopterMask = adopterMasks[slot];
        for (std::uint32_t providerSlot : scope.providerSlots(slot)) {
            const std::uint64_t providerKey = slotKeys[providerSlot];
            const bool usable =
                providerKey != kNone &&
                RoutePolicy::importAllowed(adopterMask, invalidTagMask, providerKey);
            const std::uint64_t candidate =
                RoutePolicy::receivedKey(providerKey, RouteClass::Provider, tieRanks[providerSlot]);
            chosen = std::min(chosen, usable ? candidate : kNone);
        }
        slotKeys[slot] = chosen;
        keys[closure[slot]] = chosen;
    }
}

RoutingOutcome Propagator::run(const Attack& attack) const {
    RoutingOutcome outcome;
    PropagationWorkspace workspace;
    run(attack, outcome, workspace);
    return outcome;
}

void Propagator::run(const Attack& attack, RoutingOutcome& out,
                     PropagationWorkspace& workspace) const {
    runSwept(attack, Sweep{}, out, workspace);
}

void Propagator::run(const Attack& attack, const PropagationScope& scope, RoutingOutcome& out,
                     PropagationWorkspace& workspace) const {
    if (scope.nodeCount() != graph_.nodeCount()) {
        throw std::invalid_argument("propagation scope and graph differ in size");
    }
    Sweep sweep{&scope, {}, nullptr};
    if (attack.type == AttackType::Subprefix && attack.victim < graph_.nodeCount()) {
        collectAncestors(attack.victim, workspace);
        sweep.extraDescending = workspace.ancestors_;
        sweep.extraFlags = workspace.isAncestor_.data();
    }
    runSwept(attack, sweep, out, workspace);
    for (NodeIndex v : workspace.ancestors_) {
        workspace.isAncestor_[v] = 0;
    }
    workspace.ancestors_.clear();
}

void Propagator::collectAncestors(NodeIndex victim, PropagationWorkspace& workspace) const {
    workspace.isAncestor_.resize(graph_.nodeCount(), 0);
    std::vector<NodeIndex>& ancestors = workspace.ancestors_;
    ancestors.reserve(graph_.nodeCount());
    ancestors.clear();
    ancestors.push_back(victim);
    workspace.isAncestor_[victim] = 1;
    for (std::size_t next = 0; next < ancestors.size(); ++next) {
        for (NodeIndex provider : graph_.providers(ancestors[next])) {
            if (workspace.isAncestor_[provider] == 0) {
                workspace.isAncestor_[provider] = 1;
                ancestors.push_back(provider);
            }
        }
    }
    std::sort(ancestors.begin(), ancestors.end(), std::greater<>());
}

void Propagator::runSwept(const Attack& attack, const Sweep& sweep, RoutingOutcome& out,
                          PropagationWorkspace& workspace) const {
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
    auto& victimKeys = out.keys_[static_cast<int>(PrefixSlot::VictimPrefix)];
    auto& subprefixKeys = out.keys_[static_cast<int>(PrefixSlot::Subprefix)];
    const bool complete = sweep.scope == nullptr;
    if (complete) {
        victimKeys.resize(n);
        out.outcomes_.resize(n);
        out.written_.clear();
    } else {
        // An incomplete outcome holds no route outside what the last run wrote: clear that.
        if (out.complete_ || victimKeys.size() != n) {
            victimKeys.assign(n, kNone);
            subprefixKeys.assign(n, kNone);
            out.outcomes_.assign(n, Outcome::Disconnected);
            out.written_.clear();
        }
        for (NodeIndex v : out.written_) {
            victimKeys[v] = kNone;
            subprefixKeys[v] = kNone;
            out.outcomes_[v] = Outcome::Disconnected;
        }
        out.written_.clear();
        out.written_.reserve(n);
    }
    out.complete_ = complete;
    out.graph_ = &graph_;
    out.ranking_ = &ranking_;
    out.attack_ = attack;
    workspace.terminalOverlay_.resize(n, kNone);
    out.invalidTagMask_ = {0, 0};
    workspace.upwardKeys_.resize(n, kNone);
    workspace.touched_.reserve(n);
    workspace.customerRouted_.reserve(n);
    const Seed victimSeed{attack.victim, originKey(Outcome::Victim)};

    switch (attack.type) {
        case AttackType::None:
            if (complete) {
                subprefixKeys.clear();
            }
            propagate<false>({victimSeed}, 0, nullptr, sweep, workspace, victimKeys.data());
            break;
        case AttackType::EquallySpecific:
            if (complete) {
                subprefixKeys.clear();
            }
            out.invalidTagMask_[0] = attack.victimHasRoa ? 1u << kTagAttacker : 0u;
            propagate<false>({victimSeed, {attack.attacker, originKey(Outcome::Attacker)}},
                             out.invalidTagMask_[0], nullptr, sweep, workspace, victimKeys.data());
            break;
        case AttackType::ForgedOrigin:
            // The path "attacker victim" is one AS longer and names the authorised origin.
            if (complete) {
                subprefixKeys.clear();
            }
            propagate<false>({victimSeed, {attack.attacker, originKey(Outcome::Attacker, 1)}}, 0,
                             nullptr, sweep, workspace, victimKeys.data());
            break;
        case AttackType::Subprefix:
            subprefixKeys.resize(n);
            // The sub-prefix is longer than the ROA's maxLength and has the wrong origin.
            out.invalidTagMask_[1] =
                attack.victimHasRoa ? (1u << kTagVictim) | (1u << kTagAttacker) : 0u;
            if (attack.subprefixFiltered()) {
                if (complete) {
                    std::fill(subprefixKeys.begin(), subprefixKeys.end(), kNone);
                } else {
                    out.written_.push_back(attack.attacker);
                }
                subprefixKeys[attack.attacker] = originKey(Outcome::Attacker);
            } else {
                // Traffic that enters the victim's AS is delivered there, even when the victim
                // holds (and passes on) the attacker's sub-prefix route.
                workspace.terminalOverlay_[attack.victim] = originKey(Outcome::Victim);
                // The victim's ancestors forward the victim prefix on customer routes, but their
                // sub-prefix routes (which tag that traffic) may come from peers.
                Sweep subprefixSweep = sweep;
                subprefixSweep.peerRoutesIntoExtra = sweep.scope != nullptr;
                propagate<true>({{attack.attacker, originKey(Outcome::Attacker)}},
                                out.invalidTagMask_[1], workspace.terminalOverlay_.data(),
                                subprefixSweep, workspace, subprefixKeys.data());
                workspace.terminalOverlay_[attack.victim] = kNone;
            }
            propagate<true>({victimSeed}, 0, subprefixKeys.data(), sweep, workspace,
                            victimKeys.data());
            break;
    }

    // The data-plane outcome: a route's tag already says where traffic sent on it ends, and a
    // victim-prefix route carries the tag of the sub-prefix route its holder forwards on.
    const bool subprefix = attack.type == AttackType::Subprefix;
    auto settleOutcome = [&](NodeIndex v) {
        const std::uint64_t key =
            victimKeys[v] != kNone || !subprefix ? victimKeys[v] : subprefixKeys[v];
        out.outcomes_[v] = key == kNone ? Outcome::Disconnected : RouteKey::tag(key);
    };
    if (complete) {
        for (NodeIndex v = 0; v < n; ++v) {
            settleOutcome(v);
        }
        return;
    }
    for (NodeIndex v : sweep.extraDescending) {
        out.written_.push_back(v);
    }
    for (NodeIndex v : sweep.scope->closureDescending()) {
        if (sweep.extraFlags == nullptr || sweep.extraFlags[v] == 0) {
            out.written_.push_back(v);
        }
    }
    for (NodeIndex v : out.written_) {
        settleOutcome(v);
    }
}

}  // namespace mpicsim
