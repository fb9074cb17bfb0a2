#pragma once

#include <chrono>
#include <filesystem>

#include "mpicsim/experiment/QuorumSweepSpec.hpp"
#include "mpicsim/mpic/PerspectiveCatalog.hpp"

namespace mpicsim {

// Reads the `sweep` block of a scenario file (schema in scenarios/README.md); errors are
// InputErrors naming the file and the JSON Pointer.
class QuorumSweepSpecReader {
  public:
    static QuorumSweepSpec parse(std::string_view text, const std::string& sourceName,
                                 const PerspectiveCatalog& catalog);
    static QuorumSweepSpec readFile(const std::filesystem::path& path,
                                    const PerspectiveCatalog& catalog);
};

}  // namespace mpicsim
