// `mpicsim optimize`: the shipped classroom scenario's best set checked against brute force by
// `mpicsim run` over all 120 sets (another code path: one study, fresh propagations), and the
// bad inputs that must be refused with exit status 2.
#include <gtest/gtest.h>

#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "OptimizeCommand.hpp"
#include "RunCommand.hpp"
#include "mpicsim/topology/AsLink.hpp"
#include "support/SharedData.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim {
namespace {

const std::filesystem::path kClassroomScenario =
    std::filesystem::path(MPICSIM_SOURCE_DIR) / "scenarios" / "optimize-classroom.json";

std::string readText(const std::filesystem::path& path) {
    std::ifstream file(path);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

struct CommandResult {
    int status;
    std::string out;
    std::string err;
};

CommandResult optimize(const std::vector<std::string>& arguments) {
    std::ostringstream out;
    std::ostringstream err;
    const int status = cli::OptimizeCommand::run(arguments, out, err);
    return {status, out.str(), err.str()};
}

// The classroom scenario with its optimize block changed by `edit`, written beside the topology.
std::filesystem::path editedScenario(const test::TemporaryDirectory& directory,
                                     const std::function<void(nlohmann::json&)>& edit) {
    nlohmann::json scenario = nlohmann::json::parse(readText(kClassroomScenario));
    scenario["topology"]["caida"] = (std::filesystem::path(MPICSIM_SOURCE_DIR) / "topology_data" /
                                     "classroom" / "classroom-links.txt")
                                        .string();
    edit(scenario);
    return directory.write("scenario.json", scenario.dump(2));
}

TEST(OptimizeCommandTest, ClassroomBestEqualsBruteForceByMpicsimRun) {
    const test::TemporaryDirectory directory("optimize-classroom");
    const std::string cli = MPICSIM_CLI_PATH;
    const auto out = directory.path() / "optimized";
    ASSERT_EQ(std::system((cli + " optimize " + kClassroomScenario.string() + " --out " +
                           out.string() + " > /dev/null 2>&1")
                              .c_str()),
              0);
    const nlohmann::json result = nlohmann::json::parse(readText(out / "optimize.json"));
    for (const char* key : {"best", "runners_up", "restarts", "candidates", "constraints"}) {
        EXPECT_TRUE(result.contains(key)) << key;
    }
    const nlohmann::json& best = result["best"];
    for (const char* key : {"primary", "remotes", "attacker_success_rate", "ci95",
                            "legitimate_blocked_rate", "holdout_attacker_success_rate"}) {
        EXPECT_TRUE(best.contains(key)) << key;
    }
    std::set<Asn> bestAsns;
    for (const auto& remote : best["remotes"]) {
        bestAsns.insert(remote["asn"].get<Asn>());
    }
    ASSERT_EQ(bestAsns.size(), 3u);

    // Brute force: every set of 3 of the ten candidates as a CA configuration of one study.
    nlohmann::json scenario = nlohmann::json::parse(readText(kClassroomScenario));
    scenario.erase("optimize");
    scenario["topology"]["caida"] = (std::filesystem::path(MPICSIM_SOURCE_DIR) / "topology_data" /
                                     "classroom" / "classroom-links.txt")
                                        .string();
    const std::vector<std::pair<Asn, std::string>> candidates = {
        {11, "ARIN"}, {12, "RIPE"}, {13, "APNIC"}, {14, "LACNIC"},  {21, "ARIN"},
        {22, "RIPE"}, {23, "RIPE"}, {24, "APNIC"}, {25, "AFRINIC"}, {26, "LACNIC"}};
    scenario["ca_configurations"] = nlohmann::json::array();
    std::map<std::string, std::set<Asn>> sets;
    for (std::size_t a = 0; a < candidates.size(); ++a) {
        for (std::size_t b = a + 1; b < candidates.size(); ++b) {
            for (std::size_t c = b + 1; c < candidates.size(); ++c) {
                nlohmann::json ca;
                std::string name = "set";
                ca["primary"] = {{"id", "ca-primary"}, {"asn", 32}, {"rir", "ARIN"}};
                std::set<Asn> members;
                for (std::size_t i : {a, b, c}) {
                    const std::string asn = std::to_string(candidates[i].first);
                    name.append("-").append(asn);
                    ca["remotes"].push_back({{"id", std::string("AS").append(asn)},
                                             {"asn", candidates[i].first},
                                             {"rir", candidates[i].second}});
                    members.insert(candidates[i].first);
                }
                sets[name] = members;
                ca["name"] = name;
                scenario["ca_configurations"].push_back(ca);
            }
        }
    }
    ASSERT_EQ(sets.size(), 120u);
    const auto bruteScenario = directory.write("brute-force.json", scenario.dump(2));
    const auto bruteOut = directory.path() / "brute-force";
    ASSERT_EQ(std::system((cli + " run " + bruteScenario.string() + " --out " + bruteOut.string() +
                           " --no-plots > /dev/null 2>&1")
                              .c_str()),
              0);
    std::istringstream summary(readText(bruteOut / "summary.csv"));
    std::string line;
    std::getline(summary, line);
    std::vector<std::string> header;
    {
        std::istringstream fields(line);
        for (std::string field; std::getline(fields, field, ',');) {
            header.push_back(field);
        }
    }
    const auto column = [&](const std::string& name) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) -
                                        header.begin());
    };
    double lowest = std::numeric_limits<double>::infinity();
    std::map<std::string, std::pair<double, double>> rates;  // success, blocked
    while (std::getline(summary, line)) {
        std::vector<std::string> fields;
        std::istringstream row(line);
        for (std::string field; std::getline(row, field, ',');) {
            fields.push_back(field);
        }
        const double rate = std::stod(fields[column("attacker_success_rate")]);
        rates[fields[column("ca")]] = {rate, std::stod(fields[column("legitimate_blocked_rate")])};
        lowest = std::min(lowest, rate);
    }
    ASSERT_EQ(rates.size(), 120u);
    EXPECT_NEAR(best["attacker_success_rate"].get<double>(), lowest, 1e-9);
    bool bestIsOptimal = false;
    for (const auto& [name, rate] : rates) {
        if (sets[name] == bestAsns) {
            bestIsOptimal = std::abs(rate.first - lowest) < 1e-9;
            EXPECT_NEAR(best["legitimate_blocked_rate"].get<double>(), rate.second, 1e-9);
        }
    }
    EXPECT_TRUE(bestIsOptimal);
    EXPECT_EQ(result["restarts"]["search"], "exact");
}

