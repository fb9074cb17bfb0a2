// CommandTable and the mpicsim command table: help generated from the table, --version, each
// command's --help, one error path, and what a build without charts says.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "CommandTable.hpp"
#include "MpicsimCommands.hpp"
#include "UsageError.hpp"
#include "mpicsim/io/CaConfigurationReader.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"
#include "mpicsim/mpic/Rir.hpp"
#include "mpicsim/mpic/ValidationMethod.hpp"
#include "mpicsim/routing/AttackType.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim::cli {
namespace {

namespace fs = std::filesystem;

struct Result {
    int status = -1;
    std::string out;
    std::string err;
};

Result run(const CommandTable& table, const std::vector<std::string>& arguments) {
    std::ostringstream out;
    std::ostringstream err;
    Result result;
    result.status = table.run(arguments, out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
}

// The table of a build without charts: the same commands, with stand-ins for the charts.
const CommandTable& mpicsimWithoutCharts() {
    static const CommandTable table = MpicsimCommands::table(std::nullopt);
    return table;
}

// `mpicsim ARGUMENTS` run as a process: exit status and stdout + stderr.
Result runExecutable(const std::string& arguments) {
    const std::string command = std::string("'") + MPICSIM_CLI_PATH + "' " + arguments + " 2>&1";
    Result result;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) {
        ADD_FAILURE() << "cannot run " << command;
        return result;
    }
    char buffer[4096];
    while (const std::size_t read = std::fread(buffer, 1, sizeof buffer, pipe)) {
        result.out.append(buffer, read);
    }
    const int status = ::pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

// The version the top-level CMakeLists.txt declares: project(mpicsim VERSION x.y.z ...).
std::string projectVersion() {
    std::ifstream in(fs::path(MPICSIM_SOURCE_DIR) / "CMakeLists.txt");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string marker = "project(mpicsim VERSION ";
    const auto start = text.find(marker);
    if (start == std::string::npos) {
        ADD_FAILURE() << "no '" << marker << "' in CMakeLists.txt";
        return "?";
    }
    const auto begin = start + marker.size();
    return text.substr(begin, text.find_first_of(" )", begin) - begin);
}

// "a|b|c", written here independently of OptionChoices.
std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) {
        if (!text.empty()) {
            text += '|';
        }
        text += name;
    }
    return text;
}

// A table of three commands whose run functions fail in the ways the error path tells apart.
CommandTable failingTable() {
    CommandTable table("9.9", "a test program");
    table.add({"usage", "throws a UsageError", [] { return std::string("usage: prog usage\n"); },
               [](const std::vector<std::string>&, std::ostream&, std::ostream&) -> int {
                   throw UsageError("bad option");
               }});
    table.add({"input", "throws an InputError", [] { return std::string("usage: prog input\n"); },
               [](const std::vector<std::string>&, std::ostream&, std::ostream&) -> int {
                   throw InputError("f.txt", 3, "bad line");
               }});
    table.add({"bug", "throws a logic_error", [] { return std::string("usage: prog bug\n"); },
               [](const std::vector<std::string>&, std::ostream&, std::ostream&) -> int {
                   throw std::logic_error("cannot happen");
               }});
    return table;
}

TEST(CommandTableTest, HelpListsEveryCommandWithItsSummary) {
    const CommandTable& table = mpicsimWithoutCharts();
    const Result result = run(table, {"--help"});
    EXPECT_EQ(result.status, 0);
    ASSERT_EQ(table.commands().size(), 11u);
    for (const CommandTable::Command& command : table.commands()) {
        EXPECT_FALSE(command.summary.empty()) << command.name;
        EXPECT_NE(result.out.find("  " + command.name + " "), std::string::npos) << command.name;
        EXPECT_NE(result.out.find(command.summary), std::string::npos) << command.name;
    }
    EXPECT_EQ(run(table, {"-h"}).out, result.out);
    EXPECT_EQ(run(table, {"help"}).out, result.out);
    EXPECT_EQ(result.out, table.help());
}

TEST(CommandTableTest, NoArgumentsPrintsTheHelpAndFails) {
    const Result result = run(mpicsimWithoutCharts(), {});
    EXPECT_EQ(result.status, 2);
    EXPECT_EQ(result.out, mpicsimWithoutCharts().help());
}

TEST(CommandTableTest, VersionPrintsTheProjectVersion) {
    const Result result = run(mpicsimWithoutCharts(), {"--version"});
    EXPECT_EQ(result.status, 0);
    EXPECT_EQ(result.out, std::string("mpicsim ") + projectVersion() + "\n");
    EXPECT_TRUE(result.err.empty());
}

TEST(CommandTableTest, ExecutablePrintsItsVersion) {
    const Result result = runExecutable("--version");
    EXPECT_EQ(result.status, 0);
    EXPECT_EQ(result.out, std::string("mpicsim ") + projectVersion() + "\n");
}

TEST(CommandTableTest, EachCommandsHelpIsItsUsage) {
    for (const CommandTable::Command& command : mpicsimWithoutCharts().commands()) {
        SCOPED_TRACE(command.name);
        const Result result = run(mpicsimWithoutCharts(), {command.name, "--help"});
        EXPECT_EQ(result.status, 0);
        EXPECT_EQ(result.out, command.usage());
        EXPECT_TRUE(result.out.starts_with("usage: mpicsim " + command.name)) << result.out;
        EXPECT_EQ(run(mpicsimWithoutCharts(), {"help", command.name}).out, command.usage());
        EXPECT_EQ(run(mpicsimWithoutCharts(), {command.name, "--format", "x", "-h"}).out,
                  command.usage());
    }
}

