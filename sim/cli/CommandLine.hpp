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
    CommandLine(const std::vector<std::string>& arguments, const std::set<std::string>& valueOptions,
                const std::set<std::string>& flagOptions);

    std::optional<std::string> value(const std::string& name) const;
    std::string required(const std::string& name) const;
    bool flag(const std::string& name) const { return flags_.contains(name); }

    // Parses an integer option value; a UsageError names the option when it is not one.
    static long long toInteger(const std::string& name, const std::string& text);

private:
    std::map<std::string, std::string> values_;
    std::set<std::string> flags_;
};

}  // namespace mpicsim::cli
