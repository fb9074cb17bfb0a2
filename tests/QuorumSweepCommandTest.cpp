// `mpicsim quorum-sweep`: the explorer's numbers for each deployment and rule equal those of
// `mpicsim run` with the same deployments and custom policies (fresh propagations), on the 2016
// snapshot; and a bad sweep block is refused with exit status 2.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "QuorumSweepCommand.hpp"
#include "support/SharedData.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim {
namespace {

std::string readText(const std::filesystem::path& path) {
    std::ifstream file(path);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

std::vector<std::map<std::string, std::string>> readCsv(const std::filesystem::path& path) {
    std::istringstream text(readText(path));
    std::string line;
    std::getline(text, line);
    std::vector<std::string> header;
    std::istringstream names(line);
    for (std::string name; std::getline(names, name, ',');) {
        header.push_back(name);
    }
    std::vector<std::map<std::string, std::string>> rows;
    while (std::getline(text, line)) {
        std::istringstream fields(line);
        std::map<std::string, std::string> row;
        std::size_t i = 0;
        for (std::string field; std::getline(fields, field, ',') && i < header.size(); ++i) {
            row[header[i]] = field;
        }
        rows.push_back(row);
    }
    return rows;
}

// The shipped quorum-sweep scenario on a smaller sample, its sweep limited to one BR phase whose
// rules are the scenario's custom policies (primary required, blocking, no RIR rule).
nlohmann::json smallSweepScenario() {
    nlohmann::json scenario = nlohmann::json::parse(
        readText(std::filesystem::path(MPICSIM_SOURCE_DIR) / "scenarios" / "quorum-sweep.json"));
    scenario["topology"]["caida"] = test::sharedTopology("20161101.as-rel.txt.bz2").string();
    scenario["victims"] = {{"sample", 10}};
    scenario["adversaries"] = {{"sample", 10}};
    scenario["sweep"]["br_dates"] = {"2025-09-15"};
    return scenario;
}

TEST(QuorumSweepCommandTest, NumbersEqualMpicsimRunWithTheCustomPolicies) {
    MPICSIM_REQUIRE_SHARED_FILE(test::sharedTopology("20161101.as-rel.txt.bz2"));
    const test::TemporaryDirectory directory("quorum-sweep");
    const auto scenario = directory.write("sweep.json", smallSweepScenario().dump(2));
    const std::string cli = MPICSIM_CLI_PATH;
    ASSERT_EQ(std::system((cli + " quorum-sweep " + scenario.string() + " --out " +
                           (directory.path() / "sweep").string() + " --no-plots > /dev/null")
                              .c_str()),
              0);
    ASSERT_EQ(std::system((cli + " run " + scenario.string() + " --out " +
                           (directory.path() / "run").string() + " --no-plots > /dev/null 2>&1")
                              .c_str()),
              0);
    // mpicsim run: per configuration remotes-n × custom(allowed=f), summed over the attacks.
    std::map<std::pair<int, int>, std::pair<long long, long long>> run;  // successes, blocked
    std::map<std::pair<int, int>, long long> runTrials;
    for (const auto& row : readCsv(directory.path() / "run" / "summary.csv")) {
        const int n = std::stoi(row.at("ca").substr(std::string("remotes-").size()));
        const std::string& policy = row.at("policy");
        const int allowed = std::stoi(policy.substr(policy.find('=') + 1));
        const long long trials = std::stoll(row.at("trials"));
        auto& counts = run[{n, allowed}];
        counts.first += std::stoll(row.at("attacker_successes"));
        counts.second += std::llround(std::stod(row.at("legitimate_blocked_rate")) *
                                      static_cast<double>(trials));
        runTrials[{n, allowed}] += trials;
    }
    ASSERT_GE(run.size(), 20u);
    std::size_t compared = 0;
    for (const auto& row : readCsv(directory.path() / "sweep" / "quorum-sweep.csv")) {
        const std::pair<int, int> key{std::stoi(row.at("remotes")),
                                      std::stoi(row.at("allowed_non_corroborations"))};
        const auto found = run.find(key);
        if (found == run.end()) {
            continue;  // rules the scenario's policy axis does not hold (allowed > 3)
        }
        EXPECT_EQ(std::stoll(row.at("units")), runTrials[key]);
        EXPECT_EQ(std::stoll(row.at("attacker_successes")), found->second.first)
            << key.first << " remotes, " << key.second << " allowed";
        EXPECT_EQ(std::stoll(row.at("legitimate_blocked")), found->second.second)
            << key.first << " remotes, " << key.second << " allowed";
        ++compared;
    }
    EXPECT_EQ(compared, run.size());
}

TEST(QuorumSweepCommandTest, RefusesABadSweepBlock) {
    const test::TemporaryDirectory directory("quorum-sweep");
    nlohmann::json scenario = smallSweepScenario();
    scenario["sweep"]["br_dates"] = {"2024-01-01"};
    const auto path = directory.write("bad.json", scenario.dump(2));
    std::ostringstream out;
    std::ostringstream err;
    EXPECT_EQ(
        cli::QuorumSweepCommand::run({path.string(), "--out", directory.path() / "out"}, out, err),
        2);
    EXPECT_NE(err.str().find("/sweep/br_dates/0"), std::string::npos) << err.str();
    scenario["sweep"]["remotes"] = {"aws:us-east-2", "aws:eu-centrl-1"};
    scenario["sweep"].erase("br_dates");
    const auto unknown = directory.write("unknown.json", scenario.dump(2));
    std::ostringstream err2;
    EXPECT_EQ(cli::QuorumSweepCommand::run({unknown.string(), "--out", directory.path() / "out"},
                                           out, err2),
              2);
    EXPECT_NE(err2.str().find("aws:eu-central-1"), std::string::npos) << err2.str();
}

}  // namespace
}  // namespace mpicsim
