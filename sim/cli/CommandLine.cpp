#include "CommandLine.hpp"

#include <algorithm>
#include <charconv>
#include <thread>

#include "OptionChoices.hpp"
#include "mpicsim/io/ClosestMatch.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"

namespace mpicsim::cli {

CommandLine::CommandLine(const std::vector<std::string>& arguments,
                         const std::set<std::string>& valueOptions,
                         const std::set<std::string>& flagOptions,
                         const std::set<std::string>& repeatableOptions, Operands operands) {
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        std::string name = arguments[i];
        std::optional<std::string> inlineValue;
        if (const auto equals = name.find('='); name.starts_with("--") && equals != name.npos) {
            inlineValue = name.substr(equals + 1);
            name = name.substr(0, equals);
        }
        if (flagOptions.contains(name) && !inlineValue) {
            flags_.insert(name);
            continue;
        }
        if (repeatableOptions.contains(name)) {
            if (inlineValue) {
                repeated_[name].push_back(*inlineValue);
            } else if (i + 1 < arguments.size()) {
                repeated_[name].push_back(arguments[++i]);
            } else {
                throw UsageError("option " + name + " needs a value");
            }
            continue;
        }
        if (!valueOptions.contains(name)) {
            if (!name.starts_with("-")) {
                if (operands == Operands::Rejected) {
                    throw UsageError("unexpected argument '" + name + "'");
                }
                operands_.push_back(arguments[i]);
                continue;
            }
            std::vector<std::string> known(valueOptions.begin(), valueOptions.end());
            known.insert(known.end(), flagOptions.begin(), flagOptions.end());
            known.insert(known.end(), repeatableOptions.begin(), repeatableOptions.end());
            throw UsageError("unknown option " + name + ClosestMatch::suggestion(name, known));
        }
        if (values_.contains(name)) {
            throw UsageError("option " + name + " is given twice");
        }
        if (inlineValue) {
            values_[name] = *inlineValue;
        } else if (i + 1 < arguments.size()) {
            values_[name] = arguments[++i];
        } else {
            throw UsageError("option " + name + " needs a value");
        }
    }
}

std::optional<std::string> CommandLine::value(const std::string& name) const {
    auto found = values_.find(name);
    if (found == values_.end()) {
        return std::nullopt;
    }
    return found->second;
}

std::vector<std::string> CommandLine::values(const std::string& name) const {
    auto found = repeated_.find(name);
    return found == repeated_.end() ? std::vector<std::string>{} : found->second;
}

std::string CommandLine::required(const std::string& name) const {
    auto found = values_.find(name);
    if (found == values_.end()) {
        throw UsageError("missing required option " + name);
    }
    return found->second;
}

std::string CommandLine::choice(const std::string& name, const std::vector<std::string>& allowed,
                                const std::string& fallback) const {
    const std::string given = value(name).value_or(fallback);
    if (std::find(allowed.begin(), allowed.end(), given) == allowed.end()) {
        throw notOneOf(name, allowed, given);
    }
    return given;
}

UsageError CommandLine::notOneOf(const std::string& name, const std::vector<std::string>& allowed,
                                 const std::string& given) {
    return UsageError("option " + name + " expects " + OptionChoices::alternatives(allowed) +
                      ", got '" + given + "'" + ClosestMatch::suggestion(given, allowed));
}

long long CommandLine::toInteger(const std::string& name, const std::string& text) {
    long long result = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        throw UsageError("option " + name + " expects an integer, got '" + text + "'");
    }
    return result;
}

std::size_t CommandLine::threads() const {
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const long long threads =
        toInteger("--threads", value("--threads").value_or(std::to_string(hardware)));
    if (threads < 1 || threads > 1024) {
        throw UsageError("option --threads expects 1 to 1024, got " + std::to_string(threads));
    }
    return static_cast<std::size_t>(threads);
}

PerspectiveCatalog CommandLine::catalog() const {
    return value("--catalog") ? PerspectiveCatalogReader::readFile(*value("--catalog"))
                              : PerspectiveCatalogReader::builtIn();
}

}  // namespace mpicsim::cli
