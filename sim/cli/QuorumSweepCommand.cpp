#include "QuorumSweepCommand.hpp"

#include <fstream>
#include <thread>

#include "CaSelection.hpp"
#include "CommandErrors.hpp"
#include "CommandLine.hpp"
#include "RegionModelOption.hpp"
#include "UsageError.hpp"
#include "mpicsim/experiment/OutcomeMatrixBuilder.hpp"
#include "mpicsim/experiment/PerspectiveCandidatePropagation.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/OutcomeMatrixFile.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/QuorumSweepSpecReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"
#include "mpicsim/study/TopologySource.hpp"

namespace mpicsim::cli {

const char* QuorumSweepCommand::usage() {
    return "usage: mpicsim quorum-sweep SCENARIO.json --out DIR [--threads N] [--no-plots]\n"
           "         [--catalog FILE]\n"
           "         [--region-model cloud-as|regional|regional+backbone|FILE] [--org-info FILE]\n"
           "The quorum trade-off explorer (the scenario's `sweep` block, see\n"
           "scenarios/README.md): for the primary and the first n of an ordered list of\n"
           "remotes, every allowed number of non-corroborations and every BR phase, the\n"
           "attacker's success rate and the blocked-issuance rate with Wilson 95% intervals,\n"
           "scored from one outcome matrix (DIR/quorum-matrix.bin). Writes\n"
           "DIR/quorum-sweep.csv, quorum-sweep.json and plots/ (heatmaps over n × allowed\n"
           "failures, and attacker success against blocked issuance with the Pareto front).\n";
}

int QuorumSweepCommand::run(const std::vector<std::string>& arguments, std::ostream& out,
                            std::ostream& err, const Plotter& plotter) {
    try {
        if (arguments.empty() || arguments[0].starts_with("--")) {
            throw UsageError("missing the scenario file");
        }
        const std::filesystem::path scenarioPath = arguments[0];
        const CommandLine line({arguments.begin() + 1, arguments.end()},
                               {"--out", "--threads", "--catalog", "--region-model", "--org-info"},
                               {"--no-plots"});
        const std::filesystem::path outDir = line.required("--out");
        const std::size_t threads = line.threads();
        const PerspectiveCatalog catalog = line.catalog();
        const std::string source = scenarioPath.string();
        Scenario scenario = ScenarioReader::readFile(scenarioPath, catalog, CaSelection::today());
        RegionModelOption::override(line, scenario);
        const QuorumSweepSpec spec = QuorumSweepSpecReader::readFile(scenarioPath, catalog);

        const TopologySource::Loaded topology = TopologySource::load(scenario);
        std::vector<Perspective> perspectives = QuorumSweep::matrixPerspectives(spec);
        const RegionPlacementLoader::Loaded region = TopologySource::regionPlacement(
            scenario, topology.graph, topology.organisations, source);
        if (!region.notice.empty()) {
            err << "mpicsim quorum-sweep: note: " << region.notice << "\n";
        }
        region.placement.place(perspectives);
        std::vector<PlacedPerspective> placed;
        std::unique_ptr<TrialPlan> plan;
        try {
            for (const Perspective& perspective : perspectives) {
                placed.emplace_back(topology.graph, perspective);
            }
            plan = std::make_unique<TrialPlan>(topology.graph, scenario);
            OutcomeMatrixBuilder::requireOneTargetAndAttempt(scenario, *plan);
        } catch (const std::invalid_argument& error) {
            throw InputError(source, 0, error.what());
        }
        const PerspectiveCandidatePropagation propagation(topology.graph, scenario.tieBreak,
                                                          plan->rovDeployments(), placed);
        const OutcomeMatrix matrix =
            OutcomeMatrixBuilder::build(topology.graph, scenario, *plan,
                                        QuorumSweep::matrixCandidates(spec), propagation, threads);
        std::filesystem::create_directories(outDir);
        OutcomeMatrixFile::write(outDir / "quorum-matrix.bin", matrix,
                                 {topology.sha256, scenario.name});

        const std::vector<QuorumSweep::Row> rows = QuorumSweep::compute(matrix, spec);
        std::vector<std::filesystem::path> written;
        for (const auto& [name, text] :
             {std::pair{"quorum-sweep.csv", QuorumSweep::toCsv(rows)},
              std::pair{"quorum-sweep.json", QuorumSweep::toJson(rows, spec)}}) {
            std::ofstream file(outDir / name, std::ios::binary | std::ios::trunc);
            file << text;
            if (!file.flush()) {
                throw InputError((outDir / name).string(), 0, "cannot write");
            }
            written.push_back(outDir / name);
        }
        if (plotter && !line.flag("--no-plots")) {
            for (const auto& path : plotter(rows, outDir / "plots")) {
                written.push_back(path);
            }
        } else if (!plotter && !line.flag("--no-plots")) {
            err << "mpicsim quorum-sweep: note: built without charts (MPICSIM_WITH_CHARTS=OFF); "
                   "no plots written\n";
        }
        out << "mpicsim quorum-sweep: " << matrix.unitCount() << " units, " << rows.size()
            << " rules\n";
        for (const auto& path : written) {
            out << "  " << path.string() << "\n";
        }
        return 0;
    } catch (...) {
        return CommandErrors::report("quorum-sweep", err);
    }
}

}  // namespace mpicsim::cli
