#pragma once

#include <string>
#include <vector>

#include "mpicsim/mpic/ValidationMethod.hpp"
#include "mpicsim/routing/Attack.hpp"
#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// A prefix the CA's validation traffic is sent to, with the AS that originates it.
struct PrefixTarget {
    std::string role;  // "web host", "nameserver 1", ...
    Asn origin = 0;
    int prefixLength = Attack::kDefaultVictimPrefixLength;
};

// The servers a domain's validation can contact.
struct DomainTargets {
    PrefixTarget webHost;
    std::vector<PrefixTarget> nameservers;  // empty: the nameservers share the web host's prefix

    // The prefixes a method contacts; the attacker may hijack any one of them per attempt.
    std::vector<PrefixTarget> targetsFor(ValidationMethod method) const {
        if (contactsNameservers(method) && !nameservers.empty()) {
            return nameservers;
        }
        return {webHost};
    }
};

}  // namespace mpicsim
