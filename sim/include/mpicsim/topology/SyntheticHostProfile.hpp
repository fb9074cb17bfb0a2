#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "mpicsim/topology/AsLink.hpp"
#include "mpicsim/topology/AsOrganisation.hpp"

namespace mpicsim {

// A real AS that every synthetic topology of at least kMinAses ASes contains under its own
// number, with the shape it has on CAIDA's 2025-09-01 serial-2 snapshot (78,643 ASes; every
// link counted, mlp-only peering included) and its organisation in CAIDA's 2022-04-01
// as-org2info file. catalog() lists the hosts of topology_data/perspectives.json and the two
// tier-1 transit networks the documentation's examples name (AS174, AS3356).
struct SyntheticHostProfile {
    // The registries in the order of the share arrays below.
    static constexpr std::array<const char*, 5> kRegistries = {"ARIN", "RIPE", "APNIC", "LACNIC",
                                                               "AFRINIC"};
    static constexpr std::size_t kSnapshotAses = 78'643;
    static constexpr std::size_t kMinAses = 1'000;

    Asn asn = 0;
    bool tier1 = false;  // in the snapshot's input clique
    std::size_t providers = 0;
    std::size_t peers = 0;
    std::size_t cone = 0;  // customer cone, the AS itself included
    AsOrganisation organisation;
    // How many of its neighbours (providers, peers, customers) each registry holds in the
    // snapshot (neighbours absent from the organisation file left out); all zero when the
    // generator leaves its neighbours' registries to the global shares.
    std::array<std::size_t, 5> neighbourRegistries{};

    // The targets in a topology of `ases` ASes: the provider count as it is; the peer degree
    // and the cone as the same share of all ASes (at least 1; a tier-1 AS keeps its peering
    // with the other cliqueSize - 1 members).
    std::size_t providersAt() const { return providers; }
    std::size_t peersAt(std::size_t ases, std::size_t cliqueSize) const;
    std::size_t coneAt(std::size_t ases) const;

    static const std::vector<SyntheticHostProfile>& catalog();
};

}  // namespace mpicsim
