#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mpicsim::cli {

// `mpicsim perspectives --topology FILE [--region-model M] [--org-info FILE]
// [--format text|json]`: every catalog perspective as the region model places it on the
// topology: its node, RIR, city and neighbours.
class PerspectivesCommand {
  public:
    static int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);
    static std::string usage();
};

}  // namespace mpicsim::cli
