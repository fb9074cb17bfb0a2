#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "mpicsim/analysis/Summary.hpp"

namespace mpicsim {

// Reads summary.json (see analysis/README.md); errors are InputErrors naming the JSON Pointer.
class SummaryReader {
  public:
    static Summary parse(std::string_view text, const std::string& sourceName);
    static Summary readFile(const std::filesystem::path& path);
};

}  // namespace mpicsim
