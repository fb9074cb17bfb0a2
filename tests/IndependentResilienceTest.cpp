// The independent semantics: path counts against a brute-force search over AS paths, resilience
// by its definition, and `mpicsim resilience`.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "ResilienceCommand.hpp"
#include "mpicsim/experiment/IndependentRoutes.hpp"
#include "mpicsim/experiment/ResilienceCalculator.hpp"
#include "mpicsim/io/AsnWeightReader.hpp"
#include "mpicsim/io/InputError.hpp"
#include "support/GraphBuilder.hpp"
#include "support/SharedData.hpp"

namespace mpicsim {
namespace {

// Small random hierarchies: 3 tier-1s in a clique, then ASes that each buy from 1-3 earlier
// ASes, and random peering among non-tier-1 ASes.
std::vector<AsLink> smallTopology(std::uint64_t seed) {
    std::mt19937_64 random(seed);
    const int n = 8 + static_cast<int>(random() % 14);
    std::vector<AsLink> links;
    std::set<std::pair<int, int>> linked;
    auto link = [&](int a, int b, LinkType type) {
        if (a != b && linked.insert({std::min(a, b), std::max(a, b)}).second) {
            links.push_back(
                {static_cast<Asn>(a + 1), static_cast<Asn>(b + 1), type, LinkSource::Bgp});
        }
    };
    for (int a = 0; a < 3; ++a) {
        for (int b = a + 1; b < 3; ++b) {
            link(a, b, LinkType::PeerToPeer);
        }
    }
    for (int v = 3; v < n; ++v) {
        const int providers = 1 + static_cast<int>(random() % 3);
        for (int k = 0; k < providers; ++k) {
            link(static_cast<int>(random() % v), v, LinkType::ProviderToCustomer);
        }
    }
    for (int k = 0; k < n / 2; ++k) {
        link(3 + static_cast<int>(random() % (n - 3)), 3 + static_cast<int>(random() % (n - 3)),
             LinkType::PeerToPeer);
    }
    return links;
}

// Brute force: every AS keeps the set of its equally most-preferred AS paths; each round it
// rebuilds the set from what its neighbours export (own and customer routes to everyone, the
// rest only to customers), skipping paths through itself, until nothing changes.
struct BruteForce {
    std::vector<int> routeClass;  // -1 none
    std::vector<std::set<std::vector<NodeIndex>>> paths;

