#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mpicsim::cli {

// `mpicsim topology-stats FILE [FILE ...] [--format text|json]`: the calibration figures of
// each topology, side by side.
class TopologyStatsCommand {
  public:
    static int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);
    static const char* usage();
};

}  // namespace mpicsim::cli
