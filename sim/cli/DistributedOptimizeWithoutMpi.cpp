// DistributedOptimize in a build without MPI: it only refuses a job of several ranks.
#include "DistributedOptimize.hpp"
#include "MpiLaunch.hpp"

namespace mpicsim::cli {

bool DistributedOptimize::wanted() {
    return MpiLaunch::ranks() > 1;
}

int DistributedOptimize::run(const OptimizeCommand::Options&, std::ostream&, std::ostream& err,
                             const OptimizeCommand::Plotter&) {
    err << MpiLaunch::withoutMpiError("optimize");
    return 2;
}

}  // namespace mpicsim::cli
