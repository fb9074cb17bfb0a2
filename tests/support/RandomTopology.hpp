#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "mpicsim/routing/TieBreak.hpp"
#include "mpicsim/topology/AsGraph.hpp"
#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim::test {

// Small Internet-like topologies for randomized tests: a fully peered tier-1 clique of 3-5
// ASes, then 2-3 further tiers in which every AS buys transit from 1-3 ASes of higher tiers
// (so the provider hierarchy is acyclic by construction), random peering among mid-tier ASes
// and some stubs; 20-150 ASes with random, non-contiguous ASNs (so tie-break orders differ
// from node order). Deterministic for a given generator state.
std::vector<AsLink> randomTopology(std::mt19937_64& rng);
std::vector<AsLink> randomTopology(std::uint64_t seed);

// A random ROV deployment: sometimes nobody, sometimes everybody, otherwise a random
// fraction of the ASes.
std::vector<NodeIndex> randomRovAdopters(std::size_t nodeCount, std::mt19937_64& rng);

struct RandomTrial {
    NodeIndex victim = 0;
    NodeIndex attacker = 0;  // differs from the victim
    std::vector<NodeIndex> rovAdopters;
};

// Each tie-break policy in turn by seed (lowest-asn, random:SEED-derived, md5).
TieBreak tieBreakForSeed(std::uint64_t seed);

// A random victim, a different random attacker and a random ROV deployment.
RandomTrial randomTrial(const AsGraph& graph, std::mt19937_64& rng);

}  // namespace mpicsim::test
