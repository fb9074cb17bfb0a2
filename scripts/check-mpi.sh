#!/usr/bin/env bash
# The MPI variant (issue 14): builds `mpicsim` with -DMPICSIM_WITH_MPI=ON (cmake --preset mpi,
# build-mpi/, no Qt) and runs the tests labelled `mpi` (tests/mpi/check-distributed-run.sh):
# 1-, 2- and 4-rank jobs on loopback compared byte for byte with the single-process run, a
# killed rank then --resume, the refusals, and `mpicsim optimize` on 1, 2 and 4 ranks. Needs
# OpenMPI (scripts/install-deps.sh --mpi) and the 2025-09-01 CAIDA snapshot in the shared data
# folder. Any difference fails.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset mpi >/dev/null
cmake --build --preset mpi -j"$(nproc)"
ctest --preset mpi
