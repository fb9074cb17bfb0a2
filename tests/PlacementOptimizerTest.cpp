// The placement optimizer against brute force computed here, independently of the bit-sliced
// scorer and of the search: on small random topologies and random catalogs, for every
// objective, the best set's objective equals the best over all sets that satisfy the
// constraints (checked here with ComplianceChecker, provider counts and per-unit
// Corroboration::decide), and no reported set breaks a constraint.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "mpicsim/analysis/PlacementOptimizer.hpp"
#include "mpicsim/common/Cancelled.hpp"
#include "mpicsim/experiment/OutcomeMatrixBuilder.hpp"
#include "mpicsim/experiment/PerspectiveCandidatePropagation.hpp"
#include "mpicsim/mpic/ComplianceChecker.hpp"
#include "mpicsim/mpic/Corroboration.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"
#include "support/RandomTopology.hpp"

namespace mpicsim {
namespace {

using Objective = OptimizationSpec::Objective;

struct Instance {
    AsGraph graph;
    Scenario scenario;
    OptimizationSpec spec;
};

Perspective randomPerspective(const AsGraph& graph, std::mt19937_64& rng, const std::string& id) {
    static const std::vector<GeoPoint> kCities = {
        {50.1, 8.7}, {48.9, 2.4}, {39.0, -77.5}, {35.7, 139.7}, {-23.5, -46.6}};
    static const std::vector<std::string> kProviders = {"aws", "gcp", "azure"};
    Perspective perspective;
    perspective.id = id;
    perspective.hostAsn = graph.asnOf(static_cast<NodeIndex>(rng() % graph.nodeCount()));
    perspective.rir = kAllRirs[rng() % kAllRirs.size()];
    perspective.provider = kProviders[rng() % kProviders.size()];
    const GeoPoint& city = kCities[rng() % kCities.size()];
    perspective.location = GeoPoint{city.latitude + static_cast<double>(rng() % 100) / 40.0,
                                    city.longitude + static_cast<double>(rng() % 100) / 40.0};
    return perspective;
}

Instance randomInstance(std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Instance instance{AsGraph::fromLinks(test::randomTopology(rng)), {}, {}};
    Scenario& scenario = instance.scenario;
    scenario.seed = seed;
    scenario.attacks = {AttackType::EquallySpecific, AttackType::Subprefix};
    scenario.prefixLengths = {22};
    scenario.rovSettings = {RovSetting{}};
    scenario.victims.kind = AsSelection::Kind::Sample;
    scenario.victims.sampleSize = 6;
    scenario.adversaries.kind = AsSelection::Kind::Sample;
    scenario.adversaries.sampleSize = 6;

    OptimizationSpec& spec = instance.spec;
    const std::size_t candidates = 6 + rng() % 4;
    for (std::size_t i = 0; i < candidates; ++i) {
        spec.candidates.push_back(
            {randomPerspective(instance.graph, rng, "c" + std::to_string(i)), true});
    }
    spec.primaryChoices.push_back({randomPerspective(instance.graph, rng, "p0"), true});
    if (rng() % 3 == 0) {
        spec.primaryChoices.push_back({randomPerspective(instance.graph, rng, "p1"), true});
    }
    spec.remotes = 2 + rng() % 3;
    const int k = static_cast<int>(spec.remotes);
    switch (rng() % 4) {
        case 0:
            spec.policy.name = "custom";
            spec.policy.failureRule = QuorumPolicy::FailureRule::RequiredFixed;
            spec.policy.ruleValue = 1 + static_cast<int>(rng() % static_cast<std::uint64_t>(k));
            break;
        case 1:
            spec.policy.name = "custom";
            spec.policy.failureRule = QuorumPolicy::FailureRule::AllowedFixed;
            spec.policy.ruleValue = static_cast<int>(rng() % static_cast<std::uint64_t>(k));
            spec.policy.minimumCorroboratingRirs = static_cast<int>(rng() % 3);
            break;
        case 2:
            spec.policy = *QuorumPolicyTable::lookup(
                "br", std::chrono::year{2026} / std::chrono::December / 20);
            break;
        default:
            spec.policy =
                *QuorumPolicyTable::lookup("br", std::chrono::year{2025} / std::chrono::April / 1);
    }
    if (rng() % 2 == 0) {
        spec.brDate = std::chrono::year{2025} / std::chrono::October / 1;
    }
    if (rng() % 2 == 0) {
        spec.maxPerProvider = 1 + rng() % 2;
    }
    if (rng() % 3 == 0) {
        spec.required.push_back(spec.candidates[rng() % candidates].perspective.id);
    }
    if (rng() % 3 == 0) {
        const std::string id = spec.candidates[rng() % candidates].perspective.id;
        if (spec.required.empty() || spec.required[0] != id) {
            spec.excluded.push_back(id);
        }
    }
    if (rng() % 3 == 0) {
        spec.maxLegitimateBlockedRate = 0.5 + static_cast<double>(rng() % 40) / 100.0;
    }
    spec.seed = seed;
    return instance;
}

OutcomeMatrix buildMatrix(const Instance& instance, const TrialPlan& plan) {
    std::vector<PlacedPerspective> placed;
    for (const Perspective& perspective : PlacementOptimizer::matrixPerspectives(instance.spec)) {
        placed.emplace_back(instance.graph, perspective);
    }
    const PerspectiveCandidatePropagation propagation(instance.graph, instance.scenario.tieBreak,
                                                      plan.rovDeployments(), placed,
                                                      PropagationMode::Full);
    return OutcomeMatrixBuilder::build(instance.graph, instance.scenario, plan,
                                       PlacementOptimizer::matrixCandidates(instance.spec),
                                       propagation, 1);
}

// Everything below is computed without the optimizer or the scorer.
struct BruteForce {
    const OutcomeMatrix& matrix;
    const OptimizationSpec& spec;
    std::vector<Perspective> perspectives = PlacementOptimizer::matrixPerspectives(spec);

