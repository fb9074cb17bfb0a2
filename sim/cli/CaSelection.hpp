#pragma once

#include <chrono>
#include <set>
#include <string>

#include "CommandLine.hpp"
#include "mpicsim/mpic/CaConfiguration.hpp"
#include "mpicsim/mpic/PerspectiveCatalog.hpp"
#include "mpicsim/mpic/QuorumPolicy.hpp"

namespace mpicsim::cli {

// The CA configuration and quorum policy a command line names: --ca PRESET|FILE, or
// --primary and repeated --remote (ASN:RIR inline, or a catalog id); --policy NAME and
// --br-date YYYY-MM-DD (the date picks the phase of a phased policy; default today).
struct CaSelection {
    PerspectiveCatalog catalog;
    CaConfiguration ca;
    QuorumPolicy policy;
    std::chrono::year_month_day date;
    bool dateGiven = false;

    static std::set<std::string> valueOptions();
    static std::set<std::string> repeatableOptions();
    // Their usage lines, indented to follow a command's first usage line, and the notes that
    // list the presets and RIRs.
    static std::string usageLines();
    static std::string usageNotes();
    // Throws UsageError or InputError.
    static CaSelection load(const CommandLine& line);
    static std::chrono::year_month_day today();
};

}  // namespace mpicsim::cli
