// CAIDA snapshots named by date, found in the data directory where users keep them.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <optional>

#include "mpicsim/io/DataDirectory.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim {
namespace {

using namespace std::chrono;
namespace fs = std::filesystem;

constexpr year_month_day kSeptember2025{year{2025}, month{9}, day{1}};

// Sets the data directory's environment variables for one test and restores them after.
class DataEnvironment {
  public:
    DataEnvironment() {
        for (const char* name : kNames) {
            const char* value = std::getenv(name);
            saved_.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
            ::unsetenv(name);
        }
    }
    ~DataEnvironment() {
        for (const auto& [name, value] : saved_) {
            if (value) {
                ::setenv(name, value->c_str(), 1);
            } else {
                ::unsetenv(name);
            }
        }
    }
    DataEnvironment(const DataEnvironment&) = delete;
    DataEnvironment& operator=(const DataEnvironment&) = delete;

    static void set(const char* name, const fs::path& value) { ::setenv(name, value.c_str(), 1); }

  private:
    static constexpr const char* kNames[] = {"MPICSIM_DATA", "XDG_DATA_HOME", "HOME"};
    std::vector<std::pair<const char*, std::optional<std::string>>> saved_;
};

std::string snapshotError(year_month_day date) {
    try {
        DataDirectory::caidaSnapshot(date);
    } catch (const DataDirectory::SnapshotNotFound& error) {
        return error.what();
    }
    return "no error";
}

TEST(DataDirectory, TheVariablesInOrder) {
    const DataEnvironment environment;
    DataEnvironment::set("HOME", "/home/someone");
    EXPECT_EQ(DataDirectory::locate().path, fs::path("/home/someone/.local/share/mpicsim"));
    DataEnvironment::set("XDG_DATA_HOME", "/xdg");
    EXPECT_EQ(DataDirectory::locate().path, fs::path("/xdg/mpicsim"));
    EXPECT_EQ(DataDirectory::locate().setBy, "$XDG_DATA_HOME");
    DataEnvironment::set("MPICSIM_DATA", "/data");
    EXPECT_EQ(DataDirectory::locate().path, fs::path("/data"));
    EXPECT_EQ(DataDirectory::locate().setBy, "$MPICSIM_DATA");
}

TEST(DataDirectory, NoVariableAtAllIsExplained) {
    const DataEnvironment environment;
    EXPECT_NE(snapshotError(kSeptember2025).find("set MPICSIM_DATA"), std::string::npos);
}

TEST(DataDirectory, FindsSerial2InCaidaFolderBeforeSerial1BesideIt) {
    const DataEnvironment environment;
    const test::TemporaryDirectory data("mpicsim-data");
    DataEnvironment::set("MPICSIM_DATA", data.path());
    const fs::path serial1 = data.write("20250901.as-rel.txt.bz2", "x");
    EXPECT_EQ(DataDirectory::caidaSnapshot(kSeptember2025), serial1);
    fs::create_directories(data.path() / "caida");
    const fs::path serial2 = data.write("caida/20250901.as-rel2.txt.bz2", "x");
    EXPECT_EQ(DataDirectory::caidaSnapshot(kSeptember2025), serial2);
}

TEST(DataDirectory, AMissingSnapshotPrintsTheFetchCommand) {
    const DataEnvironment environment;
    const test::TemporaryDirectory data("mpicsim-data");
    DataEnvironment::set("MPICSIM_DATA", data.path());
    const std::string error = snapshotError(kSeptember2025);
    EXPECT_NE(error.find("no CAIDA snapshot of 2025-09-01 in " + (data.path() / "caida").string()),
              std::string::npos)
        << error;
    EXPECT_NE(error.find("from $MPICSIM_DATA"), std::string::npos) << error;
    EXPECT_NE(error.find("fetch it with: topology_data/fetch-caida.sh 20250901 --dir " +
                         (data.path() / "caida").string()),
              std::string::npos)
        << error;
}

TEST(DataDirectory, AMissingDataDirectoryIsNamed) {
    const DataEnvironment environment;
    const test::TemporaryDirectory parent("mpicsim-data");
    DataEnvironment::set("XDG_DATA_HOME", parent.path());
    const std::string error = snapshotError(kSeptember2025);
    EXPECT_NE(error.find("the data directory " + (parent.path() / "mpicsim").string() +
                         " (from $XDG_DATA_HOME) does not exist"),
              std::string::npos)
        << error;
    EXPECT_NE(error.find("topology_data/fetch-caida.sh 20250901 --dir"), std::string::npos)
        << error;
}

TEST(DataDirectory, OnlyFirstsOfTheMonthAreSnapshots) {
    const DataEnvironment environment;
    DataEnvironment::set("MPICSIM_DATA", "/data");
    EXPECT_NE(snapshotError(year_month_day{year{2025}, month{9}, day{15}})
                  .find("2025-09-15 is not one (did you mean 2025-09-01?)"),
              std::string::npos);
}

TEST(DataDirectory, ScenariosNameASnapshotByDateOrByPath) {
    const DataEnvironment environment;
    const test::TemporaryDirectory data("mpicsim-data");
    DataEnvironment::set("MPICSIM_DATA", data.path());
    auto scenario = [&](const std::string& caida) {
        return ScenarioReader::parse(R"({"name": "x", "topology": {"caida": ")" + caida + R"("},
            "ca_configurations": ["lets-encrypt-2020"], "victims": "all", "adversaries": "all"})",
                                     "s.json", "/scenarios", PerspectiveCatalogReader::builtIn(),
                                     kSeptember2025);
    };
    EXPECT_EQ(scenario("t.txt").topologyPath, "/scenarios/t.txt");
    EXPECT_EQ(scenario("data:caida/x.txt").topologyPath, (data.path() / "caida/x.txt").string());
    try {
        scenario("2025-09-01");
        ADD_FAILURE() << "a missing snapshot was accepted";
    } catch (const InputError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("s.json: at /topology/caida: no CAIDA snapshot of 2025-09-01"),
                  std::string::npos)
            << message;
        EXPECT_NE(message.find("topology_data/fetch-caida.sh 20250901"), std::string::npos)
            << message;
    }
    fs::create_directories(data.path() / "caida");
    const fs::path file = data.write("caida/20250901.as-rel2.txt.bz2", "x");
    EXPECT_EQ(scenario("2025-09-01").topologyPath, file.string());
}

}  // namespace
}  // namespace mpicsim
