#include "reference/NaiveBgpSimulator.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <deque>
#include <set>
#include <stdexcept>
#include <string>

namespace mpicsim::test {

std::array<unsigned char, 16> naiveMd5OfAsn(Asn asn) {
    const std::string text = std::to_string(asn);
    std::array<unsigned char, 16> digest{};
    unsigned int length = 0;
    if (EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_md5(), nullptr) != 1 ||
        length != digest.size()) {
        throw std::runtime_error("EVP_Digest(MD5) failed");
    }
    return digest;
}

NaiveBgpSimulator::NaiveBgpSimulator(const AsGraph& graph, const TieBreak& tieBreak,
                                     std::vector<bool> rovAdopters)
    : graph_(graph), tieBreak_(tieBreak), rovAdopters_(std::move(rovAdopters)) {
    const std::size_t n = graph.nodeCount();
    if (rovAdopters_.size() != n) {
        throw std::invalid_argument("ROV adopter flags and graph differ in size");
    }
    relationOf_.resize(n);
    for (NodeIndex v = 0; v < n; ++v) {
        for (NodeIndex u : graph.customers(v)) {
            relationOf_[v][u] = NaiveRelationship::Customer;
        }
        for (NodeIndex u : graph.peers(v)) {
            relationOf_[v][u] = NaiveRelationship::Peer;
        }
        for (NodeIndex u : graph.providers(v)) {
            relationOf_[v][u] = NaiveRelationship::Provider;
        }
        if (tieBreak_.kind() == TieBreak::Kind::Md5) {
            md5ByAsn_[graph.asnOf(v)] = naiveMd5OfAsn(graph.asnOf(v));
        }
    }
}

bool NaiveBgpSimulator::tieBreakPrefers(Asn a, Asn b) const {
    switch (tieBreak_.kind()) {
        case TieBreak::Kind::LowestAsn:
            return a < b;
        case TieBreak::Kind::Random: {
            const std::uint64_t keyA = TieBreak::randomKey(tieBreak_.seed(), a);
            const std::uint64_t keyB = TieBreak::randomKey(tieBreak_.seed(), b);
            if (keyA != keyB) {
                return keyA < keyB;
            }
            return a < b;
        }
        case TieBreak::Kind::Md5: {
            const auto& digestA = md5ByAsn_.at(a);
            const auto& digestB = md5ByAsn_.at(b);
            // Compare the digests as 128-bit big-endian numbers: the larger one wins.
            for (std::size_t i = 0; i < digestA.size(); ++i) {
                if (digestA[i] != digestB[i]) {
                    return digestA[i] > digestB[i];
                }
            }
            return a < b;
        }
    }
    return a < b;
}

bool NaiveBgpSimulator::better(const NaiveRoute& a, const NaiveRoute& b) const {
    // 0. One's own announcement is never replaced.
    if (a.own != b.own) {
        return a.own;
    }
    // 1. Customer routes over peer routes over provider routes.
    if (a.learnedOver != b.learnedOver) {
        return static_cast<int>(a.learnedOver) < static_cast<int>(b.learnedOver);
    }
    // 2. Shorter AS path.
    if (a.path.size() != b.path.size()) {
        return a.path.size() < b.path.size();
    }
    // 3. Tie-break on the next hop's ASN.
    return tieBreakPrefers(graph_.asnOf(a.from), graph_.asnOf(b.from));
}

