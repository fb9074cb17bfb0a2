#pragma once

#include <string>

namespace mpicsim {

// What CAIDA's AS-to-organisation file says about one AS: the organisation that holds it, the
// organisation's country (ISO 3166-1 alpha-2) and the registry whose data placed it (`source`:
// ARIN, RIPE, APNIC, LACNIC, AFRINIC, or a national registry such as JPNIC under APNIC).
struct AsOrganisation {
    std::string orgId;
    std::string orgName;
    std::string country;
    std::string source;

    bool operator==(const AsOrganisation&) const = default;
};

}  // namespace mpicsim
