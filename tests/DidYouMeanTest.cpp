// "Did you mean": an unknown command, option, enumerated value, CA preset or scenario key gets
// the closest known name, and no error message prints a command's whole usage text.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "MpicsimCommands.hpp"
#include "mpicsim/io/CaConfigurationReader.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim::cli {
namespace {

namespace fs = std::filesystem;

const std::chrono::year_month_day kToday{std::chrono::year{2026}, std::chrono::month{11},
                                         std::chrono::day{28}};

struct Result {
    int status = -1;
    std::string out;
    std::string err;
};

class DidYouMeanTest : public ::testing::Test {
  protected:
    fs::path write(const std::string& name, const std::string& text) const {
        return directory_.write(name, text);
    }

    static const CommandTable& mpicsim() {
        static const CommandTable table = MpicsimCommands::table(std::nullopt);
        return table;
    }

    static Result run(const std::vector<std::string>& arguments) {
        std::ostringstream out;
        std::ostringstream err;
        Result result;
        result.status = mpicsim().run(arguments, out, err);
        result.out = out.str();
        result.err = err.str();
        return result;
    }

    // `mpicsim routes|verdict --topology T --victim 9 --attacker 10 EXTRA...`
    Result trial(const std::string& command, const std::vector<std::string>& extra) const {
        std::vector<std::string> arguments = {command, "--topology", topology_, "--victim",
                                              "9",     "--attacker", "10"};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        if (command == "verdict" && std::find(extra.begin(), extra.end(), "--ca") == extra.end()) {
            arguments.insert(arguments.end(), {"--primary", "100", "--remote", "200:ARIN"});
        }
        return run(arguments);
    }

    // A usage error: status 2, nothing on stdout, the message with `suggestion` on the first
    // line of stderr and the hint to the command's --help on the second.
    static void expectSuggestion(const Result& result, const std::string& command,
                                 const std::string& message, const std::string& suggestion) {
        EXPECT_EQ(result.status, 2);
        EXPECT_TRUE(result.out.empty()) << result.out;
        const std::string expectedStart = "mpicsim " + command + ": error: ";
        EXPECT_TRUE(result.err.starts_with(expectedStart)) << result.err;
        const std::string firstLine = result.err.substr(0, result.err.find('\n'));
        EXPECT_NE(firstLine.find(message), std::string::npos) << result.err;
        EXPECT_TRUE(firstLine.ends_with(" \u2014 did you mean '" + suggestion + "'?"))
            << result.err;
        EXPECT_EQ(result.err.substr(firstLine.size()),
                  "\nRun 'mpicsim " + command + " --help' for its options.\n");
    }

    static std::string scenarioError(const std::string& text) {
        try {
            ScenarioReader::parse(text, "s.json", ".", PerspectiveCatalogReader::builtIn(), kToday);
        } catch (const InputError& error) {
            return error.what();
        }
        return "no error";
    }

    static std::string scenarioWith(const std::string& members) {
        return R"({"name": "x", "topology": {"synthetic": {"ases": 50, "seed": 1}},
                   "ca_configurations": "single-vantage-point", "victims": "all")" +
               members + "}";
    }

    test::TemporaryDirectory directory_{"mpicsim-did-you-mean"};
    std::string topology_ = write("topology.txt", "100|9|-1\n100|10|-1\n200|100|-1\n").string();
};

// ------------------------------------------------------------------------------------------
// Commands

TEST_F(DidYouMeanTest, UnknownCommand) {
    const Result result = run({"verdit", "--victim", "9"});
    EXPECT_EQ(result.status, 2);
    EXPECT_TRUE(result.out.empty());
    EXPECT_EQ(result.err,
              "mpicsim: unknown command 'verdit' \u2014 did you mean 'verdict'?\n"
              "Run 'mpicsim --help' for the commands.\n");
    EXPECT_NE(run({"generate-topolgy"}).err.find("did you mean 'generate-topology'?"),
              std::string::npos);
    EXPECT_NE(run({"help", "chek-ca"}).err.find("did you mean 'check-ca'?"), std::string::npos);
    EXPECT_NE(run({"--verison"})
                  .err.find("unknown option '--verison' \u2014 did you mean "
                            "'--version'?"),
              std::string::npos);
}

TEST_F(DidYouMeanTest, UnknownCommandFarFromEveryNameGetsOnlyTheHint) {
    const Result result = run({"frobnicate"});
    EXPECT_EQ(result.status, 2);
    EXPECT_EQ(result.err,
              "mpicsim: unknown command 'frobnicate'\nRun 'mpicsim --help' for the commands.\n");
}

