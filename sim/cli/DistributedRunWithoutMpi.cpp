// DistributedRun in a build without MPI: it only refuses a job of several ranks.
#include "DistributedRun.hpp"
#include "MpiLaunch.hpp"

namespace mpicsim::cli {

bool DistributedRun::wanted() {
    return MpiLaunch::ranks() > 1;
}

int DistributedRun::run(const RunCommand::Options&, std::ostream&, std::ostream& err,
                        const StudySession::Plotter&) {
    err << "mpicsim run: error: started as one of " << MpiLaunch::ranks()
        << " MPI ranks, but this mpicsim was built without MPI; configure with "
           "-DMPICSIM_WITH_MPI=ON (cmake --preset mpi) to run a study over several ranks\n";
    return 2;
}

}  // namespace mpicsim::cli
