// The independent semantics checked by exhaustive search: every simple valley-free AS path of
// small random graphs is enumerated, the equally most-preferred ones are picked out by the
// definition of a stable route choice (not by the three propagation phases), and the path counts,
// preferences and resilience values of IndependentRoutes and ResilienceCalculator must agree
// with them exactly. Also: the Propagator's single chosen route must be one of those paths, a
// hand-worked graph, and more `mpicsim resilience` cases.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ResilienceCommand.hpp"
#include "mpicsim/experiment/IndependentRoutes.hpp"
#include "mpicsim/experiment/ResilienceCalculator.hpp"
#include "mpicsim/io/AsnWeightReader.hpp"
#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/routing/Propagator.hpp"
#include "mpicsim/routing/RouteKey.hpp"
#include "mpicsim/routing/RovDeployment.hpp"
#include "mpicsim/routing/TieBreakRanking.hpp"
#include "support/GraphBuilder.hpp"
#include "support/RandomTopology.hpp"
#include "support/SharedData.hpp"

namespace mpicsim {
namespace {

using Path = std::vector<NodeIndex>;             // from the AS that holds the route to the origin
using Preference = std::pair<int, std::size_t>;  // (RouteClass, links in the path)

// A 10-25 AS piece of test::randomTopology: grown breadth-first over links of any kind from a
// random AS. Every third piece then loses about a fifth of its links (keeping at least 10 ASes
// linked), so that some ASes reach only one origin or none.
std::vector<AsLink> randomTopologyPiece(std::mt19937_64& rng, bool fragment) {
    const std::vector<AsLink> all = test::randomTopology(rng);
    const std::size_t target = std::uniform_int_distribution<std::size_t>(10, 25)(rng);
    std::map<Asn, std::vector<Asn>> neighbours;
    for (const AsLink& link : all) {
        neighbours[link.first].push_back(link.second);
        neighbours[link.second].push_back(link.first);
    }
    auto start = neighbours.begin();
    std::advance(start, static_cast<std::ptrdiff_t>(rng() % neighbours.size()));
    std::set<Asn> kept = {start->first};
    std::vector<Asn> queue = {start->first};
    for (std::size_t head = 0; head < queue.size() && kept.size() < target; ++head) {
        for (Asn next : neighbours[queue[head]]) {
            if (kept.size() < target && kept.insert(next).second) {
                queue.push_back(next);
            }
        }
    }
    std::vector<AsLink> links;
    for (const AsLink& link : all) {
        if (kept.contains(link.first) && kept.contains(link.second)) {
            links.push_back(link);
        }
    }
    if (fragment) {
        std::vector<AsLink> fewer;
        std::set<Asn> linked;
        for (const AsLink& link : links) {
            if (rng() % 5 != 0) {
                fewer.push_back(link);
                linked.insert(link.first);
                linked.insert(link.second);
            }
        }
        if (linked.size() >= 10) {
            return fewer;
        }
    }
    return links;
}

// Deeper hierarchies than randomTopology makes at this size: 10-25 ASes, each but the first
// buying transit from 1-2 random earlier ASes, plus random peering anywhere (also between an AS
// and its indirect customer). Long customer chains make an AS prefer a long customer route over
// a short peer route, so its customers' best paths are not the shortest valley-free ones.
std::vector<AsLink> deepRandomTopology(std::mt19937_64& rng) {
    const int n = std::uniform_int_distribution<int>(10, 25)(rng);
    std::vector<AsLink> links;
    std::set<std::pair<int, int>> linked;
    auto link = [&](int a, int b, LinkType type) {
        if (a != b && linked.insert({std::min(a, b), std::max(a, b)}).second) {
            links.push_back({static_cast<Asn>(100 + 37 * a), static_cast<Asn>(100 + 37 * b), type});
        }
    };
    for (int v = 1; v < n; ++v) {
        const int providers = 1 + static_cast<int>(rng() % 2);
        for (int k = 0; k < providers; ++k) {
            link(static_cast<int>(rng() % static_cast<std::uint64_t>(v)), v,
                 LinkType::ProviderToCustomer);
        }
    }
    for (int k = 0; k < n / 2; ++k) {
        link(static_cast<int>(rng() % static_cast<std::uint64_t>(n)),
             static_cast<int>(rng() % static_cast<std::uint64_t>(n)), LinkType::PeerToPeer);
    }
    return links;
}

std::vector<AsLink> smallRandomTopology(std::uint64_t seed) {
    std::mt19937_64 rng(seed * 7919 + 11);
    if (seed % 4 == 0) {
        return deepRandomTopology(rng);
    }
    return randomTopologyPiece(rng, seed % 3 == 0);
}

// Every simple valley-free path of a graph, by depth-first search from each AS: some links up to
// providers, at most one peer link, then links down to customers only.
class ValleyFreePaths {
  public:
    explicit ValleyFreePaths(const AsGraph& graph)
        : byStartAndEnd_(graph.nodeCount(), std::vector<std::vector<Path>>(graph.nodeCount())) {
        for (NodeIndex start = 0; start < graph.nodeCount(); ++start) {
            Path path = {start};
            std::vector<bool> onPath(graph.nodeCount(), false);
            onPath[start] = true;
            search(graph, path, onPath, /*descending=*/false);
        }
    }
    // All simple valley-free paths from `start` to `end`.
    const std::vector<Path>& paths(NodeIndex start, NodeIndex end) const {
        return byStartAndEnd_[start][end];
    }
    std::size_t total() const {
        std::size_t count = 0;
        for (const auto& row : byStartAndEnd_) {
            for (const auto& paths : row) {
                count += paths.size();
            }
        }
        return count;
    }

