#include "mpicsim/experiment/ExperimentRunner.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "mpicsim/mpic/Corroboration.hpp"

namespace mpicsim {

struct ExperimentRunner::Workspace {
    // Where one target's validation ended at one CA configuration's perspectives.
    struct Reached {
        std::optional<Outcome> primary;
        std::uint64_t attacker = 0;  // bit r: remote r of the pool reached the attacker
        std::uint64_t victim = 0;    // ... reached the victim (the target's origin)
    };
    // The best outcome for the attacker after n attempts (n = 1, 2, ...).
    struct AfterAttempts {
        Verdict verdict;
        bool blockedInEveryAttempt = true;
        std::string_view target;
    };
    RoutingOutcome routing;
    PropagationWorkspace propagation;
    std::vector<std::uint32_t> hijacked;         // the unit's targets outside the adversary's AS
    std::vector<Reached> reached;                // [hijacked target × CA configuration]
    std::vector<std::string_view> targetLabels;  // of each hijacked target
    NodeIndex cohortVictim = std::numeric_limits<NodeIndex>::max();  // `cohorts` drawn for
    std::vector<std::uint64_t> cohorts;  // [CA configuration × attempt]: pool bits
    std::vector<Verdict> bestOfTarget;   // per hijacked target, over the attempts so far
    std::vector<bool> blockedOfTarget;
    std::vector<AfterAttempts> afterAttempts;  // [attempts - 1]
};

namespace {

// How many remotes a bit set of them holds, and how many RIRs they span.
Corroboration::Tally tallyOf(std::uint64_t remotes,
                             const std::array<std::uint64_t, kAllRirs.size()>& remotesByRir) {
    Corroboration::Tally tally;
    tally.count = std::popcount(remotes);
    for (std::uint64_t ofRir : remotesByRir) {
        tally.rirs += (remotes & ofRir) != 0 ? 1 : 0;
    }
    return tally;
}

}  // namespace

ExperimentRunner::ExperimentRunner(const AsGraph& graph, const Scenario& scenario,
                                   const TrialPlan& plan, Propagation propagation)
    : graph_(graph), scenario_(scenario), plan_(plan), ranking_(graph, scenario.tieBreak) {
    for (std::size_t c = 0; c < scenario.cas.size(); ++c) {
        const CaConfiguration& ca = scenario.cas[c];
        for (std::size_t p = 0; p < scenario.policies.size(); ++p) {
            const PolicyChoice& choice = scenario.policies[p];
            const std::optional<QuorumPolicy> policy = choice.policy ? choice.policy : ca.policy;
            if (!policy) {
                skipped_.push_back("CA configuration '" + ca.name +
                                   "' has no policy of its own (policy axis 'own')");
                continue;
            }
            const int remotes = static_cast<int>(ca.cohortSize());
            if (policy->primaryRequired && !ca.primary) {
                skipped_.push_back("'" + ca.name + "' × " + choice.label +
                                   ": the policy needs a primary perspective");
                continue;
            }
            if (policy->requiredCorroborations(remotes) > remotes) {
                skipped_.push_back("'" + ca.name + "' × " + choice.label + ": the quorum (" +
                                   std::to_string(policy->requiredCorroborations(remotes)) +
                                   ") exceeds the " + std::to_string(remotes) + " remotes");
                continue;
            }
            if (remotes > 0 && policy->requiredCorroborations(remotes) < 1) {
                skipped_.push_back("'" + ca.name + "' × " + choice.label +
                                   ": the policy would let every remote fail");
                continue;
            }
            combinations_.push_back(
                {c, p, *policy, choice.policy ? choice.label : "own: " + policy->label()});
        }
    }

    // Each CA configuration with a combination is placed once. Its primary is left out only
    // when no policy of the study uses it and it cannot be placed (as before outcomes were kept).
    placed_.resize(scenario.cas.size());
    blocks_.resize(scenario.cas.size());
    for (std::size_t c = 0; c < scenario.cas.size(); ++c) {
        const CaConfiguration& ca = scenario.cas[c];
        bool evaluated = false;
        bool primaryUsed = false;
        for (const Combination& combination : combinations_) {
            if (combination.caIndex == c) {
                evaluated = true;
                primaryUsed = primaryUsed || combination.policy.primaryRequired;
            }
        }
        PerspectiveBlock& block = blocks_[c];
        block.first = perspectiveCount_;
        if (!evaluated) {
            continue;
        }
        if (ca.primary) {
            try {
                placed_[c].emplace_back(graph, *ca.primary);
                block.hasPrimary = true;
            } catch (const std::invalid_argument&) {
                if (primaryUsed) {
                    throw;
                }
            }
        }
        for (const Perspective& remote : ca.remotes) {
            placed_[c].emplace_back(graph, remote);
        }
        block.remotes = ca.remotes.size();
        if (block.remotes > kMaxRemotes) {
            throw std::invalid_argument("CA configuration '" + ca.name + "' has " +
                                        std::to_string(block.remotes) + " remote perspectives; " +
                                        "a study handles at most " + std::to_string(kMaxRemotes));
        }
        for (std::size_t r = 0; r < block.remotes; ++r) {
            block.remotesByRir[static_cast<std::size_t>(ca.remotes[r].rir)] |= std::uint64_t{1}
                                                                               << r;
        }
        block.remotesPerAttempt = ca.cohortSize();
        block.cohortRule = ca.cohortRule;
        anyPool_ = anyPool_ || block.pooled();
        perspectiveCount_ += placed_[c].size();
    }
    if (propagation == Propagation::Scoped) {
        std::vector<NodeIndex> observed;
        for (const std::vector<PlacedPerspective>& perspectives : placed_) {
            for (const PlacedPerspective& perspective : perspectives) {
                perspective.appendObservedNodes(observed);
            }
        }
        scope_ = std::make_unique<PropagationScope>(graph, std::move(observed));
    }
    for (const RovDeployment& rov : plan.rovDeployments()) {
        propagators_.push_back(std::make_unique<Propagator>(graph, ranking_, rov));
        observers_.emplace_back(rov);
    }
    mostAttempts_ = *std::max_element(scenario.attempts.begin(), scenario.attempts.end());
}

ExperimentRunner::~ExperimentRunner() = default;

void ExperimentRunner::computeTrial(std::uint64_t index, Workspace& workspace,
                                    TrialRecord& record) const {
    const TrialUnit unit = plan_.unit(index);
    record.rovIndex = unit.rovIndex;
    record.rovLabel = scenario_.rovSettings[unit.rovIndex].label;
    record.roaIndex = unit.roaIndex;
    record.roaLabel = scenario_.roaSettings[unit.roaIndex].label;
    record.attack = scenario_.attacks[unit.attackIndex];
    record.prefixLength = scenario_.prefixLengths[unit.prefixIndex];
    record.victim = graph_.asnOf(unit.victim);
    record.adversary = graph_.asnOf(unit.adversary);
    record.method = scenario_.methods[unit.methodIndex];

    // A target in the adversary's own AS is not hijacked (as `verdict` skips it).
    const std::span<const NodeIndex> targets = plan_.targets(unit);
    workspace.hijacked.clear();
    workspace.targetLabels.clear();
    for (std::uint32_t k = 0; k < targets.size(); ++k) {
        if (targets[k] != unit.adversary) {
            workspace.hijacked.push_back(k);
            workspace.targetLabels.push_back(plan_.targetLabel(unit, k));
        }
    }
    const std::size_t caCount = placed_.size();
    record.perspectiveOutcomes.resize(perspectiveCount_ * workspace.hijacked.size());
    workspace.reached.resize(caCount * workspace.hijacked.size());
    const PerspectiveObserver& observer = observers_[unit.rovIndex];
    for (std::size_t t = 0; t < workspace.hijacked.size(); ++t) {
        const Attack attack = plan_.attack(unit, targets[workspace.hijacked[t]]);
        if (scope_) {
            propagators_[unit.rovIndex]->run(attack, *scope_, workspace.routing,
                                             workspace.propagation);
        } else {
            propagators_[unit.rovIndex]->run(attack, workspace.routing, workspace.propagation);
        }
        Outcome* outcomes = record.perspectiveOutcomes.data() + t * perspectiveCount_;
        for (std::size_t c = 0; c < caCount; ++c) {
            const PerspectiveBlock& block = blocks_[c];
            Outcome* first = outcomes + block.first;
            Outcome* next = first;
            for (const PlacedPerspective& perspective : placed_[c]) {
                *next++ = observer.outcomeOf(workspace.routing, perspective);
            }
            // The remotes that reached the attacker and the victim as bits, counted per attempt.
            Workspace::Reached& reached = workspace.reached[t * caCount + c];
            reached.primary = block.hasPrimary ? std::optional<Outcome>(first[0]) : std::nullopt;
            const Outcome* remotes = first + (block.hasPrimary ? 1 : 0);
            reached.attacker = 0;
            reached.victim = 0;
            for (std::size_t r = 0; r < block.remotes; ++r) {
                reached.attacker |= std::uint64_t{remotes[r] == Outcome::Attacker} << r;
                reached.victim |= std::uint64_t{remotes[r] == Outcome::Victim} << r;
            }
        }
    }

    if (workspace.hijacked.empty()) {
        record.verdicts.clear();
        return;
    }
    if (anyPool_ && workspace.cohortVictim != unit.victim) {
        workspace.cohortVictim = unit.victim;
        const auto attempts = static_cast<std::size_t>(mostAttempts_);
        workspace.cohorts.resize(caCount * attempts);
        for (std::size_t c = 0; c < caCount; ++c) {
            const PerspectiveBlock& block = blocks_[c];
            for (std::size_t i = 0; i < attempts; ++i) {
                workspace.cohorts[c * attempts + i] =
                    block.remotes == 0
                        ? 0
                        : block.cohortRule.cohort(block.remotes, block.remotesPerAttempt,
                                                  record.victim, static_cast<int>(i + 1));
            }
        }
    }
    record.verdicts.resize(combinations_.size() * scenario_.attempts.size());
    for (std::size_t k = 0; k < combinations_.size(); ++k) {
        decideCombination(k, workspace, record.verdicts.data() + k * scenario_.attempts.size());
    }
}

void ExperimentRunner::decideCombination(std::size_t k, Workspace& workspace,
                                         CombinationVerdict* out) const {
    const Combination& combination = combinations_[k];
    const PerspectiveBlock& block = blocks_[combination.caIndex];
    const std::size_t caCount = placed_.size();
    const std::size_t targets = workspace.hijacked.size();
    const std::uint64_t wholePool =
        block.remotes >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << block.remotes) - 1;
    // Without a pool every attempt validates from the same remotes over the same routes: the
    // first attempt decides them all.
    const int distinctAttempts = block.pooled() ? mostAttempts_ : 1;
    workspace.bestOfTarget.resize(targets);
    workspace.blockedOfTarget.assign(targets, true);
    workspace.afterAttempts.resize(static_cast<std::size_t>(mostAttempts_));
    for (int attempt = 1; attempt <= distinctAttempts; ++attempt) {
        const std::uint64_t cohort =
            block.pooled()
                ? workspace.cohorts[combination.caIndex * static_cast<std::size_t>(mostAttempts_) +
                                    static_cast<std::size_t>(attempt - 1)]
                : wholePool;
        std::size_t best = 0;
        for (std::size_t t = 0; t < targets; ++t) {
            const Workspace::Reached& reached =
                workspace.reached[t * caCount + combination.caIndex];
            // A policy without a primary ignores the primary's outcome.
            const Verdict verdict = Corroboration::decide(
                combination.policy, reached.primary, static_cast<int>(block.remotesPerAttempt),
                tallyOf(reached.attacker & cohort, block.remotesByRir),
                tallyOf(reached.victim & cohort, block.remotesByRir));
            // The attacker succeeds if any attempt issues; the owner is blocked only if every
            // attempt of its own is.
            if (attempt == 1 || verdict.betterForAttackerThan(workspace.bestOfTarget[t])) {
                workspace.bestOfTarget[t] = verdict;
            }
            workspace.blockedOfTarget[t] =
                workspace.blockedOfTarget[t] && verdict.legitimateIssuanceBlocked;
            // The attacker hijacks the target that serves it best (the first of equals).
            if (workspace.bestOfTarget[t].betterForAttackerThan(workspace.bestOfTarget[best])) {
                best = t;
            }
        }
        Workspace::AfterAttempts& after =
            workspace.afterAttempts[static_cast<std::size_t>(attempt - 1)];
        after.verdict = workspace.bestOfTarget[best];
        after.blockedInEveryAttempt = workspace.blockedOfTarget[best];
        after.target = workspace.targetLabels[best];
    }
    const std::string_view ca = scenario_.cas[combination.caIndex].name;
    for (std::size_t a = 0; a < scenario_.attempts.size(); ++a) {
        const int attempts = scenario_.attempts[a];
        const Workspace::AfterAttempts& after =
            workspace
                .afterAttempts[static_cast<std::size_t>(std::min(attempts, distinctAttempts) - 1)];
        CombinationVerdict& verdict = out[a];
        verdict.ca = ca;
        verdict.policy = combination.policyLabel;
        verdict.issuedToAttacker = after.verdict.issuedToAttacker;
        verdict.legitimateIssuanceBlocked = after.blockedInEveryAttempt;
        verdict.corroborating = after.verdict.corroborating;
        verdict.required = std::max(after.verdict.required, 0);
        verdict.attempts = attempts;
        verdict.hijackedTarget = after.target;
    }
}

