#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "mpicsim/experiment/PropagationMode.hpp"
#include "mpicsim/experiment/Scenario.hpp"
#include "mpicsim/experiment/TrialPlan.hpp"
#include "mpicsim/experiment/TrialRecord.hpp"
#include "mpicsim/mpic/CohortRule.hpp"
#include "mpicsim/mpic/PerspectiveObserver.hpp"
#include "mpicsim/mpic/PlacedPerspective.hpp"
#include "mpicsim/mpic/Rir.hpp"
#include "mpicsim/routing/Propagator.hpp"
#include "mpicsim/routing/TieBreakRanking.hpp"

namespace mpicsim {

// Runs a study's shards on worker threads. One propagation per trial unit and target answers
// every CA configuration × policy × attempts of the sweep: the outcome at each CA
// configuration's perspectives is read once, and every policy decides from it. Retries see the
// same routing (the hijack lasts through them), so one propagation serves every attempt; an
// attempt differs only in the cohort of pool remotes that validates (CohortRule). Shards are handed
// to the caller strictly in order, each as a span of records, so the results are the same whatever
// the number of threads.
class ExperimentRunner {
  public:
    // The CA configuration × policy pairs of the study, and those that cannot be evaluated.
    struct Combination {
        std::size_t caIndex;
        std::size_t policyIndex;
        QuorumPolicy policy;
        std::string policyLabel;
    };
    // Where one CA configuration's outcomes sit in TrialRecord::perspectiveOutcomes.
    struct PerspectiveBlock {
        std::size_t first = 0;
        bool hasPrimary = false;  // the first outcome is the primary's
        std::size_t remotes = 0;  // then one outcome per remote, in the configuration's order
        std::array<std::uint64_t, kAllRirs.size()> remotesByRir{};  // bit r: remote r's RIR
        std::size_t remotesPerAttempt = 0;  // fewer than `remotes` for a pool
        CohortRule cohortRule;
        bool pooled() const { return remotesPerAttempt < remotes; }
    };
    // A configuration's remotes are counted on one 64-bit word.
    static constexpr std::size_t kMaxRemotes = CohortRule::kMaxPool;
    // Called with each shard's records, in shard order; the span lives until the call returns.
    using ShardHandler = std::function<void(std::uint64_t, std::span<const TrialRecord>)>;

    using Propagation = PropagationMode;

    // Throws std::invalid_argument when a perspective's AS is not in the graph.
    ExperimentRunner(const AsGraph& graph, const Scenario& scenario, const TrialPlan& plan,
                     Propagation propagation = Propagation::Scoped);
    ~ExperimentRunner();

    const std::vector<Combination>& combinations() const { return combinations_; }
    const std::vector<std::string>& skipped() const { return skipped_; }
    // One block per CA configuration of the scenario; empty for one without a combination.
    const std::vector<PerspectiveBlock>& perspectiveBlocks() const { return blocks_; }

    // Computes shards [firstShard, plan.shardCount()) and calls onShard(shard, records) for
    // each, in shard order, on the calling thread. Stops early (after a whole shard) when `stop`
    // is set; returns the number of shards completed in all.
    std::uint64_t run(std::size_t threads, std::uint64_t firstShard, const ShardHandler& onShard,
                      const std::atomic<bool>* stop = nullptr) const;
    // The same over shards [firstShard, endShard) only (a block of a distributed study); returns
    // the shard after the last one completed.
    std::uint64_t run(std::size_t threads, std::uint64_t firstShard, std::uint64_t endShard,
                      const ShardHandler& onShard, const std::atomic<bool>* stop = nullptr) const;

    // The records of one shard (what run() hands over), computed on the calling thread.
    std::vector<TrialRecord> shardRecords(std::uint64_t shard) const;

  private:
    struct Workspace;
    // Fills the first records of `records` (grown to the shard size once) and returns how many.
    std::size_t computeShard(std::uint64_t shard, Workspace& workspace,
                             std::vector<TrialRecord>& records) const;
    void computeTrial(std::uint64_t index, Workspace& workspace, TrialRecord& record) const;
    // The verdicts of one combination, one per value of the attempts axis, from the outcome
    // bits of the unit's targets.
    void decideCombination(std::size_t k, Workspace& workspace, CombinationVerdict* out) const;

    const AsGraph& graph_;
    const Scenario& scenario_;
    const TrialPlan& plan_;
    TieBreakRanking ranking_;
    std::vector<std::unique_ptr<Propagator>> propagators_;  // one per ROV setting
    std::unique_ptr<PropagationScope> scope_;               // null: full propagation
    std::vector<PerspectiveObserver> observers_;            // one per ROV setting
    std::vector<Combination> combinations_;
    std::vector<std::string> skipped_;
    // placed_[ca]: the CA configuration's primary (if it has one) and remotes, as in blocks_
    std::vector<std::vector<PlacedPerspective>> placed_;
    std::vector<PerspectiveBlock> blocks_;
    std::size_t perspectiveCount_ = 0;
    int mostAttempts_ = 1;  // the largest value of the attempts axis
    bool anyPool_ = false;
};

}  // namespace mpicsim