    BruteForce(const AsGraph& graph, NodeIndex origin) {
        const std::size_t n = graph.nodeCount();
        routeClass.assign(n, -1);
        paths.assign(n, {});
        routeClass[origin] = 0;
        paths[origin] = {{origin}};
        for (bool changed = true; changed;) {
            changed = false;
            for (NodeIndex v = 0; v < n; ++v) {
                if (v == origin) {
                    continue;
                }
                int bestClass = 99;
                std::size_t bestLength = ~std::size_t{0};
                std::set<std::vector<NodeIndex>> best;
                auto offer = [&](NodeIndex u, int received, bool toCustomer) {
                    if (routeClass[u] < 0 || (!toCustomer && routeClass[u] > 1)) {
                        return;
                    }
                    for (const auto& path : paths[u]) {
                        if (std::find(path.begin(), path.end(), v) != path.end()) {
                            continue;
                        }
                        if (std::make_pair(received, path.size()) <
                            std::make_pair(bestClass, bestLength)) {
                            bestClass = received;
                            bestLength = path.size();
                            best.clear();
                        }
                        if (received == bestClass && path.size() == bestLength) {
                            std::vector<NodeIndex> extended = {v};
                            extended.insert(extended.end(), path.begin(), path.end());
                            best.insert(extended);
                        }
                    }
                };
                for (NodeIndex u : graph.customers(v))
                    offer(u, 1, false);
                for (NodeIndex u : graph.peers(v))
                    offer(u, 2, false);
                for (NodeIndex u : graph.providers(v))
                    offer(u, 3, true);
                const int newClass = best.empty() ? -1 : bestClass;
                if (newClass != routeClass[v] || best != paths[v]) {
                    routeClass[v] = newClass;
                    paths[v] = best;
                    changed = true;
                }
            }
        }
    }
    std::pair<int, std::size_t> preference(NodeIndex v) const {
        return {routeClass[v], paths[v].empty() ? 0 : paths[v].begin()->size() - 1};
    }
};

TEST(IndependentRoutes, MatchesBruteForcePathCounts) {
    std::size_t compared = 0;
    for (std::uint64_t seed = 1; seed <= 120; ++seed) {
        const AsGraph graph = AsGraph::fromLinks(smallTopology(seed));
        IndependentRoutes routes(graph);
        for (NodeIndex origin = 0; origin < graph.nodeCount(); ++origin) {
            routes.run(origin);
            const BruteForce brute(graph, origin);
            for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
                ASSERT_EQ(routes.hasRoute(v), brute.routeClass[v] >= 0)
                    << "seed " << seed << " origin AS" << graph.asnOf(origin) << " at AS"
                    << graph.asnOf(v);
                if (!routes.hasRoute(v)) {
                    continue;
                }
                const auto [cls, length] = brute.preference(v);
                ASSERT_EQ(static_cast<int>(routes.routeClass(v)), cls) << "seed " << seed;
                ASSERT_EQ(routes.pathLength(v), length) << "seed " << seed;
                ASSERT_EQ(routes.pathCount(v), static_cast<double>(brute.paths[v].size()))
                    << "seed " << seed << " origin AS" << graph.asnOf(origin) << " at AS"
                    << graph.asnOf(v);
                ++compared;
            }
        }
    }
    EXPECT_GT(compared, 10000u);
}

double bruteResilience(const AsGraph& graph, NodeIndex victim,
                       const std::vector<NodeIndex>& sources,
                       const std::vector<NodeIndex>& adversaries) {
    const BruteForce toVictim(graph, victim);
    double sum = 0;
    double pairs = 0;
    for (NodeIndex a : adversaries) {
        if (a == victim) {
            continue;
        }
        const BruteForce toAdversary(graph, a);
        for (NodeIndex v : sources) {
            if (v == victim || v == a) {
                continue;
            }
            const bool reachesVictim = toVictim.routeClass[v] >= 0;
            const bool reachesAdversary = toAdversary.routeClass[v] >= 0;
            if (!reachesVictim && !reachesAdversary) {
                continue;
            }
            pairs += 1;
            if (!reachesAdversary) {
                sum += 1;
            } else if (reachesVictim) {
                const auto t = toVictim.preference(v);
                const auto x = toAdversary.preference(v);
                if (t < x) {
                    sum += 1;
                } else if (t == x) {
                    const double pt = static_cast<double>(toVictim.paths[v].size());
                    const double pa = static_cast<double>(toAdversary.paths[v].size());
                    sum += pt / (pt + pa);
                }
            }
        }
    }
    return pairs > 0 ? sum / pairs : 0.0;
}

TEST(ResilienceCalculator, MatchesTheDefinitionOnRandomGraphs) {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        const AsGraph graph = AsGraph::fromLinks(smallTopology(seed));
        std::vector<NodeIndex> all(graph.nodeCount());
        std::iota(all.begin(), all.end(), NodeIndex{0});
        std::vector<NodeIndex> half;
        for (NodeIndex v = 0; v < graph.nodeCount(); v += 2) {
            half.push_back(v);
        }
        for (const auto& [sources, adversaries] :
             {std::pair{all, all}, std::pair{half, all}, std::pair{all, half}}) {
            const ResilienceCalculator calculator(graph, sources, adversaries);
            const auto results = calculator.compute(all);
            for (const auto& result : results) {
                EXPECT_NEAR(result.resilience,
                            bruteResilience(graph, result.victim, sources, adversaries), 1e-12)
                    << "seed " << seed << " victim AS" << graph.asnOf(result.victim);
            }
        }
    }
}

