#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "mpicsim/experiment/Scenario.hpp"
#include "mpicsim/mpic/PerspectiveCatalog.hpp"

namespace mpicsim {

// Reads a scenario file (schema in scenarios/README.md). Relative paths inside it are resolved
// against the scenario file's folder. Unknown keys, wrong types and bad values are InputErrors
// naming the file, the JSON Pointer, what was expected and what was found.
class ScenarioReader {
  public:
    static Scenario parse(std::string_view text, const std::string& sourceName,
                          const std::filesystem::path& baseDirectory,
                          const PerspectiveCatalog& catalog, std::chrono::year_month_day today);
    static Scenario readFile(const std::filesystem::path& path, const PerspectiveCatalog& catalog,
                             std::chrono::year_month_day today);
};

}  // namespace mpicsim