TEST_F(DidYouMeanTest, UnknownCommandInTheExecutable) {
    const std::string command = std::string("'") + MPICSIM_CLI_PATH + "' verdit 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string output;
    char buffer[4096];
    while (const std::size_t read = std::fread(buffer, 1, sizeof buffer, pipe)) {
        output.append(buffer, read);
    }
    const int status = ::pclose(pipe);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 2);
    EXPECT_EQ(output,
              "mpicsim: unknown command 'verdit' \u2014 did you mean 'verdict'?\n"
              "Run 'mpicsim --help' for the commands.\n");
}

// ------------------------------------------------------------------------------------------
// Options

TEST_F(DidYouMeanTest, UnknownOption) {
    expectSuggestion(run({"routes", "--topology", topology_, "--victm", "9"}), "routes",
                     "unknown option --victm", "--victim");
    expectSuggestion(trial("verdict", {"--polcy", "br"}), "verdict", "unknown option --polcy",
                     "--policy");
    expectSuggestion(run({"check-ca", "--list-preset"}), "check-ca", "unknown option --list-preset",
                     "--list-presets");
    expectSuggestion(run({"topology-stats", topology_, "--formt", "json"}), "topology-stats",
                     "unknown option --formt", "--format");
    expectSuggestion(
        run({"resilience", "--topology", topology_, "--victims", "9", "--source", "all"}),
        "resilience", "unknown option --source", "--sources");
    expectSuggestion(run({"generate-topology", "--ases", "50", "--sed", "1"}), "generate-topology",
                     "unknown option --sed", "--seed");
    expectSuggestion(run({"run", "s.json", "--out", "x", "--thread", "2"}), "run",
                     "unknown option --thread", "--threads");
}

TEST_F(DidYouMeanTest, UnknownOptionFarFromEveryNameGetsOnlyTheHint) {
    const Result result = run({"routes", "--topology", topology_, "--frobnicate", "9"});
    EXPECT_EQ(result.status, 2);
    EXPECT_EQ(result.err,
              "mpicsim routes: error: unknown option --frobnicate\n"
              "Run 'mpicsim routes --help' for its options.\n");
}

// ------------------------------------------------------------------------------------------
// Enumerated values

TEST_F(DidYouMeanTest, UnknownAttack) {
    const Result result = trial("routes", {"--attack", "sub-prefix"});
    expectSuggestion(result, "routes", "option --attack expects", "subprefix");
    EXPECT_NE(result.err.find("got 'sub-prefix'"), std::string::npos) << result.err;
    expectSuggestion(trial("verdict", {"--attack", "forged_origin"}), "verdict",
                     "option --attack expects", "forged-origin");
}

TEST_F(DidYouMeanTest, UnknownTieBreak) {
    expectSuggestion(trial("routes", {"--tie-break", "lowest_asn"}), "routes", "option --tie-break",
                     "lowest-asn");
    expectSuggestion(trial("routes", {"--tie-break", "randon:7"}), "routes", "option --tie-break",
                     "random:7");
    expectSuggestion(trial("verdict", {"--tie-break", "MD5"}), "verdict", "option --tie-break",
                     "md5");
}

TEST_F(DidYouMeanTest, UnknownFormat) {
    expectSuggestion(trial("routes", {"--format", "jsn"}), "routes",
                     "option --format expects csv or json, got 'jsn'", "json");
    expectSuggestion(trial("verdict", {"--format", "txt"}), "verdict",
                     "option --format expects text or json, got 'txt'", "text");
    expectSuggestion(run({"check-ca", "--list-presets", "--format", "JSON"}), "check-ca",
                     "option --format", "json");
    expectSuggestion(run({"topology-stats", topology_, "--format", "tex"}), "topology-stats",
                     "option --format", "text");
    expectSuggestion(
        run({"resilience", "--topology", topology_, "--victims", "9", "--format", "cvs"}),
        "resilience", "option --format", "csv");
}

TEST_F(DidYouMeanTest, UnknownPolicy) {
    const Result result = trial("verdict", {"--policy", "open_mpic"});
    expectSuggestion(result, "verdict", "unknown policy 'open_mpic'", "open-mpic");
    expectSuggestion(run({"check-ca", "--ca", "lets-encrypt-2020", "--policy", "cabf-proposal"}),
                     "check-ca", "unknown policy 'cabf-proposal'", "cabf-proposal-2023");
}