  private:
    void search(const AsGraph& graph, Path& path, std::vector<bool>& onPath, bool descending) {
        byStartAndEnd_[path.front()][path.back()].push_back(path);
        auto step = [&](NodeIndex next, bool nowDescending) {
            if (onPath[next]) {
                return;
            }
            onPath[next] = true;
            path.push_back(next);
            search(graph, path, onPath, nowDescending);
            path.pop_back();
            onPath[next] = false;
        };
        const NodeIndex last = path.back();
        if (!descending) {
            for (NodeIndex provider : graph.providers(last)) {
                step(provider, false);
            }
            for (NodeIndex peer : graph.peers(last)) {
                step(peer, true);
            }
        }
        for (NodeIndex customer : graph.customers(last)) {
            step(customer, true);
        }
    }

    std::vector<std::vector<std::vector<Path>>> byStartAndEnd_;
};

// The class of route an AS holds for a path: how it is linked to the path's second AS.
int classOf(const AsGraph& graph, const Path& path) {
    if (path.size() == 1) {
        return static_cast<int>(RouteClass::Origin);
    }
    auto contains = [](std::span<const NodeIndex> list, NodeIndex node) {
        return std::find(list.begin(), list.end(), node) != list.end();
    };
    if (contains(graph.customers(path[0]), path[1])) {
        return static_cast<int>(RouteClass::Customer);
    }
    if (contains(graph.peers(path[0]), path[1])) {
        return static_cast<int>(RouteClass::Peer);
    }
    return static_cast<int>(RouteClass::Provider);
}

// The equally most-preferred paths of every AS to one origin, by the definition of a stable
// choice: an AS can use a valley-free path only when the next AS on it has chosen the rest of
// the path (so the next AS holds it and, the path being valley-free, may export it), and it
// chooses every usable path of the best (class, length). Valley-freedom is exactly the export
// rule: customer and own routes go to everyone, peer and provider routes only to customers.
// Resolved by memoised recursion; a cycle in the recursion would be a dispute wheel, which the
// customer > peer > provider preference rules out, and is reported as an error.
class ChosenPaths {
  public:
    ChosenPaths(const AsGraph& graph, const ValleyFreePaths& all, NodeIndex origin)
        : graph_(graph),
          all_(all),
          origin_(origin),
          state_(graph.nodeCount(), State::Open),
          best_(graph.nodeCount()),
          chosen_(graph.nodeCount()) {
        for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
            resolve(v);
        }
    }

    bool hasRoute(NodeIndex v) const { return !chosen_[v].empty(); }
    Preference preference(NodeIndex v) const { return best_[v]; }
    double count(NodeIndex v) const { return static_cast<double>(chosen_[v].size()); }
    const std::set<Path>& chosen(NodeIndex v) const { return chosen_[v]; }

  private:
    enum class State { Open, Resolving, Done };

