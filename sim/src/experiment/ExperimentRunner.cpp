#include "mpicsim/experiment/ExperimentRunner.hpp"

#include <charconv>
#include <condition_variable>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace mpicsim {
namespace {

void appendNumber(std::string& out, std::uint64_t value) {
    char buffer[24];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    (void)error;
    out.append(buffer, end);
}

}  // namespace

struct ExperimentRunner::Workspace {
    RoutingOutcome routing;
    PropagationWorkspace propagation;
    std::vector<RemoteResult> remotes;
};

ExperimentRunner::ExperimentRunner(const AsGraph& graph, const Scenario& scenario,
                                   const TrialPlan& plan)
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
            const int remotes = static_cast<int>(ca.remotes.size());
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
    for (const RovDeployment& rov : plan.rovDeployments()) {
        propagators_.push_back(std::make_unique<Propagator>(graph, ranking_, rov));
        std::vector<std::unique_ptr<MpicEvaluator>> evaluators;
        for (const Combination& combination : combinations_) {
            evaluators.push_back(std::make_unique<MpicEvaluator>(
                graph, rov, scenario.cas[combination.caIndex], combination.policy));
        }
        evaluators_.push_back(std::move(evaluators));
    }
}

ExperimentRunner::~ExperimentRunner() = default;

std::string ExperimentRunner::header() {
    return "rov,attack,prefix_length,victim,adversary,ca,policy,issued,legitimate_blocked,"
           "corroborating,required\n";
}

void ExperimentRunner::computeShard(std::uint64_t shard, Workspace& workspace,
                                    std::string& rows) const {
    rows.clear();
    const std::uint64_t begin = shard * plan_.shardSize();
    const std::uint64_t end = std::min<std::uint64_t>(begin + plan_.shardSize(), plan_.unitCount());
    for (std::uint64_t index = begin; index < end; ++index) {
        const TrialUnit unit = plan_.unit(index);
        Attack attack;
        attack.type = scenario_.attacks[unit.attackIndex];
        attack.victim = unit.victim;
        attack.attacker = unit.adversary;
        attack.victimPrefixLength = scenario_.prefixLengths[unit.prefixIndex];
        propagators_[unit.rovIndex]->run(attack, workspace.routing, workspace.propagation);

        std::string prefix = scenario_.rovSettings[unit.rovIndex].label;
        prefix += ',';
        prefix += toString(attack.type);
        prefix += ',';
        appendNumber(prefix, static_cast<std::uint64_t>(attack.victimPrefixLength));
        prefix += ',';
        appendNumber(prefix, graph_.asnOf(unit.victim));
        prefix += ',';
        appendNumber(prefix, graph_.asnOf(unit.adversary));
        prefix += ',';
        for (std::size_t k = 0; k < combinations_.size(); ++k) {
            const Verdict verdict =
                evaluators_[unit.rovIndex][k]->decide(workspace.routing, workspace.remotes);
            rows += prefix;
            rows += scenario_.cas[combinations_[k].caIndex].name;
            rows += ',';
            rows += combinations_[k].policyLabel;
            rows += verdict.issuedToAttacker ? ",1," : ",0,";
            rows += verdict.legitimateIssuanceBlocked ? "1," : "0,";
            appendNumber(rows, static_cast<std::uint64_t>(verdict.corroborating));
            rows += ',';
            appendNumber(rows, static_cast<std::uint64_t>(std::max(verdict.required, 0)));
            rows += '\n';
        }
    }
}

std::string ExperimentRunner::shardRows(std::uint64_t shard) const {
    Workspace workspace;
    std::string rows;
    computeShard(shard, workspace, rows);
    return rows;
}

std::uint64_t ExperimentRunner::run(
    std::size_t threads, std::uint64_t firstShard,
    const std::function<void(std::uint64_t, std::string_view)>& onShard,
    const std::atomic<bool>* stop) const {
    const std::uint64_t shardCount = plan_.shardCount();
    if (firstShard >= shardCount) {
        return shardCount;
    }
    threads = std::max<std::size_t>(threads, 1);
    const std::uint64_t window = threads * 4;  // shards computed ahead of the writer

    std::mutex mutex;
    std::condition_variable changed;
    std::map<std::uint64_t, std::string> finished;
    std::uint64_t nextToHand = firstShard;
    std::uint64_t nextToTake = firstShard;
    bool stopping = false;
    std::exception_ptr failure;

    auto worker = [&] {
        Workspace workspace;
        std::string rows;
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
            try {
                computeShard(shard, workspace, rows);
            } catch (...) {
                std::lock_guard lock(mutex);
                failure = std::current_exception();
                stopping = true;
                changed.notify_all();
                return;
            }
            std::lock_guard lock(mutex);
            finished.emplace(shard, rows);
            changed.notify_all();
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t i = 0; i < threads; ++i) {
        pool.emplace_back(worker);
    }
    std::uint64_t completed = firstShard;
    while (completed < shardCount) {
        std::string rows;
        {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] {
                return stopping || finished.contains(nextToHand) ||
                       (stop != nullptr && stop->load());
            });
            if (stopping || (stop != nullptr && stop->load())) {
                stopping = true;
                changed.notify_all();
                break;
            }
            rows = std::move(finished.at(nextToHand));
            finished.erase(nextToHand);
        }
        try {
            onShard(completed, rows);
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
