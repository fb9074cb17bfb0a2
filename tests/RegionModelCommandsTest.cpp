// The region model through the commands: `mpicsim perspectives`, the placement warnings of
// `mpicsim verdict`, and `mpicsim run`'s manifest and summary, on a small hand-made topology
// whose AS-to-organisation file lies beside it.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "PerspectivesCommand.hpp"
#include "RunCommand.hpp"
#include "VerdictCommand.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim::cli {
namespace {

using nlohmann::json;

/* The cloud AS100 (as in RegionalAttachmentTest; "A -> B": A is B's provider):
 *   clique {1, 2}; 1 -> 100, 3 -> 100, 1 -> 10 -> 12, 2 -> 20, 100 -> 40;
 *   100 peers with 2, 10 (ARIN US), 11 (ARIN CA), 20 (RIPE DE), 21 (RIPE FR, mlp only),
 *   30 (JPNIC JP) and 50 (no organisation).
 * Default rule (24 per country and per region): the ARIN region in the US gets the global 1
 * (provider) and 2 (peer) and the ARIN ASes 10 and 11 (one in the US, fewer than 24, so the
 * whole RIR); the RIPE region in DE gets 1, 2 and the RIPE ASes 3 (provider), 20 (peer) and 40
 * (customer), without the mlp-only 21.
 */
const char* const kTopology =
    "# input clique: 1 2\n"
    "1|2|0|bgp\n1|100|-1|bgp\n1|10|-1|bgp\n10|12|-1|bgp\n2|20|-1|bgp\n3|100|-1|bgp\n"
    "100|40|-1|bgp\n100|2|0|bgp\n100|10|0|bgp\n100|11|0|bgp\n100|20|0|bgp,mlp\n100|21|0|mlp\n"
    "100|30|0|bgp\n100|50|0|bgp\n";

const char* const kOrganisations =
    "# format:org_id|changed|org_name|country|source\n"
    "A|1|a|US|ARIN\nB|1|b|CA|ARIN\nD|1|d|DE|RIPE\nF|1|f|FR|RIPE\nJ|1|j|JP|JPNIC\n"
    "# format:aut|changed|aut_name|org_id|opaque_id|source\n"
    "1|1|x|A|o|ARIN\n2|1|x|D|o|RIPE\n3|1|x|D|o|RIPE\n10|1|x|A|o|ARIN\n11|1|x|B|o|ARIN\n"
    "20|1|x|D|o|RIPE\n21|1|x|F|o|RIPE\n30|1|x|J|o|JPNIC\n40|1|x|D|o|RIPE\n100|1|x|A|o|ARIN\n";

const char* const kCatalog = R"({"perspectives": [
  {"id": "cloud:us", "provider": "cloud", "region": "us", "city": "Ashburn", "country": "US",
   "latitude": 39.0, "longitude": -77.5, "rir": "ARIN", "asn": 100},
  {"id": "cloud:de", "provider": "cloud", "region": "de", "city": "Frankfurt", "country": "DE",
   "latitude": 50.1, "longitude": 8.7, "rir": "RIPE", "asn": 100},
  {"id": "site:one", "provider": "site", "region": "one", "city": "Berlin", "country": "DE",
   "latitude": 52.5, "longitude": 13.4, "rir": "RIPE", "asn": 3}]})";

struct Lab {
    test::TemporaryDirectory directory{"mpicsim-regions-cli"};
    std::string topology = directory.write("lab.as-rel2.txt", kTopology).string();
    std::string catalog = directory.write("catalog.json", kCatalog).string();
    Lab() { directory.write("lab.as-org2info.txt", kOrganisations); }
};

struct Result {
    int status;
    std::string out;
    std::string err;
};

template <typename Command>
Result run(Command command, const std::vector<std::string>& arguments) {
    std::ostringstream out;
    std::ostringstream err;
    const int status = command(arguments, out, err);
    return {status, out.str(), err.str()};
}

Result perspectives(const std::vector<std::string>& arguments) {
    return run(&PerspectivesCommand::run, arguments);
}

json neighboursOf(const json& document, const std::string& id) {
    for (const json& perspective : document.at("perspectives")) {
        if (perspective.at("id") == id) {
            return perspective.at("neighbours");
        }
    }
    return nullptr;
}

