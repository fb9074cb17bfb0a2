#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mpicsim::cli {

// The values the enumerated options accept, each read from the table that defines it, so that
// usage texts, error messages and suggestions cannot drift from what the code accepts.
class OptionChoices {
  public:
    static std::vector<std::string> attackTypes();        // AttackType
    static std::vector<std::string> validationMethods();  // ValidationMethod
    static std::vector<std::string> policies();           // QuorumPolicyTable
    static std::vector<std::string> caPresets();          // topology_data/ca-presets.json
    static std::vector<std::string> rirs();               // Rir
    // TieBreak::fromString's forms; routing/ keeps no list of them.
    static std::vector<std::string> tieBreaks();

    // "a|b|c", as usage lines write alternatives.
    static std::string joined(const std::vector<std::string>& names, std::string_view separator);
    // "a, b or c", as sentences write them.
    static std::string alternatives(const std::vector<std::string>& names);
};

}  // namespace mpicsim::cli
