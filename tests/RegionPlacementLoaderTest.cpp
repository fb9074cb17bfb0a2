// Which AS-to-organisation file goes with a topology, and the region model a request becomes.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <optional>
#include <string>

#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/RegionPlacementLoader.hpp"
#include "support/GraphBuilder.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim {
namespace {

namespace fs = std::filesystem;

// Points MPICSIM_DATA at a folder for one test and restores it after.
class DataVariable {
  public:
    explicit DataVariable(const fs::path& folder) {
        if (const char* value = std::getenv("MPICSIM_DATA")) {
            saved_ = value;
        }
        ::setenv("MPICSIM_DATA", folder.c_str(), 1);
    }
    ~DataVariable() {
        if (saved_) {
            ::setenv("MPICSIM_DATA", saved_->c_str(), 1);
        } else {
            ::unsetenv("MPICSIM_DATA");
        }
    }
    DataVariable(const DataVariable&) = delete;
    DataVariable& operator=(const DataVariable&) = delete;

  private:
    std::optional<std::string> saved_;
};

TEST(RegionPlacementLoader, TheSiblingFileGoesWithATopology) {
    const test::TemporaryDirectory directory("mpicsim-orgfind");
    const fs::path topology = directory.write("lab.as-rel2.txt.bz2", "");
    EXPECT_EQ(RegionPlacementLoader::organisationsFileFor(topology), std::nullopt);
    const fs::path gz = directory.write("lab.as-org2info.txt.gz", "");
    EXPECT_EQ(RegionPlacementLoader::organisationsFileFor(topology), gz);
    const fs::path plain = directory.write("lab.as-org2info.txt", "");
    EXPECT_EQ(RegionPlacementLoader::organisationsFileFor(topology), plain);  // plain first
    EXPECT_EQ(RegionPlacementLoader::organisationsFileFor(directory.path() / "lab.txt"), plain);
    EXPECT_EQ(RegionPlacementLoader::organisationsFileFor(directory.path() / "lab.as-rel.txt"),
              plain);
}

TEST(RegionPlacementLoader, ASnapshotInTheDataDirectoryTakesTheNewestFileNotNewerThanIt) {
    const test::TemporaryDirectory data("mpicsim-orgdata");
    const DataVariable variable(data.path());
    const fs::path snapshot = data.write("20250901.as-rel2.txt.bz2", "");
    EXPECT_EQ(RegionPlacementLoader::organisationsFileFor(snapshot), std::nullopt);
    const fs::path newer = data.write("20260101.as-org2info.txt.gz", "");
    const fs::path newest = data.write("20270101.as-org2info.txt.gz", "");
    EXPECT_EQ(RegionPlacementLoader::organisationsFileFor(snapshot), newer);  // all newer: oldest
    const fs::path older = data.write("20220401.as-org2info.txt.gz", "");
    data.write("20250401.as-org2info.txt", "");
    EXPECT_EQ(RegionPlacementLoader::organisationsFileFor(snapshot),
              data.path() / "20250401.as-org2info.txt");
    EXPECT_EQ(RegionPlacementLoader::organisationsFileFor(data.path() / "20220401.as-rel.txt"),
              older);
    // Outside the data directory, only a sibling of the same name counts.
    const test::TemporaryDirectory elsewhere("mpicsim-orgelse");
    elsewhere.write("20220401.as-org2info.txt.gz", "");
    EXPECT_EQ(
        RegionPlacementLoader::organisationsFileFor(elsewhere.path() / "20250901.as-rel2.txt.bz2"),
        std::nullopt);
    (void)newest;
}

TEST(RegionPlacementLoader, TheDefaultFallsBackToCloudAsWithANotice) {
    const AsGraph graph = test::GraphBuilder().providerOf(174, 16509).build();
    const PerspectiveCatalog& catalog = PerspectiveCatalogReader::builtIn();
    const auto fallback =
        RegionPlacementLoader::load(std::nullopt, graph, {}, "lab.txt", catalog, "s.json");
    EXPECT_EQ(fallback.placement.model().label(), "cloud-as");
    EXPECT_NE(fallback.notice.find("no AS-to-organisation table found for lab.txt"),
              std::string::npos);

    AsOrganisations organisations;
    organisations.set(174, {"C", "Cogent", "US", "ARIN"});
    const auto regional = RegionPlacementLoader::load(std::nullopt, graph, organisations, "lab.txt",
                                                      catalog, "s.json");
    EXPECT_EQ(regional.placement.model().label(), "regional");
    EXPECT_TRUE(regional.notice.empty());
    EXPECT_EQ(RegionPlacementLoader::load(RegionModel::cloudAs(), graph, organisations, "lab.txt",
                                          catalog, "s.json")
                  .placement.model()
                  .label(),
              "cloud-as");
    try {
        RegionPlacementLoader::load(RegionModel::regional(true), graph, {}, "lab.txt", catalog,
                                    "s.json");
        FAIL() << "regional without a table must be an error";
    } catch (const InputError& error) {
        EXPECT_EQ(std::string(error.what()),
                  "s.json: region model regional+backbone needs an AS-to-organisation table, and "
                  "none was found for lab.txt (put NAME.as-org2info.txt beside it, or give one)");
    }
}

}  // namespace
}  // namespace mpicsim
