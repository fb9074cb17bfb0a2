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

}  // namespace mpicsim::cli
