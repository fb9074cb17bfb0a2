#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>

#include "mpicsim/mpic/PerspectiveCatalog.hpp"
#include "mpicsim/mpic/RegionModel.hpp"
#include "mpicsim/mpic/RegionPlacement.hpp"
#include "mpicsim/topology/AsGraph.hpp"
#include "mpicsim/topology/AsOrganisations.hpp"

namespace mpicsim {

// Finds the AS-to-organisation file of a topology and turns a requested region model into the
// RegionPlacement every command and the GUI apply (README.md, "Cloud regions as routing points").
class RegionPlacementLoader {
  public:
    struct Loaded {
        RegionPlacement placement;
        std::string notice;  // non-empty when the default fell back to cloud-as
    };

    // The as-org2info file that goes with a topology file: DIR/NAME.as-org2info.txt (or .gz)
    // beside DIR/NAME.as-rel.txt, NAME.as-rel2.txt or NAME.txt (each optionally .bz2); else, for
    // a snapshot YYYYMMDD.* lying in the data directory or its caida/ folder, the newest
    // YYYYMMDD.as-org2info.txt[.gz] of that folder not newer than the snapshot, or the oldest
    // when all are newer. nullopt when there is none.
    static std::optional<std::filesystem::path> organisationsFileFor(
        const std::filesystem::path& topology);

    // The AS-to-organisation table a request needs and its file: none (empty) for `cloud-as` and
    // measured files; else `given`, or the file organisationsFileFor(topology) finds, read with
    // AsOrganisationReader (empty when there is none).
    static std::pair<AsOrganisations, std::string> organisationsFor(
        const std::optional<RegionModel>& requested, const std::filesystem::path& topology,
        const std::optional<std::filesystem::path>& given);

    // `requested` absent: `regional` when `organisations` is not empty, else `cloud-as` with a
    // notice. `regional` without a table and a bad measured file are InputErrors naming
    // `requestedBy` or the file. The placement refers to `graph`.
    static Loaded load(const std::optional<RegionModel>& requested, const AsGraph& graph,
                       const AsOrganisations& organisations, const std::string& topologyName,
                       const PerspectiveCatalog& catalog, const std::string& requestedBy);
};

}  // namespace mpicsim
