// Lists from the real world (ROV adopters, adoption scores, weights, sources) name ASes a
// snapshot lacks: a warning that counts them, recorded in the manifest, and the same results as
// the list without them; --strict makes them errors. Victims and attackers stay errors.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ResilienceCommand.hpp"
#include "RoutesCommand.hpp"
#include "RunCommand.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim {
namespace {

namespace fs = std::filesystem;

// 1 and 2 are tier-1 peers; 3 and 4 buy from 1, 5 and 6 from 2; 7 buys from 3 and 5.
constexpr const char* kTopology = "1|2|0\n1|3|-1\n1|4|-1\n2|5|-1\n2|6|-1\n3|7|-1\n5|7|-1\n4|6|0\n";

struct Result {
    int status = -1;
    std::string out;
    std::string err;
};

class RealWorldLists : public ::testing::Test {
  protected:
    RealWorldLists() : directory_("mpicsim-real-world-lists") {
        directory_.write("t.txt", kTopology);
    }

    fs::path write(const std::string& name, const std::string& text) const {
        return directory_.write(name, text);
    }

    // A study with one ROV setting (given as JSON) labelled "rov".
    fs::path scenario(const std::string& name, const std::string& rovJson) const {
        return write(name, R"({"name": "lists", "topology": {"caida": "t.txt"},
            "attacks": ["equally-specific"],
            "ca_configurations": [{"name": "c", "primary": {"asn": 4, "rir": "ARIN"},
                                   "remotes": [{"asn": 6, "rir": "RIPE"}, {"asn": 3, "rir": "APNIC"}],
                                   "policy": "lets-encrypt-2020"}],
            "rov": )" + rovJson +
                               R"(, "victims": {"list": [7, 4]}, "adversaries": "all"})");
    }

    Result run(const fs::path& scenarioPath, const std::string& out,
               std::vector<std::string> extra = {}) const {
        std::vector<std::string> arguments = {
            scenarioPath.string(), "--out",     (directory_.path() / out).string(),
            "--no-plots",          "--threads", "2"};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        std::ostringstream out_;
        std::ostringstream err;
        const int status = cli::RunCommand::run(arguments, out_, err, {});
        return {status, out_.str(), err.str()};
    }

    std::string outputFile(const std::string& out, const std::string& name) const {
        return InputFile::read(directory_.path() / out / name);
    }

    std::string topology() const { return (directory_.path() / "t.txt").string(); }

    test::TemporaryDirectory directory_;
};

TEST_F(RealWorldLists, AbsentRovAdoptersWarnAndChangeNothing) {
    const Result with =
        run(scenario("with.json", R"({"list": [3, 64512, 5, 64513], "label": "rov"})"), "with");
    ASSERT_EQ(with.status, 0) << with.err;
    EXPECT_NE(with.err.find("warning: ROV setting rov: 2 AS(es) not in the topology: AS64512 "
                            "AS64513 (left out)\n"),
              std::string::npos)
        << with.err;
    // (The configuration's compliance warning, the same in both runs, is not about lists.)
    EXPECT_EQ(with.err.find("not in the topology"), with.err.rfind("not in the topology"))
        << "one warning per list";

    const Result without =
        run(scenario("without.json", R"({"list": [3, 5], "label": "rov"})"), "without");
    ASSERT_EQ(without.status, 0) << without.err;
    EXPECT_EQ(without.err.find("not in the topology"), std::string::npos) << without.err;
    EXPECT_EQ(outputFile("with", "trials.csv"), outputFile("without", "trials.csv"));
    EXPECT_EQ(outputFile("with", "summary.csv"), outputFile("without", "summary.csv"));

    const auto manifest = nlohmann::json::parse(outputFile("with", "manifest.json"));
    ASSERT_EQ(manifest.at("warnings").size(), 1u) << manifest.dump(2);
    EXPECT_EQ(manifest["warnings"][0]["list"], "ROV setting rov");
    EXPECT_EQ(manifest["warnings"][0]["absent_from_topology"], 2);
    EXPECT_EQ(manifest["warnings"][0]["asns"], nlohmann::json({64512, 64513}));
    EXPECT_TRUE(
        nlohmann::json::parse(outputFile("without", "manifest.json")).at("warnings").empty());
}

