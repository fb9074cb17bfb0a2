#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "mpicsim/study/StudySession.hpp"

namespace mpicsim::cli {

// `mpicsim run SCENARIO.json --out DIR [--threads N] [--resume]`: runs a study, streaming
// trials to DIR/trials.csv shard by shard (flushed, with DIR/progress.json so that --resume
// continues after an interruption, kill -9 included), then writes DIR/summary.json,
// DIR/summary.csv and DIR/plots. Exit status 0, 2 on bad input, 130 when interrupted.
class RunCommand {
  public:
    // `plotter` draws the charts (the CLI passes the Qt Charts renderer).
    static int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
                   const StudySession::Plotter& plotter = {});
    static const char* usage();
};

}  // namespace mpicsim::cli
