// mpicsim-bench: the routing engine's hot paths on a real CAIDA snapshot, read from
// $MPICSIM_TOPOLOGY (a date or a path; by default the snapshot of 2016-11-01).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <random>

#include "BenchmarkTopology.hpp"
#include "mpicsim/experiment/ExperimentRunner.hpp"
#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"
#include "mpicsim/io/TrialsCsv.hpp"
#include "mpicsim/routing/Propagator.hpp"
#include "mpicsim/topology/TopologyGenerator.hpp"

namespace {

using namespace mpicsim;

std::string topologyPath() {
    return bench::topologyPath().string();
}

struct Fixture {
    AsGraph graph;
    TieBreakRanking ranking;
    RovDeployment rov;
    std::vector<std::pair<NodeIndex, NodeIndex>> pairs;

    explicit Fixture(AsGraph loaded)
        : graph(std::move(loaded)),
          ranking(graph, TieBreak::lowestAsn()),
          rov(RovDeployment::none(graph.nodeCount())) {
        // A fixed set of victim/attacker pairs, cycled through by the trials.
        std::mt19937_64 random(20231001);
        std::uniform_int_distribution<NodeIndex> pick(
            0, static_cast<NodeIndex>(graph.nodeCount() - 1));
        while (pairs.size() < 256) {
            const NodeIndex victim = pick(random);
            const NodeIndex attacker = pick(random);
            if (victim != attacker) {
                pairs.emplace_back(victim, attacker);
            }
        }
    }
};

const Fixture& fixture() {
    static const std::unique_ptr<Fixture> instance = [] {
        try {
            return std::make_unique<Fixture>(CaidaReader::readFile(topologyPath()));
        } catch (const std::exception& error) {
            std::cerr << "mpicsim-bench: " << error.what() << "\n";
            std::exit(2);
        }
    }();
    return *instance;
}

void LoadCaida(benchmark::State& state) {
    const std::string path = topologyPath();
    for (auto _ : state) {
        AsGraph graph = CaidaReader::readFile(path);
        benchmark::DoNotOptimize(graph.nodeCount());
    }
}
BENCHMARK(LoadCaida)->Unit(benchmark::kMillisecond)->Iterations(5);

// The fixture's pairs in turn, as attacks of one type.
Attack nextAttack(const Fixture& f, AttackType type, std::size_t& next) {
    Attack attack;
    attack.type = type;
    attack.victim = f.pairs[next].first;
    attack.attacker = f.pairs[next].second;
    next = (next + 1) % f.pairs.size();
    return attack;
}

// One complete trial: every propagation the attack needs and every AS's data-plane outcome.
void Trial(benchmark::State& state, AttackType type) {
    const Fixture& f = fixture();
    const Propagator propagator(f.graph, f.ranking, f.rov);
    RoutingOutcome outcome;
    PropagationWorkspace workspace;
    std::size_t next = 0;
    for (auto _ : state) {
        const Attack attack = nextAttack(f, type, next);
        propagator.run(attack, outcome, workspace);
        benchmark::DoNotOptimize(outcome.outcomes().data());
    }
    state.counters["ases"] = static_cast<double>(f.graph.nodeCount());
}
// Registered by hand so that the names read Trial/equally-specific etc.
const bool kTrialsRegistered = [] {
    for (AttackType type :
         {AttackType::EquallySpecific, AttackType::Subprefix, AttackType::ForgedOrigin}) {
        const std::string name = "Trial/" + std::string(toString(type));
        benchmark::RegisterBenchmark(name.c_str(), [type](benchmark::State& state) {
            Trial(state, type);
        })->Unit(benchmark::kMicrosecond);
    }
    return true;
}();

// One trial answering only a set of perspectives (Propagator::run with a PropagationScope):
// the 15 ASes of the demand-driven propagation issue (those in the topology), or `count` random
// ASes. Counters: the closure's size and the observed nodes.
void PerspectiveTrial(benchmark::State& state, AttackType type, std::size_t randomCount) {
    const Fixture& f = fixture();
    std::vector<NodeIndex> observed;
    if (randomCount == 0) {
        for (Asn asn : {16509u, 15169u, 8075u, 20473u, 13649u, 6939u, 9002u, 4637u, 1273u, 3356u,
                        1299u, 174u, 2914u, 3257u, 6461u}) {
            if (const auto node = f.graph.nodeOf(asn)) {
                observed.push_back(*node);
            }
        }
    } else {
        std::mt19937_64 random(160);
        while (observed.size() < randomCount) {
            observed.push_back(static_cast<NodeIndex>(random() % f.graph.nodeCount()));
        }
    }
    const PropagationScope scope(f.graph, observed);
    const Propagator propagator(f.graph, f.ranking, f.rov);
    RoutingOutcome outcome;
    PropagationWorkspace workspace;
    std::size_t next = 0;
    for (auto _ : state) {
        const Attack attack = nextAttack(f, type, next);
        propagator.run(attack, scope, outcome, workspace);
        benchmark::DoNotOptimize(outcome.outcome(scope.observed().front()));
    }
    state.counters["closure"] = static_cast<double>(scope.closureDescending().size());
    state.counters["observed"] = static_cast<double>(scope.observed().size());
}
const bool kPerspectiveTrialsRegistered = [] {
    for (AttackType type :
         {AttackType::EquallySpecific, AttackType::Subprefix, AttackType::ForgedOrigin}) {
        for (std::size_t count : {std::size_t{0}, std::size_t{160}}) {
            const std::string name = "PerspectiveTrial/" + std::string(toString(type)) +
                                     (count == 0 ? "" : "/160-random-ases");
            benchmark::RegisterBenchmark(name.c_str(), [type, count](benchmark::State& state) {
                PerspectiveTrial(state, type, count);
            })->Unit(benchmark::kMicrosecond);
        }
    }
    return true;
}();

// Runs a study through ExperimentRunner on one worker thread, each shard formatted as the rows
// trials.csv receives; reports trial units per second.
void runWholeStudy(benchmark::State& state, const AsGraph& graph, const Scenario& scenario,
                   const TrialPlan& plan) {
    const ExperimentRunner runner(graph, scenario, plan);
    std::uint64_t shards = 0;
    std::string rows;
    for (auto _ : state) {
        shards += runner.run(1, 0, [&](std::uint64_t, std::span<const TrialRecord> records) {
            rows.clear();
            TrialsCsv::appendRows(records, rows);
            benchmark::DoNotOptimize(rows.data());
        });
    }
    state.counters["trials/s"] = benchmark::Counter(
        static_cast<double>(plan.unitCount() * static_cast<std::uint64_t>(state.iterations())),
        benchmark::Counter::kIsRate);
    benchmark::DoNotOptimize(shards);
}

// A whole study on one thread, as `mpicsim run` drives it: three CA deployments under their own
// policies, three attacks, 12 victims × 12 adversaries; every shard handed over in order and
// formatted as trials.csv rows.
void RunStudy(benchmark::State& state) {
    const Fixture& f = fixture();
    const Scenario scenario = ScenarioReader::parse(
        R"({"name": "bench", "topology": {"caida": "unused.txt"}, "seed": 2020,
            "attacks": ["equally-specific", "subprefix", "forged-origin"],
            "ca_configurations": ["single-vantage-point", "lets-encrypt-2020",
                                  "br-2026-12-example"],
            "policies": ["own", {"name": "br", "date": "2026-12-15"}],
            "victims": {"sample": 12}, "adversaries": {"sample": 12}})",
        "bench.json", ".", PerspectiveCatalogReader::builtIn(),
        std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{11},
                                    std::chrono::day{30}});
    const TrialPlan plan(f.graph, scenario);
    runWholeStudy(state, f.graph, scenario, plan);
}
BENCHMARK(RunStudy)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

