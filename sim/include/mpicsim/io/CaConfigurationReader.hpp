#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "mpicsim/mpic/CaConfiguration.hpp"
#include "mpicsim/mpic/PerspectiveCatalog.hpp"

namespace mpicsim {

// Reads CA configurations: a primary and remote perspectives (catalog ids or inline objects)
// and an optional policy (a name, a name with a date, or a custom rule). Named phased policies
// without a date take the phase in force on `today`. Unknown keys, wrong types, unknown or
// duplicate perspectives and impossible quorums are InputErrors naming the JSON Pointer.
class CaConfigurationReader {
  public:
    static CaConfiguration parse(std::string_view text, const std::string& sourceName,
                                 const PerspectiveCatalog& catalog,
                                 std::chrono::year_month_day today);
    static CaConfiguration readFile(const std::filesystem::path& path,
                                    const PerspectiveCatalog& catalog,
                                    std::chrono::year_month_day today);
    // The presets compiled in from topology_data/ca-presets.json.
    static std::vector<std::string> presetNames();
    static bool isPreset(std::string_view name);
    static CaConfiguration preset(std::string_view name, const PerspectiveCatalog& catalog,
                                  std::chrono::year_month_day today);
};

}  // namespace mpicsim