// With every victim and adversary ("all") nothing fresh can be held out: the held-out rate is
// null with a note, and the console says so; sampled victims and adversaries give a rate.
TEST(OptimizeCommandTest, HeldOutRateIsNullWhenNothingIsSampled) {
    const test::TemporaryDirectory directory("optimize-holdout");
    const CommandResult all = optimize(
        {kClassroomScenario.string(), "--out", (directory.path() / "all").string(), "--no-plots"});
    ASSERT_EQ(all.status, 0) << all.err;
    const nlohmann::json best =
        nlohmann::json::parse(readText(directory.path() / "all" / "optimize.json"))["best"];
    EXPECT_TRUE(best["holdout_attacker_success_rate"].is_null());
    EXPECT_NE(best["holdout_note"].get<std::string>().find("no fresh units"), std::string::npos);
    EXPECT_NE(all.err.find("no fresh units to hold out"), std::string::npos) << all.err;
    EXPECT_NE(all.out.find("held out n/a"), std::string::npos) << all.out;
    EXPECT_FALSE(std::filesystem::exists(directory.path() / "all" / "holdout-matrix.bin"));

    const auto sampled = editedScenario(directory, [](nlohmann::json& s) {
        s["victims"] = {{"sample", 6}};
        s["adversaries"] = {{"sample", 6}};
    });
    const CommandResult fresh = optimize(
        {sampled.string(), "--out", (directory.path() / "sampled").string(), "--no-plots"});
    ASSERT_EQ(fresh.status, 0) << fresh.err;
    const nlohmann::json sampledBest =
        nlohmann::json::parse(readText(directory.path() / "sampled" / "optimize.json"))["best"];
    EXPECT_TRUE(sampledBest["holdout_attacker_success_rate"].is_number());
    EXPECT_FALSE(sampledBest.contains("holdout_note"));
    EXPECT_EQ(fresh.err.find("no fresh units"), std::string::npos) << fresh.err;
    EXPECT_TRUE(std::filesystem::exists(directory.path() / "sampled" / "holdout-matrix.bin"));
}