std::vector<NaiveAsResult> NaiveBgpSimulator::run(const Attack& attack) const {
    const std::size_t n = graph_.nodeCount();
    const bool hasAttacker = attack.type != AttackType::None;
    const Asn victimAsn = graph_.asnOf(attack.victim);
    const bool subprefixFiltered =
        attack.type == AttackType::Subprefix && attack.victimPrefixLength + 1 > 24;

    std::vector<AsState> state(n);
    std::deque<Message> queue;

    // Sends the AS's current best route for a prefix (or a withdrawal) to every neighbour,
    // respecting the export rule.
    auto advertise = [&](NodeIndex v, int prefix) {
        const std::optional<NaiveRoute>& best = state[v].best[prefix];
        for (const auto& [neighbour, relation] : relationOf_[v]) {
            std::optional<NaiveRoute> sent;
            if (best) {
                const bool exportable = best->own ||
                                        best->learnedOver == NaiveRelationship::Customer ||
                                        relation == NaiveRelationship::Customer;
                if (exportable) {
                    NaiveRoute route;
                    route.path.push_back(graph_.asnOf(v));
                    route.path.insert(route.path.end(), best->path.begin(), best->path.end());
                    route.from = v;
                    route.own = false;
                    route.learnedOver = relationOf_[neighbour].at(v);
                    route.announcer = best->announcer;
                    sent = std::move(route);
                }
            }
            queue.push_back({v, neighbour, prefix, std::move(sent)});
        }
    };

    auto originate = [&](NodeIndex v, int prefix, std::vector<Asn> path, Outcome announcer) {
        NaiveRoute route;
        route.path = std::move(path);
        route.from = v;
        route.own = true;
        route.learnedOver = NaiveRelationship::Customer;
        route.announcer = announcer;
        state[v].best[prefix] = std::move(route);
        advertise(v, prefix);
    };

    originate(attack.victim, kVictimPrefix, {}, Outcome::Victim);
    switch (attack.type) {
        case AttackType::None:
            break;
        case AttackType::EquallySpecific:
            originate(attack.attacker, kVictimPrefix, {}, Outcome::Attacker);
            break;
        case AttackType::ForgedOrigin:
            originate(attack.attacker, kVictimPrefix, {victimAsn}, Outcome::Attacker);
            break;
        case AttackType::Subprefix:
            originate(attack.attacker, kSubprefix, {}, Outcome::Attacker);
            break;
    }

    // The victim's ROA: its prefix, maxLength = its length, origin = the victim.
    auto roaInvalid = [&](const NaiveRoute& route, int prefix) {
        if (prefix == kSubprefix) {
            return true;  // longer than the ROA's maxLength
        }
        return route.path.empty() || route.path.back() != victimAsn;
    };

    std::size_t processed = 0;
    const std::size_t budget = 200 * n * n + 100000;
    while (!queue.empty()) {
        Message message = std::move(queue.front());
        queue.pop_front();
        if (++processed > budget) {
            throw std::runtime_error("naive BGP simulation did not converge");
        }
        const NodeIndex v = message.receiver;
        const Asn asn = graph_.asnOf(v);
        AsState& as = state[v];
        std::optional<NaiveRoute> route = std::move(message.route);
        if (route) {
            const bool loop =
                std::find(route->path.begin(), route->path.end(), asn) != route->path.end();
            const bool filtered = message.prefix == kSubprefix && subprefixFiltered;
            const bool rovDropped = rovAdopters_[v] && roaInvalid(*route, message.prefix);
            if (loop || filtered || rovDropped) {
                route.reset();
            }
        }
        auto& rib = as.adjRibIn[message.prefix];
        if (route) {
            rib[message.sender] = std::move(*route);
        } else {
            rib.erase(message.sender);
        }

        std::optional<NaiveRoute>& best = as.best[message.prefix];
        if (best && best->own) {
            continue;  // origins always keep their own announcement
        }
        std::optional<NaiveRoute> chosen;
        for (const auto& [neighbour, candidate] : rib) {
            if (!chosen || better(candidate, *chosen)) {
                chosen = candidate;
            }
        }
        if (chosen != best) {
            best = std::move(chosen);
            advertise(v, message.prefix);
        }
    }
    lastMessageCount_ = processed;

    // Data plane: hop by hop, the most specific prefix each AS holds a route for.
    auto forwardingPrefix = [&](NodeIndex v) -> std::optional<int> {
        if (state[v].best[kSubprefix]) {
            return kSubprefix;
        }
        if (state[v].best[kVictimPrefix]) {
            return kVictimPrefix;
        }
        return std::nullopt;
    };

    std::vector<NaiveAsResult> results(n);
    for (NodeIndex source = 0; source < n; ++source) {
        NaiveAsResult& result = results[source];
        const std::optional<int> prefix = forwardingPrefix(source);
        result.forwardsOnSubprefix = prefix == kSubprefix;
        if (prefix && !state[source].best[*prefix]->own) {
            result.nextHop = state[source].best[*prefix]->from;
        }
        const bool terminal = source == attack.victim || (hasAttacker && source == attack.attacker);
        if (prefix && !terminal) {
            result.asPath = state[source].best[*prefix]->path;
        }

        std::set<NodeIndex> visited;
        NodeIndex current = source;
        while (true) {
            if (current == attack.victim) {
                result.outcome = Outcome::Victim;
                break;
            }
            if (hasAttacker && current == attack.attacker) {
                result.outcome = Outcome::Attacker;
                break;
            }
            visited.insert(current);
            const std::optional<int> hopPrefix = forwardingPrefix(current);
            if (!hopPrefix || state[current].best[*hopPrefix]->own) {
                result.outcome = Outcome::Disconnected;
                break;
            }
            const NodeIndex next = state[current].best[*hopPrefix]->from;
            if (visited.contains(next)) {
                result.outcome = Outcome::Disconnected;  // forwarding loop
                break;
            }
            current = next;
        }
    }
    return results;
}

}  // namespace mpicsim::test
