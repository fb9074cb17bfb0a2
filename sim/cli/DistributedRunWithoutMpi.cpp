// DistributedRun in a build without MPI: it only refuses a job of several ranks.
#include "DistributedRun.hpp"
#include "MpiLaunch.hpp"

namespace mpicsim::cli {

bool DistributedRun::wanted() {
    return MpiLaunch::ranks() > 1;
}

int DistributedRun::run(const RunCommand::Options&, std::ostream&, std::ostream& err,
                        const StudySession::Plotter&) {
    err << MpiLaunch::withoutMpiError("run");
    return 2;
}

}  // namespace mpicsim::cli
