#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "CommandLine.hpp"
#include "mpicsim/study/OptimizationSession.hpp"

namespace mpicsim::cli {

// `mpicsim optimize SCENARIO.json --out DIR`: builds the outcome matrix of the scenario's units
// over the `optimize` block's candidates (DIR/outcome-matrix.bin, or reads one with --matrix),
// searches the best placement, scores it on a held-out sample (DIR/holdout-matrix.bin) and
// writes DIR/optimize.json, DIR/evaluated-sets.csv and, with a plotter, DIR/plots. Exit status
// 0, 2 on bad input. Started by mpirun in a build with MPI, the matrices are built by every rank
// (DistributedOptimize).
class OptimizeCommand {
  public:
    // Draws the charts of a directory holding optimize.json and evaluated-sets.csv.
    using Plotter = std::function<std::vector<std::filesystem::path>(const std::filesystem::path&)>;

    struct Options {
        std::filesystem::path scenarioPath;
        CommandLine line;
        std::filesystem::path outDir;
        std::size_t threads = 1;
    };
    // The command line; throws UsageError.
    static Options parse(const std::vector<std::string>& arguments);
    // The session of the scenario, its notes written to `notes`; throws InputError.
    static std::unique_ptr<OptimizationSession> prepare(const Options& options,
                                                        std::ostream& notes);
    // After the matrix is built (and written) or read: the search, the held-out score (its
    // matrix written to DIR/holdout-matrix.bin), optimize.json, evaluated-sets.csv and the
    // plots; prints the best set. Throws as the steps do.
    static void finish(OptimizationSession& session, const Options& options, std::ostream& out,
                       std::ostream& err, const Plotter& plotter);

    static int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
                   const Plotter& plotter = {});
    static const char* usage();
};

}  // namespace mpicsim::cli
