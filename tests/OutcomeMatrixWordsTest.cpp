// The outcome matrix built in blocks of 64-unit words (as the ranks of `mpicsim optimize` under
// mpirun build it, each block on its own) and put in place equals the whole build, on random
// topologies with random perspectives.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

#include "mpicsim/experiment/OutcomeMatrixBuilder.hpp"
#include "mpicsim/experiment/PerspectiveCandidatePropagation.hpp"
#include "support/RandomTopology.hpp"

namespace mpicsim {
namespace {

using Blocks = std::vector<std::pair<std::uint64_t, std::uint64_t>>;

// 12 sampled victims x 12 sampled adversaries (pairs of two different ASes) x 2 attacks: some
// 280 units, W words a plane (5 for 257 to 320 units), the last one only partly filled. The
// blocks: the whole range; the last word, then the rest in three blocks, one empty; every word on
// its own, last first.
TEST(OutcomeMatrixWords, BlocksPutInPlaceInAnyOrderGiveTheWholeBuild) {
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        std::mt19937_64 rng(seed);
        const AsGraph graph = AsGraph::fromLinks(test::randomTopology(rng));
        Scenario scenario;
        scenario.seed = seed;
        scenario.attacks = {AttackType::EquallySpecific, AttackType::Subprefix};
        scenario.prefixLengths = {22};
        scenario.rovSettings = {RovSetting{}};
        scenario.victims.kind = AsSelection::Kind::Sample;
        scenario.victims.sampleSize = 12;
        scenario.adversaries.kind = AsSelection::Kind::Sample;
        scenario.adversaries.sampleSize = 12;
        const TrialPlan plan(graph, scenario);
        const std::uint64_t units = plan.unitCount();
        const std::uint64_t words = OutcomeMatrixBuilder::wordCount(plan);
        ASSERT_EQ(words, (units + 63) / 64);
        ASSERT_GE(words, 4u);
        ASSERT_NE(units % 64, 0u) << "the last word should be partly filled";

        std::vector<PlacedPerspective> placed;
        std::vector<OutcomeMatrix::Candidate> candidates;
        for (int i = 0; i < 7; ++i) {
            Perspective perspective;
            perspective.id = "c" + std::to_string(i);
            perspective.hostAsn = graph.asnOf(static_cast<NodeIndex>(rng() % graph.nodeCount()));
            placed.emplace_back(graph, perspective);
            candidates.push_back({perspective.id, perspective.hostAsn, perspective.rir, ""});
        }
        const PerspectiveCandidatePropagation propagation(graph, scenario.tieBreak,
                                                          plan.rovDeployments(), placed);
        const OutcomeMatrix whole =
            OutcomeMatrixBuilder::build(graph, scenario, plan, candidates, propagation, 2);
        // Some outcome is "adversary" and some "victim", or the comparison would mean little.
        bool attacker = false;
        bool victim = false;
        for (std::size_t u = 0; u < whole.unitCount(); ++u) {
            for (std::size_t c = 0; c < candidates.size(); ++c) {
                attacker = attacker || whole.outcome(u, c) == Outcome::Attacker;
                victim = victim || whole.outcome(u, c) == Outcome::Victim;
            }
        }
        ASSERT_TRUE(attacker && victim) << "seed " << seed;

        Blocks oneByOne;
        for (std::uint64_t word = words; word-- > 0;) {
            oneByOne.emplace_back(word, word + 1);
        }
        for (const Blocks& blocks :
             {Blocks{{0, words}}, Blocks{{words - 1, words}, {0, 2}, {2, 2}, {2, words - 1}},
              oneByOne}) {
            OutcomeMatrix assembled =
                OutcomeMatrixBuilder::blank(graph, scenario, plan, candidates);
            for (const auto& [first, end] : blocks) {
                const OutcomeMatrix block = OutcomeMatrixBuilder::buildWords(
                    graph, scenario, plan, candidates, propagation, first, end, 1 + end % 3);
                ASSERT_EQ(block.unitCount(), std::min<std::uint64_t>(units, end * 64) - first * 64);
                for (std::size_t u = 0; u < block.unitCount(); ++u) {
                    ASSERT_EQ(block.units()[u].victim, whole.units()[first * 64 + u].victim);
                    ASSERT_EQ(block.units()[u].adversary, whole.units()[first * 64 + u].adversary);
                    ASSERT_EQ(block.units()[u].attack, whole.units()[first * 64 + u].attack);
                }
                assembled.setWords(first, block.planeWords());
            }
            ASSERT_EQ(assembled.planeWords().size(), whole.planeWords().size());
            EXPECT_TRUE(std::equal(whole.planeWords().begin(), whole.planeWords().end(),
                                   assembled.planeWords().begin()))
                << "seed " << seed << ", blocks from " << blocks.front().first;
        }

        // A range past the last word, and words that do not fit where they are put, are refused.
        EXPECT_THROW(OutcomeMatrixBuilder::buildWords(graph, scenario, plan, candidates,
                                                      propagation, words - 1, words + 1, 1),
                     std::out_of_range);
        OutcomeMatrix assembled = OutcomeMatrixBuilder::blank(graph, scenario, plan, candidates);
        const OutcomeMatrix two = OutcomeMatrixBuilder::buildWords(
            graph, scenario, plan, candidates, propagation, 0, 2, 1);
        EXPECT_THROW(assembled.setWords(words - 1, two.planeWords()), std::invalid_argument);
        EXPECT_THROW(assembled.setWords(0, std::vector<std::uint64_t>(3)), std::invalid_argument);
    }
}

}  // namespace
}  // namespace mpicsim
