// A trial must not allocate once its RoutingOutcome has been used: this executable replaces the
// global operator new to count allocations while trials run on a reused RoutingOutcome.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "mpicsim/routing/Propagator.hpp"
#include "support/GraphBuilder.hpp"

namespace {
std::atomic<long> allocationCount{0};
}

void* operator new(std::size_t size) {
    ++allocationCount;
    if (void* memory = std::malloc(size == 0 ? 1 : size)) {
        return memory;
    }
    throw std::bad_alloc();
}
void operator delete(void* memory) noexcept {
    std::free(memory);
}
void operator delete(void* memory, std::size_t) noexcept {
    std::free(memory);
}

namespace mpicsim {
namespace {

TEST(PropagatorAllocation, TrialsOnAReusedOutcomeAllocateNothing) {
    // Three tiers: 1 and 2 peer at the top, 10-13 below them, stubs 20-27 below those.
    test::GraphBuilder builder;
    builder.peers(1, 2);
    for (Asn mid : {10u, 11u, 12u, 13u}) {
        builder.providerOf(mid < 12 ? 1 : 2, mid);
    }
    builder.peers(10, 12);
    for (Asn stub = 20; stub < 28; ++stub) {
        builder.providerOf(10 + (stub % 4), stub);
        builder.providerOf(10 + ((stub + 1) % 4), stub);
    }
    const AsGraph graph = builder.build();
    const TieBreakRanking ranking(graph, TieBreak::lowestAsn());
    const std::vector<NodeIndex> adopters = {*graph.nodeOf(11), *graph.nodeOf(20)};
    const RovDeployment rov = RovDeployment::of(graph.nodeCount(), adopters);
    const Propagator propagator(graph, ranking, rov);

    std::vector<Attack> attacks;
    for (AttackType type : kAllAttackTypes) {
        for (int prefixLength : {22, 24}) {
            Attack attack;
            attack.type = type;
            attack.victim = *graph.nodeOf(21);
            attack.attacker = *graph.nodeOf(26);
            attack.victimPrefixLength = prefixLength;
            attacks.push_back(attack);
        }
    }
    // Full runs, then runs for a scope (two stubs and a mid-tier AS), on reused buffers.
    const PropagationScope scope(graph, {*graph.nodeOf(22), *graph.nodeOf(25), *graph.nodeOf(13)});
    for (const bool scoped : {false, true}) {
        RoutingOutcome outcome;
        PropagationWorkspace workspace;
        auto runAll = [&] {
            for (const Attack& attack : attacks) {
                if (scoped) {
                    propagator.run(attack, scope, outcome, workspace);
                } else {
                    propagator.run(attack, outcome, workspace);
                }
            }
        };
        runAll();  // the first use sizes the buffers
        const long before = allocationCount.load();
        for (int round = 0; round < 3; ++round) {
            runAll();
        }
        EXPECT_EQ(allocationCount.load() - before, 0) << (scoped ? "scoped" : "full");
        EXPECT_EQ(outcome.outcome(*graph.nodeOf(22)), Outcome::Victim);
    }
}

}  // namespace
}  // namespace mpicsim
