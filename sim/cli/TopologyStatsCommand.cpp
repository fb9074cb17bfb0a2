#include "TopologyStatsCommand.hpp"

#include <iomanip>
#include <nlohmann/json.hpp>

#include "UsageError.hpp"
#include "mpicsim/experiment/TopologyProfile.hpp"
#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/InputError.hpp"

namespace mpicsim::cli {

const char* TopologyStatsCommand::usage() {
    return "usage: mpicsim topology-stats FILE [FILE ...] [--format text|json]\n"
           "Prints, for each CAIDA-format topology side by side: AS and link counts by type,\n"
           "degree and customer-cone percentiles (50/90/99/max), the shares of stub ASes and of\n"
           "ASes with peers, the rank depth, the mean AS-path length from 100 seeded origins and\n"
           "the mean share of ASes captured by 400 seeded equally-specific hijacks.\n";
}

int TopologyStatsCommand::run(const std::vector<std::string>& arguments, std::ostream& out,
                              std::ostream& err) {
    try {
        std::vector<std::string> files;
        std::string format = "text";
        for (std::size_t i = 0; i < arguments.size(); ++i) {
            if (arguments[i] == "--format" && i + 1 < arguments.size()) {
                format = arguments[++i];
            } else if (arguments[i].starts_with("--")) {
                throw UsageError("unknown option " + arguments[i]);
            } else {
                files.push_back(arguments[i]);
            }
        }
        if (files.empty()) {
            throw UsageError("give at least one topology file");
        }
        if (format != "text" && format != "json") {
            throw UsageError("option --format expects text or json, got '" + format + "'");
        }
        std::vector<TopologyProfile> stats;
        for (const std::string& file : files) {
            stats.push_back(TopologyProfile::compute(CaidaReader::readFile(file)));
        }
        if (format == "json") {
            nlohmann::json result = nlohmann::json::array();
            for (std::size_t i = 0; i < files.size(); ++i) {
                nlohmann::json figures = nlohmann::json::object();
                for (const auto& [name, value] : stats[i].figures()) {
                    figures[name] = value;
                }
                result.push_back({{"file", files[i]}, {"figures", figures}});
            }
            out << result.dump(2) << "\n";
            return 0;
        }
        out << std::left << std::setw(26) << "figure";
        for (const std::string& file : files) {
            const std::string name = file.substr(file.find_last_of('/') + 1);
            out << std::right << std::setw(26) << name.substr(0, 25);
        }
        out << "\n";
        const auto rows = stats.front().figures();
        for (std::size_t r = 0; r < rows.size(); ++r) {
            out << std::left << std::setw(26) << rows[r].first;
            for (const TopologyProfile& s : stats) {
                const double value = s.figures()[r].second;
                out << std::right << std::setw(26) << std::setprecision(value < 10 ? 4 : 10)
                    << value;
            }
            out << "\n";
        }
        return 0;
    } catch (const UsageError& error) {
        err << "mpicsim topology-stats: error: " << error.what() << "\n" << usage();
        return 2;
    } catch (const InputError& error) {
        err << "mpicsim topology-stats: error: " << error.what() << "\n";
        return 2;
    }
}

}  // namespace mpicsim::cli
