#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace mpicsim::cli {

// The subcommands of mpicsim, each with its name, one-line summary, usage text and run
// function, and the dispatch from a command line to them: the help is generated from the
// table, and an unknown command gets the closest name suggested and a hint to --help.
class CommandTable {
  public:
    using RunFunction =
        std::function<int(const std::vector<std::string>&, std::ostream&, std::ostream&)>;
    struct Command {
        std::string name;
        std::string summary;
        std::function<std::string()> usage;
        RunFunction run;
    };

    CommandTable(std::string version, std::string description);

    void add(Command command);
    const std::vector<Command>& commands() const { return commands_; }
    const Command* find(std::string_view name) const;

    // Runs `mpicsim ARGUMENTS...` and returns the exit status. Besides COMMAND ARGUMENTS:
    // --help, -h or help [COMMAND]; COMMAND --help; --version. No arguments: the help, status 2.
    int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err) const;
    std::string help() const;
    std::string versionLine() const { return "mpicsim " + version_ + "\n"; }

  private:
    int unknownCommand(const std::string& name, std::ostream& err) const;

    std::string version_;
    std::string description_;
    std::vector<Command> commands_;
};

}  // namespace mpicsim::cli
