#include "mpicsim/topology/SyntheticOrganisations.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

#include "mpicsim/common/DeterministicRandom.hpp"
#include "mpicsim/topology/SyntheticHostProfile.hpp"

namespace mpicsim {
namespace {

using RegistryWeights = std::array<std::size_t, SyntheticHostProfile::kRegistries.size()>;

// The ASes of CAIDA's 2025-09-01 snapshot found in CAIDA's 2022-04-01 as-org2info file
// (70,194 of 78,643), counted by the registry of their aut line (JPNIC as APNIC), in the
// order of SyntheticHostProfile::kRegistries.
constexpr RegistryWeights kRegistryWeights = {18'392, 26'918, 12'590, 10'663, 1'631};

struct CountryCount {
    const char* country;
    std::size_t ases;
};

// The same ASes: each registry's 12 commonest organisation countries and how many ASes each
// holds (they cover 99.7%, 68.2%, 86.2%, 97.0% and 74.2% of the registry's ASes; the rest,
// spread over many countries, is left out and the 12 drawn in proportion).
constexpr std::array<std::array<CountryCount, 12>, 5> kCountries = {{
    {{{"US", 16'781},
      {"CA", 1'403},
      {"PR", 85},
      {"BM", 14},
      {"VG", 10},
      {"BS", 9},
      {"JM", 9},
      {"KY", 7},
      {"BB", 7},
      {"AG", 7},
      {"GD", 6},
      {"LC", 6}}},
    {{{"RU", 4'656},
      {"DE", 2'074},
      {"PL", 2'053},
      {"GB", 1'794},
      {"UA", 1'569},
      {"FR", 1'263},
      {"IT", 996},
      {"NL", 949},
      {"ES", 863},
      {"RO", 863},
      {"CH", 679},
      {"BG", 607}}},
    {{{"IN", 2'310},
      {"ID", 1'821},
      {"AU", 1'497},
      {"BD", 1'045},
      {"KR", 843},
      {"JP", 664},
      {"CN", 614},
      {"HK", 551},
      {"TH", 399},
      {"NZ", 393},
      {"VN", 388},
      {"SG", 331}}},
    {{{"BR", 7'802},
      {"AR", 991},
      {"MX", 374},
      {"CL", 285},
      {"CO", 214},
      {"EC", 154},
      {"VE", 119},
      {"PE", 97},
      {"DO", 85},
      {"PA", 77},
      {"HN", 75},
      {"PY", 75}}},
    {{{"ZA", 508},
      {"NG", 172},
      {"KE", 125},
      {"GH", 75},
      {"TZ", 75},
      {"EG", 65},
      {"AO", 48},
      {"UG", 35},
      {"CD", 35},
      {"MU", 27},
      {"ZW", 23},
      {"BW", 22}}},
}};

// Streams of DeterministicRandom::unitHash, one per kind of draw.
constexpr std::uint64_t kRegistryStream = 0x5265676973747279ull;
constexpr std::uint64_t kCountryStream = 0x436f756e74727921ull;

template <typename Weights, typename WeightOf>
std::size_t pick(const Weights& weights, WeightOf weightOf, double unit) {
    std::size_t total = 0;
    for (const auto& entry : weights) {
        total += weightOf(entry);
    }
    const double target = unit * static_cast<double>(total);
    double cumulative = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        cumulative += static_cast<double>(weightOf(weights[i]));
        if (target < cumulative) {
            return i;
        }
    }
    return weights.size() - 1;
}

}  // namespace

AsOrganisations SyntheticOrganisations::draw(const std::vector<Asn>& asns,
                                             const std::vector<AsLink>& links, std::uint64_t seed) {
    std::vector<const RegistryWeights*> weightsOf(asns.size(), &kRegistryWeights);
    auto indexOf = [&asns](Asn asn) {
        return static_cast<std::size_t>(std::lower_bound(asns.begin(), asns.end(), asn) -
                                        asns.begin());
    };
    std::unordered_map<Asn, const SyntheticHostProfile*> hosts;
    for (const SyntheticHostProfile& profile : SyntheticHostProfile::catalog()) {
        hosts.emplace(profile.asn, &profile);
        const bool measured =
            std::any_of(profile.neighbourRegistries.begin(), profile.neighbourRegistries.end(),
                        [](std::size_t count) { return count > 0; });
        if (!measured) {
            continue;
        }
        for (const AsLink& link : links) {
            if (link.first != profile.asn && link.second != profile.asn) {
                continue;
            }
            auto& weights =
                weightsOf[indexOf(link.first == profile.asn ? link.second : link.first)];
            if (weights == &kRegistryWeights) {
                weights = &profile.neighbourRegistries;
            }
        }
    }
    AsOrganisations organisations;
    for (std::size_t i = 0; i < asns.size(); ++i) {
        const Asn asn = asns[i];
        const RegistryWeights* weights = weightsOf[i];
        if (const auto host = hosts.find(asn); host != hosts.end()) {
            organisations.set(asn, host->second->organisation);
            continue;
        }
        const std::size_t registry = pick(
            *weights, [](std::size_t count) { return count; },
            DeterministicRandom::unitHash(seed ^ kRegistryStream, asn));
        const auto& countries = kCountries[registry];
        const std::size_t country = pick(
            countries, [](const CountryCount& entry) { return entry.ases; },
            DeterministicRandom::unitHash(seed ^ kCountryStream, asn));
        const std::string registryName = SyntheticHostProfile::kRegistries[registry];
        organisations.set(
            asn, {"SYN" + std::to_string(asn) + "-" + registryName,
                  "Synthetic AS" + std::to_string(asn), countries[country].country, registryName});
    }
    return organisations;
}

}  // namespace mpicsim
