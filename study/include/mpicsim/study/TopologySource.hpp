#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mpicsim/experiment/Scenario.hpp"
#include "mpicsim/topology/AsGraph.hpp"
#include "mpicsim/topology/AsOrganisations.hpp"

namespace mpicsim {

// Where a study's graph comes from: the scenario's CAIDA file, or the synthetic topology
// `mpicsim generate-topology --ases N --seed S` writes. Either way the study records the
// SHA-256 of the CAIDA text (for a synthetic topology: followed by the AS-to-organisation text
// written beside it), so that a resumed run can tell that it is the same topology.
class TopologySource {
  public:
    struct Loaded {
        AsGraph graph;
        std::string sha256;
        // The AS-to-organisation table that goes with the graph: the synthetic generator's, or
        // the as-org2info file found for a CAIDA snapshot; empty when there is none.
        AsOrganisations organisations;
    };

    // Reads the file (throws InputError) or runs the generator.
    static Loaded load(const Scenario& scenario);
    // The SHA-256 alone, for a graph built elsewhere from the same scenario.
    static std::string sha256(const Scenario& scenario);
    // The comment lines at the top of the file `mpicsim generate-topology` writes.
    static std::vector<std::string> syntheticFileComments(std::size_t ases, std::uint64_t seed);
    // The same for the AS-to-organisation file it writes beside it.
    static std::vector<std::string> syntheticOrganisationComments(std::size_t ases,
                                                                  std::uint64_t seed);
    // The command that writes the synthetic topology as a file.
    static std::string syntheticCommand(const Scenario::SyntheticTopology& synthetic);
};

}  // namespace mpicsim
