#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "mpicsim/experiment/OptimizationSpec.hpp"
#include "mpicsim/experiment/Scenario.hpp"
#include "mpicsim/mpic/PerspectiveCatalog.hpp"

namespace mpicsim {

// Reads the `optimize` block of a scenario file (schema in scenarios/README.md). Errors are
// InputErrors naming the file and the JSON Pointer; unknown candidate ids get the closest match.
class OptimizationSpecReader {
  public:
    static OptimizationSpec parse(std::string_view text, const std::string& sourceName,
                                  const Scenario& scenario, const PerspectiveCatalog& catalog,
                                  std::chrono::year_month_day today);
    static OptimizationSpec readFile(const std::filesystem::path& path, const Scenario& scenario,
                                     const PerspectiveCatalog& catalog,
                                     std::chrono::year_month_day today);
};

}  // namespace mpicsim
