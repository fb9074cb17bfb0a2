#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "mpicsim/routing/Attack.hpp"
#include "mpicsim/routing/Outcome.hpp"
#include "mpicsim/routing/TieBreak.hpp"
#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim::test {

// How a route reached an AS: over a link to one of its customers, peers or providers.
enum class NaiveRelationship : std::uint8_t { Customer, Peer, Provider };

// One route as an AS holds it in its Adj-RIB-In (or as its own announcement).
struct NaiveRoute {
    std::vector<Asn> path;  // as received: next hop first, origin last; own: what is sent on
    NodeIndex from = 0;     // the neighbour it came from (the AS itself for its own route)
    bool own = false;       // the AS announces the prefix itself
    NaiveRelationship learnedOver = NaiveRelationship::Provider;
    Outcome announcer = Outcome::Victim;  // who really injected the announcement

    bool operator==(const NaiveRoute&) const = default;
};

// What one AS ends up with, in the terms of RoutingOutcome::outcome() and ::asPath().
struct NaiveAsResult {
    Outcome outcome = Outcome::Disconnected;
    std::vector<Asn> asPath;
    bool forwardsOnSubprefix = false;  // the most specific prefix it holds is the sub-prefix
    std::optional<NodeIndex> nextHop;  // for the prefix it forwards on; none for an origin
};

// A deliberately naive BGP simulator, independent of the engine's algorithms: every AS keeps
// an Adj-RIB-In per neighbour and prefix with full AS paths, and routes travel as messages
// through one FIFO queue until nothing changes. It uses the AsGraph only for adjacency and
// ASNs. Slow, obvious, and the reference the engine is compared with.
class NaiveBgpSimulator {
  public:
    // `rovAdopters[node]`: the AS drops routes that the victim's ROA makes invalid.
    NaiveBgpSimulator(const AsGraph& graph, const TieBreak& tieBreak,
                      std::vector<bool> rovAdopters);

    std::vector<NaiveAsResult> run(const Attack& attack) const;

    // Number of messages the last run() processed (for curiosity and budgets).
    std::size_t lastMessageCount() const { return lastMessageCount_; }

    // True when a route via neighbour `a` beats an otherwise equal route via `b`.
    bool tieBreakPrefers(Asn a, Asn b) const;

  private:
    static constexpr int kVictimPrefix = 0;
    static constexpr int kSubprefix = 1;

    struct Message {
        NodeIndex sender;
        NodeIndex receiver;
        int prefix;
        std::optional<NaiveRoute> route;  // nullopt: withdraw
    };
    struct AsState {
        std::array<std::map<NodeIndex, NaiveRoute>, 2> adjRibIn;
        std::array<std::optional<NaiveRoute>, 2> best;
    };

    bool better(const NaiveRoute& a, const NaiveRoute& b) const;

    const AsGraph& graph_;
    TieBreak tieBreak_;
    std::vector<bool> rovAdopters_;
    // relationOf_[v][u]: what neighbour u is to v.
    std::vector<std::map<NodeIndex, NaiveRelationship>> relationOf_;
    std::map<Asn, std::array<unsigned char, 16>> md5ByAsn_;
    mutable std::size_t lastMessageCount_ = 0;
};

// MD5 of the decimal ASN string, computed with OpenSSL's EVP interface.
std::array<unsigned char, 16> naiveMd5OfAsn(Asn asn);

}  // namespace mpicsim::test
