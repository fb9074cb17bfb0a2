#pragma once

#include <cstdint>
#include <vector>

#include "mpicsim/topology/AsLink.hpp"
#include "mpicsim/topology/AsOrganisations.hpp"

namespace mpicsim {

// The AS-to-organisation table of a synthetic topology. Every AS of `asns` (ascending, and
// every AS the links name among them) gets an
// organisation of its own, a registry and a country: the hosts of SyntheticHostProfile their
// real ones; the neighbours of a host with measured neighbour registries a registry drawn from
// those (the first such host in catalog order decides); every other AS a registry drawn from
// the real shares of the ASes of CAIDA's 2025-09-01 snapshot; the country from the registry's
// commonest countries. Each AS's draws depend only on the seed and its ASN.
class SyntheticOrganisations {
  public:
    static AsOrganisations draw(const std::vector<Asn>& asns, const std::vector<AsLink>& links,
                                std::uint64_t seed);
};

}  // namespace mpicsim
