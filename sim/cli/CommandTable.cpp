#include "CommandTable.hpp"

#include <algorithm>

#include "CommandErrors.hpp"
#include "mpicsim/io/ClosestMatch.hpp"

namespace mpicsim::cli {
namespace {

bool isHelp(const std::string& argument) {
    return argument == "--help" || argument == "-h";
}

}  // namespace

CommandTable::CommandTable(std::string version, std::string description)
    : version_(std::move(version)), description_(std::move(description)) {}

void CommandTable::add(Command command) {
    commands_.push_back(std::move(command));
}

const CommandTable::Command* CommandTable::find(std::string_view name) const {
    for (const Command& command : commands_) {
        if (command.name == name) {
            return &command;
        }
    }
    return nullptr;
}

std::string CommandTable::help() const {
    std::size_t width = 0;
    for (const Command& command : commands_) {
        width = std::max(width, command.name.size());
    }
    std::string text = "mpicsim " + version_ + ": " + description_ + "\n\ncommands:\n";
    for (const Command& command : commands_) {
        text += "  " + command.name + std::string(width + 2 - command.name.size(), ' ') +
                command.summary + "\n";
    }
    text +=
        "\nRun 'mpicsim COMMAND --help' for a command's options, 'mpicsim --version' for the "
        "version.\n";
    return text;
}

int CommandTable::unknownCommand(const std::string& name, std::ostream& err) const {
    if (name.starts_with("-")) {
        const std::vector<std::string> options = {"--help", "--version"};
        err << "mpicsim: unknown option '" << name << "'" << ClosestMatch::suggestion(name, options)
            << "\n";
    } else {
        std::vector<std::string> names;
        for (const Command& command : commands_) {
            names.push_back(command.name);
        }
        err << "mpicsim: unknown command '" << name << "'" << ClosestMatch::suggestion(name, names)
            << "\n";
    }
    err << "Run 'mpicsim --help' for the commands.\n";
    return 2;
}

int CommandTable::run(const std::vector<std::string>& arguments, std::ostream& out,
                      std::ostream& err) const {
    if (arguments.empty()) {
        out << help();
        return 2;
    }
    const std::string& first = arguments[0];
    if (first == "--version") {
        out << versionLine();
        return 0;
    }
    if (isHelp(first) || first == "help") {
        if (arguments.size() < 2) {
            out << help();
            return 0;
        }
        const Command* command = find(arguments[1]);
        if (command == nullptr) {
            return unknownCommand(arguments[1], err);
        }
        out << command->usage();
        return 0;
    }
    const Command* command = find(first);
    if (command == nullptr) {
        return unknownCommand(first, err);
    }
    const std::vector<std::string> rest(arguments.begin() + 1, arguments.end());
    if (std::any_of(rest.begin(), rest.end(), isHelp)) {
        out << command->usage();
        return 0;
    }
    try {
        return command->run(rest, out, err);
    } catch (...) {
        return CommandErrors::report(command->name, err);
    }
}

}  // namespace mpicsim::cli
