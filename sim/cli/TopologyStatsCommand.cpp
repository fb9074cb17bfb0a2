#include "TopologyStatsCommand.hpp"

#include <iomanip>
#include <nlohmann/json.hpp>

#include "CommandErrors.hpp"
#include "CommandLine.hpp"
#include "UsageError.hpp"
#include "mpicsim/experiment/TopologyProfile.hpp"
#include "mpicsim/io/CaidaReader.hpp"

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
        const CommandLine line(arguments, {"--format"}, {}, {}, CommandLine::Operands::Accepted);
        const std::vector<std::string>& files = line.operands();
        if (files.empty()) {
            throw UsageError("give at least one topology file");
        }
        const std::string format = line.choice("--format", {"text", "json"}, "text");
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
    } catch (...) {
        return CommandErrors::report("topology-stats", err);
    }
}

}  // namespace mpicsim::cli