std::size_t ExperimentRunner::computeShard(std::uint64_t shard, Workspace& workspace,
                                           std::vector<TrialRecord>& records) const {
    const std::uint64_t begin = shard * plan_.shardSize();
    const std::uint64_t end = std::min<std::uint64_t>(begin + plan_.shardSize(), plan_.unitCount());
    if (records.size() < plan_.shardSize()) {
        records.resize(plan_.shardSize());
    }
    for (std::uint64_t index = begin; index < end; ++index) {
        computeTrial(index, workspace, records[index - begin]);
    }
    return static_cast<std::size_t>(end - begin);
}

std::vector<TrialRecord> ExperimentRunner::shardRecords(std::uint64_t shard) const {
    Workspace workspace;
    std::vector<TrialRecord> records;
    records.resize(computeShard(shard, workspace, records));
    return records;
}

std::uint64_t ExperimentRunner::run(std::size_t threads, std::uint64_t firstShard,
                                    const ShardHandler& onShard,
                                    const std::atomic<bool>* stop) const {
    return run(threads, firstShard, plan_.shardCount(), onShard, stop);
}

std::uint64_t ExperimentRunner::run(std::size_t threads, std::uint64_t firstShard,
                                    std::uint64_t endShard, const ShardHandler& onShard,
                                    const std::atomic<bool>* stop) const {
    const std::uint64_t shardCount = std::min(endShard, plan_.shardCount());
    if (firstShard >= shardCount) {
        return shardCount;
    }
    threads = std::max<std::size_t>(threads, 1);
    const std::uint64_t window = threads * 4;  // shards computed ahead of the caller

    // Shard s is computed only while s < nextToHand + window, so slot s % window is free when
    // it finishes. Finished records are swapped into the slot, and the slot's former buffer is
    // reused by the worker: after the first rounds, no record is allocated again.
    struct Slot {
        bool ready = false;
        std::size_t count = 0;
        std::vector<TrialRecord> records;
    };
    std::vector<Slot> slots(window);
    std::mutex mutex;
    std::condition_variable changed;
    std::uint64_t nextToHand = firstShard;
    std::uint64_t nextToTake = firstShard;
    bool stopping = false;
    std::exception_ptr failure;

    auto worker = [&] {
        Workspace workspace;
        std::vector<TrialRecord> records;
        while (true) {
            std::uint64_t shard = 0;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] {
                    return stopping || nextToTake >= shardCount || nextToTake < nextToHand + window;
                });
                if (stopping || nextToTake >= shardCount) {
                    return;
                }
                shard = nextToTake++;
            }
            std::size_t count = 0;
            try {
                count = computeShard(shard, workspace, records);
            } catch (...) {
                std::lock_guard lock(mutex);
                failure = std::current_exception();
                stopping = true;
                changed.notify_all();
                return;
            }
            std::lock_guard lock(mutex);
            Slot& slot = slots[shard % window];
            slot.records.swap(records);
            slot.count = count;
            slot.ready = true;
            changed.notify_all();
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t i = 0; i < threads; ++i) {
        pool.emplace_back(worker);
    }
    std::uint64_t completed = firstShard;
    while (completed < shardCount) {
        Slot* slot = nullptr;
        {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] {
                return stopping || slots[nextToHand % window].ready ||
                       (stop != nullptr && stop->load());
            });
            if (stopping || (stop != nullptr && stop->load())) {
                stopping = true;
                changed.notify_all();
                break;
            }
            slot = &slots[nextToHand % window];
        }
        // No worker touches this slot until nextToHand moves on.
        try {
            onShard(completed, std::span<const TrialRecord>(slot->records.data(), slot->count));
        } catch (...) {
            {
                std::lock_guard lock(mutex);
                stopping = true;
                changed.notify_all();
            }
            for (std::thread& thread : pool) {
                thread.join();
            }
            throw;
        }
        ++completed;
        {
            std::lock_guard lock(mutex);
            slot->ready = false;
            ++nextToHand;
            changed.notify_all();
        }
    }
    {
        std::lock_guard lock(mutex);
        stopping = true;
        changed.notify_all();
    }
    for (std::thread& thread : pool) {
        thread.join();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
    return completed;
}

}  // namespace mpicsim
