#pragma once

#include <array>
#include <cstddef>

namespace mpicsim {

// The knobs of TopologyGenerator. forAsCount() gives the calibrated shape for an Internet of
// N ASes: the shape fitted to CAIDA's 2016-11-01 snapshot at its AS count (55,809), the shape
// fitted to the 2025-09-01 snapshot at 78,643, interpolated in log N between the two and held
// at the nearer one outside them (the Internet's peering and depth grew with its AS count).
struct SyntheticTopologyShape {
    std::size_t cliqueSize = 19;
    // Share of ASes with 0, 1, ..., 5 and 6 or more providers (the last spread geometrically).
    std::array<double, 7> providerCountShares{};
    // 0 hands the largest provider counts to the earliest arrivals (the big networks that buy
    // transit from many others); larger values mix counts across arrivals.
    double providerCountSpread = 0;
    double transitShare = 0;          // share of non-clique ASes that may take customers
    double uniformProviderShare = 0;  // provider picks made uniformly, not by attachment
    double localProviderShare = 0;    // provider picks among the latest transit arrivals
    std::size_t localWindow = 1;      // how many latest transit arrivals a local pick sees
    double attachmentOffset = 0;      // preferential attachment weight: customers + offset
    // The i-th tier-1 AS (from 1) starts with tier1HeadStart / i extra attachment weight, so
    // that the largest networks are the same ones whatever the seed.
    double tier1HeadStart = 0;
    double peerLinksPerAs = 0;
    double transitPeeringShare = 0;  // share of ASes with customers that peer
    double stubPeeringShare = 0;     // share of ASes without customers that peer
    double peeringSpread = 0;        // sigma of each peering AS's log-normal appetite
    double peeringSizeExponent = 0;
    // Open-policy peers (route-server style, like AS6939): the non-clique ASes with the most
    // customers, each peering with every other peering AS with probability openPeerReach.
    std::size_t openPeers = 0;
    double openPeerReach = 0;
    static SyntheticTopologyShape anchor2016();
    static SyntheticTopologyShape anchor2025();
    static SyntheticTopologyShape forAsCount(std::size_t ases);
};

}  // namespace mpicsim
