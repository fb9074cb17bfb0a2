// The synthetic generator hosts the catalog's ASes (SyntheticHostProfile::catalog()) with their
// real shape, scaled to the topology's size, and gives every AS an organisation whose registry
// follows the real shares. Profiles are measured here on the generated graph itself (AsGraph,
// CustomerCone), independently of the generator's own bookkeeping.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "mpicsim/topology/AsGraph.hpp"
#include "mpicsim/topology/CustomerCone.hpp"
#include "mpicsim/topology/SyntheticHostProfile.hpp"
#include "mpicsim/topology/TopologyGenerator.hpp"

namespace mpicsim {
namespace {

constexpr double kProfileTolerance = 0.25;

std::size_t registryIndex(const std::string& registry) {
    for (std::size_t i = 0; i < SyntheticHostProfile::kRegistries.size(); ++i) {
        if (registry == SyntheticHostProfile::kRegistries[i]) {
            return i;
        }
    }
    ADD_FAILURE() << "unknown registry " << registry;
    return 0;
}

std::array<double, 5> shares(const std::array<std::size_t, 5>& counts) {
    const double total =
        static_cast<double>(std::accumulate(counts.begin(), counts.end(), std::size_t{0}));
    std::array<double, 5> result{};
    for (std::size_t i = 0; i < counts.size(); ++i) {
        result[i] = static_cast<double>(counts[i]) / total;
    }
    return result;
}

bool within(double actual, double target) {
    return std::abs(actual - target) <= kProfileTolerance * target;
}

TEST(SyntheticHosts, EveryHostHasItsScaledProfileFromOneThousandAsesUp) {
    const std::vector<std::pair<std::size_t, std::uint64_t>> sizesAndSeeds = {
        {1'000, 1}, {1'000, 2},  {1'000, 3},  {5'000, 1},  {5'000, 2},
        {5'000, 3}, {20'000, 1}, {20'000, 2}, {20'000, 3}, {78'643, 2}};
    for (const auto& [ases, seed] : sizesAndSeeds) {
        const auto result = TopologyGenerator::generate(ases, seed);
        const AsGraph graph = result.graph();
        ASSERT_EQ(graph.nodeCount(), ases);
        const std::vector<std::uint32_t> cones = CustomerCone::sizes(graph);
        const std::size_t clique = result.metadata.inputClique.size();
        for (const SyntheticHostProfile& profile : SyntheticHostProfile::catalog()) {
            const auto node = graph.nodeOf(profile.asn);
            ASSERT_TRUE(node) << "AS" << profile.asn << " at " << ases << " ASes, seed " << seed;
            const auto providers = static_cast<double>(graph.providers(*node).size());
            const auto peers = static_cast<double>(graph.peers(*node).size());
            const auto cone = static_cast<double>(cones[*node]);
            const auto targetProviders = static_cast<double>(profile.providersAt());
            const auto targetPeers = static_cast<double>(profile.peersAt(ases, clique));
            const auto targetCone = static_cast<double>(profile.coneAt(ases));
            std::printf(
                "%6zu ASes seed %llu AS%-6u providers %3.0f (target %3.0f) peers "
                "%5.0f (%5.0f) cone %6.0f (%6.0f)\n",
                ases, static_cast<unsigned long long>(seed), profile.asn, providers,
                targetProviders, peers, targetPeers, cone, targetCone);
            const std::string where = "AS" + std::to_string(profile.asn) + " at " +
                                      std::to_string(ases) + " ASes, seed " + std::to_string(seed);
            EXPECT_TRUE(within(providers, targetProviders)) << where;
            EXPECT_TRUE(within(peers, targetPeers)) << where;
            EXPECT_TRUE(within(cone, targetCone)) << where;
            const bool inClique =
                std::find(result.metadata.inputClique.begin(), result.metadata.inputClique.end(),
                          profile.asn) != result.metadata.inputClique.end();
            EXPECT_EQ(inClique, profile.tier1) << where;
            EXPECT_EQ(*result.organisations.find(profile.asn), profile.organisation) << where;
        }
    }
}

// Below SyntheticHostProfile::kMinAses nothing is placed: the ASes keep the first N public
// ASNs (a 500-AS topology is numbered 1 to 500).
TEST(SyntheticHosts, BelowOneThousandAsesTheAsesKeepTheFirstPublicNumbers) {
    const AsGraph graph = TopologyGenerator::generate(500, 1).graph();
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        EXPECT_LE(graph.asnOf(v), 500u);
    }
    EXPECT_FALSE(graph.contains(16509));
}

TEST(SyntheticHosts, RegistriesFollowTheRealShares) {
    // The ASes of CAIDA's 2025-09-01 snapshot by registry (SyntheticOrganisations.cpp):
    // ARIN 18,392, RIPE 26,918, APNIC 12,590, LACNIC 10,663, AFRINIC 1,631 of 70,194.
    const std::array<double, 5> real = shares({18'392, 26'918, 12'590, 10'663, 1'631});
    const auto result = TopologyGenerator::generate(20'000, 4);
    ASSERT_EQ(result.organisations.size(), 20'000u);
    std::array<std::size_t, 5> counts{};
    for (const auto& [asn, organisation] : result.organisations.entries()) {
        ++counts[registryIndex(organisation.source)];
        EXPECT_EQ(organisation.country.size(), 2u) << "AS" << asn;
        EXPECT_FALSE(organisation.orgId.empty()) << "AS" << asn;
    }
    const std::array<double, 5> drawn = shares(counts);
    for (std::size_t i = 0; i < drawn.size(); ++i) {
        std::printf("%-7s real %.3f synthetic %.3f\n", SyntheticHostProfile::kRegistries[i],
                    real[i], drawn[i]);
        // 20,000 draws: the standard error of a share is at most 0.0036; 0.02 is 5.5 of them.
        EXPECT_NEAR(drawn[i], real[i], 0.02) << SyntheticHostProfile::kRegistries[i];
    }
    // Countries follow the registry: every ARIN AS is in North America or the Caribbean.
    for (const auto& [asn, organisation] : result.organisations.entries()) {
        if (organisation.source == "LACNIC") {
            EXPECT_NE(organisation.country, "US") << "AS" << asn;
        }
    }
}

// The regional model reads a cloud's regions from its neighbours' registries: their shares
// must be the real ones within 25 percentage points (they are drawn from them).
TEST(SyntheticHosts, CloudNeighboursSpanRegistriesLikeTheRealOnes) {
    for (const std::size_t ases : {5'000u, 20'000u, 78'643u}) {
        const auto result = TopologyGenerator::generate(ases, 2);
        const AsGraph graph = result.graph();
        for (const SyntheticHostProfile& profile : SyntheticHostProfile::catalog()) {
            if (profile.asn != 16509 && profile.asn != 15169 && profile.asn != 8075) {
                continue;
            }
            const NodeIndex node = *graph.nodeOf(profile.asn);
            std::array<std::size_t, 5> counts{};
            for (const auto& neighbours :
                 {graph.providers(node), graph.peers(node), graph.customers(node)}) {
                for (const NodeIndex neighbour : neighbours) {
                    ++counts[registryIndex(
                        result.organisations.find(graph.asnOf(neighbour))->source)];
                }
            }
            const std::array<double, 5> drawn = shares(counts);
            const std::array<double, 5> real = shares(profile.neighbourRegistries);
            for (std::size_t i = 0; i < drawn.size(); ++i) {
                std::printf("%6zu ASes AS%-6u %-7s real %.3f synthetic %.3f\n", ases, profile.asn,
                            SyntheticHostProfile::kRegistries[i], real[i], drawn[i]);
                EXPECT_NEAR(drawn[i], real[i], 0.25)
                    << "AS" << profile.asn << " " << SyntheticHostProfile::kRegistries[i] << " at "
                    << ases << " ASes";
            }
        }
    }
}

TEST(SyntheticHosts, SameSeedSameOrganisations) {
    const auto first = TopologyGenerator::generate(3'000, 9);
    const auto again = TopologyGenerator::generate(3'000, 9);
    const auto other = TopologyGenerator::generate(3'000, 10);
    EXPECT_EQ(first.links, again.links);
    EXPECT_EQ(first.organisations.entries(), again.organisations.entries());
    EXPECT_NE(first.organisations.entries(), other.organisations.entries());
}

}  // namespace
}  // namespace mpicsim