TEST_F(DidYouMeanTest, UnknownMethod) {
    expectSuggestion(trial("verdict", {"--method", "dns01"}), "verdict",
                     "option --method expects http-01, tls-alpn-01, website, dns-01 or "
                     "dns-change, got 'dns01'",
                     "dns-01");
}

TEST_F(DidYouMeanTest, UnknownRir) {
    expectSuggestion(run({"check-ca", "--primary", "100", "--remote", "200:RIPEE"}), "check-ca",
                     "unknown RIR 'RIPEE'", "RIPE");
}

TEST_F(DidYouMeanTest, UnknownValueFarFromEveryNameGetsOnlyTheHint) {
    const Result result = trial("routes", {"--format", "xml"});
    EXPECT_EQ(result.status, 2);
    EXPECT_EQ(result.err,
              "mpicsim routes: error: option --format expects csv or json, got 'xml'\n"
              "Run 'mpicsim routes --help' for its options.\n");
}

// ------------------------------------------------------------------------------------------
// CA presets

TEST_F(DidYouMeanTest, UnknownPreset) {
    expectSuggestion(trial("verdict", {"--ca", "lets-encrypt-2021"}), "verdict",
                     "option --ca: 'lets-encrypt-2021' is neither a preset", "lets-encrypt-2020");
    expectSuggestion(run({"check-ca", "--ca", "br-2026-12-exampel"}), "check-ca",
                     "is neither a preset", "br-2026-12-example");
}

TEST_F(DidYouMeanTest, UnknownPresetInAScenario) {
    const std::string error = scenarioError(
        R"({"name": "x", "topology": {"synthetic": {"ases": 50, "seed": 1}},
            "ca_configurations": ["lets-encrypt-2020", "single-vantage-pont"],
            "victims": "all", "adversaries": "all"})");
    EXPECT_NE(error.find("s.json: at /ca_configurations/1: unknown CA preset "
                         "\"single-vantage-pont\" \u2014 did you mean 'single-vantage-point'?"),
              std::string::npos)
        << error;
}

TEST_F(DidYouMeanTest, UnknownPerspectiveId) {
    expectSuggestion(run({"check-ca", "--primary", "le:primary", "--remote", "aws:us-east-3"}),
                     "check-ca", "'aws:us-east-3' is neither a catalog perspective id",
                     "aws:us-east-1");
    try {
        CaConfigurationReader::parse(R"({"name": "x", "remotes": ["aws:eu-west-9"]})", "ca.json",
                                     PerspectiveCatalogReader::builtIn(), kToday);
        ADD_FAILURE() << "no InputError";
    } catch (const InputError& error) {
        EXPECT_NE(
            std::string(error.what()).find("at /remotes/0: unknown perspective id 'aws:eu-west-9'"),
            std::string::npos)
            << error.what();
        EXPECT_NE(std::string(error.what()).find("did you mean 'aws:eu-west-1'?"),
                  std::string::npos)
            << error.what();
    }
}

// ------------------------------------------------------------------------------------------
// Scenario and CA configuration keys

TEST_F(DidYouMeanTest, UnknownScenarioKey) {
    const std::string error = scenarioError(scenarioWith(R"(, "adversary": "all")"));
    EXPECT_NE(error.find("s.json: at /adversary: unknown key 'adversary' \u2014 did you mean "
                         "'adversaries'?"),
              std::string::npos)
        << error;
    EXPECT_EQ(error.find("expected one of"), std::string::npos) << error;
}

TEST_F(DidYouMeanTest, UnknownNestedScenarioKey) {
    const std::string error = scenarioError(
        R"({"name": "x", "topology": {"synthetic": {"ases": 50, "sead": 1}},
            "ca_configurations": "single-vantage-point", "victims": "all", "adversaries": "all"})");
    EXPECT_NE(error.find("at /topology/synthetic/sead: unknown key 'sead' \u2014 did you mean "
                         "'seed'?"),
              std::string::npos)
        << error;
}

TEST_F(DidYouMeanTest, UnknownScenarioKeyFarFromEveryNameListsTheKeys) {
    const std::string error = scenarioError(scenarioWith(R"(, "adversaries": "all", "colour": 1)"));
    EXPECT_NE(error.find("at /colour: unknown key 'colour' (expected one of: name, "),
              std::string::npos)
        << error;
    EXPECT_EQ(error.find("did you mean"), std::string::npos) << error;
}

