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
// the number of threads; a range of those words can be built apart (by another process) and put
// in place with OutcomeMatrix::setWords.
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

    // How many words each plane of the plan's matrix has (64 units a word).
    static std::uint64_t wordCount(const TrialPlan& plan);
    // The matrix of every unit of `plan`, every outcome "nowhere", for setWords to fill.
    static OutcomeMatrix blank(const AsGraph& graph, const Scenario& scenario,
                               const TrialPlan& plan,
                               std::vector<OutcomeMatrix::Candidate> candidates);
    // The matrix of the units of words [firstWord, endWord) of the whole one (units 64 *
    // firstWord up to 64 * endWord or the last unit): its plane words are the whole build's words
    // of that range. Throws as build does, and std::out_of_range for a range past the last word.
    static OutcomeMatrix buildWords(const AsGraph& graph, const Scenario& scenario,
                                    const TrialPlan& plan,
                                    std::vector<OutcomeMatrix::Candidate> candidates,
                                    const CandidatePropagation& propagation,
                                    std::uint64_t firstWord, std::uint64_t endWord,
                                    std::size_t threads, const ProgressHandler& onProgress = {},
                                    const std::atomic<bool>* stop = nullptr);
    // buildWords over every word. Throws std::invalid_argument when the candidates and the
    // propagation disagree in number, or as requireOneTargetAndAttempt, and Cancelled when `stop`
    // is set before the last block is done (workers stop after their current block).
    static OutcomeMatrix build(const AsGraph& graph, const Scenario& scenario,
                               const TrialPlan& plan,
                               std::vector<OutcomeMatrix::Candidate> candidates,
                               const CandidatePropagation& propagation, std::size_t threads,
                               const ProgressHandler& onProgress = {},
                               const std::atomic<bool>* stop = nullptr);
};

}  // namespace mpicsim
