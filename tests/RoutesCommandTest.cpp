#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "RoutesCommand.hpp"
#include "mpicsim/topology/AsLink.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim::cli {
namespace {

namespace fs = std::filesystem;

// "@PATH", the way a file is named where a list is expected.
std::string atFile(const fs::path& path) {
    std::string argument = "@";
    argument += path.string();
    return argument;
}

// A small topology whose ASNs sort differently as numbers and as strings:
//
//        200 ------ 1000      200 and 1000 peer
//       /   \         \      .
//     30    100        |
//          /   \       |      .
//         9     10 ----+      10 has providers 100 and 1000
const char* const kTopology =
    "# input clique: 200 1000\n"
    "100|9|-1\n"
    "100|10|-1\n"
    "200|100|-1\n"
    "200|30|-1\n"
    "1000|10|-1\n"
    "1000|200|0\n";

struct Result {
    int status = -1;
    std::string out;
    std::string err;
};

class RoutesCommandTest : public ::testing::Test {
  protected:
    void SetUp() override { topology_ = write("topo.txt", kTopology); }

    fs::path write(const std::string& name, const std::string& text) const {
        return directory_.write(name, text);
    }

    // Runs `mpicsim routes --topology <the small topology> ARGS...`.
    Result routes(std::vector<std::string> arguments) const {
        arguments.insert(arguments.begin(), {"--topology", topology_.string()});
        return runRaw(arguments);
    }

    static Result runRaw(const std::vector<std::string>& arguments) {
        std::ostringstream out;
        std::ostringstream err;
        Result result;
        result.status = RoutesCommand::run(arguments, out, err);
        result.out = out.str();
        result.err = err.str();
        return result;
    }

    // Expects exit status 2, nothing on stdout, and an error on stderr naming `expected`.
    void expectUsageError(const std::vector<std::string>& arguments, const std::string& expected,
                          bool withTopology = true) const {
        std::string joined;
        for (const std::string& argument : arguments) {
            joined += " " + argument;
        }
        SCOPED_TRACE("mpicsim routes" + joined);
        const Result result = withTopology ? routes(arguments) : runRaw(arguments);
        EXPECT_EQ(result.status, 2);
        EXPECT_TRUE(result.out.empty()) << result.out;
        EXPECT_NE(result.err.find("error"), std::string::npos) << result.err;
        EXPECT_NE(result.err.find(expected), std::string::npos)
            << "stderr lacks '" << expected << "': " << result.err;
    }

    static std::string quoted(const std::string& text) { return "'" + text + "'"; }