    bool feasible(std::size_t primary, const std::vector<std::size_t>& remotes,
                  std::uint64_t blocked) const {
        for (const std::string& id : spec.required) {
            if (std::none_of(remotes.begin(), remotes.end(),
                             [&](std::size_t r) { return perspectives[r].id == id; })) {
                return false;
            }
        }
        std::map<std::string, std::size_t> perProvider;
        for (std::size_t r : remotes) {
            if (std::find(spec.excluded.begin(), spec.excluded.end(), perspectives[r].id) !=
                spec.excluded.end()) {
                return false;
            }
            if (spec.maxPerProvider &&
                ++perProvider[perspectives[r].provider] > *spec.maxPerProvider) {
                return false;
            }
        }
        if (spec.brDate) {
            CaConfiguration ca;
            ca.primary = perspectives[primary];
            for (std::size_t r : remotes) {
                ca.remotes.push_back(perspectives[r]);
            }
            if (!ComplianceChecker::check(ca, *QuorumPolicyTable::lookup("br", *spec.brDate))
                     .empty()) {
                return false;
            }
        }
        if (spec.maxLegitimateBlockedRate &&
            static_cast<double>(blocked) / static_cast<double>(matrix.unitCount()) >
                *spec.maxLegitimateBlockedRate) {
            return false;
        }
        return true;
    }

    // (objective to minimise, blocked count)
    std::pair<double, std::uint64_t> score(std::size_t primary,
                                           const std::vector<std::size_t>& remotes,
                                           Objective objective) const {
        std::uint64_t issued = 0;
        std::uint64_t blocked = 0;
        double weighted = 0;
        double totalWeight = 0;
        std::map<Asn, std::pair<double, double>> perVictim;  // issued, units
        for (std::size_t u = 0; u < matrix.unitCount(); ++u) {
            std::vector<RemoteResult> results;
            for (std::size_t r : remotes) {
                results.push_back({matrix.outcome(u, r), perspectives[r].rir});
            }
            const Verdict verdict =
                Corroboration::decide(spec.policy, matrix.outcome(u, primary), results, false);
            const auto& unit = matrix.units()[u];
            issued += verdict.issuedToAttacker ? 1 : 0;
            blocked += verdict.legitimateIssuanceBlocked ? 1 : 0;
            weighted += verdict.issuedToAttacker ? unit.victimWeight : 0;
            totalWeight += unit.victimWeight;
            perVictim[unit.victim].first += verdict.issuedToAttacker ? 1 : 0;
            perVictim[unit.victim].second += 1;
        }
        switch (objective) {
            case Objective::AttackerSuccess:
                return {static_cast<double>(issued) / static_cast<double>(matrix.unitCount()),
                        blocked};
            case Objective::WeightedAttackerSuccess:
                return {weighted / totalWeight, blocked};
            case Objective::MedianResilience: {
                std::vector<double> resilience;
                for (const auto& [victim, counts] : perVictim) {
                    resilience.push_back(1 - counts.first / counts.second);
                }
                std::sort(resilience.begin(), resilience.end());
                const std::size_t middle = resilience.size() / 2;
                const double median = resilience.size() % 2 == 1
                                          ? resilience[middle]
                                          : (resilience[middle - 1] + resilience[middle]) / 2;
                return {-median, blocked};
            }
        }
        return {0, 0};
    }

