// Compliance in every study result: each configuration × policy row carries what `mpicsim
// check-ca` answers for it (compliant, and the codes of the rules broken); `run` warns once per
// pair that is not compliant and `--strict` refuses to run it; a sub-prefix attack on a /24 is
// noted once and marked in the summary.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "CheckCaCommand.hpp"
#include "RunCommand.hpp"
#include "mpicsim/io/CaConfigurationReader.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"
#include "mpicsim/study/StudySession.hpp"
#include "support/GraphBuilder.hpp"

namespace mpicsim {
namespace {

namespace fs = std::filesystem;

std::chrono::year_month_day today() {
    return std::chrono::year_month_day{
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

// A graph holding every host AS of the built-in catalog (customers of one tier-1, AS3356) and
// two stubs, AS64500 (victim) and AS64501 (adversary): compliance does not depend on routing.
std::shared_ptr<const AsGraph> catalogGraph() {
    test::GraphBuilder builder;
    std::set<Asn> hosts;
    for (const Perspective& perspective : PerspectiveCatalogReader::builtIn().perspectives()) {
        hosts.insert(perspective.hostAsn);
        for (const PerspectiveLink& link : perspective.neighbours) {
            hosts.insert(link.neighbour);
        }
    }
    hosts.insert({64500, 64501});
    hosts.erase(3356);
    for (Asn host : hosts) {
        builder.providerOf(3356, host);
    }
    return std::make_shared<const AsGraph>(builder.build());
}

// The study's summary rows by (ca, policy label): compliant and violation codes.
struct Row {
    bool compliant = true;
    std::vector<std::string> violations;
};
std::map<std::pair<std::string, std::string>, Row> studyRows(const nlohmann::json& scenario,
                                                             std::shared_ptr<const AsGraph> graph,
                                                             std::vector<std::string>* skipped) {
    StudySession session(ScenarioReader::parse(scenario.dump(), "compliance.json", ".",
                                               PerspectiveCatalogReader::builtIn(), today()),
                         std::move(graph));
    EXPECT_TRUE(session.run(1));
    std::map<std::pair<std::string, std::string>, Row> rows;
    for (const SummaryGroup& group : session.summary().groups) {
        rows[{group.ca, group.policy}] = {group.compliant, group.violations};
    }
    if (skipped != nullptr) {
        *skipped = session.runner().skipped();
    }
    return rows;
}

// check-ca's exit status (0 compliant, 1 not, 2 refused: e.g. a policy that needs a primary
// the configuration lacks) and the codes of its JSON violations, each once.
std::pair<int, std::vector<std::string>> checkCa(const std::vector<std::string>& arguments) {
    std::vector<std::string> withJson = arguments;
    withJson.insert(withJson.end(), {"--format", "json"});
    std::ostringstream out;
    std::ostringstream err;
    const int status = cli::CheckCaCommand::run(withJson, out, err);
    std::vector<std::string> codes;
    if (status == 2) {
        return {status, codes};
    }
    const nlohmann::json document = nlohmann::json::parse(out.str());
    for (const auto& violation : document.at("violations")) {
        const std::string rule = violation.at("rule").get<std::string>();
        if (std::find(codes.begin(), codes.end(), rule) == codes.end()) {
            codes.push_back(rule);
        }
    }
    return {status, codes};
}

// "deployment-7" (built without operator+ on a temporary, which GCC 12's -Wrestrict misreads).
std::string deploymentName(std::size_t index) {
    std::string name = "deployment-";
    name += std::to_string(index);
    return name;
}

const std::vector<std::string> kBrPhases = {"2025-03-15", "2025-09-15", "2026-03-15", "2026-06-15",
                                            "2026-12-15"};

nlohmann::json studyOf(const nlohmann::json& cas, const nlohmann::json& policies) {
    return {{"name", "compliance"},
            {"topology", {{"synthetic", {{"ases", 10}, {"seed", 1}}}}},
            {"ca_configurations", cas},
            {"policies", policies},
            {"victims", {{"list", {64500}}}},
            {"adversaries", {{"list", {64501}}}}};
}

// Every shipped preset under every BR phase (and under its own policy): the study's row says
// what check-ca says. A pair the study cannot evaluate is skipped, and check-ca finds it not
// compliant.
TEST(StudyCompliance, EveryPresetUnderEveryBrPhaseMatchesCheckCa) {
    const auto graph = catalogGraph();
    const std::vector<std::string> presets = CaConfigurationReader::presetNames();
    nlohmann::json policies = nlohmann::json::array({"own"});
    for (const std::string& date : kBrPhases) {
        policies.push_back({{"name", "br"}, {"date", date}});
    }
    std::vector<std::string> skipped;
    const auto rows = studyRows(studyOf(presets, policies), graph, &skipped);
    std::size_t compared = 0;
    std::size_t notCompliant = 0;
    std::size_t skippedPairs = 0;
    std::size_t comparedPhases = 0;
    for (const std::string& preset : presets) {
        for (const std::string& date : kBrPhases) {
            const std::string label = "br@" + date;
            const auto [status, codes] =
                checkCa({"--ca", preset, "--policy", "br", "--br-date", date});
            const auto row =
                rows.find({preset, QuorumPolicyTable::lookup("br", *parseIsoDate(date))->label()});
            if (row == rows.end()) {
                // check-ca refuses it too (no primary) or finds it not compliant.
                EXPECT_NE(status, 0) << preset << " × " << label << " was skipped";
                ++skippedPairs;
                continue;
            }
            EXPECT_EQ(row->second.compliant, status == 0) << preset << " × " << label;
            EXPECT_EQ(row->second.violations, codes) << preset << " × " << label;
            ++compared;
            ++comparedPhases;
            notCompliant += status == 0 ? 0 : 1;
        }
        const auto [status, codes] = checkCa({"--ca", preset});
        for (const auto& [key, row] : rows) {
            if (key.first == preset && key.second.starts_with("own: ")) {
                EXPECT_EQ(row.compliant, status == 0) << preset << " under its own policy";
                EXPECT_EQ(row.violations, codes) << preset << " under its own policy";
                ++compared;
            }
        }
    }
    EXPECT_EQ(comparedPhases + skippedPairs, presets.size() * kBrPhases.size());
    EXPECT_GE(compared, comparedPhases + 1) << "some preset has a policy of its own";
    EXPECT_GE(skipped.size(), skippedPairs);
    // Let's Encrypt's 2020 deployment (3 remotes) breaks the later phases: not vacuous.
    EXPECT_GT(notCompliant, 0u);
    const Row& letsEncrypt = rows.at({"lets-encrypt-2020", "br (phase 2026-12-15)"});
    EXPECT_FALSE(letsEncrypt.compliant);
    EXPECT_EQ(letsEncrypt.violations, std::vector<std::string>{"too-few-remotes"});
}

// 200 random (deployment, policy, date) triples from the catalog: the study's `compliant`
// equals check-ca's exit status, and the codes are check-ca's.
TEST(StudyCompliance, RandomDeploymentsPoliciesAndDatesMatchCheckCa) {
    const auto graph = catalogGraph();
    const std::vector<Perspective>& catalog = PerspectiveCatalogReader::builtIn().perspectives();
    const std::vector<std::string> policyNames = {"br", "cabf-proposal-2023", "lets-encrypt-2020",
                                                  "open-mpic", "single"};
    std::mt19937_64 rng(2026);
    std::size_t compared = 0;
    std::size_t compliant = 0;
    for (int study = 0; compared < 200; ++study) {
        ASSERT_LT(study, 40) << "too few evaluable triples";
        // 10 deployments × 5 (policy, date): 50 triples per study.
        nlohmann::json cas = nlohmann::json::array();
        std::vector<std::vector<std::string>> deployments;
        for (std::size_t d = 0; d < 10; ++d) {
            std::vector<std::string> ids;
            const std::size_t size = 3 + rng() % 6;  // a primary and 2 to 7 remotes
            while (ids.size() < size) {
                const std::string& id = catalog[rng() % catalog.size()].id;
                if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
                    ids.push_back(id);
                }
            }
            deployments.push_back(ids);
            cas.push_back({{"name", deploymentName(d)},
                           {"primary", ids[0]},
                           {"remotes", std::vector<std::string>(ids.begin() + 1, ids.end())}});
        }
        nlohmann::json policies = nlohmann::json::array();
        std::vector<std::pair<std::string, std::string>> choices;  // (name, date)
        std::set<std::string> labels;
        while (choices.size() < 5) {
            const std::string name = policyNames[rng() % policyNames.size()];
            // A date from 2025-03-15 to 2027-06-30.
            const auto date = std::chrono::year_month_day(
                std::chrono::sys_days(std::chrono::year_month_day(
                    std::chrono::year{2025}, std::chrono::month{3}, std::chrono::day{15})) +
                std::chrono::days(rng() % 838));
            const auto policy = QuorumPolicyTable::lookup(name, date);
            if (!policy || !labels.insert(policy->label()).second) {
                continue;
            }
            choices.emplace_back(name, formatIsoDate(date));
            policies.push_back({{"name", name}, {"date", formatIsoDate(date)}});
        }
        const auto rows = studyRows(studyOf(cas, policies), graph, nullptr);
        for (std::size_t d = 0; d < deployments.size(); ++d) {
            for (const auto& [name, date] : choices) {
                const std::string label =
                    QuorumPolicyTable::lookup(name, *parseIsoDate(date))->label();
                const auto row = rows.find({deploymentName(d), label});
                if (row == rows.end()) {
                    continue;  // not evaluable (e.g. a quorum larger than the remotes)
                }
                std::vector<std::string> arguments = {"--primary", deployments[d][0]};
                for (std::size_t r = 1; r < deployments[d].size(); ++r) {
                    arguments.insert(arguments.end(), {"--remote", deployments[d][r]});
                }
                arguments.insert(arguments.end(), {"--policy", name, "--br-date", date});
                const auto [status, codes] = checkCa(arguments);
                ASSERT_NE(status, 2) << "check-ca refused " << deploymentName(d);
                ASSERT_EQ(row->second.compliant, status == 0)
                    << deploymentName(d) << " × " << label << " on " << date;
                ASSERT_EQ(row->second.violations, codes) << deploymentName(d) << " × " << label;
                ++compared;
                compliant += status == 0 ? 1 : 0;
            }
        }
    }
    // Both answers occur among the triples.
    EXPECT_GT(compliant, 0u);
    EXPECT_LT(compliant, compared);
}

fs::path freshDirectory(const std::string& name) {
    const fs::path path = fs::temp_directory_path() /
                          ("mpicsim-compliance-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
    return path;
}

// A 4-AS topology file and Let's Encrypt's 2020 deployment under its own rule (compliant) and
// under the BR phase of 2026-12-15 (too few remotes); sub-prefix hijacks of a /22 and a /24.
fs::path writeLetsEncryptStudy(const fs::path& directory) {
    std::ofstream(directory / "t.txt") << "1|2|-1\n1|3|-1\n1|4|-1\n";
    const nlohmann::json cas = {
        {{"name", "le"},
         {"primary", {{"asn", 2}, {"rir", "ARIN"}, {"latitude", 40.7}, {"longitude", -74.0}}},
         {"remotes",
          {{{"id", "a"}, {"asn", 3}, {"rir", "RIPE"}, {"latitude", 52.4}, {"longitude", 4.9}},
           {{"id", "b"}, {"asn", 4}, {"rir", "APNIC"}, {"latitude", 35.7}, {"longitude", 139.7}},
           {{"id", "c"}, {"asn", 1}, {"rir", "ARIN"}, {"latitude", 37.8}, {"longitude", -122.4}}}},
         {"policy", "lets-encrypt-2020"}}};
    nlohmann::json scenario = studyOf(cas, {"own", {{"name", "br"}, {"date", "2026-12-15"}}});
    scenario["topology"] = {{"caida", "t.txt"}};
    scenario["attacks"] = {"equally-specific", "subprefix"};
    scenario["prefix_length"] = {22, 24};
    scenario["victims"] = {{"list", {3}}};
    scenario["adversaries"] = {{"list", {4}}};
    std::ofstream(directory / "s.json") << scenario.dump(2);
    return directory / "s.json";
}

TEST(StudyCompliance, RunWarnsOncePerPairAndStrictRefusesBeforeRunning) {
    const fs::path directory = freshDirectory("run");
    const fs::path scenario = writeLetsEncryptStudy(directory);
    std::ostringstream out;
    std::ostringstream err;
    ASSERT_EQ(
        cli::RunCommand::run(
            {scenario.string(), "--out", (directory / "out").string(), "--no-plots"}, out, err),
        0)
        << err.str();
    const std::string warning =
        "warning: CA configuration 'le' under policy br (phase 2026-12-15) is not compliant: "
        "too-few-remotes (mpicsim check-ca explains each rule)\n";
    EXPECT_NE(err.str().find(warning), std::string::npos) << err.str();
    EXPECT_EQ(err.str().find("not compliant"), err.str().rfind("not compliant")) << "once";
    const std::string notice =
        "mpicsim run: note: sub-prefix attack on a /24: no effect: longer prefixes are filtered";
    EXPECT_NE(err.str().find(notice), std::string::npos) << err.str();
    EXPECT_EQ(err.str().find("sub-prefix attack on a /24"),
              err.str().rfind("sub-prefix attack on a /24"))
        << "once per study";

    // summary.csv: the new columns at the end; the /24 sub-prefix rows marked.
    const std::string csv = InputFile::read(directory / "out" / "summary.csv");
    EXPECT_NE(csv.find(",resilience_weighted_median,roa,compliant,violations,note,"
                       "trials_with_perspective_in_victim_or_adversary_as,method,attempts,"
                       "hijacked_target\n"),
              std::string::npos);
    std::istringstream lines(csv);
    std::string line;
    std::getline(lines, line);
    std::size_t rows = 0;
    while (std::getline(lines, line)) {
        ++rows;
        const bool brRow = line.find(",br (phase 2026-12-15),") != std::string::npos;
        const bool filtered = line.find(",subprefix,") != std::string::npos &&
                              line.find(",none,0,24,") != std::string::npos;
        const std::string tail =
            std::string(brRow ? ",all,false,too-few-remotes," : ",all,true,,") +
            (filtered ? "no effect: longer prefixes are filtered" : "");
        // After `note`: the trials whose perspectives sit in the victim's or adversary's AS,
        // then method, attempts and the target hijacked (the four last columns).
        std::size_t noteEnd = line.size();
        for (int column = 0; column < 4; ++column) {
            noteEnd = line.rfind(',', noteEnd - 1);
        }
        EXPECT_TRUE(line.substr(0, noteEnd).ends_with(tail)) << line;
        EXPECT_TRUE(line.ends_with(",http-01,1,web host:1")) << line;
    }
    EXPECT_EQ(rows, 8u);  // 2 policies × 2 attacks × 2 prefix lengths
    const auto manifest =
        nlohmann::json::parse(InputFile::read(directory / "out" / "manifest.json"));
    EXPECT_EQ(manifest.at("compliance").size(), 2u);
    EXPECT_EQ(manifest.at("compliance")[1].at("checked_at"), "2026-12-15");
    EXPECT_EQ(manifest.at("compliance")[1].at("violations"),
              nlohmann::json::array({"too-few-remotes"}));
    EXPECT_EQ(manifest.at("notices").size(), 1u);

    std::ostringstream strictErr;
    EXPECT_EQ(cli::RunCommand::run({scenario.string(), "--out", (directory / "strict").string(),
                                    "--no-plots", "--strict"},
                                   out, strictErr),
              2);
    EXPECT_NE(strictErr.str().find("1 configuration/policy pair(s) not compliant (--strict)"),
              std::string::npos)
        << strictErr.str();
    EXPECT_NE(strictErr.str().find("'le' under policy br (phase 2026-12-15) is not compliant"),
              std::string::npos);
    EXPECT_FALSE(fs::exists(directory / "strict" / "manifest.json")) << "refused before running";
    fs::remove_all(directory);
}

}  // namespace
}  // namespace mpicsim