// `mpicsim run` on a scenario with an optimize block scores its ca_configurations and says once
// that the block is `mpicsim optimize`'s.
TEST(OptimizeCommandTest, RunLeavesTheOptimizeBlockToOptimizeAndSaysSo) {
    const test::TemporaryDirectory directory("optimize-run");
    std::ostringstream out;
    std::ostringstream err;
    ASSERT_EQ(cli::RunCommand::run({kClassroomScenario.string(), "--out",
                                    (directory.path() / "run").string(), "--no-plots"},
                                   out, err),
              0)
        << err.str();
    const std::string note =
        "note: this scenario's optimize block is run by `mpicsim optimize`; run scores the "
        "ca_configurations";
    const std::string text = err.str();
    const std::size_t first = text.find(note);
    ASSERT_NE(first, std::string::npos) << text;
    EXPECT_EQ(text.find(note, first + 1), std::string::npos) << text;
    EXPECT_TRUE(std::filesystem::exists(directory.path() / "run" / "summary.csv"));
}

TEST(OptimizeCommandTest, RefusesMoreRemotesThanCandidates) {
    const test::TemporaryDirectory directory("optimize-bad");
    const auto scenario =
        editedScenario(directory, [](nlohmann::json& s) { s["optimize"]["remotes"] = 11; });
    const CommandResult result = optimize({scenario.string(), "--out", directory.path() / "out"});
    EXPECT_EQ(result.status, 2);
    EXPECT_NE(result.err.find("/optimize/remotes"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("11 remotes from 10 candidates"), std::string::npos) << result.err;
}

TEST(OptimizeCommandTest, RefusesUnknownCandidateIdsWithTheClosestOne) {
    const test::TemporaryDirectory directory("optimize-bad");
    const auto scenario = editedScenario(directory, [](nlohmann::json& s) {
        s["optimize"]["constraints"] = {{"required", {"AS2l"}}};
    });
    const CommandResult result = optimize({scenario.string(), "--out", directory.path() / "out"});
    EXPECT_EQ(result.status, 2);
    EXPECT_NE(result.err.find("/optimize/constraints/required/0"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("AS21"), std::string::npos) << result.err;
}

TEST(OptimizeCommandTest, NamesTheConstraintsNoSetSatisfies) {
    const test::TemporaryDirectory directory("optimize-bad");
    // Inline perspectives have no coordinates, so no set can be shown 500 km apart.
    const auto scenario = editedScenario(directory, [](nlohmann::json& s) {
        s["optimize"]["constraints"] = {{"br_date", "2025-10-01"}};
    });
    const CommandResult result = optimize({scenario.string(), "--out", directory.path() / "out"});
    EXPECT_EQ(result.status, 2);
    EXPECT_NE(result.err.find("no set of 3 remotes"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("br_date 2025-10-01"), std::string::npos) << result.err;
}

TEST(OptimizeCommandTest, RefusesATruncatedMatrixAndOneFromAnotherTopology) {
    const test::TemporaryDirectory directory("optimize-matrix");
    const auto out = directory.path() / "first";
    ASSERT_EQ(optimize({kClassroomScenario.string(), "--out", out.string()}).status, 0);
    const auto matrix = out / "outcome-matrix.bin";
    // Reusing the matrix gives the same answer.
    const auto again = directory.path() / "again";
    ASSERT_EQ(optimize({kClassroomScenario.string(), "--out", again.string(), "--matrix",
                        matrix.string()})
                  .status,
              0);
    EXPECT_EQ(readText(out / "optimize.json"), readText(again / "optimize.json"));

    // The same bytes with another topology digest in the header.
    std::string bytes = readText(matrix);
    const std::size_t digest = bytes.find("\"topology_sha256\":\"") + 19;
    bytes[digest] = bytes[digest] == '0' ? '1' : '0';
    const auto foreign = directory.write("foreign.bin", bytes);
    CommandResult result = optimize(
        {kClassroomScenario.string(), "--out", again.string(), "--matrix", foreign.string()});
    EXPECT_EQ(result.status, 2);
    EXPECT_NE(result.err.find("another topology"), std::string::npos) << result.err;

    const auto truncated = directory.write("truncated.bin", readText(matrix).substr(0, 300));
    result = optimize(
        {kClassroomScenario.string(), "--out", again.string(), "--matrix", truncated.string()});
    EXPECT_EQ(result.status, 2);
    EXPECT_NE(result.err.find("truncated"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace mpicsim
