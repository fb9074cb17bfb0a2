#pragma once

#include <string>

namespace mpicsim::cli {

// What an MPI launcher tells the processes it starts, read from the environment before MPI is
// initialised (and in a build without MPI): OpenMPI's mpirun sets OMPI_COMM_WORLD_SIZE, Slurm's
// srun (PMI-2) and MPICH's Hydra set PMI_SIZE.
class MpiLaunch {
  public:
    // The number of ranks of the job this process belongs to; 0 when no launcher started it.
    static int ranks();
    // What a build without MPI says (exit status 2) when `mpicsim COMMAND` is started as several
    // ranks, instead of doing the whole work once per rank into one folder.
    static std::string withoutMpiError(const std::string& command);
};

}  // namespace mpicsim::cli