TEST(RegionModelCommands, PerspectivesListsTheDerivedNeighbours) {
    const Lab lab;
    const Result result =
        perspectives({"--topology", lab.topology, "--catalog", lab.catalog, "--format", "json"});
    ASSERT_EQ(result.status, 0) << result.err;
    const json document = json::parse(result.out);
    EXPECT_EQ(document.at("region_model"), "regional");
    EXPECT_EQ(document.at("organisations_file"),
              (lab.directory.path() / "lab.as-org2info.txt").string());
    EXPECT_EQ(neighboursOf(document, "cloud:us"), json::parse(R"([
        {"asn": 1, "role": "provider", "caida_link": true},
        {"asn": 2, "role": "peer", "caida_link": true},
        {"asn": 10, "role": "peer", "caida_link": true},
        {"asn": 11, "role": "peer", "caida_link": true}])"));
    EXPECT_EQ(neighboursOf(document, "cloud:de"), json::parse(R"([
        {"asn": 1, "role": "provider", "caida_link": true},
        {"asn": 2, "role": "peer", "caida_link": true},
        {"asn": 3, "role": "provider", "caida_link": true},
        {"asn": 20, "role": "peer", "caida_link": true},
        {"asn": 40, "role": "customer", "caida_link": true}])"));
    EXPECT_EQ(neighboursOf(document, "site:one"), json::array());
    const json& first = document.at("perspectives").at(0);
    EXPECT_EQ(first.at("asn"), 100);
    EXPECT_EQ(first.at("rir"), "ARIN");
    EXPECT_EQ(first.at("city"), "Ashburn");
    EXPECT_EQ(first.at("node"), "own");

    const Result text = perspectives({"--topology", lab.topology, "--catalog", lab.catalog});
    ASSERT_EQ(text.status, 0) << text.err;
    EXPECT_NE(text.out.find("cloud         AS100     2 perspectives, 2 distinct neighbour sets"),
              std::string::npos)
        << text.out;

    // The backbone link is flagged as not a CAIDA link; cloud-as gives one set.
    const json backbone =
        json::parse(perspectives({"--topology", lab.topology, "--catalog", lab.catalog,
                                  "--region-model", "regional+backbone", "--format", "json"})
                        .out);
    EXPECT_EQ(neighboursOf(backbone, "cloud:us").back(),
              json::parse(R"({"asn": 100, "role": "provider", "caida_link": false})"));
    const Result cloudAs = perspectives(
        {"--topology", lab.topology, "--catalog", lab.catalog, "--region-model", "cloud-as"});
    EXPECT_NE(cloudAs.out.find("2 perspectives, 1 distinct neighbour set\n"), std::string::npos)
        << cloudAs.out;
    EXPECT_NE(cloudAs.out.find("routes as host AS100"), std::string::npos);
}

TEST(RegionModelCommands, MeasuredFilesReplaceTheModelAndFlagLinksOutsideTheTopology) {
    const Lab lab;
    const std::string measured =
        lab.directory
            .write("measured.json",
                   R"({"regions": {"cloud:de": [{"asn": 30, "role": "provider"}]}})")
            .string();
    const Result result = perspectives({"--topology", lab.topology, "--catalog", lab.catalog,
                                        "--region-model", measured, "--format", "json"});
    ASSERT_EQ(result.status, 0) << result.err;
    const json document = json::parse(result.out);
    EXPECT_EQ(document.at("region_model"), "file:" + measured);
    EXPECT_EQ(neighboursOf(document, "cloud:de"),
              json::parse(R"([{"asn": 30, "role": "provider", "caida_link": true}])"));
    EXPECT_EQ(neighboursOf(document, "cloud:us"), json::array());

    const std::string foreign =
        lab.directory
            .write("foreign.json", R"({"regions": {"cloud:de": [{"asn": 12, "role": "peer"}]}})")
            .string();
    const json flagged =
        json::parse(perspectives({"--topology", lab.topology, "--catalog", lab.catalog,
                                  "--region-model", foreign, "--format", "json"})
                        .out);
    EXPECT_EQ(neighboursOf(flagged, "cloud:de"),
              json::parse(R"([{"asn": 12, "role": "peer", "caida_link": false}])"));
}

