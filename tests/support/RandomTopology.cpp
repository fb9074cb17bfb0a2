#include "support/RandomTopology.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

namespace mpicsim::test {
namespace {

template <typename T>
T uniformInt(std::mt19937_64& rng, T low, T high) {
    return std::uniform_int_distribution<T>(low, high)(rng);
}

double uniformReal(std::mt19937_64& rng, double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(rng);
}

bool chance(std::mt19937_64& rng, double probability) {
    return std::bernoulli_distribution(probability)(rng);
}

// Distinct ASNs from a mix of 16-bit, low 32-bit and high 32-bit ranges.
std::vector<Asn> randomAsns(std::size_t count, std::mt19937_64& rng) {
    std::set<Asn> used;
    std::vector<Asn> asns;
    while (asns.size() < count) {
        const double kind = uniformReal(rng, 0.0, 1.0);
        Asn asn = 0;
        if (kind < 0.6) {
            asn = uniformInt<Asn>(rng, 1, 65535);
        } else if (kind < 0.9) {
            asn = uniformInt<Asn>(rng, 131072, 400000);
        } else {
            asn = uniformInt<Asn>(rng, 4200000000u, 4294967294u);
        }
        if (used.insert(asn).second) {
            asns.push_back(asn);
        }
    }
    return asns;
}

}  // namespace

std::vector<AsLink> randomTopology(std::mt19937_64& rng) {
    const std::size_t total = uniformInt<std::size_t>(rng, 20, 150);
    const std::size_t cliqueSize = uniformInt<std::size_t>(rng, 3, 5);
    const std::size_t furtherTiers = uniformInt<std::size_t>(rng, 2, 3);
    const std::size_t rest = total - cliqueSize;

    // Tier sizes: the clique, 1-2 mid tiers, then the stubs (the largest tier).
    std::vector<std::size_t> tierSizes = {cliqueSize};
    std::size_t assigned = 0;
    for (std::size_t t = 1; t < furtherTiers; ++t) {
        const double fraction = uniformReal(rng, 0.08, 0.25);
        const auto size = std::max<std::size_t>(
            1, static_cast<std::size_t>(std::lround(fraction * static_cast<double>(rest))));
        tierSizes.push_back(size);
        assigned += size;
    }
    tierSizes.push_back(rest - assigned);

    const std::vector<Asn> asns = randomAsns(total, rng);
    std::vector<std::vector<Asn>> tiers;
    std::size_t next = 0;
    for (std::size_t size : tierSizes) {
        tiers.emplace_back(asns.begin() + static_cast<std::ptrdiff_t>(next),
                           asns.begin() + static_cast<std::ptrdiff_t>(next + size));
        next += size;
    }

    std::vector<AsLink> links;
    std::set<std::pair<Asn, Asn>> linked;
    auto isLinked = [&](Asn a, Asn b) { return linked.contains({std::min(a, b), std::max(a, b)}); };
    auto addPeer = [&](Asn a, Asn b) {
        if (a == b || isLinked(a, b)) {
            return;
        }
        linked.insert({std::min(a, b), std::max(a, b)});
        if (chance(rng, 0.5)) {
            std::swap(a, b);
        }
        links.push_back({a, b, LinkType::PeerToPeer, LinkSource::Bgp});
    };
    auto addProvider = [&](Asn provider, Asn customer) {
        linked.insert({std::min(provider, customer), std::max(provider, customer)});
        links.push_back({provider, customer, LinkType::ProviderToCustomer, LinkSource::Bgp});
    };

    // Tier 1: a full peering clique.
    for (std::size_t i = 0; i < tiers[0].size(); ++i) {
        for (std::size_t j = i + 1; j < tiers[0].size(); ++j) {
            addPeer(tiers[0][i], tiers[0][j]);
        }
    }

    // Every lower-tier AS buys transit from 1-3 ASes of higher tiers, mostly the next one up.
    for (std::size_t t = 1; t < tiers.size(); ++t) {
        std::vector<Asn> higher;
        for (std::size_t u = 0; u < t; ++u) {
            higher.insert(higher.end(), tiers[u].begin(), tiers[u].end());
        }
        const std::vector<Asn>& nextUp = tiers[t - 1];
        for (Asn customer : tiers[t]) {
            const std::size_t wanted =
                std::min<std::size_t>(uniformInt<std::size_t>(rng, 1, 3), higher.size());
            std::vector<Asn> chosen;
            for (int attempt = 0; chosen.size() < wanted && attempt < 50; ++attempt) {
                const std::vector<Asn>& pool = chance(rng, 0.7) ? nextUp : higher;
                const Asn provider = pool[uniformInt<std::size_t>(rng, 0, pool.size() - 1)];
                if (std::find(chosen.begin(), chosen.end(), provider) == chosen.end()) {
                    chosen.push_back(provider);
                }
            }
            for (Asn provider : chosen) {
                addProvider(provider, customer);
            }
        }
    }

    // Peering among mid-tier ASes, and some stubs peering with stubs or mid-tier ASes.
    std::vector<Asn> mid;
    for (std::size_t t = 1; t + 1 < tiers.size(); ++t) {
        mid.insert(mid.end(), tiers[t].begin(), tiers[t].end());
    }
    const std::vector<Asn>& stubs = tiers.back();
    const auto midPeerings =
        static_cast<std::size_t>(uniformReal(rng, 0.3, 1.5) * static_cast<double>(mid.size()));
    for (std::size_t i = 0; i < midPeerings && mid.size() >= 2; ++i) {
        addPeer(mid[uniformInt<std::size_t>(rng, 0, mid.size() - 1)],
                mid[uniformInt<std::size_t>(rng, 0, mid.size() - 1)]);
    }
    const double stubPeeringProbability = uniformReal(rng, 0.05, 0.25);
    for (Asn stub : stubs) {
        if (!chance(rng, stubPeeringProbability)) {
            continue;
        }
        const std::vector<Asn>& pool = (mid.empty() || chance(rng, 0.5)) ? stubs : mid;
        addPeer(stub, pool[uniformInt<std::size_t>(rng, 0, pool.size() - 1)]);
    }

    std::shuffle(links.begin(), links.end(), rng);
    return links;
}

std::vector<AsLink> randomTopology(std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    return randomTopology(rng);
}

std::vector<NodeIndex> randomRovAdopters(std::size_t nodeCount, std::mt19937_64& rng) {
    std::vector<NodeIndex> adopters;
    const int kind = uniformInt(rng, 0, 3);
    if (kind == 0) {
        return adopters;  // nobody
    }
    const double fraction = kind == 1 ? 1.0 : uniformReal(rng, 0.05, 0.95);
    for (NodeIndex node = 0; node < nodeCount; ++node) {
        if (fraction >= 1.0 || chance(rng, fraction)) {
            adopters.push_back(node);
        }
    }
    return adopters;
}

RandomTrial randomTrial(const AsGraph& graph, std::mt19937_64& rng) {
    const auto last = static_cast<NodeIndex>(graph.nodeCount() - 1);
    RandomTrial trial;
    trial.victim = uniformInt<NodeIndex>(rng, 0, last);
    do {
        trial.attacker = uniformInt<NodeIndex>(rng, 0, last);
    } while (trial.attacker == trial.victim);
    trial.rovAdopters = randomRovAdopters(graph.nodeCount(), rng);
    return trial;
}

TieBreak tieBreakForSeed(std::uint64_t seed) {
    switch (seed % 3) {
        case 0:
            return TieBreak::lowestAsn();
        case 1:
            return TieBreak::random(seed * 7919);
        default:
            return TieBreak::md5();
    }
}

}  // namespace mpicsim::test
