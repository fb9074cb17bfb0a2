// Compares the engine's three-phase Propagator with a deliberately naive message-passing BGP
// simulator on thousands of random Internet-like topologies, every attack type, random ROV
// deployments and all three tie-break policies. Also checks that DataPlane::trace and
// DecisionExplainer agree with the RoutingOutcome they explain.

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "mpicsim/routing/Attack.hpp"
#include "mpicsim/routing/DataPlane.hpp"
#include "mpicsim/routing/DecisionExplainer.hpp"
#include "mpicsim/routing/DecisionStep.hpp"
#include "mpicsim/routing/Propagator.hpp"
#include "mpicsim/routing/RoutingOutcome.hpp"
#include "mpicsim/routing/RovDeployment.hpp"
#include "mpicsim/routing/TieBreak.hpp"
#include "mpicsim/routing/TieBreakRanking.hpp"
#include "reference/NaiveBgpSimulator.hpp"
#include "support/GraphBuilder.hpp"
#include "support/RandomTopology.hpp"

namespace mpicsim::test {
namespace {

// Seeds 1..N; MPICSIM_DIFFERENTIAL_SEEDS=N overrides the default for a longer soak.
std::uint64_t seedCount() {
    if (const char* text = std::getenv("MPICSIM_DIFFERENTIAL_SEEDS")) {
        return std::strtoull(text, nullptr, 10);
    }
    return 5000;
}

constexpr int kMaxReportsPerTrial = 3;

std::string joinAsns(const std::vector<Asn>& path) {
    std::string text;
    for (Asn asn : path) {
        if (!text.empty()) {
            text += ' ';
        }
        text += std::to_string(asn);
    }
    return text;
}

TieBreak rotatingTieBreak(std::uint64_t seed, std::mt19937_64& rng) {
    switch (seed % 3) {
        case 0:
            return TieBreak::lowestAsn();
        case 1:
            return TieBreak::random(rng() % 1000000);
        default:
            return TieBreak::md5();
    }
}

// One random topology with its victim, attacker, ROV deployment and tie-break, and the
// attacks to run on it.
class Scenario {
  public:
    explicit Scenario(std::uint64_t seed)
        : seed_(seed),
          rng_(seed),
          links_(randomTopology(rng_)),
          graph_(AsGraph::fromLinks(links_)),
          pick_(randomTrial(graph_, rng_)),
          tieBreak_(rotatingTieBreak(seed, rng_)),
          ranking_(graph_, tieBreak_),
          rov_(RovDeployment::of(graph_.nodeCount(), pick_.rovAdopters)),
          propagator_(graph_, ranking_, rov_) {
        std::vector<int> lengths = {Attack::kDefaultVictimPrefixLength};
        if (std::bernoulli_distribution(0.4)(rng_)) {
            lengths.push_back(Attack::kLongestRoutablePrefixLength);
        }
        for (int length : lengths) {
            for (AttackType type : kAllAttackTypes) {
                attacks_.push_back({type, pick_.victim, pick_.attacker, length});
            }
        }
    }
    Scenario(const Scenario&) = delete;
    Scenario& operator=(const Scenario&) = delete;

    std::uint64_t seed() const { return seed_; }
    const std::vector<AsLink>& links() const { return links_; }
    const AsGraph& graph() const { return graph_; }
    const TieBreak& tieBreak() const { return tieBreak_; }
    const RovDeployment& rov() const { return rov_; }
    const Propagator& propagator() const { return propagator_; }
    const std::vector<Attack>& attacks() const { return attacks_; }

    std::vector<bool> rovFlags() const {
        std::vector<bool> flags(graph_.nodeCount(), false);
        for (NodeIndex node : pick_.rovAdopters) {
            flags[node] = true;
        }
        return flags;
    }

    std::string rovDescription() const {
        if (pick_.rovAdopters.empty()) {
            return "none";
        }
        if (pick_.rovAdopters.size() == graph_.nodeCount()) {
            return "all";
        }
        return rovAsnList();
    }

