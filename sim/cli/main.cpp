#include <iostream>
#include <string>
#include <vector>

#include "CheckCaCommand.hpp"
#include "GenerateTopologyCommand.hpp"
#include "PlotCommand.hpp"
#include "ResilienceCommand.hpp"
#include "RoutesCommand.hpp"
#include "RunCommand.hpp"
#include "TopologyStatsCommand.hpp"
#include "VerdictCommand.hpp"
#include "mpicsim/analysis/ChartFiles.hpp"

namespace {

void printHelp(std::ostream& out) {
    out << "mpicsim " << MPICSIM_VERSION
        << ": BGP hijacks against domain control validation and MPIC\n\n"
           "commands:\n"
           "  routes    every AS's route and data-plane outcome for one victim and attack\n"
           "  verdict   whether a hijacker obtains a certificate from a CA using MPIC, and why\n"
           "  check-ca  the TLS BR 3.2.2.9 rules a CA configuration breaks on a date\n"
           "  run       a study from a scenario file: trials, summary and plots\n"
           "  plot      redraw a results directory's charts from its summary.json\n"
           "  resilience  per-victim resilience under the independent semantics\n"
           "  topology-stats  structural figures of topologies, side by side\n"
           "  generate-topology  a synthetic Internet-like topology in CAIDA format\n\n"
           "Run 'mpicsim COMMAND --help' for a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    const std::vector<std::string> arguments(argv + 1, argv + argc);
    if (arguments.empty() || arguments[0] == "--help" || arguments[0] == "-h" ||
        arguments[0] == "help") {
        printHelp(std::cout);
        return arguments.empty() ? 2 : 0;
    }
    if (arguments[0] == "--version") {
        std::cout << "mpicsim " << MPICSIM_VERSION << "\n";
        return 0;
    }
    const std::string command = arguments[0];
    const std::vector<std::string> rest(arguments.begin() + 1, arguments.end());
    const bool wantsHelp = !rest.empty() && (rest[0] == "--help" || rest[0] == "-h");
    try {
        if (command == "routes") {
            if (wantsHelp) {
                std::cout << mpicsim::cli::RoutesCommand::usage();
                return 0;
            }
            return mpicsim::cli::RoutesCommand::run(rest, std::cout, std::cerr);
        }
        if (command == "verdict") {
            if (wantsHelp) {
                std::cout << mpicsim::cli::VerdictCommand::usage();
                return 0;
            }
            return mpicsim::cli::VerdictCommand::run(rest, std::cout, std::cerr);
        }
        if (command == "run") {
            if (wantsHelp) {
                std::cout << mpicsim::cli::RunCommand::usage();
                return 0;
            }
            return mpicsim::cli::RunCommand::run(rest, std::cout, std::cerr,
                                                 &mpicsim::ChartFiles::writeAll);
        }
        if (command == "resilience") {
            if (wantsHelp) {
                std::cout << mpicsim::cli::ResilienceCommand::usage();
                return 0;
            }
            return mpicsim::cli::ResilienceCommand::run(rest, std::cout, std::cerr);
        }
        if (command == "plot") {
            if (wantsHelp) {
                std::cout << mpicsim::cli::PlotCommand::usage();
                return 0;
            }
            return mpicsim::cli::PlotCommand::run(rest, std::cout, std::cerr);
        }
        if (command == "topology-stats") {
            if (wantsHelp) {
                std::cout << mpicsim::cli::TopologyStatsCommand::usage();
                return 0;
            }
            return mpicsim::cli::TopologyStatsCommand::run(rest, std::cout, std::cerr);
        }
        if (command == "generate-topology") {
            if (wantsHelp) {
                std::cout << mpicsim::cli::GenerateTopologyCommand::usage();
                return 0;
            }
            return mpicsim::cli::GenerateTopologyCommand::run(rest, std::cout, std::cerr);
        }
        if (command == "check-ca") {
            if (wantsHelp) {
                std::cout << mpicsim::cli::CheckCaCommand::usage();
                return 0;
            }
            return mpicsim::cli::CheckCaCommand::run(rest, std::cout, std::cerr);
        }
    } catch (const std::exception& error) {
        std::cerr << "mpicsim " << command << ": internal error: " << error.what() << "\n";
        return 1;
    }
    std::cerr << "mpicsim: unknown command '" << command << "'\n";
    printHelp(std::cerr);
    return 2;
}
