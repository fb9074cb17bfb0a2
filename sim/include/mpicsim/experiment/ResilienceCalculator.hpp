#pragma once

#include <cstdint>
#include <vector>

#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// Resilience under the `independent` semantics (Lad et al., DSN 2007; used by Birge-Lee et al.,
// "Bamboozling Certificate Authorities with BGP", USENIX Security 2018): for a victim t, a
// source v and an adversary a, beta(t,v,a) = p(v,t) / (p(v,t) + p(v,a)) when v's best routes to
// t and to a are equally preferred (p counts the equally most-preferred paths), 1 when the route
// to t is strictly better or v has no route to a, 0 when it is worse or v has no route to t; a
// pair where v reaches neither origin is left out, as are v = t, a = t and a = v. A victim's
// resilience is the mean of beta over its (v, a) pairs, each pair weighted by the source's
// weight (all 1 unless given).
//
// Cost: one IndependentRoutes pass (about one propagation) per adversary and per victim. The
// adversaries' routes are kept per source as a sorted histogram of (preference, path count)
// with suffix sums, so memory is sources x distinct (preference, count) values (at most
// sources x adversaries; on CAIDA 2016 a few hundred per source even for all adversaries), and
// each victim costs a propagation plus, per source, a binary search and a walk over the entries
// that tie with the victim's preference. Single-threaded and deterministic.
class ResilienceCalculator {
  public:
    struct VictimResult {
        NodeIndex victim = 0;
        double resilience = 0;  // weighted mean beta; 0 when no pair counts
        double pairs = 0;       // (source, adversary) pairs that count (unweighted)
    };

    // `sourceWeights`: one weight >= 0 per source, or empty for all 1. Sources and adversaries
    // must each be free of duplicates. Throws std::invalid_argument otherwise.
    ResilienceCalculator(const AsGraph& graph, std::vector<NodeIndex> sources,
                         std::vector<NodeIndex> adversaries,
                         std::vector<double> sourceWeights = {});

    std::vector<VictimResult> compute(const std::vector<NodeIndex>& victims) const;

  private:
    struct Entry {
        std::uint32_t key;  // IndependentRoutes::preferenceKey
        double paths;
        double adversaries;  // how many adversaries share this (key, paths) at the source
    };

    const AsGraph& graph_;
    std::vector<NodeIndex> sources_;
    std::vector<NodeIndex> adversaries_;
    std::vector<double> sourceWeights_;
    std::vector<bool> isAdversary_;
    // All sources' entries, sorted by key, then paths, within each source's range
    // [entryBegin_[s], entryBegin_[s + 1]).
    std::vector<Entry> entries_;
    std::vector<std::size_t> entryBegin_;
    // worseFrom_[i]: adversaries in entries i.. of the entry's source's range (a suffix sum).
    std::vector<double> worseFrom_;
    std::vector<double> withRoute_;           // per source: adversaries it has a route to
    std::vector<double> noRouteAdversaries_;  // per source
};

}  // namespace mpicsim