// The same on a small synthetic Internet (3,000 ASes), where a trial's propagation is cheap and
// the runner's own work per trial (perspectives, verdicts, records, rows) shows.
void RunSmallStudy(benchmark::State& state) {
    const AsGraph graph = TopologyGenerator::generate(3000, 5).graph();
    std::string remotes;
    const char* rirs[] = {"ARIN", "RIPE", "APNIC", "LACNIC", "AFRINIC"};
    for (int i = 0; i < 6; ++i) {
        remotes += std::string(i == 0 ? "" : ", ") + R"({"id": "r)" + std::to_string(i) +
                   R"(", "asn": )" +
                   std::to_string(graph.asnOf(static_cast<NodeIndex>(40 + 97 * i))) +
                   R"(, "rir": ")" + rirs[i % 5] + R"("})";
    }
    const Scenario scenario = ScenarioReader::parse(
        R"({"name": "bench", "topology": {"caida": "unused.txt"}, "seed": 2020,
            "attacks": ["equally-specific", "subprefix", "forged-origin"],
            "ca_configurations": [{"name": "six", "primary": {"id": "p", "asn": )" +
            std::to_string(graph.asnOf(7)) + R"(, "rir": "ARIN"}, "remotes": [)" + remotes +
            R"(]}],
            "policies": [{"name": "br", "date": "2026-12-15"},
                         {"name": "custom", "allowed_non_corroborations": 1}, "open-mpic"],
            "victims": {"sample": 30}, "adversaries": {"sample": 30}})",
        "bench.json", ".", PerspectiveCatalogReader::builtIn(),
        std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{11},
                                    std::chrono::day{30}});
    const TrialPlan plan(graph, scenario);
    runWholeStudy(state, graph, scenario, plan);
}
BENCHMARK(RunSmallStudy)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

// For scale: one plain breadth-first search over the same graph (all links, undirected).
void BreadthFirstSearch(benchmark::State& state) {
    const Fixture& f = fixture();
    const std::size_t n = f.graph.nodeCount();
    std::vector<std::uint32_t> distance(n);
    std::vector<NodeIndex> queue(n);
    std::size_t next = 0;
    for (auto _ : state) {
        std::fill(distance.begin(), distance.end(), ~std::uint32_t{0});
        const NodeIndex source = f.pairs[next].first;
        next = (next + 1) % f.pairs.size();
        std::size_t head = 0;
        std::size_t tail = 0;
        queue[tail++] = source;
        distance[source] = 0;
        while (head < tail) {
            const NodeIndex v = queue[head++];
            for (auto neighbours : {f.graph.customers(v), f.graph.peers(v), f.graph.providers(v)}) {
                for (NodeIndex u : neighbours) {
                    if (distance[u] == ~std::uint32_t{0}) {
                        distance[u] = distance[v] + 1;
                        queue[tail++] = u;
                    }
                }
            }
        }
        benchmark::DoNotOptimize(distance.data());
    }
}
BENCHMARK(BreadthFirstSearch)->Unit(benchmark::kMicrosecond);

}  // namespace

// The synthetic topology generator at the AS counts it is calibrated on, graph build included.
void GenerateTopology(benchmark::State& state) {
    const auto ases = static_cast<std::size_t>(state.range(0));
    for (auto _ : state) {
        const AsGraph graph = TopologyGenerator::generate(ases, 2).graph();
        benchmark::DoNotOptimize(graph.nodeCount());
    }
}
BENCHMARK(GenerateTopology)
    ->Arg(55'809)
    ->Arg(78'643)
    ->Arg(200'000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

BENCHMARK_MAIN();
