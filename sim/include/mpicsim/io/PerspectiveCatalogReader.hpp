#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "mpicsim/mpic/PerspectiveCatalog.hpp"

namespace mpicsim {

// Reads a perspective catalog (topology_data/perspectives.json; schema in
// topology_data/README.md). Errors are InputErrors naming the file and the JSON Pointer.
class PerspectiveCatalogReader {
  public:
    static PerspectiveCatalog parse(std::string_view text, const std::string& sourceName);
    static PerspectiveCatalog readFile(const std::filesystem::path& path);
    // The catalog compiled into mpicsim from topology_data/perspectives.json.
    static const PerspectiveCatalog& builtIn();
};

}  // namespace mpicsim
