#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mpicsim/experiment/AsSelection.hpp"
#include "mpicsim/experiment/NameserverSetting.hpp"
#include "mpicsim/experiment/PolicyChoice.hpp"
#include "mpicsim/experiment/RoaSetting.hpp"
#include "mpicsim/experiment/RovSetting.hpp"
#include "mpicsim/mpic/CaConfiguration.hpp"
#include "mpicsim/mpic/PerspectiveCatalog.hpp"
#include "mpicsim/mpic/RegionModel.hpp"
#include "mpicsim/mpic/ValidationMethod.hpp"
#include "mpicsim/routing/AttackType.hpp"
#include "mpicsim/routing/TieBreak.hpp"

namespace mpicsim {

// A study: every listed axis is swept (the cartesian product of ROV settings, attacks, prefix
// lengths, CA configurations and policies), over every victim × adversary pair selected.
struct Scenario {
    std::string name;
    std::string description;
    std::string topologyPath;  // resolved against the scenario file's folder; empty if synthetic
    // Instead of a file: the topology `mpicsim generate-topology --ases N --seed S` writes.
    struct SyntheticTopology {
        std::size_t ases = 0;
        std::uint64_t seed = 0;
    };
    std::optional<SyntheticTopology> syntheticTopology;
    bool excludeMlpOnly = false;
    std::uint64_t seed = 1;
    TieBreak tieBreak = TieBreak::lowestAsn();
    std::vector<ValidationMethod> methods{ValidationMethod::Http01};  // an axis
    NameserverSetting nameservers;
    std::vector<int> attempts{1};  // an axis: validation attempts per request (retries + 1)
    std::vector<AttackType> attacks;
    std::vector<int> prefixLengths;
    std::vector<CaConfiguration> cas;
    std::vector<PolicyChoice> policies;
    std::vector<RovSetting> rovSettings;
    // Which victims hold a ROA; swept like rovSettings (outermost). Default: every victim.
    std::vector<RoaSetting> roaSettings{RoaSetting{}};
    AsSelection victims;
    AsSelection adversaries;
    // The blocks other commands run ("optimize", "sweep"), in that order, when the file has them.
    std::vector<std::string> otherCommandBlocks;
    // How cloud regions attach (absent: `regional` where an AS-to-organisation table is found,
    // else `cloud-as`), the table's file when the scenario names one, and the catalog the CA
    // configurations were read with (it says which perspectives are cloud regions).
    std::optional<RegionModel> regionModel;
    std::string organisationsPath;
    PerspectiveCatalog catalog;
};

}  // namespace mpicsim