    // The best objective over every feasible set, or nothing.
    std::optional<double> best(Objective objective) const {
        std::optional<double> best;
        std::vector<std::size_t> primaries;
        for (const auto& choice : spec.primaryChoices) {
            for (std::size_t i = 0; i < perspectives.size(); ++i) {
                if (perspectives[i].id == choice.perspective.id) {
                    primaries.push_back(i);
                }
            }
        }
        const std::size_t n = spec.candidates.size();
        for (std::size_t primary : primaries) {
            for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
                if (static_cast<std::size_t>(std::popcount(mask)) != spec.remotes) {
                    continue;
                }
                std::vector<std::size_t> remotes;
                for (std::size_t i = 0; i < n; ++i) {
                    if ((mask >> i) & 1) {
                        remotes.push_back(i);
                    }
                }
                const auto [value, blocked] = score(primary, remotes, objective);
                if (feasible(primary, remotes, blocked) && (!best || value < *best)) {
                    best = value;
                }
            }
        }
        return best;
    }

    bool reportedSetFeasible(const PlacementOptimizer::Evaluation& evaluation,
                             Objective objective) const {
        const auto [value, blocked] =
            score(*evaluation.deployment.primary, evaluation.deployment.remotes, objective);
        return evaluation.deployment.remotes.size() == spec.remotes &&
               feasible(*evaluation.deployment.primary, evaluation.deployment.remotes, blocked) &&
               std::abs(value - evaluation.objective) < 1e-12;
    }
};

// Returns the number of objectives for which some set was feasible.
int checkInstance(std::uint64_t seed, bool exact) {
    int solved = 0;
    Instance instance = randomInstance(seed);
    const TrialPlan plan(instance.graph, instance.scenario);
    const OutcomeMatrix matrix = buildMatrix(instance, plan);
    for (Objective objective : {Objective::AttackerSuccess, Objective::WeightedAttackerSuccess,
                                Objective::MedianResilience}) {
        instance.spec.objective = objective;
        instance.spec.exactLimit = exact ? 1'000'000 : 0;
        instance.spec.restarts = 10;
        const BruteForce brute{matrix, instance.spec};
        const std::optional<double> expected = brute.best(objective);
        const PlacementOptimizer optimizer(matrix, instance.spec);
        SCOPED_TRACE("seed " + std::to_string(seed) + ", objective " + toString(objective) +
                     (exact ? ", exact" : ", local search"));
        if (!expected) {
            EXPECT_THROW(optimizer.run(), PlacementOptimizer::Unsatisfiable);
            continue;
        }
        ++solved;
        const PlacementOptimizer::Result result = optimizer.run();
        EXPECT_EQ(result.exact, exact);
        EXPECT_NEAR(result.best.objective, *expected, 1e-12);
        EXPECT_TRUE(brute.reportedSetFeasible(result.best, objective));
        for (const auto& runnerUp : result.runnersUp) {
            EXPECT_TRUE(brute.reportedSetFeasible(runnerUp, objective));
            EXPECT_GE(runnerUp.objective, result.best.objective);
        }
        if (!exact) {
            EXPECT_GE(result.restartsFindingBest, 1u);
        }
    }
    return solved;
}

TEST(PlacementOptimizerTest, ExactSearchEqualsBruteForceForEveryObjective) {
    int solved = 0;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        solved += checkInstance(seed, true);
    }
    EXPECT_GE(solved, 60);  // of 180 (the others check that Unsatisfiable is thrown)
}

