#include "mpicsim/analysis/PlacementOptimizer.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <set>
#include <thread>

#include "mpicsim/analysis/ResultSummary.hpp"
#include "mpicsim/common/Cancelled.hpp"
#include "mpicsim/common/DeterministicRandom.hpp"
#include "mpicsim/mpic/ComplianceChecker.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"

namespace mpicsim {
namespace {

enum ConstraintFlag : unsigned {
    kBrCompliance = 1,
    kProviderCap = 2,
    kBlockingCeiling = 4,
};
constexpr unsigned kAllConstraints = kBrCompliance | kProviderCap | kBlockingCeiling;
constexpr std::size_t kNoPrimary = static_cast<std::size_t>(-1);

// Rules a set still missing members may break and a complete one may not.
bool growable(const ComplianceViolation& violation) {
    return violation.rule == "too-few-remotes" || violation.rule == "quorum-impossible" ||
           violation.rule == "rir-diversity-impossible";
}

// C(n, k), saturating at `cap` + 1.
std::uint64_t subsetsUpTo(std::size_t n, std::size_t k, std::uint64_t cap) {
    if (k > n) {
        return 0;
    }
    long double count = 1;
    for (std::size_t i = 0; i < k; ++i) {
        count = count * static_cast<long double>(n - i) / static_cast<long double>(i + 1);
        if (count > static_cast<long double>(cap)) {
            return cap + 1;
        }
    }
    return static_cast<std::uint64_t>(count + 0.5L);
}

// Runs task(0 .. count - 1) on up to `threads` threads (the calling thread reports progress
// meanwhile when asked to) and rethrows the exception of the first failing task, Cancelled first.
void runTasks(std::size_t count, const PlacementOptimizer::Control& control,
              const std::atomic<std::uint64_t>& scored,
              const std::function<void(std::size_t)>& task) {
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> running{0};
    std::mutex failureMutex;
    std::vector<std::exception_ptr> failures(count);
    bool cancelled = false;
    auto worker = [&] {
        for (std::size_t index = next++; index < count; index = next++) {
            try {
                task(index);
            } catch (const Cancelled&) {
                const std::lock_guard lock(failureMutex);
                cancelled = true;
            } catch (...) {
                const std::lock_guard lock(failureMutex);
                failures[index] = std::current_exception();
            }
        }
        --running;
    };
    const std::size_t threads =
        std::clamp<std::size_t>(control.threads, 1, std::max<std::size_t>(count, 1));
    const std::size_t helpers = control.onScored ? threads : threads - 1;
    running = helpers;
    std::vector<std::thread> pool;
    for (std::size_t i = 0; i < helpers; ++i) {
        pool.emplace_back(worker);
    }
    if (control.onScored) {
        while (running.load() > 0) {
            control.onScored(scored.load());
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    } else {
        ++running;
        worker();
    }
    for (std::thread& thread : pool) {
        thread.join();
    }
    if (cancelled) {
        throw Cancelled();
    }
    for (const std::exception_ptr& failure : failures) {
        if (failure) {
            std::rethrow_exception(failure);
        }
    }
}

}  // namespace

std::vector<Perspective> PlacementOptimizer::matrixPerspectives(const OptimizationSpec& spec) {
    std::vector<Perspective> perspectives;
    for (const auto& candidate : spec.candidates) {
        perspectives.push_back(candidate.perspective);
    }
    for (const auto& choice : spec.primaryChoices) {
        const bool known =
            std::any_of(perspectives.begin(), perspectives.end(),
                        [&](const Perspective& each) { return each.id == choice.perspective.id; });
        if (!known) {
            perspectives.push_back(choice.perspective);
        }
    }
    return perspectives;
}

std::vector<OutcomeMatrix::Candidate> PlacementOptimizer::matrixCandidates(
    const OptimizationSpec& spec) {
    std::vector<OutcomeMatrix::Candidate> candidates;
    for (const Perspective& perspective : matrixPerspectives(spec)) {
        candidates.push_back(
            {perspective.id, perspective.hostAsn, perspective.rir, perspective.provider});
    }
    return candidates;
}

PlacementOptimizer::PlacementOptimizer(const OutcomeMatrix& matrix, const OptimizationSpec& spec)
    : matrix_(matrix),
      spec_(spec),
      perspectives_(matrixPerspectives(spec)),
      scorer_(matrix, spec.policy, spec.remotes) {
    if (matrix.candidateCount() != perspectives_.size()) {
        throw std::invalid_argument(
            "placement optimizer: the matrix has " + std::to_string(matrix.candidateCount()) +
            " candidates, the spec " + std::to_string(perspectives_.size()));
    }
    for (std::size_t i = 0; i < perspectives_.size(); ++i) {
        if (matrix.candidates()[i].id != perspectives_[i].id) {
            throw std::invalid_argument("placement optimizer: matrix candidate " +
                                        std::to_string(i) + " is '" + matrix.candidates()[i].id +
                                        "', the spec's '" + perspectives_[i].id + "'");
        }
    }
}

double PlacementOptimizer::reportedObjective(const Evaluation& evaluation) const {
    return spec_.objective == OptimizationSpec::Objective::MedianResilience ? -evaluation.objective
                                                                            : evaluation.objective;
}

// One search under a subset of the constraints; complete sets are scored once (memoised).
class PlacementOptimizer::Search {
  public:
    // `scored` counts the complete sets scored; `stop` makes the search throw Cancelled.
    Search(const PlacementOptimizer& owner, unsigned constraints,
           std::atomic<std::uint64_t>* scored = nullptr, const std::atomic<bool>* stop = nullptr)
        : owner_(owner),
          spec_(owner.spec_),
          constraints_(constraints),
          scored_(scored),
          stop_(stop) {
        for (std::size_t i = 0; i < spec_.candidates.size(); ++i) {
            const std::string& id = spec_.candidates[i].perspective.id;
            if (std::find(spec_.required.begin(), spec_.required.end(), id) !=
                spec_.required.end()) {
                required_.push_back(i);
            } else if (std::find(spec_.excluded.begin(), spec_.excluded.end(), id) ==
                       spec_.excluded.end()) {
                pool_.push_back(i);
            }
        }
        for (const auto& choice : spec_.primaryChoices) {
            for (std::size_t i = 0; i < owner.perspectives_.size(); ++i) {
                if (owner.perspectives_[i].id == choice.perspective.id) {
                    primaries_.push_back(i);
                    break;
                }
            }
        }
        if (primaries_.empty()) {
            primaries_.push_back(kNoPrimary);
        }
        if (spec_.brDate) {
            brPolicy_ = QuorumPolicyTable::lookup("br", *spec_.brDate);
        }
        const std::size_t victims = owner.matrix_.victims().size();
        unitsOfVictim_.assign(victims, 0);
        for (std::uint32_t victim : owner.matrix_.unitVictims()) {
            ++unitsOfVictim_[victim];
        }
        totalWeight_ = 0;
        for (const OutcomeMatrix::Unit& unit : owner.matrix_.units()) {
            totalWeight_ += unit.victimWeight;
        }
    }

