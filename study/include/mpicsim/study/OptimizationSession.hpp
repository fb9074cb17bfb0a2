#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mpicsim/analysis/PlacementOptimizer.hpp"
#include "mpicsim/experiment/OptimizationSpec.hpp"
#include "mpicsim/experiment/OutcomeMatrix.hpp"
#include "mpicsim/experiment/Scenario.hpp"
#include "mpicsim/experiment/TrialPlan.hpp"
#include "mpicsim/study/TopologySource.hpp"
#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// One placement search from scenario to report, the same for `mpicsim optimize` and the GUI's
// optimizer panel: the topology the scenario names, the outcome matrix of its units over the
// spec's candidates, the search, the best set on held-out units, and optimize.json and
// evaluated-sets.csv. Each step may run on any one thread; `stop` makes a step throw Cancelled.
// Errors are InputErrors naming the scenario file (`source`) and the JSON Pointer.
class OptimizationSession {
  public:
    using ProgressHandler = std::function<void(std::uint64_t)>;

    // The best set's attacker success on fresh victims and adversaries, or, when the scenario
    // samples neither (nothing fresh to draw), no rate and a note that says so.
    struct Holdout {
        std::optional<double> attackerSuccessRate;
        std::string note;
    };

    // A matrix to build, in parts: the matrix of every unit with no outcome set, and the matrix
    // of the units of words [firstWord, endWord) built on `threads` threads (see
    // OutcomeMatrixBuilder::buildWords; any thread may call it, any number of times).
    struct MatrixBuild {
        std::function<OutcomeMatrix()> blank;
        std::function<OutcomeMatrix(std::uint64_t firstWord, std::uint64_t endWord,
                                    std::size_t threads)>
            words;
    };
    // Builds a matrix from its parts (DistributedStudy::buildMatrix spreads them over MPI ranks).
    using MatrixAssembler = std::function<OutcomeMatrix(const MatrixBuild& build)>;

    // Loads the topology the scenario names; throws InputError when the spec's rule cannot be
    // scored with its number of remotes, a candidate is not in the topology, or the scenario
    // sweeps methods or attempts or puts nameservers elsewhere (an outcome matrix models one
    // method, one attempt and the web host's prefix: see OutcomeMatrixBuilder).
    OptimizationSession(Scenario scenario, OptimizationSpec spec, std::string source);
    ~OptimizationSession();
    OptimizationSession(const OptimizationSession&) = delete;
    OptimizationSession& operator=(const OptimizationSession&) = delete;

    const Scenario& scenario() const { return scenario_; }
    const OptimizationSpec& spec() const { return spec_; }
    const AsGraph& graph() const { return topology_.graph; }
    const std::string& topologySha256() const { return topology_.sha256; }
    std::uint64_t unitCount() const { return plan_->unitCount(); }
    // How the candidates' cloud regions attach, and the notice when the default fell back.
    const std::string& regionModel() const { return regionModel_; }
    const std::string& regionNotice() const { return regionNotice_; }

    // From now on buildMatrix and the held-out matrix are built by `assembler` (their threads,
    // onUnits and stop are then the assembler's business), not on this process's threads.
    void assembleMatricesWith(MatrixAssembler assembler) { assembler_ = std::move(assembler); }

    // One propagation per unit over the candidates; onUnits gets the units done so far.
    const OutcomeMatrix& buildMatrix(std::size_t threads, const ProgressHandler& onUnits = {},
                                     const std::atomic<bool>* stop = nullptr);
    // A matrix file written by an earlier run (refused, naming the file, when it holds other
    // candidates or units, or comes from another topology).
    const OutcomeMatrix& readMatrix(const std::filesystem::path& path);
    void writeMatrix(const std::filesystem::path& path) const;
    const OutcomeMatrix& matrix() const { return *matrix_; }

    // After buildMatrix or readMatrix: the sets the exact search will score, or nothing when it
    // searches locally.
    std::optional<std::uint64_t> exactSetCount() const;
    // After buildMatrix or readMatrix. onScored gets the complete sets scored so far.
    const PlacementOptimizer::Result& optimize(std::size_t threads,
                                               const ProgressHandler& onScored = {},
                                               const std::atomic<bool>* stop = nullptr);
    const PlacementOptimizer::Result& result() const { return *result_; }
    const PlacementOptimizer& optimizer() const { return *optimizer_; }

    // The held-out matrix, built ahead of scoreHoldout (which otherwise builds it itself); does
    // nothing when nothing is held out.
    void buildHoldoutMatrix(std::size_t threads, const ProgressHandler& onUnits = {},
                            const std::atomic<bool>* stop = nullptr);
    // After optimize. With `matrixFile`, the held-out matrix is written there.
    const Holdout& scoreHoldout(std::size_t threads, const ProgressHandler& onUnits = {},
                                const std::atomic<bool>* stop = nullptr,
                                const std::optional<std::filesystem::path>& matrixFile = {});
    // The units the held-out matrix will have (0 when nothing is held out).
    std::uint64_t holdoutUnitCount() const;

    // After scoreHoldout: optimize.json and evaluated-sets.csv (formats in README.md).
    std::string reportJson() const;
    std::string evaluatedCsv() const;

  private:
    // Checks that the spec's rule can be scored, then loads the topology.
    static TopologySource::Loaded checkAndLoad(const Scenario& scenario,
                                               const OptimizationSpec& spec,
                                               const std::string& source);
    bool samplesFreshUnits() const;
    OutcomeMatrix matrixOf(const Scenario& units, const TrialPlan& plan, std::size_t threads,
                           const ProgressHandler& onUnits, const std::atomic<bool>* stop) const;

    Scenario scenario_;
    OptimizationSpec spec_;
    std::string source_;
    TopologySource::Loaded topology_;
    std::string regionModel_;
    std::string regionNotice_;
    std::vector<Perspective> candidates_;  // the spec's candidates, placed by the region model
    std::unique_ptr<TrialPlan> plan_;
    std::optional<OutcomeMatrix> matrix_;
    std::unique_ptr<PlacementOptimizer> optimizer_;
    std::optional<PlacementOptimizer::Result> result_;
    std::optional<Holdout> holdout_;
    std::optional<OutcomeMatrix> holdoutMatrix_;  // from buildHoldoutMatrix until scored
    MatrixAssembler assembler_;
};

}  // namespace mpicsim
