#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mpicsim/mpic/GeoPoint.hpp"
#include "mpicsim/mpic/PerspectiveLink.hpp"
#include "mpicsim/mpic/Rir.hpp"
#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// A network perspective: a place a CA validates from. It either sits inside its host AS (and
// routes exactly as that AS does) or is its own node attached to `neighbours`, which receives
// routes like any AS but announces nothing, so it never changes anyone else's routes.
struct Perspective {
    std::string id;          // e.g. "aws:us-east-2"; for inline perspectives "AS64500"
    std::string provider;    // "aws", "gcp", "azure", ... or empty
    std::string regionCode;  // the provider's name for the region
    std::string city;
    std::string country;  // ISO 3166-1 alpha-2
    std::optional<GeoPoint> location;
    Rir rir = Rir::Arin;
    Asn hostAsn = 0;
    std::vector<PerspectiveLink> neighbours;  // empty: the perspective sits in hostAsn
    bool rovFiltering = false;                // an own node's import policy

    bool hasOwnNode() const { return !neighbours.empty(); }
};

}  // namespace mpicsim
