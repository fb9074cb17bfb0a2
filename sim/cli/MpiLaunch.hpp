#pragma once

namespace mpicsim::cli {

// What an MPI launcher tells the processes it starts, read from the environment before MPI is
// initialised (and in a build without MPI): OpenMPI's mpirun sets OMPI_COMM_WORLD_SIZE, Slurm's
// srun (PMI-2) and MPICH's Hydra set PMI_SIZE.
class MpiLaunch {
  public:
    // The number of ranks of the job this process belongs to; 0 when no launcher started it.
    static int ranks();
};

}  // namespace mpicsim::cli
