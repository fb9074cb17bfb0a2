#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mpicsim::cli {

// `mpicsim optimize SCENARIO.json --out DIR`: builds the outcome matrix of the scenario's units
// over the `optimize` block's candidates (DIR/outcome-matrix.bin, or reads one with --matrix),
// searches the best placement, scores it on a held-out sample (DIR/holdout-matrix.bin) and
// writes DIR/optimize.json and DIR/evaluated-sets.csv. Exit status 0, 2 on bad input.
class OptimizeCommand {
  public:
    static int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);
    static const char* usage();
};

}  // namespace mpicsim::cli