// Hand-worked: 1 provides transit to 2 and 3; 2 and 3 both provide transit to 4 and peer with
// each other; 5 is a customer of 4.
//        1
//       / \  .
//      2 - 3
//       \ /
//        4
//        |
//        5
// To origin 1: 2 and 3 have provider routes of length 1 (count 1); 4 has two provider routes of
// length 2 (via 2 and via 3, count 2); 5 one provider route of length 3 through 4 (count 2).
// To origin 4: 2 and 3 customer routes (count 1 each); 1 two customer routes of length 2.
// Victim 4, source 1, adversary 5: 1 reaches 4 by customer routes of length 2 (count 2) and 5
// by customer routes of length 3 (count 2): the route to the victim is shorter, beta = 1.
// Victim 1, source 5, adversary 4: 5's route to 4 is a provider route of length 1, to 1 a
// provider route of length 3: beta = 0.
TEST(ResilienceCalculator, HandWorked) {
    const AsGraph graph = test::GraphBuilder()
                              .providerOf(1, 2)
                              .providerOf(1, 3)
                              .peers(2, 3)
                              .providerOf(2, 4)
                              .providerOf(3, 4)
                              .providerOf(4, 5)
                              .build();
    auto node = [&](Asn asn) { return *graph.nodeOf(asn); };
    IndependentRoutes routes(graph);
    routes.run(node(1));
    EXPECT_EQ(routes.pathCount(node(4)), 2);
    EXPECT_EQ(routes.pathLength(node(4)), 2u);
    EXPECT_EQ(routes.routeClass(node(4)), RouteClass::Provider);
    EXPECT_EQ(routes.pathCount(node(5)), 2);
    routes.run(node(4));
    EXPECT_EQ(routes.routeClass(node(1)), RouteClass::Customer);
    EXPECT_EQ(routes.pathCount(node(1)), 2);
    EXPECT_EQ(ResilienceCalculator(graph, {node(1)}, {node(5)}).compute({node(4)})[0].resilience,
              1.0);
    EXPECT_EQ(ResilienceCalculator(graph, {node(5)}, {node(4)}).compute({node(1)})[0].resilience,
              0.0);
}

class ResilienceCli : public ::testing::Test {
  protected:
    ResilienceCli() {
        directory = std::filesystem::temp_directory_path() /
                    ("mpicsim-resilience-" + std::to_string(::getpid()));
        std::filesystem::create_directories(directory);
        topology = (directory / "t.txt").string();
        std::ofstream(topology) << "1|2|-1\n1|3|-1\n2|3|0\n2|4|-1\n3|4|-1\n4|5|-1\n";
    }
    ~ResilienceCli() override {
        std::error_code ignored;
        std::filesystem::remove_all(directory, ignored);
    }
    int run(std::vector<std::string> arguments, std::string& out, std::string& err) {
        std::ostringstream o;
        std::ostringstream e;
        const int status = cli::ResilienceCommand::run(arguments, o, e);
        out = o.str();
        err = e.str();
        return status;
    }
    std::filesystem::path directory;
    std::string topology;
};

