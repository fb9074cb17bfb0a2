// Source weights (DESIGN.md: "the means over victims and over sources are then weighted") and
// duplicate ASNs in typed lists; to add once the ResilienceCalculator/ResilienceCommand patch is
// in.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>

#include "ResilienceCommand.hpp"
#include "mpicsim/experiment/IndependentRoutes.hpp"
#include "mpicsim/experiment/ResilienceCalculator.hpp"
#include "support/RandomTopology.hpp"

namespace mpicsim {
namespace {

// beta by its definition from IndependentRoutes (itself checked against exhaustive path search
// in IndependentPathEnumerationTest), each (v, a) pair weighted by the source's weight.
double weightedMean(const AsGraph& graph, NodeIndex victim, const std::vector<NodeIndex>& sources,
                    const std::vector<double>& weights, const std::vector<NodeIndex>& adversaries) {
    IndependentRoutes toVictim(graph);
    IndependentRoutes toAdversary(graph);
    toVictim.run(victim);
    double sum = 0;
    double total = 0;
    for (NodeIndex a : adversaries) {
        if (a == victim) {
            continue;
        }
        toAdversary.run(a);
        for (std::size_t s = 0; s < sources.size(); ++s) {
            const NodeIndex v = sources[s];
            if (v == victim || v == a || (!toVictim.hasRoute(v) && !toAdversary.hasRoute(v))) {
                continue;
            }
            double beta = 0;
            const auto kt = toVictim.preferenceKey(v);
            const auto ka = toAdversary.preferenceKey(v);
            if (kt < ka) {
                beta = 1;
            } else if (kt == ka) {
                beta = toVictim.pathCount(v) / (toVictim.pathCount(v) + toAdversary.pathCount(v));
            }
            sum += weights[s] * beta;
            total += weights[s];
        }
    }
    return total > 0 ? sum / total : 0.0;
}

TEST(ResilienceSourceWeights, WeightedMeanOverSourcesMatchesTheDefinition) {
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        const AsGraph graph = AsGraph::fromLinks(test::randomTopology(seed));
        std::mt19937_64 rng(seed);
        std::vector<NodeIndex> all(graph.nodeCount());
        std::iota(all.begin(), all.end(), NodeIndex{0});
        std::vector<NodeIndex> sources;
        std::vector<double> weights;
        for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
            if (rng() % 2 == 0) {
                sources.push_back(v);
                weights.push_back(static_cast<double>(rng() % 5));  // zero weights too
            }
        }
        std::vector<NodeIndex> victims(all.begin(), all.begin() + 8);
        const ResilienceCalculator calculator(graph, sources, all, weights);
        for (const auto& result : calculator.compute(victims)) {
            EXPECT_NEAR(result.resilience,
                        weightedMean(graph, result.victim, sources, weights, all), 1e-12)
                << "seed " << seed;
        }
    }
}

TEST(ResilienceSourceWeights, RejectsDuplicatesAndMismatchedWeights) {
    const AsGraph graph = AsGraph::fromLinks(test::randomTopology(std::uint64_t{3}));
    EXPECT_THROW(ResilienceCalculator(graph, {0, 1, 0}, {2}), std::invalid_argument);
    EXPECT_THROW(ResilienceCalculator(graph, {0}, {2, 2}), std::invalid_argument);
    EXPECT_THROW(ResilienceCalculator(graph, {0, 1}, {2}, {1.0}), std::invalid_argument);
}

class SourceWeightsCli : public ::testing::Test {
  protected:
    SourceWeightsCli() {
        directory_ = std::filesystem::temp_directory_path() /
                     ("mpicsim-source-weights-" + std::to_string(::getpid()));
        std::filesystem::create_directories(directory_);
        topology_ = write("t.txt",
                          "1|2|0\n1|3|-1\n1|4|-1\n2|5|-1\n3|9|-1\n3|6|-1\n4|6|-1\n5|7|-1\n"
                          "6|8|-1\n10|11|-1\n");
    }
    ~SourceWeightsCli() override { std::filesystem::remove_all(directory_); }
    std::string write(const std::string& name, const std::string& text) {
        const std::string file = (directory_ / name).string();
        std::ofstream(file) << text;
        return file;
    }
    std::string run(const std::vector<std::string>& arguments) {
        std::ostringstream out;
        std::ostringstream err;
        EXPECT_EQ(cli::ResilienceCommand::run(arguments, out, err), 0) << err.str();
        return out.str();
    }
    std::filesystem::path directory_;
    std::string topology_;
};

// The resilience column of the first row.
double firstResilience(const std::string& csv) {
    const std::size_t row = csv.find('\n') + 1;
    const std::size_t comma = csv.find(',', row);
    return std::stod(csv.substr(comma + 1));
}

TEST_F(SourceWeightsCli, SourceWeightFileWeightsTheMeanOverSources) {
    // Weight 0 on sources 2 and 10 leaves sources 1 and 8; weight 3 on 8 counts it thrice.
    const std::string zero = write("zero.json", R"({"1": 1, "8": 1, "2": 0, "10": 0})");
    EXPECT_DOUBLE_EQ(
        firstResilience(run({"--topology", topology_, "--victims", "6", "--sources", "@" + zero})),
        firstResilience(run({"--topology", topology_, "--victims", "6", "--sources", "1,8"})));
    const std::string three = write("three.csv", "asn,weight\n1,1\n8,3\n");
    const double r1 =
        firstResilience(run({"--topology", topology_, "--victims", "6", "--sources", "1"}));
    const double r8 =
        firstResilience(run({"--topology", topology_, "--victims", "6", "--sources", "8"}));
    // Both sources count 9 pairs (all ASes but 6 and themselves; 10 and 11, unreachable, give 1).
    EXPECT_NEAR(
        firstResilience(run({"--topology", topology_, "--victims", "6", "--sources", "@" + three})),
        (r1 + 3 * r8) / 4, 1e-6);
}

TEST_F(SourceWeightsCli, DuplicateTypedAsnsCountOnce) {
    EXPECT_EQ(run({"--topology", topology_, "--victims", "6,6,11", "--sources", "1,8,1"}),
              run({"--topology", topology_, "--victims", "6,11", "--sources", "1,8"}));
}

}  // namespace
}  // namespace mpicsim