    // The adopters' ASNs, comma-separated (the form --rov takes).
    std::string rovAsnList() const {
        std::ostringstream out;
        for (std::size_t i = 0; i < pick_.rovAdopters.size(); ++i) {
            out << (i == 0 ? "" : ",") << graph_.asnOf(pick_.rovAdopters[i]);
        }
        return out.str();
    }

    std::string describe(const Attack& attack) const {
        std::ostringstream out;
        out << "seed " << seed_ << " (" << graph_.nodeCount() << " ASes, " << links_.size()
            << " links), tie-break " << tieBreak_.toString() << ", attack " << toString(attack.type)
            << ", victim AS" << graph_.asnOf(attack.victim) << " /" << attack.victimPrefixLength;
        if (attack.hasAttacker()) {
            out << ", attacker AS" << graph_.asnOf(attack.attacker);
        }
        out << ", ROV: " << rovDescription();
        return out.str();
    }

    // Writes the topology as a CAIDA serial-1 file and returns an `mpicsim routes` command
    // line that reproduces the trial.
    std::string reproduction(const Attack& attack) const {
        const std::filesystem::path file = std::filesystem::path(::testing::TempDir()) /
                                           ("differential-seed-" + std::to_string(seed_) + ".txt");
        std::ofstream out(file);
        for (const AsLink& link : links_) {
            out << link.first << '|' << link.second << '|'
                << (link.type == LinkType::ProviderToCustomer ? "-1" : "0") << '\n';
        }
        std::ostringstream command;
        command << "mpicsim routes --topology " << file.string() << " --victim "
                << graph_.asnOf(attack.victim);
        if (attack.hasAttacker()) {
            command << " --attacker " << graph_.asnOf(attack.attacker);
        }
        command << " --attack " << toString(attack.type) << " --tie-break " << tieBreak_.toString()
                << " --prefix-length " << attack.victimPrefixLength;
        if (!pick_.rovAdopters.empty()) {
            command << " --rov " << rovAsnList();
        }
        return command.str();
    }

  private:
    std::uint64_t seed_;
    std::mt19937_64 rng_;
    std::vector<AsLink> links_;
    AsGraph graph_;
    RandomTrial pick_;
    TieBreak tieBreak_;
    TieBreakRanking ranking_;
    RovDeployment rov_;
    Propagator propagator_;
    std::vector<Attack> attacks_;
};

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// ---------------------------------------------------------------------------------------
// The naive simulator on hand-checked cases, so that a shared misunderstanding shows up.
//
//        1 ==== 2            (tier-1 peers)
//        |      |
//       10     20
//        |      |
//      100    200            victim 100, attacker 200
//               |
//             300

class NaiveSimulatorTest : public ::testing::Test {
  protected:
    NaiveSimulatorTest()
        : graph_(GraphBuilder()
                     .peers(1, 2)
                     .providerOf(1, 10)
                     .providerOf(2, 20)
                     .providerOf(10, 100)
                     .providerOf(20, 200)
                     .providerOf(200, 300)
                     .build()) {}

    NodeIndex node(Asn asn) const { return *graph_.nodeOf(asn); }

    std::vector<NaiveAsResult> run(AttackType type, int prefixLength = 22,
                                   std::vector<Asn> rovAsns = {}) const {
        std::vector<bool> rov(graph_.nodeCount(), false);
        for (Asn asn : rovAsns) {
            rov[node(asn)] = true;
        }
        const NaiveBgpSimulator simulator(graph_, TieBreak::lowestAsn(), rov);
        return simulator.run({type, node(100), node(200), prefixLength});
    }

