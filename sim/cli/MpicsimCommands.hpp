#pragma once

#include <functional>
#include <optional>
#include <string>

#include "CommandTable.hpp"
#include "OptimizeCommand.hpp"
#include "QuorumSweepCommand.hpp"
#include "mpicsim/study/StudySession.hpp"

namespace mpicsim::cli {

// The command table of the mpicsim executable. What draws charts (Qt Charts) is handed in by
// a build that has them; without it, `run` writes its results without plots and says so, and
// `plot` explains that this build cannot draw.
class MpicsimCommands {
  public:
    struct Charts {
        StudySession::Plotter plotter;  // draws a finished study's charts (`run`)
        std::function<std::string()> plotUsage;
        CommandTable::RunFunction plot;
        QuorumSweepCommand::Plotter quorumPlotter;  // the trade-off explorer's charts
        OptimizeCommand::Plotter optimizePlotter;   // the placement optimizer's charts
    };

    static CommandTable table(const std::optional<Charts>& charts);
};

}  // namespace mpicsim::cli
