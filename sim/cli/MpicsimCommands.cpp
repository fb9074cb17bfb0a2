#include "MpicsimCommands.hpp"

#include "CheckCaCommand.hpp"
#include "GenerateTopologyCommand.hpp"
#include "OptimizeCommand.hpp"
#include "PerspectivesCommand.hpp"
#include "ResilienceCommand.hpp"
#include "RoutesCommand.hpp"
#include "RunCommand.hpp"
#include "TopologyStatsCommand.hpp"
#include "VerdictCommand.hpp"

namespace mpicsim::cli {
namespace {

const char* const kWithoutCharts = "built without charts (MPICSIM_WITH_CHARTS=OFF)";

std::string plotUsageWithoutCharts() {
    return std::string(
               "usage: mpicsim plot DIR\n"
               "Redraws the charts of a results directory from DIR/summary.json; this "
               "mpicsim was\n") +
           kWithoutCharts + ", so it cannot.\n";
}

int plotWithoutCharts(const std::vector<std::string>&, std::ostream&, std::ostream& err) {
    err << "mpicsim plot: error: this mpicsim was " << kWithoutCharts
        << " and cannot draw plots; configure with -DMPICSIM_WITH_CHARTS=ON, or use "
           "DIR/summary.csv and summary.json\n";
    return 2;
}

}  // namespace

CommandTable MpicsimCommands::table(const std::optional<Charts>& charts) {
    CommandTable table(MPICSIM_VERSION, "BGP hijacks against domain control validation and MPIC");
    table.add({"routes", "every AS's route and data-plane outcome for one victim and attack",
               &RoutesCommand::usage, &RoutesCommand::run});
    table.add({"verdict", "whether a hijacker obtains a certificate from a CA using MPIC, and why",
               &VerdictCommand::usage, &VerdictCommand::run});
    table.add({"perspectives",
               "every catalog perspective as a region model places it on a topology",
               &PerspectivesCommand::usage, &PerspectivesCommand::run});
    table.add({"check-ca", "the TLS BR 3.2.2.9 rules a CA configuration breaks on a date",
               &CheckCaCommand::usage, &CheckCaCommand::run});
    table.add(
        {"run", "a study from a scenario file: trials, summary and plots", &RunCommand::usage,
         [charts](const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err) {
             if (charts) {
                 return RunCommand::run(arguments, out, err, charts->plotter);
             }
             const StudySession::Plotter noteOnly = [&err](const Summary&,
                                                           const std::filesystem::path&) {
                 err << "mpicsim run: note: " << kWithoutCharts << "; no plots written\n";
                 return std::vector<std::filesystem::path>{};
             };
             return RunCommand::run(arguments, out, err, noteOnly);
         }});
    table.add(
        {"optimize",
         "the perspective placement that minimises attacker success, from an outcome matrix",
         &OptimizeCommand::usage,
         [charts](const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err) {
             return OptimizeCommand::run(
                 arguments, out, err,
                 charts ? charts->optimizePlotter : OptimizeCommand::Plotter());
         }});
    table.add(
        {"quorum-sweep", "the quorum trade-off explorer: attacker success against blocked issuance",
         &QuorumSweepCommand::usage,
         [charts](const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err) {
             return QuorumSweepCommand::run(
                 arguments, out, err,
                 charts ? charts->quorumPlotter : QuorumSweepCommand::Plotter());
         }});
    table.add({"plot", "redraw a results directory's charts from its summary.json",
               charts ? charts->plotUsage : &plotUsageWithoutCharts,
               charts ? charts->plot : &plotWithoutCharts});
    table.add({"resilience", "per-victim resilience under the independent semantics",
               &ResilienceCommand::usage, &ResilienceCommand::run});
    table.add({"topology-stats", "structural figures of topologies, side by side",
               &TopologyStatsCommand::usage, &TopologyStatsCommand::run});
    table.add({"generate-topology", "a synthetic Internet-like topology in CAIDA format",
               &GenerateTopologyCommand::usage, &GenerateTopologyCommand::run});
    return table;
}

}  // namespace mpicsim::cli