    void resolve(NodeIndex v) {
        if (state_[v] == State::Done) {
            return;
        }
        if (state_[v] == State::Resolving) {
            throw std::logic_error("cyclic route dependency (a dispute wheel)");
        }
        state_[v] = State::Resolving;
        std::vector<std::pair<Preference, const Path*>> candidates;
        for (const Path& path : all_.paths(v, origin_)) {
            candidates.push_back({{classOf(graph_, path), path.size() - 1}, &path});
        }
        std::sort(candidates.begin(), candidates.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        // In order of preference: the first usable path sets the best; keep its equals.
        for (const auto& [preference, path] : candidates) {
            if (!chosen_[v].empty() && preference != best_[v]) {
                break;
            }
            if (usable(*path)) {
                best_[v] = preference;
                chosen_[v].insert(*path);
            }
        }
        state_[v] = State::Done;
    }

    bool usable(const Path& path) {
        if (path.size() == 1) {
            return true;  // the origin's own announcement
        }
        resolve(path[1]);
        return chosen_[path[1]].contains(Path(path.begin() + 1, path.end()));
    }

    const AsGraph& graph_;
    const ValleyFreePaths& all_;
    NodeIndex origin_;
    std::vector<State> state_;
    std::vector<Preference> best_;
    std::vector<std::set<Path>> chosen_;
};

// beta(t, v, a) by its definition; nullopt when v reaches neither origin.
std::optional<double> beta(const ChosenPaths& toVictim, const ChosenPaths& toAdversary,
                           NodeIndex v) {
    const bool victim = toVictim.hasRoute(v);
    const bool adversary = toAdversary.hasRoute(v);
    if (!victim && !adversary) {
        return std::nullopt;
    }
    if (!victim || !adversary) {
        return victim ? 1.0 : 0.0;
    }
    if (toVictim.preference(v) != toAdversary.preference(v)) {
        return toVictim.preference(v) < toAdversary.preference(v) ? 1.0 : 0.0;
    }
    return toVictim.count(v) / (toVictim.count(v) + toAdversary.count(v));
}

// The mean of beta over sources v != t and adversaries a not in {t, v}, pairs where v reaches
// neither origin left out; nullopt when no pair counts.
std::optional<double> meanBeta(const std::vector<ChosenPaths>& byOrigin, NodeIndex victim,
                               const std::vector<NodeIndex>& sources,
                               const std::vector<NodeIndex>& adversaries) {
    double sum = 0;
    double pairs = 0;
    for (NodeIndex v : sources) {
        for (NodeIndex a : adversaries) {
            if (v == victim || a == victim || a == v) {
                continue;
            }
            if (const auto value = beta(byOrigin[victim], byOrigin[a], v)) {
                sum += *value;
                pairs += 1;
            }
        }
    }
    if (pairs == 0) {
        return std::nullopt;
    }
    return sum / pairs;
}

struct SmallCase {
    std::uint64_t seed;
    AsGraph graph;
    std::vector<ChosenPaths> byOrigin;
};

constexpr std::uint64_t kSeeds = 1000;

// Built once for all tests of this file (the enumeration is the slow part).
const std::vector<SmallCase>& smallCases() {
    static const std::vector<SmallCase> cases = [] {
        std::vector<SmallCase> built;
        for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
            AsGraph graph = AsGraph::fromLinks(smallRandomTopology(seed));
            const ValleyFreePaths all(graph);
            std::vector<ChosenPaths> byOrigin;
            for (NodeIndex origin = 0; origin < graph.nodeCount(); ++origin) {
                byOrigin.emplace_back(graph, all, origin);
            }
            built.push_back({seed, std::move(graph), std::move(byOrigin)});
        }
        return built;
    }();
    return cases;
}

TEST(IndependentPathEnumeration, RandomPiecesHaveTheIntendedShape) {
    std::size_t withoutAnyRoute = 0;
    std::size_t notShortestValleyFree = 0;
    std::size_t sharedTies = 0;
    for (const SmallCase& small : smallCases()) {
        const AsGraph& graph = small.graph;
        EXPECT_GE(graph.nodeCount(), 10u) << "seed " << small.seed;
        EXPECT_LE(graph.nodeCount(), 25u) << "seed " << small.seed;
        const ValleyFreePaths all(graph);
        for (NodeIndex origin = 0; origin < graph.nodeCount(); ++origin) {
            const ChosenPaths& toOrigin = small.byOrigin[origin];
            for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
                if (!toOrigin.hasRoute(v)) {
                    ++withoutAnyRoute;
                    continue;
                }
                Preference shortest{99, 0};
                for (const Path& path : all.paths(v, origin)) {
                    shortest =
                        std::min(shortest, Preference{classOf(graph, path), path.size() - 1});
                }
                notShortestValleyFree += shortest != toOrigin.preference(v) ? 1 : 0;
                for (NodeIndex a = 0; a < graph.nodeCount(); ++a) {
                    const ChosenPaths& toOther = small.byOrigin[a];
                    const bool tie = a != origin && a != v && toOther.hasRoute(v) &&
                                     toOther.preference(v) == toOrigin.preference(v);
                    sharedTies += tie ? 1 : 0;
                }
            }
        }
    }
    // The fragmented pieces leave some ASes without a route, so those branches are exercised.
    EXPECT_GT(withoutAnyRoute, 1000u);
    // Some best paths are not the shortest valley-free path of their class (a provider preferred
    // a long customer route), so the search must follow the ASes' choices, not path lengths.
    EXPECT_GT(notShortestValleyFree, 100u);
    // Many (source, victim, adversary) triples are ties that beta shares by path counts.
    EXPECT_GT(sharedTies, 10000u);
}

