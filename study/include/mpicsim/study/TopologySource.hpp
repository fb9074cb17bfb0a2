#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "mpicsim/experiment/Scenario.hpp"
#include "mpicsim/io/RegionPlacementLoader.hpp"
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
        // The as-org2info file the table was read from (CAIDA topologies); empty otherwise.
        std::string organisationsFile = {};
    };

    // Reads the file (throws InputError) or runs the generator. For a file, the AS-to-
    // organisation table is the scenario's `org_info`, else the one
    // RegionPlacementLoader::organisationsFileFor finds.
    static Loaded load(const Scenario& scenario);
    // The AS-to-organisation table of a file topology (as load() finds it) and its file; an
    // empty table and name when there is none, the topology is synthetic, or the scenario's
    // region model does not use one (cloud-as, a measured file).
    static std::pair<AsOrganisations, std::string> organisations(const Scenario& scenario);
    // The region placement the scenario asks for on its topology (its `region_model`, table and
    // catalog, see RegionPlacementLoader::load); errors name `source`. Refers to `graph`.
    static RegionPlacementLoader::Loaded regionPlacement(const Scenario& scenario,
                                                         const AsGraph& graph,
                                                         const AsOrganisations& organisations,
                                                         const std::string& source);
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