TEST_F(RealWorldLists, StrictMakesAbsentAdoptersAnError) {
    const Result strict = run(scenario("with.json", R"({"list": [3, 64512], "label": "rov"})"),
                              "strict", {"--strict"});
    EXPECT_EQ(strict.status, 2);
    EXPECT_NE(strict.err.find("with.json: ROV setting rov: 1 AS(es) not in the topology: AS64512 "
                              "(--strict)"),
              std::string::npos)
        << strict.err;
    EXPECT_FALSE(fs::exists(directory_.path() / "strict" / "trials.csv"));
}

TEST_F(RealWorldLists, AVictimAbsentFromTheTopologyStaysAnError) {
    const fs::path path = write("victim.json", R"({"name": "x", "topology": {"caida": "t.txt"},
        "ca_configurations": [{"name": "c", "primary": {"asn": 4, "rir": "ARIN"},
                               "remotes": [{"asn": 6, "rir": "RIPE"}], "policy": "single"}],
        "victims": {"list": [7, 64512]}, "adversaries": "all"})");
    const Result result = run(path, "victim");
    EXPECT_EQ(result.status, 2);
    EXPECT_NE(result.err.find("victims: AS64512 is not in the topology"), std::string::npos)
        << result.err;
}

TEST_F(RealWorldLists, AdoptionScoresWithAThresholdActAsTheListTheyMean) {
    write("scores.csv", "asn,country,score\n3,US,0.9\n4,US,0.2\n5,DE,0.75\n6,DE,\n64512,FR,0.99\n");
    const Result csv = run(
        scenario("csv.json", R"({"csv": "scores.csv", "threshold": 0.75, "label": "rov"})"), "csv");
    ASSERT_EQ(csv.status, 0) << csv.err;
    EXPECT_NE(csv.err.find("warning: ROV setting rov: 1 AS(es) not in the topology: AS64512"),
              std::string::npos)
        << csv.err;
    const Result list = run(scenario("list.json", R"({"list": [3, 5], "label": "rov"})"), "list");
    ASSERT_EQ(list.status, 0) << list.err;
    EXPECT_EQ(outputFile("csv", "trials.csv"), outputFile("list", "trials.csv"));

    // Without a label, the setting is named after the file and the threshold.
    const Result unlabelled =
        run(scenario("unlabelled.json", R"({"csv": "scores.csv", "column": "SCORE",
                                            "threshold": 0.5})"),
            "unlabelled");
    ASSERT_EQ(unlabelled.status, 0) << unlabelled.err;
    EXPECT_NE(outputFile("unlabelled", "summary.csv").find("csv:scores>=0.5"), std::string::npos);

    const Result badColumn =
        run(scenario("bad.json", R"({"csv": "scores.csv", "column": "ratio", "threshold": 0.5})"),
            "bad");
    EXPECT_EQ(badColumn.status, 2);
    EXPECT_NE(badColumn.err.find("scores.csv:1: expected a header line naming the columns 'asn' "
                                 "and 'ratio'"),
              std::string::npos)
        << badColumn.err;
    const Result noThreshold =
        run(scenario("nothreshold.json", R"({"csv": "scores.csv"})"), "nothreshold");
    EXPECT_EQ(noThreshold.status, 2);
    EXPECT_NE(noThreshold.err.find("threshold"), std::string::npos) << noThreshold.err;
}

