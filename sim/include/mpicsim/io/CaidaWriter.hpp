#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "mpicsim/topology/AsGraphMetadata.hpp"
#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// Writes links in CAIDA's serial-2 AS-relationship format ("provider|customer|-1|source",
// "peer|peer|0|source"), with comment lines first: the given description lines and the
// "# input clique:" line, which CaidaReader reads back.
class CaidaWriter {
  public:
    static void write(std::ostream& out, const std::vector<AsLink>& links,
                      const AsGraphMetadata& metadata,
                      const std::vector<std::string>& descriptionLines);
    // Writes to a temporary file beside `path` and renames it, so that an interrupted run
    // never leaves a truncated topology. Throws InputError when the file cannot be written.
    static void writeFile(const std::filesystem::path& path, const std::vector<AsLink>& links,
                          const AsGraphMetadata& metadata,
                          const std::vector<std::string>& descriptionLines);
};

}  // namespace mpicsim