TEST(PlacementOptimizerTest, LocalSearchFindsTheBruteForceOptimumOnSmallInstances) {
    int solved = 0;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        solved += checkInstance(seed, false);
    }
    EXPECT_GE(solved, 60);
}

std::string describe(const PlacementOptimizer::Result& result) {
    auto set = [](const PlacementOptimizer::Evaluation& evaluation) {
        std::string text = std::to_string(evaluation.deployment.primary.value_or(999)) + ":";
        for (std::size_t remote : evaluation.deployment.remotes) {
            text += std::to_string(remote) + ",";
        }
        return text + " " + std::to_string(evaluation.score.issued) + "/" +
               std::to_string(evaluation.score.blocked) + " " +
               std::to_string(evaluation.objective) + (evaluation.feasible ? "" : " infeasible");
    };
    std::string text = "best " + set(result.best) + "\n";
    for (const auto& runnerUp : result.runnersUp) {
        text += "runner-up " + set(runnerUp) + "\n";
    }
    text += "restarts " + std::to_string(result.restarts) + " found best " +
            std::to_string(result.restartsFindingBest) + "\n";
    for (const auto& evaluation : result.evaluated) {
        text += set(evaluation) + "\n";
    }
    return text;
}

// Threads change nothing: the best set, the runners-up, the restarts finding the best and every
// set scored, in order, are the same on 1, 2, 3 and 5 threads, for exact and local search.
TEST(PlacementOptimizerTest, TheSameResultWhateverTheNumberOfThreads) {
    std::size_t compared = 0;
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        Instance instance = randomInstance(seed);
        const TrialPlan plan(instance.graph, instance.scenario);
        const OutcomeMatrix matrix = buildMatrix(instance, plan);
        for (bool exact : {true, false}) {
            instance.spec.exactLimit = exact ? 1'000'000 : 0;
            instance.spec.restarts = 7;
            const PlacementOptimizer optimizer(matrix, instance.spec);
            std::optional<std::string> single;
            try {
                single = describe(optimizer.run());
            } catch (const PlacementOptimizer::Unsatisfiable&) {
            }
            for (std::size_t threads : {2u, 3u, 5u}) {
                SCOPED_TRACE("seed " + std::to_string(seed) + (exact ? ", exact, " : ", local, ") +
                             std::to_string(threads) + " threads");
                PlacementOptimizer::Control control;
                control.threads = threads;
                if (!single) {
                    EXPECT_THROW(optimizer.run(control), PlacementOptimizer::Unsatisfiable);
                    continue;
                }
                EXPECT_EQ(describe(optimizer.run(control)), *single);
                ++compared;
            }
        }
    }
    EXPECT_GE(compared, 60u);
}

// The progress count ends at the number of sets scored (exact search scores each once), and a
// search whose stop flag is set throws Cancelled, from one thread or several.
TEST(PlacementOptimizerTest, ReportsProgressAndStopsWhenAsked) {
    Instance instance = randomInstance(3);
    instance.spec.maxLegitimateBlockedRate.reset();
    instance.spec.brDate.reset();
    instance.spec.maxPerProvider.reset();
    const TrialPlan plan(instance.graph, instance.scenario);
    const OutcomeMatrix matrix = buildMatrix(instance, plan);
    const PlacementOptimizer optimizer(matrix, instance.spec);
    ASSERT_TRUE(optimizer.exactSetCount());
    std::uint64_t last = 0;
    PlacementOptimizer::Control control;
    control.threads = 2;
    control.onScored = [&](std::uint64_t scored) {
        EXPECT_GE(scored, last);
        last = scored;
    };
    const auto result = optimizer.run(control);
    EXPECT_EQ(last, result.evaluated.size());
    EXPECT_EQ(last, *optimizer.exactSetCount());

    const std::atomic<bool> stop{true};
    for (std::size_t threads : {1u, 2u}) {
        PlacementOptimizer::Control stopped;
        stopped.threads = threads;
        stopped.stop = &stop;
        EXPECT_THROW(optimizer.run(stopped), Cancelled);
    }
}

}  // namespace
}  // namespace mpicsim
