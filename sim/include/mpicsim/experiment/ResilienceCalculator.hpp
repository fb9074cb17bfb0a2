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
// pair where v reaches neither origin is left out, as are a = t and a = v. A victim's resilience
// is the mean of beta over its (v, a) pairs.
//
// Cost: one IndependentRoutes pass (about one propagation) per adversary and per victim. The
// adversaries' routes are kept per source as a histogram of (preference, path count), so memory
// and time grow with sources × distinct (preference, count) values, at most sources ×
// adversaries; sample sources or adversaries for whole-Internet victim sets.
class ResilienceCalculator {
  public:
    struct VictimResult {
        NodeIndex victim = 0;
        double resilience = 0;  // mean beta; 0 when no pair counts
        double pairs = 0;       // (source, adversary) pairs that count
    };

    ResilienceCalculator(const AsGraph& graph, std::vector<NodeIndex> sources,
                         std::vector<NodeIndex> adversaries);

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
    std::vector<bool> isAdversary_;
    std::vector<std::vector<Entry>> bySource_;  // sorted by key, then paths
    std::vector<double> noRouteAdversaries_;    // per source
};

}  // namespace mpicsim
