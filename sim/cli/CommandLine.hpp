#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mpicsim::cli {

// "--name value" options and "--flag" switches of one subcommand. Unknown options, a missing
// value and an option given twice are UsageErrors.
class CommandLine {
  public:
    CommandLine(const std::vector<std::string>& arguments,
                const std::set<std::string>& valueOptions, const std::set<std::string>& flagOptions,
                const std::set<std::string>& repeatableOptions = {});

    std::optional<std::string> value(const std::string& name) const;
    std::string required(const std::string& name) const;
    bool flag(const std::string& name) const { return flags_.contains(name); }
    // Every value of an option that may be given several times, in order.
    std::vector<std::string> values(const std::string& name) const;

    // Parses an integer option value; a UsageError names the option when it is not one.
    static long long toInteger(const std::string& name, const std::string& text);

  private:
    std::map<std::string, std::string> values_;
    std::map<std::string, std::vector<std::string>> repeated_;
    std::set<std::string> flags_;
};

}  // namespace mpicsim::cli
