#pragma once

#include <atomic>
#include <functional>
#include <vector>

#include "mpicsim/experiment/CandidatePropagation.hpp"
#include "mpicsim/experiment/OutcomeMatrix.hpp"
#include "mpicsim/experiment/Scenario.hpp"
#include "mpicsim/experiment/TrialPlan.hpp"

namespace mpicsim {

// Fills an OutcomeMatrix with one propagation per trial unit of a plan. Worker threads take
// blocks of 64 consecutive units (one word of every plane), so the matrix is the same whatever
// the number of threads.
class OutcomeMatrixBuilder {
  public:
    // Called with the number of units done so far, from the calling thread.
    using ProgressHandler = std::function<void(std::uint64_t)>;

    // The units of `plan`, as the matrix stores them.
    static std::vector<OutcomeMatrix::Unit> unitsOf(const AsGraph& graph, const Scenario& scenario,
                                                    const TrialPlan& plan);

    // A matrix unit is one hijack of the victim's (web host's) prefix with one attempt: throws
    // std::invalid_argument for a scenario that sweeps methods or attempts, or whose DNS method
    // contacts nameservers elsewhere, which studies (`mpicsim run`) model and matrices do not.
    static void requireOneTargetAndAttempt(const Scenario& scenario, const TrialPlan& plan);

    // Throws std::invalid_argument when the candidates and the propagation disagree in number,
    // or as requireOneTargetAndAttempt, and Cancelled when `stop` is set before the last block
    // is done (workers stop after their current block).
    static OutcomeMatrix build(const AsGraph& graph, const Scenario& scenario,
                               const TrialPlan& plan,
                               std::vector<OutcomeMatrix::Candidate> candidates,
                               const CandidatePropagation& propagation, std::size_t threads,
                               const ProgressHandler& onProgress = {},
                               const std::atomic<bool>* stop = nullptr);
};

}  // namespace mpicsim