    AsGraph graph_;
};

TEST_F(NaiveSimulatorTest, NoAttackReachesTheVictimOverValleyFreePaths) {
    const auto result = run(AttackType::None);
    EXPECT_EQ(result[node(300)].outcome, Outcome::Victim);
    EXPECT_EQ(result[node(300)].asPath, (std::vector<Asn>{200, 20, 2, 1, 10, 100}));
    EXPECT_EQ(result[node(200)].asPath, (std::vector<Asn>{20, 2, 1, 10, 100}));
    EXPECT_TRUE(result[node(100)].asPath.empty());
}

TEST_F(NaiveSimulatorTest, EquallySpecificSplitsAtThePeering) {
    const auto result = run(AttackType::EquallySpecific);
    EXPECT_EQ(result[node(1)].outcome, Outcome::Victim);
    EXPECT_EQ(result[node(2)].outcome, Outcome::Attacker);
    EXPECT_EQ(result[node(2)].asPath, (std::vector<Asn>{20, 200}));
    EXPECT_EQ(result[node(300)].asPath, (std::vector<Asn>{200}));
    EXPECT_TRUE(result[node(200)].asPath.empty());
    // ROV at AS2 drops the attacker's route and takes the victim's over the peering.
    const auto rov = run(AttackType::EquallySpecific, 22, {2});
    EXPECT_EQ(rov[node(2)].outcome, Outcome::Victim);
    EXPECT_EQ(rov[node(2)].asPath, (std::vector<Asn>{1, 10, 100}));
}

TEST_F(NaiveSimulatorTest, ForgedOriginPathEndsInAttackerThenVictim) {
    const auto result = run(AttackType::ForgedOrigin, 22, {1, 2, 10, 20, 100, 200, 300});
    EXPECT_EQ(result[node(2)].outcome, Outcome::Attacker);
    EXPECT_EQ(result[node(2)].asPath, (std::vector<Asn>{20, 200, 100}));
    EXPECT_EQ(result[node(1)].outcome, Outcome::Victim);
    EXPECT_EQ(result[node(1)].asPath, (std::vector<Asn>{10, 100}));
    EXPECT_TRUE(result[node(200)].asPath.empty());
}

TEST_F(NaiveSimulatorTest, SubprefixOfA22WinsUnlessRovStopsIt) {
    const auto result = run(AttackType::Subprefix);
    EXPECT_EQ(result[node(10)].outcome, Outcome::Attacker);
    EXPECT_EQ(result[node(10)].asPath, (std::vector<Asn>{1, 2, 20, 200}));
    EXPECT_TRUE(result[node(10)].forwardsOnSubprefix);
    EXPECT_EQ(result[node(100)].outcome, Outcome::Victim);  // delivered in its own AS
    EXPECT_TRUE(result[node(100)].asPath.empty());
    const auto rov = run(AttackType::Subprefix, 22, {1});
    EXPECT_EQ(rov[node(10)].outcome, Outcome::Victim);
    EXPECT_EQ(rov[node(10)].asPath, (std::vector<Asn>{100}));
    EXPECT_EQ(rov[node(2)].outcome, Outcome::Attacker);
}

TEST_F(NaiveSimulatorTest, SubprefixOfA24ReachesOnlyTheAttackersCustomers) {
    const auto result = run(AttackType::Subprefix, 24);
    EXPECT_EQ(result[node(20)].outcome, Outcome::Victim);
    EXPECT_EQ(result[node(20)].asPath, (std::vector<Asn>{2, 1, 10, 100}));
    EXPECT_FALSE(result[node(20)].forwardsOnSubprefix);
    // AS300's route to the /24 runs through the attacker, whose AS keeps the traffic.
    EXPECT_EQ(result[node(300)].outcome, Outcome::Attacker);
    EXPECT_EQ(result[node(300)].asPath, (std::vector<Asn>{200, 20, 2, 1, 10, 100}));
}

TEST(NaiveSimulatorTieBreak, Md5AndRandomFollowTheirDefinitions) {
    auto hex = [](const std::array<unsigned char, 16>& digest) {
        static const char* kDigits = "0123456789abcdef";
        std::string text;
        for (unsigned char byte : digest) {
            text += kDigits[byte >> 4];
            text += kDigits[byte & 15];
        }
        return text;
    };
    EXPECT_EQ(hex(naiveMd5OfAsn(1)), "c4ca4238a0b923820dcc509a6f75849b");
    EXPECT_EQ(hex(naiveMd5OfAsn(2)), "c81e728d9d4c2f636f067f89cc14862c");

    // Victim 100 behind two providers 3 and 5, both customers of AS1.
    const AsGraph graph = GraphBuilder()
                              .providerOf(1, 3)
                              .providerOf(1, 5)
                              .providerOf(3, 100)
                              .providerOf(5, 100)
                              .build();
    const NodeIndex victim = *graph.nodeOf(100);
    const std::vector<bool> noRov(graph.nodeCount(), false);
    auto nextHopOfAs1 = [&](const TieBreak& tieBreak) {
        const auto result =
            NaiveBgpSimulator(graph, tieBreak, noRov).run({AttackType::None, victim});
        return result[*graph.nodeOf(1)].asPath.front();
    };
    EXPECT_EQ(nextHopOfAs1(TieBreak::lowestAsn()), 3u);
    const bool md5Prefers3 = hex(naiveMd5OfAsn(3)) > hex(naiveMd5OfAsn(5));
    EXPECT_EQ(nextHopOfAs1(TieBreak::md5()), md5Prefers3 ? 3u : 5u);
    for (std::uint64_t seed = 0; seed < 8; ++seed) {
        const bool randomPrefers3 = TieBreak::randomKey(seed, 3) < TieBreak::randomKey(seed, 5);
        EXPECT_EQ(nextHopOfAs1(TieBreak::random(seed)), randomPrefers3 ? 3u : 5u) << seed;
    }
}

// ---------------------------------------------------------------------------------------
// The randomized comparisons.

TEST(RandomTopology, IsDeterministicAndWithinBounds) {
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        const std::vector<AsLink> links = randomTopology(seed);
        EXPECT_EQ(links, randomTopology(seed));
        const AsGraph graph = AsGraph::fromLinks(links);  // throws on cycles or duplicates
        EXPECT_GE(graph.nodeCount(), 20u);
        EXPECT_LE(graph.nodeCount(), 150u);
        EXPECT_GE(graph.maxRank(), 2u);
        std::size_t withoutProvider = 0;
        for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
            withoutProvider += graph.providers(v).empty() ? 1 : 0;
        }
        EXPECT_GE(withoutProvider, 3u);
        EXPECT_LE(withoutProvider, 5u);
    }
}