TEST(CommandTableTest, UsageListsComeFromTheTables) {
    const CommandTable& table = mpicsimWithoutCharts();
    const std::string routes = table.find("routes")->usage();
    const std::string verdict = table.find("verdict")->usage();
    const std::string checkCa = table.find("check-ca")->usage();
    std::vector<std::string> attacks;
    for (AttackType type : kAllAttackTypes) {
        attacks.emplace_back(toString(type));
    }
    EXPECT_NE(routes.find("[--attack " + joined(attacks) + "]"), std::string::npos) << routes;
    EXPECT_NE(verdict.find("[--attack " + joined(attacks) + "]"), std::string::npos) << verdict;
    std::vector<std::string> methods;
    for (ValidationMethod method : kAllValidationMethods) {
        methods.emplace_back(toString(method));
    }
    EXPECT_NE(verdict.find("[--method " + joined(methods) + "]"), std::string::npos) << verdict;
    std::vector<std::string> policyNames;
    for (const QuorumPolicy& row : QuorumPolicyTable::rows()) {
        if (std::find(policyNames.begin(), policyNames.end(), row.name) == policyNames.end()) {
            policyNames.push_back(row.name);
        }
    }
    const std::string policies = joined(policyNames);
    EXPECT_NE(verdict.find("[--policy " + policies + "]"), std::string::npos) << verdict;
    EXPECT_NE(checkCa.find("[--policy " + policies + "]"), std::string::npos) << checkCa;
    for (const std::string& preset : CaConfigurationReader::presetNames()) {
        EXPECT_NE(verdict.find(preset), std::string::npos) << preset;
        EXPECT_NE(checkCa.find(preset), std::string::npos) << preset;
    }
    for (Rir rir : kAllRirs) {
        EXPECT_NE(verdict.find(toString(rir)), std::string::npos) << toString(rir);
    }
    EXPECT_NE(routes.find("[--tie-break lowest-asn|random:SEED|md5]"), std::string::npos);
}

TEST(CommandTableTest, UsageErrorsHintAtTheCommandsHelp) {
    const Result result = run(failingTable(), {"usage"});
    EXPECT_EQ(result.status, 2);
    EXPECT_EQ(result.err,
              "mpicsim usage: error: bad option\nRun 'mpicsim usage --help' for its options.\n");
}

TEST(CommandTableTest, InputErrorsNameTheFileAndLine) {
    const Result result = run(failingTable(), {"input"});
    EXPECT_EQ(result.status, 2);
    EXPECT_NE(result.err.find("input: error: f.txt:3: bad line\n"), std::string::npos)
        << result.err;
    EXPECT_EQ(result.err.find("--help"), std::string::npos) << result.err;
}

TEST(CommandTableTest, OtherExceptionsAreInternalErrors) {
    const Result result = run(failingTable(), {"bug"});
    EXPECT_EQ(result.status, 1);
    EXPECT_NE(result.err.find("bug: internal error: cannot happen\n"), std::string::npos)
        << result.err;
}

TEST(CommandTableTest, WithoutChartsPlotExplainsWhy) {
    const Result result = run(mpicsimWithoutCharts(), {"plot", "results"});
    EXPECT_EQ(result.status, 2);
    EXPECT_TRUE(result.out.empty());
    EXPECT_NE(result.err.find("mpicsim plot: error:"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("built without charts (MPICSIM_WITH_CHARTS=OFF)"), std::string::npos)
        << result.err;
    EXPECT_NE(run(mpicsimWithoutCharts(), {"plot", "--help"}).out.find("built without charts"),
              std::string::npos);
}

TEST(CommandTableTest, WithoutChartsRunWritesNoPlotsAndSaysSoOnce) {
    const test::TemporaryDirectory temporary("mpicsim-command-table");
    const fs::path& directory = temporary.path();
    temporary.write("t.txt", "1|2|-1\n1|3|-1\n2|3|0\n3|4|-1\n");
    temporary.write("s.json", R"({"name": "tiny", "topology": {"caida": "t.txt"},
        "ca_configurations": [{"name": "c", "primary": {"asn": 1, "rir": "ARIN"},
                               "remotes": [], "policy": "single"}],
        "victims": "all", "adversaries": "all"})");
    const Result result =
        run(mpicsimWithoutCharts(), {"run", (directory / "s.json").string(), "--out",
                                     (directory / "out").string(), "--threads", "1"});
    EXPECT_EQ(result.status, 0) << result.err;
    const std::string note =
        "mpicsim run: note: built without charts (MPICSIM_WITH_CHARTS=OFF); no plots written\n";
    const auto first = result.err.find(note);
    EXPECT_NE(first, std::string::npos) << result.err;
    EXPECT_EQ(result.err.find(note, first + 1), std::string::npos) << result.err;
    EXPECT_TRUE(fs::exists(directory / "out" / "summary.csv"));
    EXPECT_FALSE(fs::exists(directory / "out" / "plots"));

    const Result without = run(mpicsimWithoutCharts(),
                               {"run", (directory / "s.json").string(), "--out",
                                (directory / "out2").string(), "--threads", "1", "--no-plots"});
    EXPECT_EQ(without.status, 0) << without.err;
    EXPECT_EQ(without.err.find("note: built without charts"), std::string::npos) << without.err;
}

}  // namespace
}  // namespace mpicsim::cli
