#pragma once

#include <cstdint>
#include <vector>

#include "mpicsim/topology/AsGraph.hpp"
#include "mpicsim/topology/AsGraphMetadata.hpp"
#include "mpicsim/topology/AsLink.hpp"
#include "mpicsim/topology/AsOrganisations.hpp"
#include "mpicsim/topology/SyntheticTopologyShape.hpp"

namespace mpicsim {

// An Internet-like AS topology: a tier-1 peering clique; every other AS, in order of arrival,
// buys transit from earlier ASes that take customers (partly by preferential attachment on
// customer count, partly uniformly, which builds the long provider chains of the real
// hierarchy); then settlement-free peering among the transit and content ASes that peer,
// with heavy-tailed appetites. Providers always arrive before their customers, so the
// hierarchy has no cycles. From SyntheticHostProfile::kMinAses ASes up, the hosts of
// SyntheticHostProfile::catalog() are then given to the ASes closest to their real shape,
// whose provider and peer counts are adjusted to it (a provider added then lies outside the
// host's cone, so there is still no cycle); below, no AS bears a host's number unless it
// drew it. Every AS gets an organisation (SyntheticOrganisations). The same ASes, shape and
// seed always give the same links and organisations.
class TopologyGenerator {
  public:
    struct Result {
        std::vector<AsLink> links;      // sorted; provider first in provider-customer links
        AsGraphMetadata metadata;       // the clique, serial 2, a source name naming the seed
        AsOrganisations organisations;  // one per AS

        AsGraph graph() const { return AsGraph::fromLinks(links, metadata); }
    };

    static constexpr std::size_t kMinAses = 10;
    static constexpr std::size_t kMaxAses = 200'000;

    // Throws std::invalid_argument when ases is outside [kMinAses, kMaxAses].
    static Result generate(std::size_t ases, std::uint64_t seed);
    static Result generate(std::size_t ases, std::uint64_t seed,
                           const SyntheticTopologyShape& shape);

    // The i-th public ASN (skipping AS0, AS23456 and the private, documentation and
    // reserved 16-bit ranges), which the generated ASes are numbered from.
    static std::uint32_t publicAsn(std::size_t i);
};

}  // namespace mpicsim