TEST(Differential, EngineMatchesNaiveSimulator) {
    const auto start = std::chrono::steady_clock::now();
    std::size_t trials = 0, comparisons = 0, mismatches = 0, messages = 0;
    std::size_t hijacked = 0, disconnected = 0;
    RoutingOutcome routing;
    PropagationWorkspace workspace;
    for (std::uint64_t seed = 1; seed <= seedCount(); ++seed) {
        const Scenario scenario(seed);
        const AsGraph& graph = scenario.graph();
        const NaiveBgpSimulator naive(graph, scenario.tieBreak(), scenario.rovFlags());
        for (const Attack& attack : scenario.attacks()) {
            scenario.propagator().run(attack, routing, workspace);
            const std::vector<NaiveAsResult> expected = naive.run(attack);
            messages += naive.lastMessageCount();
            ++trials;
            int reported = 0;
            std::size_t trialMismatches = 0;
            for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
                ++comparisons;
                const Outcome engineOutcome = routing.outcome(v);
                const std::vector<Asn> enginePath = routing.asPath(v);
                hijacked += engineOutcome == Outcome::Attacker ? 1 : 0;
                disconnected += engineOutcome == Outcome::Disconnected ? 1 : 0;
                if (engineOutcome == expected[v].outcome && enginePath == expected[v].asPath) {
                    continue;
                }
                ++trialMismatches;
                if (reported++ < kMaxReportsPerTrial) {
                    ADD_FAILURE() << scenario.describe(attack) << "\n  AS" << graph.asnOf(v)
                                  << ": engine " << toString(engineOutcome) << " ["
                                  << joinAsns(enginePath) << "], naive "
                                  << toString(expected[v].outcome) << " ["
                                  << joinAsns(expected[v].asPath) << "]"
                                  << "\n  reproduce: " << scenario.reproduction(attack);
                }
            }
            mismatches += trialMismatches;
        }
    }
    std::cout << "[ differential ] " << seedCount() << " topologies, " << trials << " trials, "
              << comparisons << " AS comparisons (" << hijacked << " hijacked, " << disconnected
              << " disconnected), " << messages << " naive BGP messages, " << mismatches
              << " mismatches, " << secondsSince(start) << " s\n";
    EXPECT_EQ(mismatches, 0u);
}

