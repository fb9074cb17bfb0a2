#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mpicsim::cli {

// `mpicsim plot DIR`: redraws DIR/plots/*.png and *.svg from DIR/summary.json.
class PlotCommand {
  public:
    static int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);
    static const char* usage();
};

}  // namespace mpicsim::cli
