#include "MpiLaunch.hpp"

#include <cstdlib>
#include <string>

namespace mpicsim::cli {

int MpiLaunch::ranks() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0') {
            try {
                return std::stoi(value);
            } catch (const std::exception&) {
                return 0;
            }
        }
    }
    return 0;
}

std::string MpiLaunch::withoutMpiError(const std::string& command) {
    return "mpicsim " + command + ": error: started as one of " + std::to_string(ranks()) +
           " MPI ranks, but this mpicsim was built without MPI; configure with "
           "-DMPICSIM_WITH_MPI=ON (cmake --preset mpi) to run it over several ranks\n";
}

}  // namespace mpicsim::cli