TEST(Differential, DataPlaneTraceMatchesOutcome) {
    RoutingOutcome routing;
    PropagationWorkspace workspace;
    std::size_t checked = 0;
    for (std::uint64_t seed = 1; seed <= seedCount(); ++seed) {
        const Scenario scenario(seed);
        for (const Attack& attack : scenario.attacks()) {
            scenario.propagator().run(attack, routing, workspace);
            int reported = 0;
            for (NodeIndex v = 0; v < scenario.graph().nodeCount(); ++v) {
                ++checked;
                const ForwardingTrace trace = DataPlane::trace(routing, v);
                if (trace.outcome != routing.outcome(v) && reported++ < kMaxReportsPerTrial) {
                    ADD_FAILURE() << scenario.describe(attack) << "\n  AS"
                                  << scenario.graph().asnOf(v) << ": trace "
                                  << toString(trace.outcome) << ", routing.outcome "
                                  << toString(routing.outcome(v));
                }
            }
        }
    }
    EXPECT_GT(checked, 0u);
}

TEST(Differential, ExplainerAgreesWithChosenRoute) {
    RoutingOutcome routing;
    PropagationWorkspace workspace;
    std::size_t explained = 0;
    std::size_t terminalsExplained = 0;
    for (std::uint64_t seed = 1; seed <= seedCount(); ++seed) {
        const Scenario scenario(seed);
        const AsGraph& graph = scenario.graph();
        const DecisionExplainer explainer(scenario.rov());
        for (const Attack& attack : scenario.attacks()) {
            scenario.propagator().run(attack, routing, workspace);
            int reported = 0;
            auto report = [&](NodeIndex v, const std::string& what) {
                if (reported++ < kMaxReportsPerTrial) {
                    ADD_FAILURE() << scenario.describe(attack) << "\n  AS" << graph.asnOf(v) << ": "
                                  << what;
                }
            };
            for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
                // The victim and the attacker deliver traffic in their own AS; their
                // explanation is their own announcement, even when the victim also holds
                // the attacker's sub-prefix route.
                if (v == attack.victim || (attack.hasAttacker() && v == attack.attacker)) {
                    ++terminalsExplained;
                    const RouteExplanation own = explainer.explain(routing, v);
                    if (own.step != DecisionStep::Origin) {
                        report(v, "the victim or attacker is explained by step " +
                                      std::string(toString(own.step)) + ", not origin");
                    }
                    continue;
                }
                const std::optional<PrefixSlot> slot = routing.forwardingSlot(v);
                if (!slot || routing.originates(v, *slot)) {
                    continue;
                }
                ++explained;
                const RouteExplanation explanation = explainer.explain(routing, v);
                if (explanation.slot != slot) {
                    report(v, "explanation is for another prefix than the one forwarded on");
                    continue;
                }
                if (explanation.candidates.empty()) {
                    report(v, "no candidates although the AS holds a route");
                    continue;
                }
                const CandidateRoute& best = explanation.candidates.front();
                const std::optional<NodeIndex> nextHop = routing.nextHop(v, *slot);
                if (!nextHop || best.neighbour != *nextHop) {
                    report(v, "best candidate via AS" +
                                  std::to_string(graph.asnOf(best.neighbour)) + ", next hop AS" +
                                  (nextHop ? std::to_string(graph.asnOf(*nextHop)) : "none"));
                }
                if (best.leadsTo != routing.outcome(v)) {
                    report(v, "best candidate leads to " + std::string(toString(best.leadsTo)) +
                                  ", outcome " + std::string(toString(routing.outcome(v))));
                }
            }
        }
    }
    EXPECT_GT(explained, 0u);
    EXPECT_GT(terminalsExplained, 0u);
}

}  // namespace
}  // namespace mpicsim::test