TEST_F(ResilienceCli, CsvWithWeightedSummary) {
    const std::string weights = (directory / "w.json").string();
    std::ofstream(weights) << R"({"4": 3, "1": 1, "99": 5})";
    std::string out;
    std::string err;
    ASSERT_EQ(run({"--topology", topology, "--victims", "@" + weights}, out, err), 0) << err;
    EXPECT_NE(err.find("1 AS(es)"), std::string::npos) << err;
    EXPECT_NE(err.find("total weight 5"), std::string::npos) << err;
    std::istringstream lines(out);
    std::string header;
    std::getline(lines, header);
    EXPECT_EQ(header, "victim,resilience,sources,adversaries");
    std::map<std::string, double> values;
    std::string line;
    std::string summary;
    while (std::getline(lines, line)) {
        if (line.starts_with("summary,")) {
            summary = line;
            continue;
        }
        const auto comma = line.find(',');
        values[line.substr(0, comma)] = std::stod(line.substr(comma + 1));
        EXPECT_NE(line.find(",4,4"), std::string::npos) << line;  // 5 ASes minus the victim
    }
    const AsGraph graph = AsGraph::fromLinks(test::GraphBuilder()
                                                 .providerOf(1, 2)
                                                 .providerOf(1, 3)
                                                 .peers(2, 3)
                                                 .providerOf(2, 4)
                                                 .providerOf(3, 4)
                                                 .providerOf(4, 5)
                                                 .links());
    std::vector<NodeIndex> all(5);
    std::iota(all.begin(), all.end(), NodeIndex{0});
    const double r4 = bruteResilience(graph, *graph.nodeOf(4), all, all);
    const double r1 = bruteResilience(graph, *graph.nodeOf(1), all, all);
    EXPECT_NEAR(values["4"], r4, 1e-6);
    EXPECT_NEAR(values["1"], r1, 1e-6);
    ASSERT_FALSE(summary.empty());
    EXPECT_TRUE(summary.ends_with(",,"));
    EXPECT_NEAR(std::stod(summary.substr(8)), (3 * r4 + 1 * r1) / 4, 1e-6);
}

TEST_F(ResilienceCli, ErrorsAndOptions) {
    std::string out;
    std::string err;
    EXPECT_EQ(run({"--topology", topology, "--victims", "4,99"}, out, err), 2);
    EXPECT_NE(err.find("AS99"), std::string::npos);
    EXPECT_EQ(run({"--topology", topology}, out, err), 2);
    EXPECT_EQ(run({"--topology", topology, "--victims", "4", "--sources", "x:1"}, out, err), 2);
    ASSERT_EQ(run({"--topology", topology, "--victims", "4", "--sources", "3:7", "--adversaries",
                   "2:1", "--format", "json"},
                  out, err),
              0)
        << err;
    EXPECT_NE(out.find("\"semantics\": \"independent\""), std::string::npos);
    const std::string csvWeights = (directory / "w.csv").string();
    std::ofstream(csvWeights) << "asn,weight\n4,2\n5,x\n";
    EXPECT_EQ(run({"--topology", topology, "--victims", "@" + csvWeights}, out, err), 2);
    EXPECT_NE(err.find("w.csv:3"), std::string::npos) << err;
}

TEST(AsnWeightReader, JsonAndCsv) {
    const auto json = AsnWeightReader::parse(R"({"13335": 10, "AS174": 2.5})", "w.json");
    ASSERT_EQ(json.size(), 2u);
    EXPECT_EQ(json[1].first, 174u);
    EXPECT_DOUBLE_EQ(json[1].second, 2.5);
    const auto csv = AsnWeightReader::parse("asn,weight\n# comment\n13335,10\n174, 2\n", "w.csv");
    ASSERT_EQ(csv.size(), 2u);
    EXPECT_THROW(AsnWeightReader::parse(R"({"x": 1})", "w.json"), InputError);
    EXPECT_THROW(AsnWeightReader::parse(R"({"1": -1})", "w.json"), InputError);
    EXPECT_THROW(AsnWeightReader::parse("1,2\n1,3\n", "w.csv"), InputError);
    try {
        AsnWeightReader::parse("1,2\n2\n", "w.csv");
        FAIL();
    } catch (const InputError& error) {
        EXPECT_EQ(error.line(), 2u);
    }
}

TEST(AsnWeightReader, SharedDomainWeightsLoad) {
    const auto path = test::sharedTopology("domain_weights/as-weights-2018.json");
    MPICSIM_REQUIRE_SHARED_FILE(path);
    const auto weights = AsnWeightReader::readFile(path);
    EXPECT_EQ(weights.size(), 12975u);
    double total = 0;
    for (const auto& [asn, weight] : weights) {
        total += weight;
    }
    EXPECT_DOUBLE_EQ(total, 1836353.0);
}

}  // namespace
}  // namespace mpicsim
