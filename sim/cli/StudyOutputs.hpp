#pragma once

#include <filesystem>
#include <functional>
#include <vector>

#include "mpicsim/analysis/Summary.hpp"
#include "mpicsim/experiment/Scenario.hpp"
#include "mpicsim/experiment/TrialPlan.hpp"
#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim::cli {

// The end of a study: DIR/summary.json and DIR/summary.csv from DIR/trials.csv, and the plots.
class StudyOutputs {
  public:
    // Draws a summary's charts into a folder and returns the files written.
    using Plotter = std::function<std::vector<std::filesystem::path>(const Summary&,
                                                                     const std::filesystem::path&)>;

    // Returns the files written; no plots when `plotter` is empty.
    static std::vector<std::filesystem::path> write(const std::filesystem::path& outDir,
                                                    const Scenario& scenario, const TrialPlan& plan,
                                                    const AsGraph& graph, const Plotter& plotter);
};

}  // namespace mpicsim::cli
