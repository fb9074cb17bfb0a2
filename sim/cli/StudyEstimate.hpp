#pragma once

#include <cstdint>
#include <ostream>

#include "mpicsim/study/StudySession.hpp"

namespace mpicsim::cli {

// `mpicsim run --estimate`: what a study would cost, measured on a sample of its own trial units
// on one core of this machine (shards spread evenly over the plan, about 2 s in all; timed in
// CPU time, so that other load on the machine does not slow the rate), and
// extrapolated: units and trials, CPU-hours, and the output size for each --trials choice.
// Nothing is written.
class StudyEstimate {
  public:
    struct Figures {
        std::uint64_t units = 0;
        std::uint64_t sampledUnits = 0;
        double sampledSeconds = 0;  // CPU time of the trials (formatting the sample excluded)
        double unitsPerSecond = 0;  // per CPU-second
        double rowsPerUnit = 0;     // trials.csv rows (configuration × policy verdicts)
        double csvBytesPerUnit = 0;
        double gzipBytesPerUnit = 0;  // one gzip member per shard, as --trials csv.gz writes
        double tallyBytes = 0;        // one victim's tally in a summary group, in the checkpoint
        std::uint64_t groups = 0;     // summary groups met in the sample
    };

    static Figures measure(const StudySession& session);
    static void print(const StudySession& session, std::size_t threads, std::ostream& out);
};

}  // namespace mpicsim::cli