TEST(RegionModelCommands, BadModelsAreErrorsWithStatus2) {
    const Lab lab;
    const Result unknown = perspectives(
        {"--topology", lab.topology, "--catalog", lab.catalog, "--region-model", "regionl"});
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.err.find("--region-model"), std::string::npos) << unknown.err;
    EXPECT_NE(unknown.err.find("did you mean 'regional'?"), std::string::npos) << unknown.err;

    const std::string bad =
        lab.directory
            .write("bad.json", R"({"regions": {"cloud:fr": [{"asn": 30, "role": "peer"}]}})")
            .string();
    const Result unknownRegion =
        perspectives({"--topology", lab.topology, "--catalog", lab.catalog, "--region-model", bad});
    EXPECT_EQ(unknownRegion.status, 2);
    EXPECT_NE(unknownRegion.err.find(bad + ": at /regions/cloud:fr: 'cloud:fr' is not a catalog "
                                           "perspective id"),
              std::string::npos)
        << unknownRegion.err;

    const std::string absent =
        lab.directory
            .write("absent.json", R"({"regions": {"cloud:de": [{"asn": 64999, "role": "peer"}]}})")
            .string();
    const Result absentAsn = perspectives(
        {"--topology", lab.topology, "--catalog", lab.catalog, "--region-model", absent});
    EXPECT_EQ(absentAsn.status, 2);
    EXPECT_NE(absentAsn.err.find("at /regions/cloud:de/0/asn: AS64999 is not in the topology"),
              std::string::npos)
        << absentAsn.err;

    // Without a table, the default falls back with a notice; asking for regional fails.
    const test::TemporaryDirectory bare("mpicsim-regions-bare");
    const std::string topology = bare.write("bare.txt", kTopology).string();
    const Result fallback = perspectives({"--topology", topology, "--catalog", lab.catalog});
    EXPECT_EQ(fallback.status, 0);
    EXPECT_NE(fallback.err.find("note: no AS-to-organisation table found for " + topology),
              std::string::npos)
        << fallback.err;
    const Result regional = perspectives(
        {"--topology", topology, "--catalog", lab.catalog, "--region-model", "regional"});
    EXPECT_EQ(regional.status, 2);
    EXPECT_NE(regional.err.find("needs an AS-to-organisation table"), std::string::npos)
        << regional.err;
    const Result given =
        perspectives({"--topology", topology, "--catalog", lab.catalog, "--org-info",
                      (lab.directory.path() / "lab.as-org2info.txt").string()});
    EXPECT_NE(given.out.find("region model regional (organisations: "), std::string::npos)
        << given.out;
}

TEST(RegionModelCommands, VerdictWarnsWhenAPerspectiveRoutesAsTheVictimOrTheAttacker) {
    const Lab lab;
    const std::vector<std::string> base = {
        "--topology", lab.topology, "--catalog", lab.catalog,         "--victim", "100",
        "--attacker", "3",          "--primary", "site:one",          "--remote", "cloud:us",
        "--remote",   "cloud:de",   "--policy",  "lets-encrypt-2020", "--format", "json"};
    std::vector<std::string> cloudAs = base;
    cloudAs.insert(cloudAs.end(), {"--region-model", "cloud-as"});
    const Result hosted = run(&VerdictCommand::run, cloudAs);
    ASSERT_EQ(hosted.status, 0) << hosted.err;
    const json warned = json::parse(hosted.out);
    EXPECT_EQ(warned.at("region_model"), "cloud-as");
    EXPECT_EQ(warned.at("placement_warnings"), json::parse(R"([
      "placement: perspective site:one routes as AS3, the AS of an adversary, so it reaches that AS whatever the routing: the result rests on placement",
      "placement: perspective cloud:us routes as AS100, the AS of a victim, so it reaches that AS whatever the routing: the result rests on placement",
      "placement: perspective cloud:de routes as AS100, the AS of a victim, so it reaches that AS whatever the routing: the result rests on placement"])"));

    const Result regional = run(&VerdictCommand::run, base);
    ASSERT_EQ(regional.status, 0) << regional.err;
    const json placed = json::parse(regional.out);
    EXPECT_EQ(placed.at("region_model"), "regional");
    EXPECT_EQ(placed.at("placement_warnings").size(), 1u);  // the primary in AS3 only
    for (const json& remote : placed.at("remotes")) {
        EXPECT_FALSE(remote.at("inherits_host_routing").get<bool>());
    }

    std::vector<std::string> text = cloudAs;
    text.resize(text.size() - 4);
    text.insert(text.end(), {"--region-model", "cloud-as"});
    const Result printed = run(&VerdictCommand::run, text);
    EXPECT_NE(printed.out.find("Warning:   placement: perspective cloud:us routes as AS100"),
              std::string::npos)
        << printed.out;
}

