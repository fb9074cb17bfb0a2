// The regional model on the 2025-09-01 snapshot with the 2022-04-01 AS-to-organisation file
// (../shared/topology_data): the derived neighbour sets, and a study whose cloud regions differ.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "mpicsim/io/AsOrganisationReader.hpp"
#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"
#include "mpicsim/mpic/RegionPlacement.hpp"
#include "mpicsim/study/StudySession.hpp"
#include "support/SharedData.hpp"

namespace mpicsim {
namespace {

struct Snapshot {
    AsGraph graph;
    AsOrganisations organisations;
};

// Read once for every test of this file.
const Snapshot& snapshot() {
    static const Snapshot loaded{
        CaidaReader::readFile(test::sharedTopology("20250901.as-rel2.txt.bz2")),
        AsOrganisationReader::readFile(test::sharedTopology("20220401.as-org2info.txt.gz"))};
    return loaded;
}

#define MPICSIM_REQUIRE_SNAPSHOT()                                                 \
    MPICSIM_REQUIRE_SHARED_FILE(test::sharedTopology("20250901.as-rel2.txt.bz2")); \
    MPICSIM_REQUIRE_SHARED_FILE(test::sharedTopology("20220401.as-org2info.txt.gz"))

const std::set<std::string> kClouds = {"aws", "gcp", "azure", "vultr"};

std::vector<Perspective> placedCatalog(RegionalAttachment::Options options) {
    const PerspectiveCatalog& catalog = PerspectiveCatalogReader::builtIn();
    const RegionPlacement placement =
        RegionPlacement::regional(snapshot().graph, snapshot().organisations, catalog, options);
    std::vector<Perspective> placed = catalog.perspectives();
    placement.place(placed);
    std::erase_if(placed, [](const Perspective& p) { return !kClouds.contains(p.provider); });
    return placed;
}

std::set<Asn> neighbourSet(const Perspective& perspective) {
    std::set<Asn> set;
    for (const PerspectiveLink& link : perspective.neighbours) {
        set.insert(link.neighbour);
    }
    return set;
}

double jaccard(const std::set<Asn>& a, const std::set<Asn>& b) {
    std::vector<Asn> common;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
    return static_cast<double>(common.size()) /
           static_cast<double>(a.size() + b.size() - common.size());
}

TEST(RegionalSnapshot, RegionsOfOneCloudInDifferentRirsShareLessThanHalfTheirNeighbours) {
    MPICSIM_REQUIRE_SNAPSHOT();
    const std::vector<Perspective> placed = placedCatalog({});
    ASSERT_EQ(placed.size(), 158u);
    std::map<std::string, double> highest;
    for (std::size_t i = 0; i < placed.size(); ++i) {
        ASSERT_TRUE(placed[i].hasOwnNode()) << placed[i].id;
        for (std::size_t j = i + 1; j < placed.size(); ++j) {
            if (placed[i].provider == placed[j].provider && placed[i].rir != placed[j].rir) {
                const double similarity = jaccard(neighbourSet(placed[i]), neighbourSet(placed[j]));
                EXPECT_LT(similarity, 0.5) << placed[i].id << " and " << placed[j].id;
                highest[placed[i].provider] = std::max(highest[placed[i].provider], similarity);
            }
        }
    }
    EXPECT_EQ(highest.size(), 4u);  // every cloud has regions in several RIRs
}

TEST(RegionalSnapshot, EveryRegionHasTransitAndOnlyCaidaLinksOfItsCloud) {
    MPICSIM_REQUIRE_SNAPSHOT();
    const AsGraph& graph = snapshot().graph;
    const RegionalAttachment attachment(graph, snapshot().organisations, {});
    for (const bool backbone : {false, true}) {
        RegionalAttachment::Options options;
        options.backbone = backbone;
        for (const Perspective& region : placedCatalog(options)) {
            const NodeIndex cloud = *graph.nodeOf(region.hostAsn);
            bool transit = false;
            for (const PerspectiveLink& link : region.neighbours) {
                const NodeIndex neighbour = *graph.nodeOf(link.neighbour);
                transit =
                    transit || link.role == PerspectiveLink::Role::Provider ||
                    (link.role == PerspectiveLink::Role::Peer && attachment.isGlobal(neighbour));
                if (link.neighbour == region.hostAsn) {
                    EXPECT_TRUE(backbone) << region.id;  // the backbone link, and only with it
                    continue;
                }
                const auto source = graph.linkSource(cloud, neighbour);
                ASSERT_TRUE(source.has_value()) << region.id << " AS" << link.neighbour;
                EXPECT_NE(*source, LinkSource::Mlp) << region.id << " AS" << link.neighbour;
                // The role is the CAIDA role of the neighbour to the cloud.
                const auto roleList =
                    link.role == PerspectiveLink::Role::Provider ? graph.providers(cloud)
                    : link.role == PerspectiveLink::Role::Peer   ? graph.peers(cloud)
                                                                 : graph.customers(cloud);
                EXPECT_TRUE(std::binary_search(roleList.begin(), roleList.end(), neighbour))
                    << region.id << " AS" << link.neighbour;
            }
            EXPECT_TRUE(transit) << region.id;
        }
    }
}

TEST(RegionalSnapshot, TheDerivationIsDeterministic) {
    MPICSIM_REQUIRE_SNAPSHOT();
    const std::vector<Perspective> first = placedCatalog({});
    const std::vector<Perspective> second = placedCatalog({});
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        ASSERT_EQ(first[i].neighbours.size(), second[i].neighbours.size()) << first[i].id;
        for (std::size_t k = 0; k < first[i].neighbours.size(); ++k) {
            EXPECT_EQ(first[i].neighbours[k].neighbour, second[i].neighbours[k].neighbour);
            EXPECT_EQ(first[i].neighbours[k].role, second[i].neighbours[k].role);
        }
    }
}

// A scenario on the shared 2025 snapshot and 2022 organisation file; `rest` holds its other
// keys (a JSON object's members, after a comma).
Scenario snapshotScenario(const std::string& name, const std::string& rest) {
    const std::string text =
        R"({"name": ")" + name + R"(", "topology": {"caida": ")" +
        test::sharedTopology("20250901.as-rel2.txt.bz2").string() + R"(", "org_info": ")" +
        test::sharedTopology("20220401.as-org2info.txt.gz").string() + R"("}, )" + rest + "}";
    return ScenarioReader::parse(
        text, name + ".json", ".", PerspectiveCatalogReader::builtIn(),
        std::chrono::year_month_day{std::chrono::year{2025}, std::chrono::month{9},
                                    std::chrono::day{1}});
}

