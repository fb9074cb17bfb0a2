#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mpicsim/experiment/Scenario.hpp"
#include "mpicsim/experiment/TrialPlan.hpp"
#include "mpicsim/mpic/MpicEvaluator.hpp"
#include "mpicsim/routing/Propagator.hpp"
#include "mpicsim/routing/TieBreakRanking.hpp"

namespace mpicsim {

// Runs a study's shards on worker threads. One propagation per trial unit answers every CA
// configuration × policy of the sweep. Shards are handed to the caller strictly in order, each
// as CSV rows, so the output is the same byte for byte whatever the number of threads.
class ExperimentRunner {
  public:
    // The CA configuration × policy pairs of the study, and those that cannot be evaluated.
    struct Combination {
        std::size_t caIndex;
        std::size_t policyIndex;
        QuorumPolicy policy;
        std::string policyLabel;
    };

    // Throws std::invalid_argument when a perspective's AS is not in the graph.
    ExperimentRunner(const AsGraph& graph, const Scenario& scenario, const TrialPlan& plan);
    ~ExperimentRunner();

    static std::string header();  // the CSV header line of trials.csv, with newline
    const std::vector<Combination>& combinations() const { return combinations_; }
    const std::vector<std::string>& skipped() const { return skipped_; }

    // Computes shards [firstShard, plan.shardCount()) and calls onShard(shard, rows) for each,
    // in shard order, on the calling thread. Stops early (after a whole shard) when `stop` is
    // set; returns the number of shards completed in all.
    std::uint64_t run(std::size_t threads, std::uint64_t firstShard,
                      const std::function<void(std::uint64_t, std::string_view)>& onShard,
                      const std::atomic<bool>* stop = nullptr) const;

    // The rows of one shard (what run() hands over), computed on the calling thread.
    std::string shardRows(std::uint64_t shard) const;

  private:
    struct Workspace;
    void computeShard(std::uint64_t shard, Workspace& workspace, std::string& rows) const;

    const AsGraph& graph_;
    const Scenario& scenario_;
    const TrialPlan& plan_;
    TieBreakRanking ranking_;
    std::vector<std::unique_ptr<Propagator>> propagators_;  // one per ROV setting
    std::vector<Combination> combinations_;
    std::vector<std::string> skipped_;
    // evaluators_[rov][combination]
    std::vector<std::vector<std::unique_ptr<MpicEvaluator>>> evaluators_;
};

}  // namespace mpicsim
