#pragma once

#include <memory>
#include <ostream>
#include <set>
#include <string>

#include "CommandLine.hpp"
#include "mpicsim/routing/Attack.hpp"
#include "mpicsim/routing/RovDeployment.hpp"
#include "mpicsim/routing/TieBreak.hpp"
#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim::cli {

// What `routes` and `verdict` share: the topology, the victim and attacker, the attack, the
// ROV adopters, the tie-break and the prefix length, read from the command line.
struct TrialSetup {
    std::string topologyPath;
    AsGraph graph;
    Attack attack;
    RovDeployment rov;
    TieBreak tieBreak;

    // The options this reads; commands add their own.
    static std::set<std::string> valueOptions();
    static std::set<std::string> flagOptions();
    // Their usage lines, indented to follow a command's first usage line.
    static std::string usageLines();
    // Throws UsageError or InputError. Writes notes (no-op attacks) to `err`.
    static std::unique_ptr<TrialSetup> load(const CommandLine& line, const std::string& command,
                                            std::ostream& err);
    // Resolves a typed ASN; absent ASNs are UsageErrors naming the option.
    NodeIndex resolve(const std::string& option, const std::string& text) const;
};

}  // namespace mpicsim::cli