TEST(IndependentPathEnumeration, IndependentRoutesMatchesEveryPathCount) {
    std::size_t compared = 0;
    std::size_t ties = 0;
    for (const SmallCase& small : smallCases()) {
        const AsGraph& graph = small.graph;
        IndependentRoutes routes(graph);
        // Origins in reverse order too: one object reused must not keep anything from before.
        std::vector<NodeIndex> origins(graph.nodeCount());
        std::iota(origins.begin(), origins.end(), NodeIndex{0});
        std::vector<NodeIndex> reversed(origins.rbegin(), origins.rend());
        origins.insert(origins.end(), reversed.begin(), reversed.end());
        for (NodeIndex origin : origins) {
            routes.run(origin);
            const ChosenPaths& expected = small.byOrigin[origin];
            for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
                SCOPED_TRACE("seed " + std::to_string(small.seed) + ", origin AS" +
                             std::to_string(graph.asnOf(origin)) + ", at AS" +
                             std::to_string(graph.asnOf(v)));
                ASSERT_EQ(routes.hasRoute(v), expected.hasRoute(v));
                if (!expected.hasRoute(v)) {
                    EXPECT_EQ(routes.preferenceKey(v), IndependentRoutes::kNoRouteKey);
                    continue;
                }
                ASSERT_EQ(static_cast<int>(routes.routeClass(v)), expected.preference(v).first);
                ASSERT_EQ(routes.pathLength(v), expected.preference(v).second);
                ASSERT_EQ(routes.pathCount(v), expected.count(v));
                ties += expected.count(v) > 1 ? 1 : 0;
                ++compared;
            }
        }
    }
    EXPECT_GT(compared, 50000u);
    EXPECT_GT(ties, 1000u);  // many ASes hold several equally preferred paths
}

TEST(IndependentPathEnumeration, PropagatorChoosesOneOfTheEquallyPreferredPaths) {
    for (const SmallCase& small : smallCases()) {
        const AsGraph& graph = small.graph;
        const RovDeployment rov = RovDeployment::none(graph.nodeCount());
        for (const TieBreak& tieBreak : {TieBreak::lowestAsn(), TieBreak::random(small.seed)}) {
            const TieBreakRanking ranking(graph, tieBreak);
            const Propagator propagator(graph, ranking, rov);
            RoutingOutcome outcome;
            PropagationWorkspace workspace;
            for (NodeIndex origin = 0; origin < graph.nodeCount(); ++origin) {
                Attack attack;
                attack.victim = origin;
                propagator.run(attack, outcome, workspace);
                const ChosenPaths& expected = small.byOrigin[origin];
                for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
                    SCOPED_TRACE("seed " + std::to_string(small.seed) + ", origin AS" +
                                 std::to_string(graph.asnOf(origin)) + ", at AS" +
                                 std::to_string(graph.asnOf(v)));
                    const bool routed = outcome.hasRoute(v, PrefixSlot::VictimPrefix);
                    ASSERT_EQ(routed, expected.hasRoute(v));
                    if (!routed) {
                        continue;
                    }
                    Path path = {v};
                    const Path rest = outcome.pathNodes(v, PrefixSlot::VictimPrefix);
                    path.insert(path.end(), rest.begin(), rest.end());
                    EXPECT_TRUE(expected.chosen(v).contains(path));
                }
            }
        }
    }
}