TEST_F(RealWorldLists, RoutesWarnsAboutAbsentRovAdoptersUnlessStrict) {
    auto routes = [&](const std::string& rov, bool strict) {
        std::vector<std::string> arguments = {"--topology", topology(), "--victim", "7",
                                              "--attacker", "6",        "--rov",    rov};
        if (strict) {
            arguments.push_back("--strict");
        }
        std::ostringstream out;
        std::ostringstream err;
        const int status = cli::RoutesCommand::run(arguments, out, err);
        return Result{status, out.str(), err.str()};
    };
    const Result with = routes("3,64512", false);
    ASSERT_EQ(with.status, 0) << with.err;
    EXPECT_NE(with.err.find("warning: option --rov: 1 AS(es) not in the topology: AS64512 (left "
                            "out)"),
              std::string::npos)
        << with.err;
    EXPECT_EQ(with.out, routes("3", false).out);
    const Result strict = routes("3,64512", true);
    EXPECT_EQ(strict.status, 2);
    EXPECT_NE(strict.err.find("option --rov: 1 AS(es) not in the topology: AS64512 (--strict)"),
              std::string::npos)
        << strict.err;
    EXPECT_EQ(routes("3", true).status, 0);
}

TEST_F(RealWorldLists, ResilienceWarnsAboutAbsentSourcesAndWeightsUnlessStrict) {
    auto resilience = [&](const std::vector<std::string>& extra) {
        std::vector<std::string> arguments = {"--topology", topology()};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        std::ostringstream out;
        std::ostringstream err;
        const int status = cli::ResilienceCommand::run(arguments, out, err);
        return Result{status, out.str(), err.str()};
    };
    const Result with = resilience({"--victims", "7", "--sources", "3,4,64512,64513,64514"});
    ASSERT_EQ(with.status, 0) << with.err;
    EXPECT_NE(with.err.find("warning: option --sources: 3 AS(es) not in the topology: AS64512 "
                            "AS64513 AS64514 (left out)"),
              std::string::npos)
        << with.err;
    EXPECT_EQ(with.out, resilience({"--victims", "7", "--sources", "3,4"}).out);
    EXPECT_EQ(resilience({"--victims", "7", "--sources", "3,64512", "--strict"}).status, 2);

    const fs::path weights = write("w.csv", "asn,weight\n7,2\n4,1\n64512,5\n");
    const std::string weightsArgument = std::string(1, '@').append(weights.string());
    const Result weighted = resilience({"--victims", weightsArgument});
    ASSERT_EQ(weighted.status, 0) << weighted.err;
    EXPECT_NE(weighted.err.find("warning: option --victims " + weights.string() +
                                " (total weight 5.000000 absent): 1 AS(es) not in the "
                                "topology: AS64512"),
              std::string::npos)
        << weighted.err;
    EXPECT_EQ(resilience({"--victims", weightsArgument, "--strict"}).status, 2);
    // A typed victim or adversary absent from the topology stays an error.
    EXPECT_EQ(resilience({"--victims", "7,64512"}).status, 2);
}

TEST_F(RealWorldLists, TheBinaryPrintsTheFetchCommandForAMissingSnapshot) {
    const fs::path data = directory_.path() / "data";
    fs::create_directories(data);
    const fs::path path = write("dated.json", R"({"name": "x", "topology": {"caida": "2025-09-01"},
        "ca_configurations": ["lets-encrypt-2020"], "victims": "all", "adversaries": "all"})");
    const std::string command = "MPICSIM_DATA='" + data.string() + "' '" + MPICSIM_CLI_PATH +
                                "' run '" + path.string() + "' --out '" +
                                (directory_.path() / "dated").string() + "' 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string output;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
        output += buffer;
    }
    const int status = ::pclose(pipe);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 2) << output;
    EXPECT_NE(output.find("at /topology/caida: no CAIDA snapshot of 2025-09-01 in " +
                          (data / "caida").string()),
              std::string::npos)
        << output;
    EXPECT_NE(output.find("fetch it with: topology_data/fetch-caida.sh 20250901 --dir " +
                          (data / "caida").string()),
              std::string::npos)
        << output;
}

}  // namespace
}  // namespace mpicsim