    std::size_t needed() const { return spec_.remotes - required_.size(); }

    // Partial sets may still lack members; complete ones must satisfy every constraint.
    bool feasible(std::size_t primary, const std::vector<std::size_t>& remotes,
                  bool complete) const {
        if ((constraints_ & kProviderCap) != 0 && spec_.maxPerProvider) {
            std::map<std::string, std::size_t> perProvider;
            for (std::size_t remote : remotes) {
                const std::string& provider = owner_.perspectives_[remote].provider;
                if (!provider.empty() && ++perProvider[provider] > *spec_.maxPerProvider) {
                    return false;
                }
            }
        }
        if ((constraints_ & kBrCompliance) != 0 && brPolicy_) {
            CaConfiguration ca;
            ca.name = "candidate set";
            if (primary != kNoPrimary) {
                ca.primary = owner_.perspectives_[primary];
            }
            for (std::size_t remote : remotes) {
                ca.remotes.push_back(owner_.perspectives_[remote]);
            }
            for (const ComplianceViolation& violation : ComplianceChecker::check(ca, *brPolicy_)) {
                if (complete || !growable(violation)) {
                    return false;
                }
            }
        }
        return true;
    }

    // Scores a complete set once.
    const Evaluation& evaluate(std::size_t primary, std::vector<std::size_t> remotes) {
        std::sort(remotes.begin(), remotes.end());
        std::vector<std::size_t> key = remotes;
        key.insert(key.begin(), primary);
        const auto found = memo_.find(key);
        if (found != memo_.end()) {
            return evaluated_[found->second];
        }
        Evaluation evaluation;
        if (primary != kNoPrimary) {
            evaluation.deployment.primary = primary;
        }
        evaluation.deployment.remotes = std::move(remotes);
        evaluation.objective = objectiveOf(evaluation.deployment, evaluation.score);
        evaluation.feasible = feasible(primary, evaluation.deployment.remotes, true);
        if (evaluation.feasible && (constraints_ & kBlockingCeiling) != 0 &&
            spec_.maxLegitimateBlockedRate) {
            evaluation.feasible = blockedRate(evaluation) <= *spec_.maxLegitimateBlockedRate;
        }
        memo_.emplace(std::move(key), evaluated_.size());
        evaluated_.push_back(std::move(evaluation));
        if (scored_ != nullptr) {
            ++*scored_;
        }
        return evaluated_.back();
    }

