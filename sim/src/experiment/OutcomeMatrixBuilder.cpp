#include "mpicsim/experiment/OutcomeMatrixBuilder.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "mpicsim/common/Cancelled.hpp"

namespace mpicsim {
namespace {

bool failed(std::mutex& mutex, const std::exception_ptr& failure) {
    const std::lock_guard lock(mutex);
    return failure != nullptr;
}

// The units [first, end) of `plan`, as the matrix stores them.
std::vector<OutcomeMatrix::Unit> unitRange(const AsGraph& graph, const Scenario& scenario,
                                           const TrialPlan& plan, std::uint64_t first,
                                           std::uint64_t end) {
    std::vector<OutcomeMatrix::Unit> units(end - first);
    std::vector<double> weightOfNode(graph.nodeCount(), 1.0);
    for (std::size_t i = 0; i < plan.victims().size(); ++i) {
        weightOfNode[plan.victims()[i]] = plan.victimWeights()[i];
    }
    for (std::uint64_t index = first; index < end; ++index) {
        const TrialUnit unit = plan.unit(index);
        OutcomeMatrix::Unit& out = units[index - first];
        out.victim = graph.asnOf(unit.victim);
        out.adversary = graph.asnOf(unit.adversary);
        out.victimWeight = static_cast<float>(weightOfNode[unit.victim]);
        out.attack = static_cast<std::uint8_t>(scenario.attacks[unit.attackIndex]);
        out.rovIndex = static_cast<std::uint8_t>(unit.rovIndex);
        out.prefixLength = static_cast<std::uint8_t>(scenario.prefixLengths[unit.prefixIndex]);
        out.victimWithoutRoa = plan.attack(unit).victimHasRoa ? 0 : 1;
    }
    return units;
}

}  // namespace

std::vector<OutcomeMatrix::Unit> OutcomeMatrixBuilder::unitsOf(const AsGraph& graph,
                                                               const Scenario& scenario,
                                                               const TrialPlan& plan) {
    return unitRange(graph, scenario, plan, 0, plan.unitCount());
}

std::uint64_t OutcomeMatrixBuilder::wordCount(const TrialPlan& plan) {
    return (plan.unitCount() + 63) / 64;
}

OutcomeMatrix OutcomeMatrixBuilder::blank(const AsGraph& graph, const Scenario& scenario,
                                          const TrialPlan& plan,
                                          std::vector<OutcomeMatrix::Candidate> candidates) {
    return OutcomeMatrix(std::move(candidates), unitsOf(graph, scenario, plan));
}

void OutcomeMatrixBuilder::requireOneTargetAndAttempt(const Scenario& scenario,
                                                      const TrialPlan& plan) {
    const char* pointer = scenario.methods.size() != 1 ? "/method"
                          : scenario.attempts.size() != 1 || scenario.attempts.front() != 1
                              ? "/attempts"
                          : !plan.targetsOnlyVictims() ? "/nameservers"
                                                       : nullptr;
    if (pointer != nullptr) {
        throw std::invalid_argument(
            std::string("at ") + pointer +
            ": an outcome matrix (optimize, quorum-sweep) models one validation method, one "
            "attempt and the web host's prefix; this scenario sweeps methods or attempts, or "
            "puts nameservers elsewhere (run it with `mpicsim run`)");
    }
}

OutcomeMatrix OutcomeMatrixBuilder::build(const AsGraph& graph, const Scenario& scenario,
                                          const TrialPlan& plan,
                                          std::vector<OutcomeMatrix::Candidate> candidates,
                                          const CandidatePropagation& propagation,
                                          std::size_t threads, const ProgressHandler& onProgress,
                                          const std::atomic<bool>* stop) {
    return buildWords(graph, scenario, plan, std::move(candidates), propagation, 0, wordCount(plan),
                      threads, onProgress, stop);
}

OutcomeMatrix OutcomeMatrixBuilder::buildWords(
    const AsGraph& graph, const Scenario& scenario, const TrialPlan& plan,
    std::vector<OutcomeMatrix::Candidate> candidates, const CandidatePropagation& propagation,
    std::uint64_t firstWord, std::uint64_t endWord, std::size_t threads,
    const ProgressHandler& onProgress, const std::atomic<bool>* stop) {
    if (firstWord > endWord || endWord > wordCount(plan)) {
        throw std::out_of_range("outcome matrix: words " + std::to_string(firstWord) + " to " +
                                std::to_string(endWord) + " of " + std::to_string(wordCount(plan)));
    }
    if (candidates.size() != propagation.candidateCount()) {
        throw std::invalid_argument("outcome matrix: " + std::to_string(candidates.size()) +
                                    " candidates, but the propagation answers for " +
                                    std::to_string(propagation.candidateCount()));
    }
    requireOneTargetAndAttempt(scenario, plan);
    if (scenario.rovSettings.size() > 256) {
        throw std::invalid_argument("outcome matrix: at most 256 ROV settings");
    }
    const std::uint64_t firstUnit = firstWord * 64;
    const std::uint64_t endUnit = std::min(plan.unitCount(), endWord * 64);
    OutcomeMatrix matrix(std::move(candidates),
                         unitRange(graph, scenario, plan, firstUnit, endUnit));
    const std::uint64_t unitCount = endUnit - firstUnit;
    const std::uint64_t blockCount = endWord - firstWord;
    std::atomic<std::uint64_t> nextBlock{0};
    std::atomic<std::uint64_t> unitsDone{0};
    std::mutex failureMutex;
    std::exception_ptr failure;

    auto worker = [&] {
        const std::unique_ptr<CandidatePropagation::Scratch> scratch = propagation.newScratch();
        std::vector<Outcome> outcomes(propagation.candidateCount());
        try {
            for (std::uint64_t block = nextBlock++; block < blockCount; block = nextBlock++) {
                if (stop != nullptr && stop->load()) {
                    throw Cancelled();
                }
                const std::uint64_t end = std::min(unitCount, (block + 1) * 64);
                for (std::uint64_t index = block * 64; index < end; ++index) {
                    const TrialUnit unit = plan.unit(firstUnit + index);
                    propagation.outcomes(plan.attack(unit), unit.rovIndex, *scratch, outcomes);
                    for (std::size_t c = 0; c < outcomes.size(); ++c) {
                        matrix.set(index, c, outcomes[c]);
                    }
                }
                unitsDone += end - block * 64;
            }
        } catch (...) {
            const std::lock_guard lock(failureMutex);
            failure = std::current_exception();
            nextBlock = blockCount;
        }
    };
    threads = std::clamp<std::size_t>(threads, 1, std::max<std::uint64_t>(blockCount, 1));
    // With a progress handler the calling thread reports while `threads` workers compute.
    const std::size_t helpers = onProgress ? threads : threads - 1;
    std::vector<std::thread> pool;
    for (std::size_t i = 0; i < helpers; ++i) {
        pool.emplace_back(worker);
    }
    if (onProgress) {
        while (unitsDone.load() < unitCount && !failed(failureMutex, failure)) {
            onProgress(unitsDone.load());
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    } else {
        worker();
    }
    for (std::thread& thread : pool) {
        thread.join();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
    if (onProgress) {
        onProgress(unitCount);
    }
    return matrix;
}

}  // namespace mpicsim
