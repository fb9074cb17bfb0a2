#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace mpicsim::cli {

// `mpicsim optimize SCENARIO.json --out DIR`: builds the outcome matrix of the scenario's units
// over the `optimize` block's candidates (DIR/outcome-matrix.bin, or reads one with --matrix),
// searches the best placement, scores it on a held-out sample (DIR/holdout-matrix.bin) and
// writes DIR/optimize.json, DIR/evaluated-sets.csv and, with a plotter, DIR/plots. Exit status
// 0, 2 on bad input.
class OptimizeCommand {
  public:
    // Draws the charts of a directory holding optimize.json and evaluated-sets.csv.
    using Plotter = std::function<std::vector<std::filesystem::path>(const std::filesystem::path&)>;

    static int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
                   const Plotter& plotter = {});
    static const char* usage();
};

}  // namespace mpicsim::cli