    double objectiveOf(const DeploymentScorer::Deployment& deployment,
                       DeploymentScorer::Score& score) {
        const OutcomeMatrix& matrix = owner_.matrix_;
        if (stop_ != nullptr && stop_->load(std::memory_order_relaxed)) {
            throw Cancelled();
        }
        score = owner_.scorer_.score(deployment, true);
        if (spec_.objective == OptimizationSpec::Objective::AttackerSuccess) {
            return score.units == 0
                       ? 0
                       : static_cast<double>(score.issued) / static_cast<double>(score.units);
        }
        owner_.scorer_.verdictWords(deployment, issuedWords_, nullptr);
        if (spec_.objective == OptimizationSpec::Objective::WeightedAttackerSuccess) {
            double weight = 0;
            forEachIssued([&](std::size_t unit) { weight += matrix.units()[unit].victimWeight; });
            return totalWeight_ > 0 ? weight / totalWeight_ : 0;
        }
        std::vector<std::uint64_t> issuedOfVictim(unitsOfVictim_.size(), 0);
        forEachIssued([&](std::size_t unit) { ++issuedOfVictim[matrix.unitVictims()[unit]]; });
        std::vector<double> resilience(unitsOfVictim_.size());
        for (std::size_t v = 0; v < resilience.size(); ++v) {
            resilience[v] = 1.0 - static_cast<double>(issuedOfVictim[v]) /
                                      static_cast<double>(unitsOfVictim_[v]);
        }
        return -ResultSummary::median(resilience);
    }

