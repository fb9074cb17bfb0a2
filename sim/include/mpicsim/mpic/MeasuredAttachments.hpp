#pragma once

#include <map>
#include <string>
#include <vector>

#include "mpicsim/mpic/PerspectiveLink.hpp"

namespace mpicsim {

// Measured neighbour sets of cloud regions, by catalog perspective id: each listed region
// becomes its own node attached to exactly these neighbours (MeasuredAttachmentReader reads
// them; every ASN was checked against the topology). Regions not listed route as their cloud.
struct MeasuredAttachments {
    std::string source;  // the file, for messages
    std::map<std::string, std::vector<PerspectiveLink>> neighboursById;
};

}  // namespace mpicsim
