#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// A set of victims or adversaries: every AS, a seeded random sample, a list, or the ASes of a
// weight map (ASN -> weight, e.g. domains hosted), optionally sampled.
struct AsSelection {
    enum class Kind : std::uint8_t { All, Sample, List, Weighted };

    Kind kind = Kind::All;
    std::size_t sampleSize = 0;         // Sample; Weighted when set
    std::vector<Asn> asns;              // List; Weighted (the map's ASNs)
    std::vector<double> weights;        // Weighted, parallel to asns
    std::optional<std::uint64_t> seed;  // the sample's seed (default: the scenario's)
};

}  // namespace mpicsim
