#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// Where a study's victims (domains) keep their authoritative nameservers, as the scenario's
// `nameservers` says. DNS methods (dns-01, dns-change) contact these ASes' prefixes; the other
// methods contact the web host (the victim) whatever this says.
struct NameserverSetting {
    enum class Kind : std::uint8_t {
        SameAsHost,  // the nameservers share the web host's prefix
        List,        // every victim's nameservers are in `asns`
        PerVictim,   // `perVictim[victim]`
        Weighted,    // `count` distinct ASes drawn per victim from `asns` with `weights`
        Sample,      // `count` distinct ASes drawn per victim uniformly from the topology
    };
    Kind kind = Kind::SameAsHost;
    std::string pointer = "/nameservers";  // the setting's JSON Pointer, for errors
    std::vector<Asn> asns;
    std::vector<double> weights;
    std::map<Asn, std::vector<Asn>> perVictim;
    std::size_t count = 1;
    std::uint64_t seed = 1;
};

}  // namespace mpicsim
