#include "OptimizeCommand.hpp"

#include <filesystem>
#include <fstream>
#include <thread>

#include "CaSelection.hpp"
#include "CommandErrors.hpp"
#include "CommandLine.hpp"
#include "UsageError.hpp"
#include "mpicsim/analysis/OptimizationReport.hpp"
#include "mpicsim/analysis/PlacementOptimizer.hpp"
#include "mpicsim/experiment/OutcomeMatrixBuilder.hpp"
#include "mpicsim/experiment/PerspectiveCandidatePropagation.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/OptimizationSpecReader.hpp"
#include "mpicsim/io/OutcomeMatrixFile.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"
#include "mpicsim/study/TopologySource.hpp"

namespace mpicsim::cli {
namespace {

void writeText(const std::filesystem::path& path, const std::string& text) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file.flush()) {
        throw InputError(path.string(), 0, "cannot write");
    }
}

// The scenario with victim and adversary samples drawn again from `seed`: fresh units.
Scenario holdoutOf(const Scenario& scenario, std::uint64_t seed) {
    Scenario holdout = scenario;
    holdout.victims.seed = seed ^ 0x686f6c646f7574ull;  // "holdout"
    holdout.adversaries.seed = (seed + 1) ^ 0x686f6c646f7574ull;
    return holdout;
}

bool samples(const AsSelection& selection) {
    return selection.kind == AsSelection::Kind::Sample ||
           (selection.kind == AsSelection::Kind::Weighted && selection.sampleSize > 0);
}

}  // namespace

const char* OptimizeCommand::usage() {
    return "usage: mpicsim optimize SCENARIO.json --out DIR [--threads N] [--matrix FILE]\n"
           "         [--catalog FILE] [--no-plots]\n"
           "Chooses the remote perspectives (and optionally the primary) that minimise attacker\n"
           "success under a quorum rule, as the scenario's `optimize` block asks (see\n"
           "scenarios/README.md). One propagation per unit fills DIR/outcome-matrix.bin; every\n"
           "set is then scored from it. Exact search when the sets are few, else greedy plus\n"
           "swaps with seeded restarts. Writes DIR/optimize.json (the best set with its Wilson\n"
           "interval and its score on held-out units, runners-up, restarts, candidates,\n"
           "constraints), DIR/evaluated-sets.csv and plots/. --matrix reuses a matrix built from\n"
           "the same scenario and topology. --threads defaults to every core; the results do\n"
           "not depend on it.\n";
}

