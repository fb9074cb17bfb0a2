#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include "mpicsim/io/DataDirectory.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"

namespace mpicsim::bench {

// The CAIDA snapshot a benchmark reads: $MPICSIM_TOPOLOGY, a date (YYYY-MM-DD, found in the data
// directory) or a path, by default 2016-11-01. Like the tests, benchmarks use the project's
// shared data folder as the data directory unless $MPICSIM_DATA names one.
inline std::filesystem::path topologyPath() {
    ::setenv("MPICSIM_DATA", MPICSIM_BENCHMARK_DATA, 0);
    const char* chosen = std::getenv("MPICSIM_TOPOLOGY");
    const std::string text = chosen != nullptr ? chosen : "2016-11-01";
    if (const auto date = parseIsoDate(text)) {
        return DataDirectory::caidaSnapshot(*date);
    }
    return text;
}

}  // namespace mpicsim::bench
