// mpicsim-matrix-bench: building an outcome matrix against a plain study of the same units (on
// $MPICSIM_TOPOLOGY, a date or a path, by default the snapshot of 2016-11-01), and scoring
// deployments from a 100,000-unit matrix of 160 candidates.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <random>

#include "BenchmarkTopology.hpp"
#include "mpicsim/experiment/DeploymentScorer.hpp"
#include "mpicsim/experiment/ExperimentRunner.hpp"
#include "mpicsim/experiment/OutcomeMatrixBuilder.hpp"
#include "mpicsim/experiment/PerspectiveCandidatePropagation.hpp"
#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"

namespace {

using namespace mpicsim;

constexpr std::chrono::year_month_day kPhase{std::chrono::year{2026}, std::chrono::month{12},
                                             std::chrono::day{15}};

const AsGraph& graph() {
    static const std::unique_ptr<AsGraph> instance = [] {
        try {
            return std::make_unique<AsGraph>(CaidaReader::readFile(bench::topologyPath()));
        } catch (const std::exception& error) {
            std::cerr << "mpicsim-matrix-bench: " << error.what() << "\n";
            std::exit(2);
        }
    }();
    return *instance;
}

// 2 attacks × 16 victims × 16 adversaries, one BR-2026-12 deployment under the 2026-12-15 phase.
const Scenario& scenario() {
    static const Scenario instance = ScenarioReader::parse(
        R"({"name": "bench", "topology": {"caida": "unused.txt"}, "seed": 2026,
            "attacks": ["equally-specific", "subprefix"],
            "ca_configurations": ["br-2026-12-example"],
            "br_dates": "2026-12-15",
            "victims": {"sample": 16}, "adversaries": {"sample": 16}})",
        "bench.json", ".", PerspectiveCatalogReader::builtIn(), kPhase);
    return instance;
}

// The study `mpicsim run` computes for those units, on one thread, without writing files (with
// the runner's default propagation, scoped to the deployment's perspectives, and with the full
// one).
void PlainStudy(benchmark::State& state) {
    const TrialPlan plan(graph(), scenario());
    const ExperimentRunner runner(graph(), scenario(), plan,
                                  state.range(0) != 0 ? ExperimentRunner::Propagation::Scoped
                                                      : ExperimentRunner::Propagation::Full);
    for (auto _ : state) {
        std::uint64_t issued = 0;
        runner.run(1, 0, [&](std::uint64_t, std::span<const TrialRecord> records) {
            for (const TrialRecord& record : records) {
                issued += record.verdicts[0].issuedToAttacker ? 1 : 0;
            }
        });
        benchmark::DoNotOptimize(issued);
    }
    state.counters["units/s"] = benchmark::Counter(
        static_cast<double>(plan.unitCount() * static_cast<std::uint64_t>(state.iterations())),
        benchmark::Counter::kIsRate);
}
BENCHMARK(PlainStudy)
    ->Arg(0)
    ->Arg(1)
    ->ArgName("scoped")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

// The matrix of the same units over up to N catalog perspectives, on one thread, by the full-graph
// or the scoped propagation.
void BuildMatrix(benchmark::State& state) {
    const TrialPlan plan(graph(), scenario());
    std::vector<PlacedPerspective> placed;
    std::vector<OutcomeMatrix::Candidate> candidates;
    for (const Perspective& perspective : PerspectiveCatalogReader::builtIn().perspectives()) {
        if (placed.size() == static_cast<std::size_t>(state.range(0))) {
            break;
        }
        try {
            placed.emplace_back(graph(), perspective);
            candidates.push_back(
                {perspective.id, perspective.hostAsn, perspective.rir, perspective.provider});
        } catch (const std::invalid_argument&) {
        }
    }
    const bool scoped = state.range(1) != 0;
    std::unique_ptr<CandidatePropagation> propagation;
    if (scoped) {
        propagation = std::make_unique<PerspectiveCandidatePropagation>(
            graph(), scenario().tieBreak, plan.rovDeployments(), placed);
    } else {
        propagation = std::make_unique<PerspectiveCandidatePropagation>(
            graph(), scenario().tieBreak, plan.rovDeployments(), placed, PropagationMode::Full);
    }
    for (auto _ : state) {
        const OutcomeMatrix matrix =
            OutcomeMatrixBuilder::build(graph(), scenario(), plan, candidates, *propagation, 1);
        benchmark::DoNotOptimize(matrix.planeWords().data());
    }
    state.counters["candidates"] = static_cast<double>(candidates.size());
    state.counters["units/s"] = benchmark::Counter(
        static_cast<double>(plan.unitCount() * static_cast<std::uint64_t>(state.iterations())),
        benchmark::Counter::kIsRate);
}
BENCHMARK(BuildMatrix)
    ->ArgsProduct({{160, 6}, {0, 1}})
    ->ArgNames({"candidates", "scoped"})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

// Deployments (a primary and N remotes drawn at random) scored under the BR rule of 2026-12-15
// from a 100,000-unit matrix of 160 candidates whose outcomes are drawn at random.
void ScoreDeployments(benchmark::State& state) {
    constexpr std::size_t kUnits = 100'000;
    constexpr std::size_t kCandidates = 160;
    static const std::unique_ptr<OutcomeMatrix> matrix = [] {
        std::vector<OutcomeMatrix::Candidate> candidates;
        for (std::size_t c = 0; c < kCandidates; ++c) {
            candidates.push_back({std::string("c").append(std::to_string(c)),
                                  static_cast<Asn>(c + 1), kAllRirs[c % kAllRirs.size()], ""});
        }
        std::vector<OutcomeMatrix::Unit> units(kUnits);
        for (std::size_t u = 0; u < kUnits; ++u) {
            units[u].victim = static_cast<Asn>(1 + u / 300);
            units[u].adversary = static_cast<Asn>(1 + u % 300);
        }
        auto built = std::make_unique<OutcomeMatrix>(std::move(candidates), std::move(units));
        std::mt19937_64 random(7);
        for (std::size_t u = 0; u < kUnits; ++u) {
            for (std::size_t c = 0; c < kCandidates; ++c) {
                const std::uint64_t draw = random() % 20;
                built->set(u, c,
                           draw < 10   ? Outcome::Attacker
                           : draw < 19 ? Outcome::Victim
                                       : Outcome::Disconnected);
            }
        }
        return built;
    }();
    const std::size_t remotes = static_cast<std::size_t>(state.range(0));
    const DeploymentScorer scorer(*matrix, *QuorumPolicyTable::lookup("br", kPhase), remotes);
    std::mt19937_64 random(11);
    std::vector<DeploymentScorer::Deployment> deployments(64);
    for (auto& deployment : deployments) {
        std::vector<std::size_t> order(kCandidates);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::shuffle(order.begin(), order.end(), random);
        deployment.primary = order[0];
        deployment.remotes.assign(order.begin() + 1,
                                  order.begin() + 1 + static_cast<std::ptrdiff_t>(remotes));
    }
    const bool withBlocked = state.range(1) != 0;
    std::size_t next = 0;
    for (auto _ : state) {
        const auto score = scorer.score(deployments[next++ % deployments.size()], withBlocked);
        benchmark::DoNotOptimize(score.issued);
    }
    state.counters["deployments/s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(ScoreDeployments)
    ->ArgsProduct({{5, 9}, {0, 1}})
    ->ArgNames({"remotes", "blocked"})
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