// One-region CAs (1 of 1 must corroborate) against sampled adversaries: under the regional
// model regions on different continents disagree, and each region is captured more often by
// adversaries registered in its own RIR than the regions of the other RIRs are.
TEST(RegionalSnapshot, InAStudyRegionsDisagreeAndNearbyAdversariesCaptureTheirRegionMore) {
    MPICSIM_REQUIRE_SNAPSHOT();
    const Scenario scenario = snapshotScenario("regions", R"(
      "seed": 12,
      "attacks": ["equally-specific"],
      "ca_configurations": [
        {"name": "ARIN", "primary": null, "remotes": ["aws:us-east-1"]},
        {"name": "RIPE", "primary": null, "remotes": ["aws:eu-central-1"]},
        {"name": "APNIC", "primary": null, "remotes": ["aws:ap-northeast-1"]},
        {"name": "LACNIC", "primary": null, "remotes": ["aws:sa-east-1"]}
      ],
      "policies": [{"name": "custom", "required_corroborations": 1, "primary_required": false}],
      "victims": {"sample": 40, "seed": 1},
      "adversaries": {"sample": 400, "seed": 2})");
    const StudySession session(scenario, std::make_shared<const AsGraph>(snapshot().graph));
    ASSERT_EQ(session.regionModel(), "regional");
    // captured[configuration][adversary RIR] = {trials captured, trials}
    std::map<std::string, std::map<std::string, std::pair<long, long>>> captured;
    std::map<std::string, long> disagreements;  // "A/B" -> trials where exactly one is captured
    session.runner().run(2, 0, [&](std::uint64_t, std::span<const TrialRecord> records) {
        for (const TrialRecord& record : records) {
            const AsOrganisation* organisation = snapshot().organisations.find(record.adversary);
            const auto rir = organisation ? RegionalAttachment::rirOfRegistry(organisation->source)
                                          : std::nullopt;
            const std::string adversaryRir = rir ? std::string(toString(*rir)) : "unknown";
            for (const CombinationVerdict& verdict : record.verdicts) {
                auto& cell = captured[std::string(verdict.ca)][adversaryRir];
                cell.first += verdict.issuedToAttacker ? 1 : 0;
                ++cell.second;
            }
            for (std::size_t a = 0; a < record.verdicts.size(); ++a) {
                for (std::size_t b = a + 1; b < record.verdicts.size(); ++b) {
                    if (record.verdicts[a].issuedToAttacker !=
                        record.verdicts[b].issuedToAttacker) {
                        ++disagreements[std::string(record.verdicts[a].ca) + "/" +
                                        std::string(record.verdicts[b].ca)];
                    }
                }
            }
        }
    });
    EXPECT_GT(disagreements["ARIN/RIPE"], 0);
    EXPECT_GT(disagreements["ARIN/APNIC"], 0);
    EXPECT_GT(disagreements["RIPE/APNIC"], 0);
    auto rate = [&](const std::string& ca, const std::string& rir) {
        const auto& cell = captured[ca][rir];
        return static_cast<double>(cell.first) / static_cast<double>(cell.second);
    };
    for (const std::string home : {"ARIN", "RIPE", "APNIC", "LACNIC"}) {
        for (const std::string other : {"ARIN", "RIPE", "APNIC", "LACNIC"}) {
            if (other != home) {
                EXPECT_GT(rate(home, home), rate(other, home))
                    << "adversaries of " << home << " capture the " << other << " region more";
            }
        }
    }
}

