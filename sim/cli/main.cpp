#include <iostream>
#include <string>
#include <vector>

#include "RoutesCommand.hpp"

namespace {

void printHelp(std::ostream& out) {
    out << "mpicsim " << MPICSIM_VERSION
        << ": BGP hijacks against domain control validation and MPIC\n\n"
           "commands:\n"
           "  routes    every AS's route and data-plane outcome for one victim and attack\n\n"
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
    } catch (const std::exception& error) {
        std::cerr << "mpicsim " << command << ": internal error: " << error.what() << "\n";
        return 1;
    }
    std::cerr << "mpicsim: unknown command '" << command << "'\n";
    printHelp(std::cerr);
    return 2;
}
