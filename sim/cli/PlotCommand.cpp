#include "PlotCommand.hpp"

#include <filesystem>

#include "mpicsim/analysis/ChartFiles.hpp"
#include "mpicsim/analysis/SummaryReader.hpp"
#include "mpicsim/io/InputError.hpp"

namespace mpicsim::cli {

const char* PlotCommand::usage() {
    return "usage: mpicsim plot DIR\n"
           "Redraws the charts of a results directory from DIR/summary.json into DIR/plots/\n"
           "(PNG and SVG; no display needed).\n";
}

int PlotCommand::run(const std::vector<std::string>& arguments, std::ostream& out,
                     std::ostream& err) {
    if (arguments.size() != 1 || arguments[0].starts_with("-")) {
        err << "mpicsim plot: error: expected one results directory\n" << usage();
        return 2;
    }
    const std::filesystem::path folder = arguments[0];
    try {
        const Summary summary = SummaryReader::readFile(folder / "summary.json");
        for (const auto& path : ChartFiles::writeAll(summary, folder / "plots")) {
            out << path.string() << "\n";
        }
        return 0;
    } catch (const InputError& error) {
        err << "mpicsim plot: error: " << error.what() << "\n";
        return 2;
    } catch (const std::filesystem::filesystem_error& error) {
        err << "mpicsim plot: error: " << error.what() << "\n";
        return 2;
    }
}

}  // namespace mpicsim::cli
