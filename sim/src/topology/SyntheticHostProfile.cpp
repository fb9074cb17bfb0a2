#include "mpicsim/topology/SyntheticHostProfile.hpp"

#include <algorithm>
#include <cmath>

namespace mpicsim {
namespace {

std::size_t scaled(std::size_t count, std::size_t ases) {
    const double share =
        static_cast<double>(count) / static_cast<double>(SyntheticHostProfile::kSnapshotAses);
    return std::max<std::size_t>(
        1, static_cast<std::size_t>(std::llround(share * static_cast<double>(ases))));
}

}  // namespace

std::size_t SyntheticHostProfile::peersAt(std::size_t ases, std::size_t cliqueSize) const {
    const std::size_t target = scaled(peers, ases);
    return tier1 ? std::max(target, cliqueSize - 1) : target;
}

std::size_t SyntheticHostProfile::coneAt(std::size_t ases) const {
    return scaled(cone, ases);
}

// Measured with a one-off script over 20250901.as-rel2.txt.bz2 (providers: "-1" lines naming
// the AS second; peers: "0" lines; cone: every AS reachable down provider-customer links) and
// 20220401.as-org2info.txt.gz (the aut line's org_id and source, the org line's name and
// country; JPNIC counted as APNIC). Neighbour registries: ARIN, RIPE, APNIC, LACNIC, AFRINIC.
const std::vector<SyntheticHostProfile>& SyntheticHostProfile::catalog() {
    static const std::vector<SyntheticHostProfile> profiles = {
        {16509,
         false,
         17,
         323,
         74,
         {"AMAZON-4-ARIN", "Amazon.com, Inc.", "US", "ARIN"},
         {76, 195, 56, 15, 29}},
        {15169,
         false,
         5,
         630,
         19,
         {"GOGL-ARIN", "Google LLC", "US", "ARIN"},
         {62, 485, 51, 13, 28}},
        {8075,
         false,
         11,
         282,
         8,
         {"MSFT-ARIN", "Microsoft Corporation", "US", "ARIN"},
         {48, 161, 50, 11, 27}},
        {20473,
         false,
         23,
         258,
         28'148,
         {"CHOOP-1-ARIN", "The Constant Company, LLC", "US", "ARIN"},
         {189, 353, 111, 35, 29}},
        // Let's Encrypt's primary validation site (the catalog's le:primary).
        {13649, false, 4, 2, 203, {"VINS-ARIN", "Flexential Colorado Corp.", "US", "ARIN"}, {}},
        {174, true, 0, 92, 67'625, {"COGC-ARIN", "Cogent Communications", "US", "ARIN"}, {}},
        {3356, true, 0, 74, 71'755, {"LPL-141-ARIN", "Level 3 Parent, LLC", "US", "ARIN"}, {}},
    };
    return profiles;
}

}  // namespace mpicsim
