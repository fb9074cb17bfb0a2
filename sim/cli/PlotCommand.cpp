#include "PlotCommand.hpp"

#include <filesystem>

#include "CommandErrors.hpp"
#include "UsageError.hpp"
#include "mpicsim/analysis/ChartFiles.hpp"
#include "mpicsim/analysis/SummaryReader.hpp"

namespace mpicsim::cli {

const char* PlotCommand::usage() {
    return "usage: mpicsim plot DIR\n"
           "Redraws the charts of a results directory from DIR/summary.json into DIR/plots/\n"
           "(PNG and SVG; no display needed).\n";
}

int PlotCommand::run(const std::vector<std::string>& arguments, std::ostream& out,
                     std::ostream& err) {
    try {
        if (arguments.size() != 1 || arguments[0].starts_with("-")) {
            throw UsageError("expected one results directory");
        }
        const std::filesystem::path folder = arguments[0];
        const Summary summary = SummaryReader::readFile(folder / "summary.json");
        for (const auto& path : ChartFiles::writeAll(summary, folder / "plots")) {
            out << path.string() << "\n";
        }
        return 0;
    } catch (...) {
        return CommandErrors::report("plot", err);
    }
}

}  // namespace mpicsim::cli
