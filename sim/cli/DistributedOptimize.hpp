#pragma once

#include <ostream>

#include "OptimizeCommand.hpp"

namespace mpicsim::cli {

// `mpicsim optimize` as one rank of an MPI job (mpirun -np N): the ranks check that they run the
// same scenario on the same topology, share the building of the outcome matrix and of the
// held-out matrix (blocks of 64-unit words, see DistributedStudy::buildMatrix), and rank 0 alone
// searches and writes the output folder, the same bytes as a single-process run. A build without
// MPI refuses to run as several ranks.
class DistributedOptimize {
  public:
    // As DistributedRun::wanted.
    static bool wanted();
    // Runs (or refuses) the search; returns the exit status.
    static int run(const OptimizeCommand::Options& options, std::ostream& out, std::ostream& err,
                   const OptimizeCommand::Plotter& plotter);
};

}  // namespace mpicsim::cli