TEST_F(DidYouMeanTest, UnknownScenarioValues) {
    EXPECT_NE(scenarioError(scenarioWith(R"(, "adversaries": "all", "attacks": ["sub-prefix"])"))
                  .find("at /attacks/0: expected none, equally-specific, subprefix or "
                        "forged-origin, got \"sub-prefix\" \u2014 did you mean 'subprefix'?"),
              std::string::npos);
    EXPECT_NE(scenarioError(scenarioWith(R"(, "adversaries": "all", "method": "dns01")"))
                  .find("at /method: expected http-01, tls-alpn-01, website, dns-01 or "
                        "dns-change, got \"dns01\" \u2014 did you mean 'dns-01'?"),
              std::string::npos);
    EXPECT_NE(scenarioError(scenarioWith(R"(, "adversaries": "all", "policies": "open_mpic")"))
                  .find("at /policies: unknown policy 'open_mpic'"),
              std::string::npos);
    EXPECT_NE(scenarioError(scenarioWith(R"(, "adversaries": "all", "policies": "open_mpic")"))
                  .find("did you mean 'open-mpic'?"),
              std::string::npos);
}

TEST_F(DidYouMeanTest, UnknownCaConfigurationKey) {
    try {
        CaConfigurationReader::parse(R"({"name": "x", "remote": []})", "ca.json",
                                     PerspectiveCatalogReader::builtIn(), kToday);
        ADD_FAILURE() << "no InputError";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what())
                      .find("ca.json: at /remote: unknown key 'remote' \u2014 did you mean "
                            "'remotes'?"),
                  std::string::npos)
            << error.what();
    }
}

TEST_F(DidYouMeanTest, UnknownScenarioKeyThroughRun) {
    const fs::path scenario = write("s.json", scenarioWith(R"(, "adversary": "all")"));
    const Result result =
        run({"run", scenario.string(), "--out", (directory_.path() / "out").string()});
    EXPECT_EQ(result.status, 2);
    EXPECT_EQ(result.err, "mpicsim run: error: " + scenario.string() +
                              ": at /adversary: unknown key 'adversary' \u2014 did you mean "
                              "'adversaries'?\n");
}

// ------------------------------------------------------------------------------------------
// No error message prints a usage text

TEST_F(DidYouMeanTest, NoErrorPrintsTheUsage) {
    const fs::path emptyDirectory = directory_.path() / "empty";
    fs::create_directories(emptyDirectory);
    const std::vector<std::vector<std::string>> mistakes = {
        {"routes"},
        {"routes", "--topology", topology_, "--victim", "12345"},
        {"routes", "--topology", (directory_.path() / "missing.txt").string(), "--victim", "9"},
        {"routes", "--topology", topology_, "--victim", "9", "stray"},
        {"verdict", "--topology", topology_, "--victim", "9"},
        {"verdict", "--topology", topology_, "--victim", "9", "--attacker", "10"},
        {"check-ca"},
        {"check-ca", "--ca", "nope"},
        {"run"},
        {"run", (directory_.path() / "missing.json").string(), "--out", "x"},
        {"plot"},
        {"plot", emptyDirectory.string()},
        {"resilience", "--topology", topology_},
        {"topology-stats"},
        {"topology-stats", topology_, "--format"},
        {"generate-topology", "--ases", "5", "--seed", "1", "--out", "x"},
        {"generate-topology", "--bogus"},
        {"--bogus"},
        {"bogus"},
    };
    for (const std::vector<std::string>& arguments : mistakes) {
        std::string joined;
        for (const std::string& argument : arguments) {
            joined += " " + argument;
        }
        SCOPED_TRACE("mpicsim" + joined);
        const Result result = run(arguments);
        EXPECT_EQ(result.status, 2);
        EXPECT_TRUE(result.out.empty()) << result.out;
        EXPECT_FALSE(result.err.empty());
        EXPECT_EQ(result.err.find("usage:"), std::string::npos) << result.err;
        EXPECT_EQ(result.err.find("commands:"), std::string::npos) << result.err;
        for (const CommandTable::Command& command : mpicsim().commands()) {
            const std::string usage = command.usage();
            const std::string firstLine = usage.substr(0, usage.find('\n'));
            EXPECT_EQ(result.err.find(firstLine), std::string::npos) << result.err;
        }
        // One message line, and for a usage error the hint to --help.
        EXPECT_LE(std::count(result.err.begin(), result.err.end(), '\n'), 2) << result.err;
    }
}

}  // namespace
}  // namespace mpicsim::cli