TEST(IndependentPathEnumeration, ResilienceCalculatorMatchesTheDefinition) {
    std::size_t compared = 0;
    for (const SmallCase& small : smallCases()) {
        const AsGraph& graph = small.graph;
        const auto n = static_cast<NodeIndex>(graph.nodeCount());
        std::mt19937_64 rng(small.seed);
        std::vector<NodeIndex> all(n);
        std::iota(all.begin(), all.end(), NodeIndex{0});
        auto subset = [&] {
            std::vector<NodeIndex> chosen;
            for (NodeIndex v = 0; v < n; ++v) {
                if (rng() % 3 != 0) {
                    chosen.push_back(v);
                }
            }
            return chosen;
        };
        const std::vector<std::pair<std::vector<NodeIndex>, std::vector<NodeIndex>>> setups = {
            {all, all}, {subset(), all}, {all, subset()}, {subset(), subset()}};
        for (const auto& [sources, adversaries] : setups) {
            const ResilienceCalculator calculator(graph, sources, adversaries);
            for (const auto& result : calculator.compute(all)) {
                SCOPED_TRACE("seed " + std::to_string(small.seed) + ", victim AS" +
                             std::to_string(graph.asnOf(result.victim)));
                const auto expected = meanBeta(small.byOrigin, result.victim, sources, adversaries);
                if (!expected) {
                    EXPECT_EQ(result.pairs, 0.0);
                    continue;
                }
                EXPECT_GT(result.pairs, 0.0);
                EXPECT_NEAR(result.resilience, *expected, 1e-12);
                ++compared;
            }
        }
    }
    EXPECT_GT(compared, 5000u);
}

// Hand-worked (ASNs as drawn; "|" and "/" "\" go down from provider to customer, "-" peers):
//
//        1 ----- 2            10
//       / \       \            |
//      3   4       5          11
//     / \ /        |
//    9   6         7
//        |
//        8
//
// Routes to origin 6: 3 and 4 customer routes of 1 link; 1 customer routes of 2 links, two of
// them (1 3 6 and 1 4 6), so p(1,6) = 2; 2 takes 1's customer routes over the peer link: peer
// class, 3 links, p(2,6) = 2; 9 and 8 provider routes (9 3 6; 8 6); 5 and 7 provider routes
// through 2 (4 and 5 links, two paths each); 10 and 11 none.
// Routes to origin 9: 3 customer, 1 link; 1 customer, 2 links, p(1,9) = 1; 2 peer, 3 links,
// p(2,9) = 1; 6 provider via 3 (2 links; the path via 4 is 4 links long); 8 provider 3 links.
// Routes to origin 7: 5 customer 1 link; 2 customer 2 links; 1 peer 3 links; 3 and 4 provider
// 4 links; 6 provider 5 links (via 3 and via 4); 8 provider 6 links, p(8,7) = 2.
// Victim 6, sources {1, 2, 8, 10}, adversaries {7, 9}:
//   v=1:  a=7 customer beats peer: 1;  a=9 both customer of 2 links: 2 / (2 + 1) = 2/3
//   v=2:  a=7 peer loses to customer: 0;  a=9 both peer of 3 links: 2 / (2 + 1) = 2/3
//   v=8:  a=7 provider of 1 link beats 6 links: 1;  a=9 1 link beats 3 links: 1
//   v=10: reaches neither 6, 7 nor 9: both pairs left out
//   mean over the 6 pairs: (1 + 2/3 + 0 + 2/3 + 1 + 1) / 6 = 13/18.
// Victim 11, sources {1, 10}, adversaries {7}: 1 reaches only 7 (0), 10 only 11 (1): 1/2.
test::GraphBuilder handWorkedBuilder() {
    test::GraphBuilder builder;
    builder.peers(1, 2)
        .providerOf(1, 3)
        .providerOf(1, 4)
        .providerOf(2, 5)
        .providerOf(3, 9)
        .providerOf(3, 6)
        .providerOf(4, 6)
        .providerOf(5, 7)
        .providerOf(6, 8)
        .providerOf(10, 11);
    return builder;
}