int OptimizeCommand::run(const std::vector<std::string>& arguments, std::ostream& out,
                         std::ostream& err, const Plotter& plotter) {
    try {
        if (arguments.empty() || arguments[0].starts_with("--")) {
            throw UsageError("missing the scenario file");
        }
        const std::filesystem::path scenarioPath = arguments[0];
        const CommandLine line({arguments.begin() + 1, arguments.end()},
                               {"--out", "--threads", "--catalog", "--matrix"}, {"--no-plots"});
        const std::filesystem::path outDir = line.required("--out");
        const std::size_t threads = line.threads();
        const PerspectiveCatalog catalog = line.catalog();
        const auto today = CaSelection::today();
        const std::string source = scenarioPath.string();
        const Scenario scenario = ScenarioReader::readFile(scenarioPath, catalog, today);
        const OptimizationSpec spec =
            OptimizationSpecReader::readFile(scenarioPath, scenario, catalog, today);
        const int remotes = static_cast<int>(spec.remotes);
        const int required = spec.policy.requiredCorroborations(remotes);
        if (required > remotes || required < 1) {
            throw InputError(source, 0,
                             "at /optimize/policy: " + spec.policy.label() + " needs " +
                                 std::to_string(required) + " corroborations from " +
                                 std::to_string(remotes) + " remotes; it cannot be scored");
        }

        TopologySource::Loaded topology = TopologySource::load(scenario);
        const AsGraph& graph = topology.graph;
        const std::vector<Perspective> perspectives = PlacementOptimizer::matrixPerspectives(spec);
        auto buildMatrix = [&](const Scenario& units, const TrialPlan& plan) {
            std::vector<PlacedPerspective> placed;
            try {
                for (const Perspective& perspective : perspectives) {
                    placed.emplace_back(graph, perspective);
                }
            } catch (const std::invalid_argument& error) {
                throw InputError(source, 0,
                                 std::string("at /optimize/candidates: ") + error.what());
            }
            const PerspectiveCandidatePropagation propagation(graph, units.tieBreak,
                                                              plan.rovDeployments(), placed);
            return OutcomeMatrixBuilder::build(graph, units, plan,
                                               PlacementOptimizer::matrixCandidates(spec),
                                               propagation, threads);
        };
        auto planOf = [&](const Scenario& units) {
            try {
                return std::make_unique<TrialPlan>(graph, units);
            } catch (const std::invalid_argument& error) {
                throw InputError(source, 0, error.what());
            }
        };

        std::filesystem::create_directories(outDir);
        const OutcomeMatrixFile::Header header{topology.sha256, scenario.name};
        const auto plan = planOf(scenario);
        std::optional<OutcomeMatrix> matrix;
        if (const auto given = line.value("--matrix")) {
            matrix.emplace(OutcomeMatrixFile::read(*given, topology.sha256));
            const auto expected = PlacementOptimizer::matrixCandidates(spec);
            bool same = matrix->candidateCount() == expected.size() &&
                        matrix->unitCount() == plan->unitCount();
            for (std::size_t i = 0; same && i < expected.size(); ++i) {
                same = matrix->candidates()[i].id == expected[i].id;
            }
            const auto units = OutcomeMatrixBuilder::unitsOf(graph, scenario, *plan);
            for (std::size_t u = 0; same && u < units.size(); ++u) {
                const OutcomeMatrix::Unit& stored = matrix->units()[u];
                same = stored.victim == units[u].victim && stored.adversary == units[u].adversary &&
                       stored.attack == units[u].attack && stored.rovIndex == units[u].rovIndex &&
                       stored.prefixLength == units[u].prefixLength &&
                       stored.victimWithoutRoa == units[u].victimWithoutRoa;
            }
            if (!same) {
                throw InputError(*given, 0,
                                 "holds " + std::to_string(matrix->candidateCount()) +
                                     " candidates × " + std::to_string(matrix->unitCount()) +
                                     " units, not this scenario's " +
                                     std::to_string(expected.size()) + " × " +
                                     std::to_string(plan->unitCount()) +
                                     " (or other candidates or units); build it again");
            }
        } else {
            matrix.emplace(buildMatrix(scenario, *plan));
            OutcomeMatrixFile::write(outDir / "outcome-matrix.bin", *matrix, header);
        }

        const PlacementOptimizer optimizer(*matrix, spec);
        PlacementOptimizer::Result result;
        try {
            result = optimizer.run();
        } catch (const PlacementOptimizer::Unsatisfiable& error) {
            throw InputError(source, 0, std::string("at /optimize/constraints: ") + error.what());
        }

        // The best set on fresh victims and adversaries (the same units when nothing is sampled).
        double holdoutRate = 0;
        if (samples(scenario.victims) || samples(scenario.adversaries)) {
            const Scenario holdout = holdoutOf(scenario, spec.holdoutSeed);
            const auto holdoutPlan = planOf(holdout);
            const OutcomeMatrix holdoutMatrix = buildMatrix(holdout, *holdoutPlan);
            OutcomeMatrixFile::write(outDir / "holdout-matrix.bin", holdoutMatrix, header);
            const DeploymentScorer scorer(holdoutMatrix, spec.policy, spec.remotes);
            const auto score = scorer.score(result.best.deployment, false);
            holdoutRate = score.units == 0 ? 0
                                           : static_cast<double>(score.issued) /
                                                 static_cast<double>(score.units);
        } else {
            err << "mpicsim optimize: note: victims and adversaries are not sampled, so the "
                   "held-out units are the same units\n";
            holdoutRate = static_cast<double>(result.best.score.issued) /
                          static_cast<double>(std::max<std::uint64_t>(result.best.score.units, 1));
        }

        writeText(outDir / "optimize.json",
                  OptimizationReport::toJson(result, optimizer, spec, *matrix, holdoutRate));
        writeText(outDir / "evaluated-sets.csv",
                  OptimizationReport::toCsv(result, optimizer, *matrix));
        out << "mpicsim optimize: " << matrix->unitCount() << " units × "
            << matrix->candidateCount() << " candidates; " << result.evaluated.size()
            << " sets scored (" << (result.exact ? "exact search" : "greedy + swaps") << ")\n";
        out << "  best:";
        if (result.best.deployment.primary) {
            out << " primary " << matrix->candidates()[*result.best.deployment.primary].id
                << ", remotes";
        }
        for (std::size_t remote : result.best.deployment.remotes) {
            out << " " << matrix->candidates()[remote].id;
        }
        out << "; attacker success "
            << static_cast<double>(result.best.score.issued) /
                   static_cast<double>(std::max<std::uint64_t>(result.best.score.units, 1))
            << ", held out " << holdoutRate << "\n";
        std::vector<std::filesystem::path> written = {outDir / "optimize.json",
                                                      outDir / "evaluated-sets.csv"};
        if (plotter && !line.flag("--no-plots")) {
            for (const auto& path : plotter(outDir)) {
                written.push_back(path);
            }
        } else if (!line.flag("--no-plots")) {
            err << "mpicsim optimize: note: built without charts (MPICSIM_WITH_CHARTS=OFF); no "
                   "plots written\n";
        }
        for (const auto& path : written) {
            out << "  " << path.string() << "\n";
        }
        return 0;
    } catch (...) {
        return CommandErrors::report("optimize", err);
    }
}

}  // namespace mpicsim::cli
