#pragma once

#include <optional>
#include <set>
#include <string>

#include "CommandLine.hpp"
#include "mpicsim/experiment/Scenario.hpp"
#include "mpicsim/io/RegionPlacementLoader.hpp"

namespace mpicsim::cli {

// --region-model cloud-as|regional|regional+backbone|FILE and --org-info FILE, shared by the
// commands that place perspectives on a topology file.
struct RegionModelOption {
    RegionPlacementLoader::Loaded loaded;
    std::string organisationsFile;  // the table used; empty when there is none

    static std::set<std::string> valueOptions();
    // Their usage line, indented to follow a command's first usage line.
    static std::string usageLines();
    // Reads the options; the table is --org-info, else the one found beside `topologyPath`.
    // Throws UsageError or InputError. The placement refers to `graph`.
    static RegionModelOption load(const CommandLine& line, const std::string& topologyPath,
                                  const AsGraph& graph, const PerspectiveCatalog& catalog);
    // A study's model and table as --region-model and --org-info override them (the manifest
    // records the model used).
    static void override(const CommandLine& line, Scenario& scenario);
    // "region model regional (organisations: FILE)" for a command's header.
    std::string describe() const;
};

}  // namespace mpicsim::cli