// Regions as own nodes with 25 to 41 neighbours: the scoped propagation a study uses gives the
// same verdicts, trial by trial, as the full-graph oracle (MPICSIM_PROPAGATION=full).
TEST(RegionalSnapshot, ScopedStudiesOfRegionalNodesEqualTheFullPropagation) {
    MPICSIM_REQUIRE_SNAPSHOT();
    const Scenario scenario = snapshotScenario("regions-oracle", R"(
      "seed": 5,
      "attacks": ["equally-specific", "subprefix"],
      "ca_configurations": [
        {"name": "mixed", "primary": "le:primary",
         "remotes": ["aws:us-east-1", "aws:eu-central-1", "gcp:asia-northeast1",
                     "azure:brazilsouth", "vultr:fra"]}
      ],
      "policies": [{"name": "br", "date": "2026-12-15"}],
      "victims": {"sample": 6, "seed": 3},
      "adversaries": {"sample": 60, "seed": 4})");
    const auto graph = std::make_shared<const AsGraph>(snapshot().graph);
    auto verdictsOf = [&](const StudySession& session) {
        std::vector<std::pair<bool, int>> verdicts;
        session.runner().run(1, 0, [&](std::uint64_t, std::span<const TrialRecord> records) {
            for (const TrialRecord& record : records) {
                verdicts.emplace_back(record.verdicts.at(0).issuedToAttacker,
                                      record.verdicts.at(0).corroborating);
            }
        });
        return verdicts;
    };
    const StudySession scoped(scenario, graph);
    ASSERT_EQ(scoped.regionModel(), "regional");
    const auto scopedVerdicts = verdictsOf(scoped);
    ::setenv("MPICSIM_PROPAGATION", "full", 1);
    const StudySession full(scenario, graph);
    ::unsetenv("MPICSIM_PROPAGATION");
    const auto fullVerdicts = verdictsOf(full);
    ASSERT_EQ(scopedVerdicts.size(), 720u);  // 6 victims × 60 adversaries × 2 attacks
    EXPECT_EQ(scopedVerdicts, fullVerdicts);
}

}  // namespace
}  // namespace mpicsim
