#pragma once

#include "mpicsim/routing/AttackType.hpp"
#include "mpicsim/routing/RoutePolicy.hpp"
#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// One hijack attempt. Prefixes longer than /24 are filtered throughout the Internet, so a
// sub-prefix hijack of a /24 reaches nobody beyond the attacker's own AS.
struct Attack {
    static constexpr int kDefaultVictimPrefixLength = 22;
    static constexpr int kLongestRoutablePrefixLength = RoutePolicy::kLongestAcceptedPrefixLength;
    // What a study says, once, of a sub-prefix attack that subprefixFiltered().
    static constexpr const char* kFilteredSubprefixNote = "no effect: longer prefixes are filtered";

    AttackType type = AttackType::None;
    NodeIndex victim = 0;
    NodeIndex attacker = 0;  // ignored when type is None
    int victimPrefixLength = kDefaultVictimPrefixLength;
    // Whether a ROA covers the victim's prefix. Without one, every origin is "not found"
    // (RFC 6811) and ROV adopters drop nothing: no announcement of the prefix is invalid.
    bool victimHasRoa = true;

    bool hasAttacker() const { return type != AttackType::None; }
    int subprefixLength() const { return victimPrefixLength + 1; }
    bool subprefixFiltered() const {
        return type == AttackType::Subprefix && !RoutePolicy::prefixAccepted(subprefixLength());
    }
};

}  // namespace mpicsim
