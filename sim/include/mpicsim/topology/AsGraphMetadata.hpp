#pragma once

#include <string>
#include <vector>

#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// Facts a topology file states about itself, kept beside the graph.
struct AsGraphMetadata {
    std::vector<Asn> inputClique;  // CAIDA "# input clique:" header line
    std::vector<Asn> ixpAses;      // CAIDA "# IXP ASes:" header line
    std::string sourceName;        // e.g. the file the graph was read from
    int caidaSerial = 0;           // 1 or 2 when read from a CAIDA file, 0 otherwise
    std::size_t duplicateLinesIgnored = 0;
    std::size_t mlpOnlyLinksExcluded = 0;
};

}  // namespace mpicsim
