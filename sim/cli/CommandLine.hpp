#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "UsageError.hpp"
#include "mpicsim/mpic/PerspectiveCatalog.hpp"

namespace mpicsim::cli {

// "--name value" options, "--flag" switches and, where a command takes them, operands (files)
// of one subcommand. Unknown options (with the closest known one suggested), a missing value,
// an option given twice and an unexpected operand are UsageErrors.
class CommandLine {
  public:
    enum class Operands { Rejected, Accepted };

    CommandLine(const std::vector<std::string>& arguments,
                const std::set<std::string>& valueOptions, const std::set<std::string>& flagOptions,
                const std::set<std::string>& repeatableOptions = {},
                Operands operands = Operands::Rejected);

    std::optional<std::string> value(const std::string& name) const;
    std::string required(const std::string& name) const;
    bool flag(const std::string& name) const { return flags_.contains(name); }
    // Every value of an option that may be given several times, in order.
    std::vector<std::string> values(const std::string& name) const;
    // The arguments that are not options, in order (only with Operands::Accepted).
    const std::vector<std::string>& operands() const { return operands_; }

    // The value of an option that takes one of `allowed`, or `fallback` when it is absent.
    std::string choice(const std::string& name, const std::vector<std::string>& allowed,
                       const std::string& fallback) const;
    // "option NAME expects a, b or c, got 'GIVEN' — did you mean 'b'?"
    static UsageError notOneOf(const std::string& name, const std::vector<std::string>& allowed,
                               const std::string& given);

    // --threads: 1 to 1024, every core by default.
    std::size_t threads() const;
    // --catalog FILE, or the built-in perspective catalog.
    PerspectiveCatalog catalog() const;

    // Parses an integer option value; a UsageError names the option when it is not one.
    static long long toInteger(const std::string& name, const std::string& text);

  private:
    std::map<std::string, std::string> values_;
    std::map<std::string, std::vector<std::string>> repeated_;
    std::set<std::string> flags_;
    std::vector<std::string> operands_;
};

}  // namespace mpicsim::cli