    test::TemporaryDirectory directory_{"mpicsim-routes-command-test"};
    fs::path topology_;
};

// ------------------------------------------------------------------------------------------
// CSV

TEST_F(RoutesCommandTest, EquallySpecificCsv) {
    const Result result = routes({"--victim", "9", "--attacker", "10"});
    ASSERT_EQ(result.status, 0) << result.err;
    EXPECT_EQ(result.out,
              "asn,outcome,as_path\n"
              "9,victim,\n"
              "10,attacker,\n"
              "30,victim,200 100 9\n"
              "100,victim,9\n"
              "200,victim,100 9\n"
              "1000,attacker,10\n");
}

TEST_F(RoutesCommandTest, CsvHeaderIsExact) {
    const Result result = routes({"--victim", "9"});
    ASSERT_EQ(result.status, 0) << result.err;
    EXPECT_EQ(result.out.substr(0, result.out.find('\n')), "asn,outcome,as_path");
}

TEST_F(RoutesCommandTest, ExplicitAttackIsTheDefaultWithAnAttacker) {
    const Result implicit = routes({"--victim", "9", "--attacker", "10"});
    const Result explicitAttack =
        routes({"--victim", "9", "--attacker", "10", "--attack", "equally-specific"});
    ASSERT_EQ(explicitAttack.status, 0) << explicitAttack.err;
    EXPECT_EQ(implicit.out, explicitAttack.out);
}

TEST_F(RoutesCommandTest, NoAttackCsvRowsSortedByNumericAsn) {
    const Result result = routes({"--victim", "9"});
    ASSERT_EQ(result.status, 0) << result.err;
    EXPECT_EQ(result.out,
              "asn,outcome,as_path\n"
              "9,victim,\n"
              "10,victim,100 9\n"
              "30,victim,200 100 9\n"
              "100,victim,9\n"
              "200,victim,100 9\n"
              "1000,victim,200 100 9\n");
    EXPECT_TRUE(result.err.empty()) << result.err;
}

TEST_F(RoutesCommandTest, AttackNoneWithAnAttackerNotesIt) {
    const Result result = routes({"--victim", "9", "--attacker", "10", "--attack", "none"});
    ASSERT_EQ(result.status, 0) << result.err;
    EXPECT_NE(result.out.find("\n10,victim,100 9\n"), std::string::npos) << result.out;
    EXPECT_FALSE(result.err.empty());
}

TEST_F(RoutesCommandTest, SubprefixCsv) {
    const Result result = routes({"--victim", "9", "--attacker", "10", "--attack", "subprefix"});
    ASSERT_EQ(result.status, 0) << result.err;
    EXPECT_EQ(result.out,
              "asn,outcome,as_path\n"
              "9,victim,\n"
              "10,attacker,\n"
              "30,attacker,200 100 10\n"
              "100,attacker,10\n"
              "200,attacker,100 10\n"
              "1000,attacker,10\n");
}

TEST_F(RoutesCommandTest, ForgedOriginCsv) {
    const Result result =
        routes({"--victim", "9", "--attacker", "10", "--attack", "forged-origin"});
    ASSERT_EQ(result.status, 0) << result.err;
    EXPECT_EQ(result.out,
              "asn,outcome,as_path\n"
              "9,victim,\n"
              "10,attacker,\n"
              "30,victim,200 100 9\n"
              "100,victim,9\n"
              "200,victim,100 9\n"
              "1000,attacker,10 9\n");
}

TEST_F(RoutesCommandTest, SubprefixOfASlash24HasNoEffect) {
    const Result result = routes(
        {"--victim", "9", "--attacker", "10", "--attack", "subprefix", "--prefix-length", "24"});
    ASSERT_EQ(result.status, 0) << result.err;
    EXPECT_NE(result.err.find("no effect"), std::string::npos) << result.err;
    EXPECT_EQ(result.out,
              "asn,outcome,as_path\n"
              "9,victim,\n"
              "10,attacker,\n"
              "30,victim,200 100 9\n"
              "100,victim,9\n"
              "200,victim,100 9\n"
              "1000,victim,200 100 9\n");
}

TEST_F(RoutesCommandTest, RovAdopterDropsTheHijack) {
    const Result listed = routes({"--victim", "9", "--attacker", "10", "--rov", "1000"});
    ASSERT_EQ(listed.status, 0) << listed.err;
    EXPECT_NE(listed.out.find("\n1000,victim,200 100 9\n"), std::string::npos) << listed.out;

    const fs::path adopters = write("rov.txt", "# adopters\n1000\n");
    const Result fromFile =
        routes({"--victim", "9", "--attacker", "10", "--rov", atFile(adopters)});
    ASSERT_EQ(fromFile.status, 0) << fromFile.err;
    EXPECT_EQ(fromFile.out, listed.out);
}

// A victim prefix without a ROA is "not found" for every origin: ROV adopters drop nothing.
TEST_F(RoutesCommandTest, NoRoaMakesRovAdoptersAcceptTheHijack) {
    const Result plain = routes({"--victim", "9", "--attacker", "10"});
    const Result noRoa =
        routes({"--victim", "9", "--attacker", "10", "--rov", "1000,200,100,30", "--no-roa"});
    ASSERT_EQ(noRoa.status, 0) << noRoa.err;
    EXPECT_NE(plain.out.find("\n1000,attacker,10\n"), std::string::npos) << plain.out;
    EXPECT_EQ(noRoa.out, plain.out);
    const Result subprefix = routes({"--victim", "9", "--attacker", "10", "--attack", "subprefix",
                                     "--rov", "1000,200,100,30", "--no-roa", "--format", "json"});
    ASSERT_EQ(subprefix.status, 0) << subprefix.err;
    const nlohmann::json document = nlohmann::json::parse(subprefix.out);
    EXPECT_EQ(document["victim_has_roa"], false);
    for (const nlohmann::json& row : document["routes"]) {
        if (row["asn"] != 9) {
            EXPECT_EQ(row["outcome"], "attacker") << row.dump();
        }
    }
}

TEST_F(RoutesCommandTest, OtherTieBreaksRun) {
    for (const char* tieBreak : {"lowest-asn", "md5", "random:42"}) {
        SCOPED_TRACE(tieBreak);
        const Result result =
            routes({"--victim", "9", "--attacker", "10", "--tie-break", tieBreak});
        EXPECT_EQ(result.status, 0) << result.err;
        EXPECT_EQ(result.out.rfind("asn,outcome,as_path\n9,victim,\n10,attacker,\n", 0), 0u)
            << result.out;
    }
}

// ------------------------------------------------------------------------------------------
// JSON

TEST_F(RoutesCommandTest, JsonHasEveryRouteWithPathAndDecisionStep) {
    const Result result = routes({"--victim", "9", "--attacker", "10", "--format", "json"});
    ASSERT_EQ(result.status, 0) << result.err;
    nlohmann::json document;
    ASSERT_NO_THROW(document = nlohmann::json::parse(result.out)) << result.out;
    EXPECT_EQ(document["victim"], 9);
    EXPECT_EQ(document["attacker"], 10);
    ASSERT_TRUE(document.contains("routes"));
    const nlohmann::json& routes = document["routes"];
    ASSERT_TRUE(routes.is_array());
    ASSERT_EQ(routes.size(), 6u);

    const std::vector<Asn> expectedOrder = {9, 10, 30, 100, 200, 1000};
    std::map<Asn, nlohmann::json> byAsn;
    for (std::size_t i = 0; i < routes.size(); ++i) {
        const nlohmann::json& row = routes[i];
        ASSERT_TRUE(row.contains("asn")) << row.dump();
        ASSERT_TRUE(row.contains("outcome")) << row.dump();
        ASSERT_TRUE(row.contains("as_path")) << row.dump();
        ASSERT_TRUE(row.contains("decision_step")) << row.dump();
        EXPECT_TRUE(row["as_path"].is_array()) << row.dump();
        EXPECT_TRUE(row["decision_step"].is_string()) << row.dump();
        EXPECT_EQ(row["asn"].get<Asn>(), expectedOrder[i]);
        byAsn[row["asn"].get<Asn>()] = row;
    }
    auto path = [&](Asn asn) { return byAsn[asn]["as_path"].get<std::vector<Asn>>(); };
    auto outcome = [&](Asn asn) { return byAsn[asn]["outcome"].get<std::string>(); };
    auto step = [&](Asn asn) { return byAsn[asn]["decision_step"].get<std::string>(); };

    EXPECT_EQ(outcome(9), "victim");
    EXPECT_TRUE(path(9).empty());
    EXPECT_EQ(step(9), "origin");
    EXPECT_EQ(outcome(10), "attacker");
    EXPECT_TRUE(path(10).empty());
    EXPECT_EQ(step(10), "origin");
    EXPECT_EQ(outcome(100), "victim");
    EXPECT_EQ(path(100), (std::vector<Asn>{9}));
    EXPECT_EQ(step(100), "tie-break");  // [9] and [10], both customers, both one hop
    EXPECT_EQ(path(200), (std::vector<Asn>{100, 9}));
    EXPECT_EQ(step(200), "relationship");  // customer 100 over peer 1000
    EXPECT_EQ(outcome(1000), "attacker");
    EXPECT_EQ(path(1000), (std::vector<Asn>{10}));
    EXPECT_EQ(step(1000), "relationship");
    EXPECT_EQ(path(30), (std::vector<Asn>{200, 100, 9}));
    EXPECT_EQ(step(30), "only-route");
}

// In a sub-prefix hijack the victim holds the attacker's /23 too (from its provider), but it
// delivers traffic for its prefix itself: its row is its own origin route of the /22. The
// attacker's row is its own origin route of the /23. The CSV rows stay as the contract says.
TEST_F(RoutesCommandTest, JsonVictimRowIsItsOwnOriginRoute) {
    const Result result =
        routes({"--victim", "9", "--attacker", "10", "--attack", "subprefix", "--format", "json"});
    ASSERT_EQ(result.status, 0) << result.err;
    const nlohmann::json document = nlohmann::json::parse(result.out);
    std::map<Asn, nlohmann::json> byAsn;
    for (const nlohmann::json& row : document["routes"]) {
        byAsn[row["asn"].get<Asn>()] = row;
    }
    EXPECT_EQ(byAsn[9]["route_class"], "origin") << byAsn[9].dump();
    EXPECT_TRUE(byAsn[9]["next_hop"].is_null()) << byAsn[9].dump();
    EXPECT_EQ(byAsn[9]["prefix_length"], 22);
    EXPECT_EQ(byAsn[9]["decision_step"], "origin");
    EXPECT_EQ(byAsn[9]["outcome"], "victim");
    EXPECT_TRUE(byAsn[9]["as_path"].empty());
    EXPECT_EQ(byAsn[10]["route_class"], "origin");
    EXPECT_TRUE(byAsn[10]["next_hop"].is_null());
    EXPECT_EQ(byAsn[10]["prefix_length"], 23);
    EXPECT_EQ(byAsn[100]["route_class"], "customer");
    EXPECT_EQ(byAsn[100]["next_hop"], 10);
    EXPECT_EQ(byAsn[100]["prefix_length"], 23);
    EXPECT_EQ(document["victim_has_roa"], true);
}

TEST_F(RoutesCommandTest, JsonWithoutAttacker) {
    const Result result = routes({"--victim", "9", "--format", "json"});
    ASSERT_EQ(result.status, 0) << result.err;
    nlohmann::json document;
    ASSERT_NO_THROW(document = nlohmann::json::parse(result.out)) << result.out;
    EXPECT_TRUE(document["attacker"].is_null());
    ASSERT_EQ(document["routes"].size(), 6u);
    for (const nlohmann::json& row : document["routes"]) {
        EXPECT_EQ(row["outcome"], "victim") << row.dump();
    }
}

// ------------------------------------------------------------------------------------------
// Mistakes: exit status 2 and a clear message.

TEST_F(RoutesCommandTest, UnknownVictim) {
    expectUsageError({"--victim", "12345", "--attacker", "10"}, "12345");
    expectUsageError({"--victim", "12345"}, "--victim");
}

TEST_F(RoutesCommandTest, UnknownAttacker) {
    expectUsageError({"--victim", "9", "--attacker", "54321"}, "54321");
    expectUsageError({"--victim", "9", "--attacker", "54321"}, "--attacker");
}

TEST_F(RoutesCommandTest, MalformedAsn) {
    expectUsageError({"--victim", "nine"}, "nine");
    expectUsageError({"--victim", "9", "--attacker", "10,30"}, "--attacker");
}

TEST_F(RoutesCommandTest, VictimEqualsAttacker) {
    expectUsageError({"--victim", "9", "--attacker", "9"}, "different");
    expectUsageError({"--victim", "9", "--attacker", "AS9"}, "AS9");
}

TEST_F(RoutesCommandTest, MissingTopologyFile) {
    const fs::path missing = directory_.path() / "no-such-topology.txt";
    expectUsageError({"--topology", missing.string(), "--victim", "9"}, missing.string(), false);
}

TEST_F(RoutesCommandTest, MissingTopologyOption) {
    expectUsageError({"--victim", "9"}, "--topology", false);
}

TEST_F(RoutesCommandTest, MissingVictimOption) {
    expectUsageError({"--attacker", "10"}, "--victim");
}

TEST_F(RoutesCommandTest, BadTopologyFileNamesTheLine) {
    const fs::path bad = write("bad.txt", "1|2|-1\n2|3|7\n");
    expectUsageError({"--topology", bad.string(), "--victim", "1"}, bad.string() + ":2:", false);
}

TEST_F(RoutesCommandTest, UnknownOption) {
    expectUsageError({"--victim", "9", "--frobnicate", "1"}, "--frobnicate");
    expectUsageError({"--victim", "9", "stray"}, "stray");
}

TEST_F(RoutesCommandTest, BadAttack) {
    expectUsageError({"--victim", "9", "--attacker", "10", "--attack", "hijack"}, "--attack");
    expectUsageError({"--victim", "9", "--attacker", "10", "--attack", "hijack"}, "hijack");
}

TEST_F(RoutesCommandTest, BadTieBreak) {
    expectUsageError({"--victim", "9", "--tie-break", "fastest"}, "--tie-break");
    expectUsageError({"--victim", "9", "--tie-break", "random:x"}, "--tie-break");
}

TEST_F(RoutesCommandTest, PrefixLengthOutOfRange) {
    expectUsageError({"--victim", "9", "--prefix-length", "25"}, "--prefix-length");
    expectUsageError({"--victim", "9", "--prefix-length", "0"}, "--prefix-length");
    expectUsageError({"--victim", "9", "--prefix-length", "twenty"}, "--prefix-length");
}

TEST_F(RoutesCommandTest, BadFormat) {
    expectUsageError({"--victim", "9", "--format", "xml"}, "--format");
}

// A measured adopter list names ASes the snapshot lacks: a warning, or an error with --strict.
TEST_F(RoutesCommandTest, RovNamingAnAbsentAsn) {
    const Result warned = routes({"--victim", "9", "--attacker", "10", "--rov", "100,77777"});
    EXPECT_EQ(warned.status, 0) << warned.err;
    EXPECT_NE(warned.err.find("warning: option --rov: 1 AS(es) not in the topology: AS77777"),
              std::string::npos)
        << warned.err;
    EXPECT_EQ(warned.out, routes({"--victim", "9", "--attacker", "10", "--rov", "100"}).out);
    expectUsageError({"--victim", "9", "--attacker", "10", "--rov", "100,77777", "--strict"},
                     "77777");
    expectUsageError({"--victim", "9", "--attacker", "10", "--rov", "100,77777", "--strict"},
                     "--rov");
    const fs::path adopters = write("rov.txt", "100\n88888\n");
    expectUsageError({"--victim", "9", "--attacker", "10", "--rov", atFile(adopters), "--strict"},
                     "88888");
}

TEST_F(RoutesCommandTest, SubprefixWithoutAttacker) {
    expectUsageError({"--victim", "9", "--attack", "subprefix"}, "--attacker");
    expectUsageError({"--victim", "9", "--attack", "forged-origin"}, "--attacker");
}

// ------------------------------------------------------------------------------------------
// The real executable.

TEST_F(RoutesCommandTest, ExecutableExitStatus) {
    const std::string binary = MPICSIM_CLI_PATH;
    ASSERT_TRUE(fs::exists(binary)) << binary;
    const fs::path output = directory_.path() / "out.csv";
    const fs::path errors = directory_.path() / "err.txt";

    const std::string bad = quoted(binary) + " routes --topology " + quoted(topology_.string()) +
                            " --victim 12345 >" + quoted(output.string()) + " 2>" +
                            quoted(errors.string());
    const int badStatus = std::system(bad.c_str());
    ASSERT_TRUE(WIFEXITED(badStatus)) << bad;
    EXPECT_EQ(WEXITSTATUS(badStatus), 2) << bad;
    {
        std::ifstream in(errors);
        const std::string text((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
        EXPECT_NE(text.find("12345"), std::string::npos) << text;
    }

    const std::string good = quoted(binary) + " routes --topology " + quoted(topology_.string()) +
                             " --victim 9 --attacker 10 >" + quoted(output.string()) + " 2>" +
                             quoted(errors.string());
    const int goodStatus = std::system(good.c_str());
    ASSERT_TRUE(WIFEXITED(goodStatus)) << good;
    EXPECT_EQ(WEXITSTATUS(goodStatus), 0) << good;
    std::ifstream in(output);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text,
              "asn,outcome,as_path\n"
              "9,victim,\n"
              "10,attacker,\n"
              "30,victim,200 100 9\n"
              "100,victim,9\n"
              "200,victim,100 9\n"
              "1000,attacker,10\n");
}

}  // namespace
}  // namespace mpicsim::cli
