#pragma once

#include <ostream>

#include "RunCommand.hpp"

namespace mpicsim::cli {

// `mpicsim run` as one rank of an MPI job (mpirun -np N, or srun under Slurm): the ranks check
// that they run the same scenario on the same topology, share the study's shards, and rank 0
// writes the output folder exactly as a single-process run would (see DistributedStudy). A build
// without MPI (MPICSIM_WITH_MPI=OFF) refuses to run as several ranks instead of letting each do
// the whole study into the same folder.
class DistributedRun {
  public:
    // Whether this process was started as a rank of an MPI job this build must handle: in an
    // MPI build, any job (even of one rank); without MPI, a job of more than one rank (to refuse
    // it).
    static bool wanted();
    // Runs (or refuses) the study; returns the exit status. Every rank prints the same error for
    // a study the ranks disagree on.
    static int run(const RunCommand::Options& options, std::ostream& out, std::ostream& err,
                   const StudySession::Plotter& plotter);
};

}  // namespace mpicsim::cli