TEST(IndependentPathEnumeration, HandWorked) {
    const AsGraph graph = handWorkedBuilder().build();
    auto node = [&](Asn asn) { return *graph.nodeOf(asn); };
    auto nodes = [&](std::initializer_list<Asn> asns) {
        std::vector<NodeIndex> result;
        for (Asn asn : asns) {
            result.push_back(node(asn));
        }
        return result;
    };
    IndependentRoutes routes(graph);
    routes.run(node(6));
    EXPECT_EQ(routes.routeClass(node(1)), RouteClass::Customer);
    EXPECT_EQ(routes.pathLength(node(1)), 2u);
    EXPECT_EQ(routes.pathCount(node(1)), 2.0);
    EXPECT_EQ(routes.routeClass(node(2)), RouteClass::Peer);
    EXPECT_EQ(routes.pathLength(node(2)), 3u);
    EXPECT_EQ(routes.pathCount(node(2)), 2.0);
    EXPECT_EQ(routes.routeClass(node(7)), RouteClass::Provider);
    EXPECT_EQ(routes.pathLength(node(7)), 5u);
    EXPECT_EQ(routes.pathCount(node(7)), 2.0);
    EXPECT_FALSE(routes.hasRoute(node(10)));
    routes.run(node(9));
    EXPECT_EQ(routes.routeClass(node(6)), RouteClass::Provider);
    EXPECT_EQ(routes.pathLength(node(6)), 2u);
    EXPECT_EQ(routes.pathCount(node(6)), 1.0);
    EXPECT_EQ(routes.routeClass(node(2)), RouteClass::Peer);
    EXPECT_EQ(routes.pathCount(node(2)), 1.0);
    routes.run(node(7));
    EXPECT_EQ(routes.routeClass(node(1)), RouteClass::Peer);
    EXPECT_EQ(routes.pathLength(node(8)), 6u);
    EXPECT_EQ(routes.pathCount(node(8)), 2.0);

    const ResilienceCalculator calculator(graph, nodes({1, 2, 8, 10}), nodes({7, 9}));
    const auto results = calculator.compute(nodes({6}));
    ASSERT_EQ(results.size(), 1u);
    EXPECT_NEAR(results[0].resilience, 13.0 / 18.0, 1e-15);
    EXPECT_EQ(results[0].pairs, 6.0);
    const auto island =
        ResilienceCalculator(graph, nodes({1, 10}), nodes({7})).compute(nodes({11}));
    EXPECT_DOUBLE_EQ(island[0].resilience, 0.5);
    EXPECT_EQ(island[0].pairs, 2.0);
}

// The Propagator, for one origin announcing alone, picks a route of the same class and length
// as the independent semantics' best, at every AS of a real snapshot.
TEST(IndependentPathEnumeration, SameBestPreferenceAsPropagatorOnCaida2016) {
    const auto path = test::sharedTopology("20161101.as-rel.txt.bz2");
    MPICSIM_REQUIRE_SHARED_FILE(path);
    const AsGraph graph = CaidaReader::readFile(path);
    const TieBreakRanking ranking(graph, TieBreak::lowestAsn());
    const RovDeployment rov = RovDeployment::none(graph.nodeCount());
    const Propagator propagator(graph, ranking, rov);
    RoutingOutcome outcome;
    PropagationWorkspace workspace;
    IndependentRoutes routes(graph);
    std::size_t multipath = 0;
    for (Asn originAsn : {13335u, 15169u, 3356u, 16509u, 8075u, 21342u, 7018u, 701u}) {
        const auto origin = graph.nodeOf(originAsn);
        ASSERT_TRUE(origin) << "AS" << originAsn;
        Attack attack;
        attack.victim = *origin;
        propagator.run(attack, outcome, workspace);
        routes.run(*origin);
        std::size_t mismatches = 0;
        for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
            const bool routed = outcome.hasRoute(v, PrefixSlot::VictimPrefix);
            if (routed != routes.hasRoute(v)) {
                ++mismatches;
                continue;
            }
            if (!routed) {
                continue;
            }
            const std::uint64_t key = outcome.key(v, PrefixSlot::VictimPrefix);
            mismatches += RouteKey::routeClass(key) != routes.routeClass(v) ||
                                  RouteKey::pathLength(key) != routes.pathLength(v) ||
                                  !(routes.pathCount(v) >= 1)
                              ? 1
                              : 0;
            multipath += routes.pathCount(v) > 1 ? 1 : 0;
        }
        EXPECT_EQ(mismatches, 0u) << "origin AS" << originAsn;
    }
    EXPECT_GT(multipath, 1000u);
}