TEST(RegionModelCommands, RunRecordsTheModelAndCountsPlacementTrials) {
    const Lab lab;
    // Victims 100 and 40, adversaries 12 and 30: 4 trials. Under cloud-as both remotes route as
    // AS100, a victim in 2 of them; under regional no perspective sits in a victim's or
    // adversary's AS.
    const std::string scenario =
        lab.directory
            .write("study.json", R"({"name": "regions", "topology": {"caida": "lab.as-rel2.txt"},
      "attacks": ["equally-specific"],
      "ca_configurations": [{"name": "lab", "primary": null, "remotes": ["cloud:us", "cloud:de"]}],
      "policies": [{"name": "custom", "required_corroborations": 1, "primary_required": false}],
      "victims": {"list": [100, 40]}, "adversaries": {"list": [12, 30]}})")
            .string();
    for (const std::string model : {"cloud-as", "regional"}) {
        SCOPED_TRACE(model);
        const auto out = lab.directory.path() / model;
        const Result result = run([](const std::vector<std::string>& arguments, std::ostream& o,
                                     std::ostream& e) { return RunCommand::run(arguments, o, e); },
                                  {scenario, "--out", out.string(), "--catalog", lab.catalog,
                                   "--region-model", model, "--no-plots"});
        ASSERT_EQ(result.status, 0) << result.err;
        std::ifstream manifestFile(out / "manifest.json");
        const json manifest = json::parse(manifestFile);
        EXPECT_EQ(manifest.at("region_model").at("model"), model);
        std::ifstream summaryFile(out / "summary.json");
        const json summary = json::parse(summaryFile);
        const json& group = summary.at("groups").at(0);
        EXPECT_EQ(group.at("trials"), 4);
        EXPECT_EQ(group.at("trials_with_perspective_in_victim_or_adversary_as"),
                  model == "cloud-as" ? 2 : 0);
        EXPECT_EQ(manifest.at("placement_notes").size(), model == "cloud-as" ? 2u : 0u);
        if (model == "regional") {
            EXPECT_EQ(manifest.at("region_model").at("organisations_file"),
                      (lab.directory.path() / "lab.as-org2info.txt").string());
        }
    }
}

TEST(RegionModelCommands, ScenarioRegionModelsAreCheckedWithTheJsonPointer) {
    const Lab lab;
    auto errorOf = [&](const std::string& model) {
        const std::string scenario =
            lab.directory
                .write("bad-model.json",
                       R"({"name": "m", "topology": {"caida": "lab.as-rel2.txt"},
          "ca_configurations": [{"name": "lab", "primary": null, "remotes": ["cloud:us"]}],
          "policies": [{"name": "custom", "required_corroborations": 1, "primary_required": false}],
          "victims": {"list": [100]}, "adversaries": {"list": [12]}, "region_model": )" +
                           model + "}")
                .string();
        const Result result = run([](const std::vector<std::string>& arguments, std::ostream& o,
                                     std::ostream& e) { return RunCommand::run(arguments, o, e); },
                                  {scenario, "--out", (lab.directory.path() / "bad-out").string(),
                                   "--catalog", lab.catalog, "--no-plots"});
        EXPECT_EQ(result.status, 2);
        return result.err;
    };
    EXPECT_NE(errorOf(R"("regionl")").find("at /region_model: expected \"cloud-as\""),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"model": "cloud-as", "backbone": true})")
                  .find("at /region_model/model: the backbone switch applies to \"regional\" "
                        "only"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"file": "missing.json"})").find("missing.json"), std::string::npos);
    EXPECT_NE(
        errorOf(R"({"file": "x.json", "model": "regional"})").find("at /region_model: give either"),
        std::string::npos);
}

}  // namespace
}  // namespace mpicsim::cli
