// The runner reuses its record buffers: once every buffer in flight has been filled, a shard
// allocates nothing. This executable replaces the global operator new to count allocations.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>

#include "mpicsim/experiment/ExperimentRunner.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"
#include "support/AllocationCounter.hpp"
#include "support/RandomTopology.hpp"

namespace mpicsim {
namespace {

TEST(ExperimentRunnerAllocation, AShardAllocatesNothingOnceTheBuffersAreFilled) {
    const AsGraph graph = AsGraph::fromLinks(test::randomTopology(7));
    auto asn = [&](NodeIndex node) { return std::to_string(graph.asnOf(node)); };
    const Scenario scenario = ScenarioReader::parse(
        R"({"name": "allocation", "topology": {"caida": "unused.txt"},
            "attacks": "subprefix",
            "ca_configurations": [{"name": "three",
                "primary": {"id": "p", "asn": )" +
            asn(1) + R"(, "rir": "ARIN"},
                "remotes": [{"id": "a", "asn": )" +
            asn(2) + R"(, "rir": "RIPE"}, {"id": "b", "asn": )" + asn(3) +
            R"(, "rir": "APNIC"}, {"id": "c", "asn": )" + asn(4) + R"(, "rir": "LACNIC"}]}],
            "policies": [{"name": "custom", "allowed_non_corroborations": 1},
                         "open-mpic"],
            "victims": {"sample": 12}, "adversaries": {"sample": 12}})",
        "allocation.json", ".", PerspectiveCatalogReader::builtIn(),
        std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{11},
                                    std::chrono::day{30}});
    const TrialPlan plan(graph, scenario, 1);
    const ExperimentRunner runner(graph, scenario, plan);
    ASSERT_EQ(runner.combinations().size(), 2u);
    const std::uint64_t shards = plan.shardCount();
    ASSERT_GE(shards, 100u);

    // A run of n shards (the last n) on one thread: the same fixed number of allocations
    // (threads, slots, the buffers of the shards in flight) whatever n, once n exceeds them.
    const ExperimentRunner::ShardHandler ignore =
        [](std::uint64_t, std::span<const TrialRecord> records) { ASSERT_FALSE(records.empty()); };
    auto allocationsFor = [&](std::uint64_t n) {
        const long before = test::allocationsSoFar();
        EXPECT_EQ(runner.run(1, shards - n, ignore), shards);
        return test::allocationsSoFar() - before;
    };
    allocationsFor(shards);  // the propagators' first use is not counted
    const long shortRun = allocationsFor(20);
    EXPECT_EQ(allocationsFor(shards), shortRun);
    EXPECT_EQ(allocationsFor(60), shortRun);
}

// The same with two nameserver targets per unit, a pool with rotating cohorts and two values of
// the attempts axis: the per-target and per-attempt scratch is reused too.
TEST(ExperimentRunnerAllocation, TargetsPoolsAndAttemptsAllocateNothingOnceFilled) {
    const AsGraph graph = AsGraph::fromLinks(test::randomTopology(7));
    auto asn = [&](NodeIndex node) { return std::to_string(graph.asnOf(node)); };
    std::string remotes;
    const char* rirs[] = {"ARIN", "RIPE", "APNIC", "LACNIC", "AFRINIC", "ARIN"};
    for (NodeIndex i = 0; i < 6; ++i) {
        remotes += std::string(i == 0 ? "" : ", ") + R"({"id": "r)" + std::to_string(i) +
                   R"(", "asn": )" + asn(2 + i) + R"(, "rir": ")" + rirs[i] + R"("})";
    }
    std::string adversaries;
    for (NodeIndex i = 10; i < 22; ++i) {
        adversaries += (i == 10 ? "" : ", ") + asn(i);
    }
    const Scenario scenario = ScenarioReader::parse(
        R"({"name": "allocation", "topology": {"caida": "unused.txt"},
            "attacks": "equally-specific", "method": "dns-01",
            "nameservers": {"list": [)" +
            asn(8) + ", " + asn(9) + R"(]}, "attempts": [1, 3],
            "ca_configurations": [{"name": "pool", "remotes": [)" +
            remotes + R"(], "remotes_per_attempt": 3, "cohort": "rotate"}],
            "policies": ["open-mpic"],
            "victims": {"sample": 12}, "adversaries": {"list": [)" +
            adversaries + "]}}",
        "allocation.json", ".", PerspectiveCatalogReader::builtIn(),
        std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{11},
                                    std::chrono::day{30}});
    const TrialPlan plan(graph, scenario, 1);
    const ExperimentRunner runner(graph, scenario, plan);
    ASSERT_EQ(runner.combinations().size(), 1u);
    const std::uint64_t shards = plan.shardCount();
    ASSERT_GE(shards, 100u);
    const ExperimentRunner::ShardHandler twoVerdicts = [](std::uint64_t,
                                                          std::span<const TrialRecord> records) {
        ASSERT_EQ(records.size(), 1u);
        ASSERT_EQ(records[0].verdicts.size(), 2u);
    };
    auto allocationsFor = [&](std::uint64_t n) {
        const long before = test::allocationsSoFar();
        EXPECT_EQ(runner.run(1, shards - n, twoVerdicts), shards);
        return test::allocationsSoFar() - before;
    };
    allocationsFor(shards);
    const long shortRun = allocationsFor(20);
    EXPECT_EQ(allocationsFor(shards), shortRun);
    EXPECT_EQ(allocationsFor(60), shortRun);
}

}  // namespace
}  // namespace mpicsim