class ResilienceCommandMore : public ::testing::Test {
  protected:
    ResilienceCommandMore() {
        directory_ = std::filesystem::temp_directory_path() /
                     ("mpicsim-resilience-more-" + std::to_string(::getpid()));
        std::filesystem::create_directories(directory_);
        // The hand-worked graph above, as a CAIDA serial-1 file.
        topology_ = write("hand.txt",
                          "1|2|0\n1|3|-1\n1|4|-1\n2|5|-1\n3|9|-1\n3|6|-1\n4|6|-1\n5|7|-1\n"
                          "6|8|-1\n10|11|-1\n");
    }
    ~ResilienceCommandMore() override { std::filesystem::remove_all(directory_); }

    std::string write(const std::string& name, const std::string& text) {
        const std::string file = (directory_ / name).string();
        std::ofstream(file) << text;
        return file;
    }
    int run(const std::vector<std::string>& arguments) {
        std::ostringstream out;
        std::ostringstream err;
        const int status = cli::ResilienceCommand::run(arguments, out, err);
        out_ = out.str();
        err_ = err.str();
        return status;
    }
    std::vector<std::string> lines() const {
        std::vector<std::string> result;
        std::istringstream stream(out_);
        for (std::string line; std::getline(stream, line);) {
            result.push_back(line);
        }
        return result;
    }
    // The resilience the library computes for one victim (sources and adversaries: all ASes).
    double expected(Asn victim) const {
        const AsGraph graph = handWorkedBuilder().build();
        std::vector<NodeIndex> all(graph.nodeCount());
        std::iota(all.begin(), all.end(), NodeIndex{0});
        return ResilienceCalculator(graph, all, all).compute({*graph.nodeOf(victim)})[0].resilience;
    }

    std::filesystem::path directory_;
    std::string topology_;
    std::string out_;
    std::string err_;
};

TEST_F(ResilienceCommandMore, CsvRowsAndSummaryForTypedVictims) {
    ASSERT_EQ(run({"--topology", topology_, "--victims", "6,11", "--sources", "1,2,8,10"}), 0)
        << err_;
    const auto rows = lines();
    ASSERT_EQ(rows.size(), 4u) << out_;
    EXPECT_EQ(rows[0], "victim,resilience,sources,adversaries");
    EXPECT_TRUE(rows[1].starts_with("6,")) << rows[1];
    EXPECT_TRUE(rows[1].ends_with(",4,10")) << rows[1];  // 4 sources; 11 ASes minus the victim
    EXPECT_TRUE(rows[2].starts_with("11,")) << rows[2];
    EXPECT_TRUE(rows[3].starts_with("summary,")) << rows[3];
    EXPECT_TRUE(rows[3].ends_with(",,")) << rows[3];
    const double r6 = std::stod(rows[1].substr(2));
    const double r11 = std::stod(rows[2].substr(3));
    EXPECT_NEAR(std::stod(rows[3].substr(8)), (r6 + r11) / 2, 1e-6);
    EXPECT_TRUE(err_.empty()) << err_;
}

TEST_F(ResilienceCommandMore, CsvWeightFileWithHeaderWeightsTheSummaryAndWarnsOnce) {
    const std::string weights =
        write("w.csv", "asn,weight\n6,3\n# a comment\n11, 1\n64512,2.5\n64513,0.5\n");
    ASSERT_EQ(run({"--topology", topology_, "--victims", "@" + weights}), 0) << err_;
    const auto rows = lines();
    ASSERT_EQ(rows.size(), 4u) << out_;
    EXPECT_NEAR(std::stod(rows[3].substr(8)), (3 * expected(6) + expected(11)) / 4, 1e-6);
    // One warning that counts the absent ASes and their weight.
    EXPECT_EQ(std::count(err_.begin(), err_.end(), '\n'), 1) << err_;
    EXPECT_NE(err_.find("warning"), std::string::npos) << err_;
    EXPECT_NE(err_.find("2 AS(es)"), std::string::npos) << err_;
    EXPECT_NE(err_.find("total weight 3"), std::string::npos) << err_;
}