    template <typename Each>
    void forEachIssued(Each each) const {
        for (std::size_t w = 0; w < issuedWords_.size(); ++w) {
            for (std::uint64_t bits = issuedWords_[w]; bits != 0; bits &= bits - 1) {
                each(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
            }
        }
    }

    static double blockedRate(const Evaluation& evaluation) {
        return evaluation.score.units == 0 ? 0
                                           : static_cast<double>(evaluation.score.blocked) /
                                                 static_cast<double>(evaluation.score.units);
    }

    static bool better(const Evaluation& a, const Evaluation& b) {
        if (a.objective != b.objective) {
            return a.objective < b.objective;
        }
        if (a.score.blocked != b.score.blocked) {
            return a.score.blocked < b.score.blocked;
        }
        const std::size_t primaryA = a.deployment.primary.value_or(kNoPrimary);
        const std::size_t primaryB = b.deployment.primary.value_or(kNoPrimary);
        if (primaryA != primaryB) {
            return primaryA < primaryB;
        }
        return a.deployment.remotes < b.deployment.remotes;
    }

    // Scores the sets whose place in the enumeration (primaries in order, each with every
    // combination of the pool in lexicographic order) is `part` modulo `parts`; sequence()
    // gives each scored set's place.
    void exhaust(std::size_t part, std::size_t parts) {
        const std::size_t need = needed();
        std::uint64_t place = 0;
        for (std::size_t primary : primaries_) {
            if (need > pool_.size()) {
                break;
            }
            std::vector<std::size_t> picked(need);
            std::iota(picked.begin(), picked.end(), std::size_t{0});
            while (true) {
                if (place++ % parts == part) {
                    std::vector<std::size_t> remotes = required_;
                    for (std::size_t index : picked) {
                        remotes.push_back(pool_[index]);
                    }
                    evaluate(primary, std::move(remotes));
                    sequence_.push_back(place - 1);
                }
                // The next combination in lexicographic order.
                std::size_t i = need;
                while (i > 0 && picked[i - 1] == pool_.size() - need + i - 1) {
                    --i;
                }
                if (i == 0) {
                    break;
                }
                ++picked[i - 1];
                for (std::size_t j = i; j < need; ++j) {
                    picked[j] = picked[j - 1] + 1;
                }
            }
        }
    }
    const std::vector<std::uint64_t>& sequence() const { return sequence_; }

    // One start (greedy for restart 0, seeded random order otherwise) and swaps until no swap
    // improves. Returns the index of the final set in evaluated_, or nothing when no complete
    // feasible set was reached.
    std::optional<std::size_t> localSearch(std::size_t restart) {
        DeterministicRandom random(spec_.seed * 0x9E3779B97F4A7C15ull + restart);
        std::size_t primary = primaries_[0];
        if (restart > 0 && primaries_.size() > 1) {
            primary = primaries_[random.below(primaries_.size())];
        }
        std::vector<std::size_t> remotes = required_;
        if (!feasible(primary, remotes, false)) {
            return std::nullopt;
        }
        if (restart == 0) {
            while (remotes.size() < spec_.remotes) {
                std::optional<std::size_t> chosen;
                DeploymentScorer::Score chosenScore;
                double chosenObjective = 0;
                for (std::size_t candidate : pool_) {
                    if (std::find(remotes.begin(), remotes.end(), candidate) != remotes.end()) {
                        continue;
                    }
                    std::vector<std::size_t> grown = remotes;
                    grown.push_back(candidate);
                    if (!feasible(primary, grown, grown.size() == spec_.remotes)) {
                        continue;
                    }
                    DeploymentScorer::Deployment deployment{
                        primary == kNoPrimary ? std::nullopt : std::optional(primary), grown};
                    DeploymentScorer::Score score;
                    const double objective = objectiveOf(deployment, score);
                    if (!chosen || objective < chosenObjective ||
                        (objective == chosenObjective && score.blocked < chosenScore.blocked)) {
                        chosen = candidate;
                        chosenObjective = objective;
                        chosenScore = score;
                    }
                }
                if (!chosen) {
                    return std::nullopt;
                }
                remotes.push_back(*chosen);
            }
        } else {
            std::vector<std::size_t> order = pool_;
            for (std::size_t i = order.size(); i > 1; --i) {
                std::swap(order[i - 1], order[random.below(i)]);
            }
            for (std::size_t candidate : order) {
                if (remotes.size() == spec_.remotes) {
                    break;
                }
                std::vector<std::size_t> grown = remotes;
                grown.push_back(candidate);
                if (feasible(primary, grown, grown.size() == spec_.remotes)) {
                    remotes = std::move(grown);
                }
            }
            if (remotes.size() < spec_.remotes) {
                return std::nullopt;
            }
        }
        std::size_t current = indexOf(evaluate(primary, remotes));
        if (!evaluated_[current].feasible) {
            return std::nullopt;
        }
        while (true) {
            std::size_t best = current;
            const Evaluation now = evaluated_[current];
            const std::vector<std::size_t>& members = now.deployment.remotes;
            const std::size_t nowPrimary = now.deployment.primary.value_or(kNoPrimary);
            for (std::size_t out = 0; out < members.size(); ++out) {
                if (std::find(required_.begin(), required_.end(), members[out]) !=
                    required_.end()) {
                    continue;
                }
                for (std::size_t candidate : pool_) {
                    if (std::find(members.begin(), members.end(), candidate) != members.end()) {
                        continue;
                    }
                    std::vector<std::size_t> swapped = members;
                    swapped[out] = candidate;
                    const std::size_t index = indexOf(evaluate(nowPrimary, swapped));
                    if (evaluated_[index].feasible && better(evaluated_[index], evaluated_[best])) {
                        best = index;
                    }
                }
            }
            for (std::size_t other : primaries_) {
                if (other != nowPrimary) {
                    const std::size_t index = indexOf(evaluate(other, members));
                    if (evaluated_[index].feasible && better(evaluated_[index], evaluated_[best])) {
                        best = index;
                    }
                }
            }
            if (best == current) {
                return current;
            }
            current = best;
        }
    }

    std::size_t indexOf(const Evaluation& evaluation) const {
        return static_cast<std::size_t>(&evaluation - evaluated_.data());
    }

    std::uint64_t subsetCount() const {
        return subsetsUpTo(pool_.size(), needed(), spec_.exactLimit) * primaries_.size();
    }

    std::vector<Evaluation>& evaluated() { return evaluated_; }

  private:
    const PlacementOptimizer& owner_;
    const OptimizationSpec& spec_;
    unsigned constraints_;
    std::vector<std::size_t> required_;
    std::vector<std::size_t> pool_;
    std::vector<std::size_t> primaries_;
    std::optional<QuorumPolicy> brPolicy_;
    std::vector<std::uint64_t> unitsOfVictim_;
    double totalWeight_ = 0;
    std::vector<std::uint64_t> issuedWords_;
    std::atomic<std::uint64_t>* scored_;
    const std::atomic<bool>* stop_;
    std::map<std::vector<std::size_t>, std::size_t> memo_;
    std::vector<Evaluation> evaluated_;
    std::vector<std::uint64_t> sequence_;  // exhaust() only
};

bool PlacementOptimizer::attempt(unsigned constraints, const Control& control,
                                 std::atomic<std::uint64_t>& scored, Result& result) const {
    result.exact = Search(*this, constraints).subsetCount() <= spec_.exactLimit;
    std::vector<Evaluation> all;
    std::vector<std::optional<std::size_t>> finals;  // indices into `all`
    if (result.exact) {
        // Every thread enumerates, scoring its share; the shares merge in enumeration order.
        const std::size_t parts = std::max<std::size_t>(control.threads, 1);
        std::vector<std::unique_ptr<Search>> searches(parts);
        runTasks(parts, control, scored, [&](std::size_t part) {
            searches[part] = std::make_unique<Search>(*this, constraints, &scored, control.stop);
            searches[part]->exhaust(part, parts);
        });
        std::vector<std::pair<std::uint64_t, Evaluation*>> ordered;
        for (const auto& search : searches) {
            for (std::size_t i = 0; i < search->evaluated().size(); ++i) {
                ordered.emplace_back(search->sequence()[i], &search->evaluated()[i]);
            }
        }
        std::sort(ordered.begin(), ordered.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        all.reserve(ordered.size());
        for (const auto& [place, evaluation] : ordered) {
            all.push_back(std::move(*evaluation));
        }
    } else {
        // Each restart searches alone; their sets merge in restart order, each set once, as one
        // search sharing its memo across the restarts in turn would list them.
        result.restarts = spec_.restarts;
        std::vector<std::unique_ptr<Search>> searches(spec_.restarts);
        std::vector<std::optional<std::size_t>> localFinals(spec_.restarts);
        runTasks(spec_.restarts, control, scored, [&](std::size_t restart) {
            searches[restart] = std::make_unique<Search>(*this, constraints, &scored, control.stop);
            localFinals[restart] = searches[restart]->localSearch(restart);
        });
        std::map<std::vector<std::size_t>, std::size_t> indexOf;
        for (std::size_t restart = 0; restart < spec_.restarts; ++restart) {
            std::vector<std::size_t> globalOf;
            for (Evaluation& evaluation : searches[restart]->evaluated()) {
                std::vector<std::size_t> key = evaluation.deployment.remotes;
                key.insert(key.begin(), evaluation.deployment.primary.value_or(kNoPrimary));
                const auto [it, added] = indexOf.try_emplace(std::move(key), all.size());
                if (added) {
                    all.push_back(std::move(evaluation));
                }
                globalOf.push_back(it->second);
            }
            const auto& final = localFinals[restart];
            finals.push_back(final ? std::optional(globalOf[*final]) : std::nullopt);
        }
    }
    std::vector<std::size_t> feasible;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].feasible) {
            feasible.push_back(i);
        }
    }
    if (feasible.empty()) {
        return false;
    }
    std::sort(feasible.begin(), feasible.end(),
              [&](std::size_t a, std::size_t b) { return Search::better(all[a], all[b]); });
    if (!result.exact) {
        // The best is what a restart ended at; other feasible sets met on the way rank after.
        std::optional<std::size_t> bestFinal;
        for (const auto& final : finals) {
            if (final && (!bestFinal || Search::better(all[*final], all[*bestFinal]))) {
                bestFinal = final;
            }
        }
        if (!bestFinal) {
            return false;
        }
        for (const auto& final : finals) {
            result.restartsFindingBest += final == bestFinal ? 1 : 0;
        }
        feasible.erase(std::find(feasible.begin(), feasible.end(), *bestFinal));
        feasible.insert(feasible.begin(), *bestFinal);
    }
    result.best = all[feasible[0]];
    for (std::size_t i = 1; i < feasible.size() && result.runnersUp.size() < spec_.runnersUp; ++i) {
        result.runnersUp.push_back(all[feasible[i]]);
    }
    result.evaluated = std::move(all);
    return true;
}

std::optional<std::uint64_t> PlacementOptimizer::exactSetCount() const {
    const Search search(*this, kAllConstraints);
    const std::uint64_t count = search.subsetCount();
    return count <= spec_.exactLimit ? std::optional(count) : std::nullopt;
}

PlacementOptimizer::Result PlacementOptimizer::run() const {
    return run(Control{});
}

PlacementOptimizer::Result PlacementOptimizer::run(const Control& control) const {
    std::atomic<std::uint64_t> scored{0};
    auto attempt = [&](unsigned constraints, Result& result) {
        return this->attempt(constraints, control, scored, result);
    };
    Result result;
    if (attempt(kAllConstraints, result)) {
        if (control.onScored) {
            control.onScored(scored.load());
        }
        return result;
    }
    // Say which constraints stand in the way: those whose removal alone makes a set feasible.
    std::vector<std::pair<unsigned, std::string>> active;
    if (spec_.brDate) {
        active.push_back({kBrCompliance, "br_date " + formatIsoDate(*spec_.brDate) +
                                             " (BR 3.2.2.9: 500 km apart, RIR rule)"});
    }
    if (spec_.maxPerProvider) {
        active.push_back(
            {kProviderCap, "max_per_provider " + std::to_string(*spec_.maxPerProvider)});
    }
    if (spec_.maxLegitimateBlockedRate) {
        active.push_back({kBlockingCeiling, "max_legitimate_blocked_rate " +
                                                std::to_string(*spec_.maxLegitimateBlockedRate)});
    }
    std::string message = "no set of " + std::to_string(spec_.remotes) + " remotes from " +
                          std::to_string(spec_.candidates.size()) + " candidates";
    if (!spec_.required.empty() || !spec_.excluded.empty()) {
        message += " (" + std::to_string(spec_.required.size()) + " required, " +
                   std::to_string(spec_.excluded.size()) + " excluded)";
    }
    message += " satisfies the constraints";
    std::string names;
    std::string culprits;
    for (const auto& [flag, name] : active) {
        names += (names.empty() ? ": " : "; ") + name;
        Result relaxed;
        if (attempt(kAllConstraints & ~flag, relaxed)) {
            culprits += (culprits.empty() ? "" : ", ") + name.substr(0, name.find(' '));
        }
    }
    message += names;
    message += culprits.empty() ? "; no single constraint's removal makes one possible"
                                : "; dropping any one of these alone would: " + culprits;
    throw Unsatisfiable(message);
}

}  // namespace mpicsim
