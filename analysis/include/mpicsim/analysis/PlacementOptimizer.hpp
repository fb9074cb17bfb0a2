#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "mpicsim/experiment/DeploymentScorer.hpp"
#include "mpicsim/experiment/OptimizationSpec.hpp"
#include "mpicsim/experiment/OutcomeMatrix.hpp"
#include "mpicsim/mpic/QuorumPolicy.hpp"

namespace mpicsim {

// Chooses the remotes (and, when the spec offers several, the primary) that minimise the spec's
// objective, scoring every set from the outcome matrix alone. Exact enumeration when there are
// at most spec.exactLimit sets; otherwise a greedy start and seeded random starts, each
// improved by best-improvement swaps until no swap helps. Same matrix and spec, same result,
// whatever the number of threads: the exact enumeration is split by set index and the restarts
// run independently, and their sets are merged in the order one thread scores them.
class PlacementOptimizer {
  public:
    // No set of the asked size satisfies the constraints; what() names them.
    class Unsatisfiable : public std::runtime_error {
      public:
        using std::runtime_error::runtime_error;
    };

    struct Evaluation {
        DeploymentScorer::Deployment deployment;  // candidate indices of the matrix, sorted
        DeploymentScorer::Score score;
        double objective = 0;  // lower is better (median resilience enters negated)
        bool feasible = true;
    };
    struct Result {
        Evaluation best;
        std::vector<Evaluation> runnersUp;  // the next best feasible sets, best first
        bool exact = false;
        std::size_t restarts = 0;  // local search only
        std::size_t restartsFindingBest = 0;
        std::vector<Evaluation> evaluated;  // every complete set scored, in the order scored
    };
    // How run() works: on how many threads, reporting the number of complete sets scored so far
    // (from the calling thread, about every 100 ms, and once at the end), stopping (throws
    // Cancelled) soon after `stop` is set.
    struct Control {
        std::size_t threads = 1;
        std::function<void(std::uint64_t)> onScored;
        const std::atomic<bool>* stop = nullptr;
    };

    // The matrix's candidates for a spec: the remote candidates in order, then each primary
    // choice that is not also a remote candidate.
    static std::vector<Perspective> matrixPerspectives(const OptimizationSpec& spec);
    static std::vector<OutcomeMatrix::Candidate> matrixCandidates(const OptimizationSpec& spec);

    // `matrix` must have been built over matrixCandidates(spec).
    PlacementOptimizer(const OutcomeMatrix& matrix, const OptimizationSpec& spec);

    // The number of sets the exact search will score, or nothing when it searches locally.
    std::optional<std::uint64_t> exactSetCount() const;
    // Throws Unsatisfiable, or Cancelled.
    Result run(const Control& control) const;
    Result run() const;
    // The objective as reported: a rate, or the median resilience itself.
    double reportedObjective(const Evaluation& evaluation) const;
    const DeploymentScorer& scorer() const { return scorer_; }

  private:
    class Search;
    // The search under a subset of the constraints; false when no set satisfies them.
    bool attempt(unsigned constraints, const Control& control, std::atomic<std::uint64_t>& scored,
                 Result& result) const;

    const OutcomeMatrix& matrix_;
    const OptimizationSpec& spec_;
    std::vector<Perspective> perspectives_;
    DeploymentScorer scorer_;
};

}  // namespace mpicsim
