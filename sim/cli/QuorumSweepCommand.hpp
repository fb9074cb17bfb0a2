#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "mpicsim/analysis/QuorumSweep.hpp"

namespace mpicsim::cli {

// `mpicsim quorum-sweep SCENARIO.json --out DIR`: the quorum trade-off explorer over the
// scenario's `sweep` block. One propagation per unit fills DIR/quorum-matrix.bin; every rule is
// scored from it into DIR/quorum-sweep.csv and quorum-sweep.json, and, with a plotter, the
// heatmaps and the security-versus-availability charts into DIR/plots. Exit status 0, 2 on bad
// input.
class QuorumSweepCommand {
  public:
    using Plotter = std::function<std::vector<std::filesystem::path>(
        const std::vector<QuorumSweep::Row>&, const std::filesystem::path&)>;

    static int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
                   const Plotter& plotter = {});
    static const char* usage();
};

}  // namespace mpicsim::cli