TEST_F(ResilienceCommandMore, JsonOutputAgreesWithCsv) {
    const std::string weights = write("w.json", R"({"6": 3, "11": 1})");
    ASSERT_EQ(run({"--topology", topology_, "--victims", "@" + weights, "--format", "json"}), 0)
        << err_;
    const auto document = nlohmann::json::parse(out_);
    EXPECT_EQ(document.at("semantics"), "independent");
    ASSERT_EQ(document.at("victims").size(), 2u);
    EXPECT_NEAR(document.at("summary").get<double>(), (3 * expected(6) + expected(11)) / 4, 1e-12);
}

TEST_F(ResilienceCommandMore, SampledSourcesAndAdversariesAreDeterministic) {
    const std::vector<std::string> arguments = {"--topology", topology_, "--victims",     "6,7,9",
                                                "--sources",  "5:3",     "--adversaries", "4:9"};
    ASSERT_EQ(run(arguments), 0) << err_;
    const std::string first = out_;
    ASSERT_EQ(run(arguments), 0) << err_;
    EXPECT_EQ(out_, first);
}

TEST_F(ResilienceCommandMore, AbsentTypedAsnsAndBadFilesExitTwo) {
    // Absent sources are left out with a warning, or are an error with --strict.
    EXPECT_EQ(run({"--topology", topology_, "--victims", "6", "--sources", "1,64999"}), 0);
    EXPECT_NE(err_.find("warning: option --sources: 1 AS(es) not in the topology: AS64999"),
              std::string::npos)
        << err_;
    EXPECT_EQ(run({"--topology", topology_, "--victims", "6", "--sources", "1,64999", "--strict"}),
              2);
    EXPECT_NE(err_.find("AS64999"), std::string::npos) << err_;
    EXPECT_EQ(run({"--topology", topology_, "--victims", "64999"}), 2);
    EXPECT_NE(err_.find("AS64999"), std::string::npos) << err_;
    EXPECT_EQ(run({"--topology", topology_, "--victims", "6", "--format", "xml"}), 2);
    EXPECT_EQ(run({"--topology", topology_, "--victims", "6", "--adversaries", "0:1"}), 2);
    const std::string badJson = write("bad.json", R"({"6": 1, "11": "heavy"})");
    EXPECT_EQ(run({"--topology", topology_, "--victims", "@" + badJson}), 2);
    EXPECT_NE(err_.find("/11"), std::string::npos) << err_;  // the JSON Pointer
    EXPECT_EQ(run({"--topology", topology_, "--victims", "@" + (directory_ / "none").string()}), 2);
}

TEST(AsnWeightReaderMore, ErrorsNameTheLineOrPointer) {
    try {
        AsnWeightReader::parse("asn,weight\n6,1\n7,-2\n", "w.csv");
        ADD_FAILURE() << "expected an InputError";
    } catch (const InputError& error) {
        EXPECT_EQ(error.line(), 3u);
        EXPECT_NE(std::string(error.what()).find("w.csv"), std::string::npos) << error.what();
    }
    try {
        AsnWeightReader::parse(R"({"6": 1, "7": [1]})", "w.json");
        ADD_FAILURE() << "expected an InputError";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find("/7"), std::string::npos) << error.what();
        EXPECT_NE(std::string(error.what()).find("w.json"), std::string::npos) << error.what();
    }
    EXPECT_THROW(AsnWeightReader::parse("6,1,2\n", "w.csv"), InputError);
    EXPECT_THROW(AsnWeightReader::parse("{\"6\": 1,", "w.json"), InputError);
    const auto entries = AsnWeightReader::parse("6,1e3\n7,0\n", "w.csv");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_DOUBLE_EQ(entries[0].second, 1000.0);
    EXPECT_DOUBLE_EQ(entries[1].second, 0.0);
}

}  // namespace
}  // namespace mpicsim
