#include "OptimizeCommand.hpp"

#include <filesystem>
#include <fstream>

#include "CaSelection.hpp"
#include "CommandErrors.hpp"
#include "CommandLine.hpp"
#include "DistributedOptimize.hpp"
#include "RegionModelOption.hpp"
#include "UsageError.hpp"
#include "mpicsim/analysis/PlacementOptimizer.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/OptimizationSpecReader.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"
#include "mpicsim/study/OptimizationSession.hpp"

namespace mpicsim::cli {
namespace {

void writeText(const std::filesystem::path& path, const std::string& text) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file.flush()) {
        throw InputError(path.string(), 0, "cannot write");
    }
}

}  // namespace

const char* OptimizeCommand::usage() {
    return "usage: mpicsim optimize SCENARIO.json --out DIR [--threads N] [--matrix FILE]\n"
           "         [--catalog FILE] [--no-plots]\n"
           "         [--region-model cloud-as|regional|regional+backbone|FILE] [--org-info FILE]\n"
           "Chooses the remote perspectives (and optionally the primary) that minimise attacker\n"
           "success under a quorum rule, as the scenario's `optimize` block asks (see\n"
           "scenarios/README.md). One propagation per unit fills DIR/outcome-matrix.bin; every\n"
           "set is then scored from it. Exact search when the sets are few, else greedy plus\n"
           "swaps with seeded restarts. Writes DIR/optimize.json (the best set with its Wilson\n"
           "interval and its score on held-out units, runners-up, restarts, candidates,\n"
           "constraints), DIR/evaluated-sets.csv and plots/. --matrix reuses a matrix built from\n"
           "the same scenario and topology. --threads (default: every core) builds the matrices\n"
           "and runs the search; the results do not depend on it. With victims and adversaries\n"
           "not sampled there is nothing fresh to hold out: the held-out rate is null.\n";
}

OptimizeCommand::Options OptimizeCommand::parse(const std::vector<std::string>& arguments) {
    if (arguments.empty() || arguments[0].starts_with("--")) {
        throw UsageError("missing the scenario file");
    }
    const CommandLine line(
        {arguments.begin() + 1, arguments.end()},
        {"--out", "--threads", "--catalog", "--matrix", "--region-model", "--org-info"},
        {"--no-plots"});
    return {arguments[0], line, line.required("--out"), line.threads()};
}

std::unique_ptr<OptimizationSession> OptimizeCommand::prepare(const Options& options,
                                                              std::ostream& notes) {
    const PerspectiveCatalog catalog = options.line.catalog();
    const auto today = CaSelection::today();
    Scenario scenario = ScenarioReader::readFile(options.scenarioPath, catalog, today);
    RegionModelOption::override(options.line, scenario);
    const OptimizationSpec spec =
        OptimizationSpecReader::readFile(options.scenarioPath, scenario, catalog, today);
    auto session =
        std::make_unique<OptimizationSession>(scenario, spec, options.scenarioPath.string());
    if (!session->regionNotice().empty()) {
        notes << "mpicsim optimize: note: " << session->regionNotice() << "\n";
    }
    return session;
}

int OptimizeCommand::run(const std::vector<std::string>& arguments, std::ostream& out,
                         std::ostream& err, const Plotter& plotter) {
    try {
        const Options options = parse(arguments);
        if (DistributedOptimize::wanted()) {
            return DistributedOptimize::run(options, out, err, plotter);
        }
        const std::unique_ptr<OptimizationSession> session = prepare(options, err);
        std::filesystem::create_directories(options.outDir);
        if (const auto given = options.line.value("--matrix")) {
            session->readMatrix(*given);
        } else {
            session->buildMatrix(options.threads);
            session->writeMatrix(options.outDir / "outcome-matrix.bin");
        }
        finish(*session, options, out, err, plotter);
        return 0;
    } catch (...) {
        return CommandErrors::report("optimize", err);
    }
}

void OptimizeCommand::finish(OptimizationSession& session, const Options& options,
                             std::ostream& out, std::ostream& err, const Plotter& plotter) {
    const std::filesystem::path& outDir = options.outDir;
    const std::size_t threads = options.threads;
    const PlacementOptimizer::Result& result = session.optimize(threads);
    const auto& holdout = session.scoreHoldout(threads, {}, nullptr, outDir / "holdout-matrix.bin");
    if (!holdout.attackerSuccessRate) {
        err << "mpicsim optimize: note: " << holdout.note
            << "; optimize.json reports holdout_attacker_success_rate as null\n";
    }
    writeText(outDir / "optimize.json", session.reportJson());
    writeText(outDir / "evaluated-sets.csv", session.evaluatedCsv());
    const OutcomeMatrix& matrix = session.matrix();
    out << "mpicsim optimize: " << matrix.unitCount() << " units × " << matrix.candidateCount()
        << " candidates; " << result.evaluated.size() << " sets scored ("
        << (result.exact ? "exact search" : "greedy + swaps") << ")\n";
    out << "  best:";
    if (result.best.deployment.primary) {
        out << " primary " << matrix.candidates()[*result.best.deployment.primary].id
            << ", remotes";
    }
    for (std::size_t remote : result.best.deployment.remotes) {
        out << " " << matrix.candidates()[remote].id;
    }
    out << "; attacker success "
        << static_cast<double>(result.best.score.issued) /
               static_cast<double>(std::max<std::uint64_t>(result.best.score.units, 1))
        << ", held out ";
    if (holdout.attackerSuccessRate) {
        out << *holdout.attackerSuccessRate << "\n";
    } else {
        out << "n/a (nothing fresh to hold out)\n";
    }
    std::vector<std::filesystem::path> written = {outDir / "optimize.json",
                                                  outDir / "evaluated-sets.csv"};
    if (plotter && !options.line.flag("--no-plots")) {
        for (const auto& path : plotter(outDir)) {
            written.push_back(path);
        }
    } else if (!options.line.flag("--no-plots")) {
        err << "mpicsim optimize: note: built without charts (MPICSIM_WITH_CHARTS=OFF); no "
               "plots written\n";
    }
    for (const auto& path : written) {
        out << "  " << path.string() << "\n";
    }
}

}  // namespace mpicsim::cli
