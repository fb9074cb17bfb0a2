#include "mpicsim/study/OptimizationSession.hpp"

#include <algorithm>

#include "mpicsim/analysis/OptimizationReport.hpp"
#include "mpicsim/experiment/DeploymentScorer.hpp"
#include "mpicsim/experiment/OutcomeMatrixBuilder.hpp"
#include "mpicsim/experiment/PerspectiveCandidatePropagation.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/OutcomeMatrixFile.hpp"
#include "mpicsim/study/TopologySource.hpp"

namespace mpicsim {
namespace {

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

TopologySource::Loaded OptimizationSession::checkAndLoad(const Scenario& scenario,
                                                         const OptimizationSpec& spec,
                                                         const std::string& source) {
    const int remotes = static_cast<int>(spec.remotes);
    const int required = spec.policy.requiredCorroborations(remotes);
    if (required > remotes || required < 1) {
        throw InputError(source, 0,
                         "at /optimize/policy: " + spec.policy.label() + " needs " +
                             std::to_string(required) + " corroborations from " +
                             std::to_string(remotes) + " remotes; it cannot be scored");
    }
    return TopologySource::load(scenario);
}

OptimizationSession::OptimizationSession(Scenario scenario, OptimizationSpec spec,
                                         std::string source)
    : scenario_(std::move(scenario)),
      spec_(std::move(spec)),
      source_(std::move(source)),
      topology_(checkAndLoad(scenario_, spec_, source_)) {
    try {
        plan_ = std::make_unique<TrialPlan>(topology_.graph, scenario_);
        OutcomeMatrixBuilder::requireOneTargetAndAttempt(scenario_, *plan_);
    } catch (const std::invalid_argument& error) {
        throw InputError(source_, 0, error.what());
    }
    const RegionPlacementLoader::Loaded region = TopologySource::regionPlacement(
        scenario_, topology_.graph, topology_.organisations, source_);
    regionModel_ = region.placement.model().label();
    regionNotice_ = region.notice;
    candidates_ = PlacementOptimizer::matrixPerspectives(spec_);
    region.placement.place(candidates_);
    try {
        for (const Perspective& perspective : candidates_) {
            PlacedPerspective(topology_.graph, perspective);
        }
    } catch (const std::invalid_argument& error) {
        throw InputError(source_, 0, std::string("at /optimize/candidates: ") + error.what());
    }
}

OptimizationSession::~OptimizationSession() = default;

OutcomeMatrix OptimizationSession::matrixOf(const Scenario& units, const TrialPlan& plan,
                                            std::size_t threads, const ProgressHandler& onUnits,
                                            const std::atomic<bool>* stop) const {
    std::vector<PlacedPerspective> placed;
    for (const Perspective& perspective : candidates_) {
        placed.emplace_back(topology_.graph, perspective);
    }
    const PerspectiveCandidatePropagation propagation(topology_.graph, units.tieBreak,
                                                      plan.rovDeployments(), placed);
    const auto candidates = PlacementOptimizer::matrixCandidates(spec_);
    if (!assembler_) {
        return OutcomeMatrixBuilder::build(topology_.graph, units, plan, candidates, propagation,
                                           threads, onUnits, stop);
    }
    MatrixBuild build;
    build.blank = [&] {
        return OutcomeMatrixBuilder::blank(topology_.graph, units, plan, candidates);
    };
    build.words = [&](std::uint64_t firstWord, std::uint64_t endWord, std::size_t wordThreads) {
        return OutcomeMatrixBuilder::buildWords(topology_.graph, units, plan, candidates,
                                                propagation, firstWord, endWord, wordThreads);
    };
    return assembler_(build);
}

const OutcomeMatrix& OptimizationSession::buildMatrix(std::size_t threads,
                                                      const ProgressHandler& onUnits,
                                                      const std::atomic<bool>* stop) {
    optimizer_.reset();
    result_.reset();
    holdout_.reset();
    matrix_.reset();
    matrix_.emplace(matrixOf(scenario_, *plan_, threads, onUnits, stop));
    return *matrix_;
}

const OutcomeMatrix& OptimizationSession::readMatrix(const std::filesystem::path& path) {
    optimizer_.reset();
    result_.reset();
    holdout_.reset();
    matrix_.reset();
    OutcomeMatrixFile::Header header;
    OutcomeMatrix read = OutcomeMatrixFile::read(path, topology_.sha256, &header);
    if (header.regionModel != regionModel_) {
        throw InputError(path.string(), 0,
                         "was built under the region model " + header.regionModel +
                             ", not this run's " + regionModel_ + "; build it again");
    }
    const auto expected = PlacementOptimizer::matrixCandidates(spec_);
    bool same = read.candidateCount() == expected.size() && read.unitCount() == plan_->unitCount();
    for (std::size_t i = 0; same && i < expected.size(); ++i) {
        same = read.candidates()[i].id == expected[i].id;
    }
    const auto units = OutcomeMatrixBuilder::unitsOf(topology_.graph, scenario_, *plan_);
    for (std::size_t u = 0; same && u < units.size(); ++u) {
        const OutcomeMatrix::Unit& stored = read.units()[u];
        same = stored.victim == units[u].victim && stored.adversary == units[u].adversary &&
               stored.attack == units[u].attack && stored.rovIndex == units[u].rovIndex &&
               stored.prefixLength == units[u].prefixLength &&
               stored.victimWithoutRoa == units[u].victimWithoutRoa;
    }
    if (!same) {
        throw InputError(path.string(), 0,
                         "holds " + std::to_string(read.candidateCount()) + " candidates × " +
                             std::to_string(read.unitCount()) + " units, not this scenario's " +
                             std::to_string(expected.size()) + " × " +
                             std::to_string(plan_->unitCount()) +
                             " (or other candidates or units); build it again");
    }
    matrix_.emplace(std::move(read));
    return *matrix_;
}

void OptimizationSession::writeMatrix(const std::filesystem::path& path) const {
    OutcomeMatrixFile::write(path, *matrix_, {topology_.sha256, scenario_.name, regionModel_});
}

std::optional<std::uint64_t> OptimizationSession::exactSetCount() const {
    return PlacementOptimizer(*matrix_, spec_).exactSetCount();
}

const PlacementOptimizer::Result& OptimizationSession::optimize(std::size_t threads,
                                                                const ProgressHandler& onScored,
                                                                const std::atomic<bool>* stop) {
    result_.reset();
    holdout_.reset();
    optimizer_ = std::make_unique<PlacementOptimizer>(*matrix_, spec_);
    PlacementOptimizer::Control control;
    control.threads = threads;
    control.onScored = onScored;
    control.stop = stop;
    try {
        result_.emplace(optimizer_->run(control));
    } catch (const PlacementOptimizer::Unsatisfiable& error) {
        throw InputError(source_, 0, std::string("at /optimize/constraints: ") + error.what());
    }
    return *result_;
}

bool OptimizationSession::samplesFreshUnits() const {
    return samples(scenario_.victims) || samples(scenario_.adversaries);
}

std::uint64_t OptimizationSession::holdoutUnitCount() const {
    return samplesFreshUnits() ? plan_->unitCount() : 0;
}

void OptimizationSession::buildHoldoutMatrix(std::size_t threads, const ProgressHandler& onUnits,
                                             const std::atomic<bool>* stop) {
    holdoutMatrix_.reset();
    if (!samplesFreshUnits()) {
        return;
    }
    const Scenario fresh = holdoutOf(scenario_, spec_.holdoutSeed);
    std::unique_ptr<TrialPlan> plan;
    try {
        plan = std::make_unique<TrialPlan>(topology_.graph, fresh);
    } catch (const std::invalid_argument& error) {
        throw InputError(source_, 0, error.what());
    }
    holdoutMatrix_.emplace(matrixOf(fresh, *plan, threads, onUnits, stop));
}

const OptimizationSession::Holdout& OptimizationSession::scoreHoldout(
    std::size_t threads, const ProgressHandler& onUnits, const std::atomic<bool>* stop,
    const std::optional<std::filesystem::path>& matrixFile) {
    Holdout holdout;
    if (samplesFreshUnits()) {
        if (!holdoutMatrix_) {
            buildHoldoutMatrix(threads, onUnits, stop);
        }
        const OutcomeMatrix matrix = std::move(*holdoutMatrix_);
        holdoutMatrix_.reset();
        if (matrixFile) {
            OutcomeMatrixFile::write(*matrixFile, matrix,
                                     {topology_.sha256, scenario_.name, regionModel_});
        }
        const DeploymentScorer scorer(matrix, spec_.policy, spec_.remotes);
        const auto score = scorer.score(result_->best.deployment, false);
        holdout.attackerSuccessRate =
            score.units == 0 ? 0
                             : static_cast<double>(score.issued) / static_cast<double>(score.units);
    } else {
        holdout.note =
            "victims and adversaries are not sampled (\"all\" or lists): there are no fresh "
            "units to hold out, the units scored being every unit the scenario names";
    }
    holdout_ = holdout;
    return *holdout_;
}

std::string OptimizationSession::reportJson() const {
    return OptimizationReport::toJson(*result_, *optimizer_, spec_, *matrix_,
                                      holdout_->attackerSuccessRate, holdout_->note);
}

std::string OptimizationSession::evaluatedCsv() const {
    return OptimizationReport::toCsv(*result_, *optimizer_, *matrix_);
}

}  // namespace mpicsim
