#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "MpicsimCommands.hpp"

#if MPICSIM_WITH_CHARTS
#include "PlotCommand.hpp"
#include "mpicsim/analysis/ChartFiles.hpp"
#include "mpicsim/analysis/OptimizationCharts.hpp"
#include "mpicsim/analysis/QuorumSweepCharts.hpp"
#endif

namespace {

std::optional<mpicsim::cli::MpicsimCommands::Charts> charts() {
#if MPICSIM_WITH_CHARTS
    return mpicsim::cli::MpicsimCommands::Charts{
        &mpicsim::ChartFiles::writeAll, &mpicsim::cli::PlotCommand::usage,
        &mpicsim::cli::PlotCommand::run, &mpicsim::QuorumSweepCharts::writeAll,
        &mpicsim::OptimizationCharts::writeAll};
#else
    return std::nullopt;
#endif
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    const std::vector<std::string> arguments(argv + 1, argv + argc);
    return mpicsim::cli::MpicsimCommands::table(charts()).run(arguments, std::cout, std::cerr);
}
