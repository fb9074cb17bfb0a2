#pragma once

#include <cstdint>

namespace mpicsim {

using Asn = std::uint32_t;

enum class LinkType : std::uint8_t {
    ProviderToCustomer,  // CAIDA "-1": first AS is the provider of the second
    PeerToPeer,          // CAIDA "0"
};

// Where CAIDA saw a serial-2 link (fourth field); serial-1 links are BGP-only.
enum class LinkSource : std::uint8_t {
    Bgp = 1,
    Mlp = 2,  // route-server multilateral peering, seen only in looking glasses
    BgpAndMlp = 3,
};

struct AsLink {
    Asn first = 0;   // the provider for ProviderToCustomer
    Asn second = 0;  // the customer for ProviderToCustomer
    LinkType type = LinkType::PeerToPeer;
    LinkSource source = LinkSource::Bgp;

    bool operator==(const AsLink&) const = default;
};

}  // namespace mpicsim
