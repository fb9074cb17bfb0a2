// A study on a shipped synthetic scenario that names the CA presets runs: the generator hosts
// the catalog's ASes (before, a 5,000-AS synthetic Internet stopped the study with "host
// AS13649 is not in the topology"), and the manifest's SHA-256 is that of the two files
// `mpicsim generate-topology` writes for the same size and seed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "mpicsim/io/FileDigest.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim {
namespace {

TEST(SyntheticStudy, ShippedSyntheticScenarioWithCatalogPresetsRuns) {
    const test::TemporaryDirectory directory("mpicsim-synthetic-study");
    const std::string cli = MPICSIM_CLI_PATH;
    const std::string run = std::string("cd ") + MPICSIM_SOURCE_DIR + " && " + cli +
                            " run scenarios/synthetic-5000.json --out " +
                            (directory.path() / "out").string() + " --no-plots > " +
                            (directory.path() / "stdout.txt").string() + " 2> " +
                            (directory.path() / "stderr.txt").string();
    ASSERT_EQ(std::system(run.c_str()), 0) << InputFile::read(directory.path() / "stderr.txt");
    const std::string summary = InputFile::read(directory.path() / "out" / "summary.csv");
    for (const char* preset :
         {"single-vantage-point", "lets-encrypt-2020", "br-2026-12-example", "open-mpic-example"}) {
        EXPECT_NE(summary.find(std::string("\n") + preset + ","), std::string::npos) << preset;
    }

    const std::string generate = cli + " generate-topology --ases 5000 --seed 1 --out " +
                                 (directory.path() / "t.as-rel2.txt").string() + " > " +
                                 (directory.path() / "generate.txt").string();
    ASSERT_EQ(std::system(generate.c_str()), 0);
    const std::string both = InputFile::read(directory.path() / "t.as-rel2.txt") +
                             InputFile::read(directory.path() / "t.as-org2info.txt");
    const std::string manifest = InputFile::read(directory.path() / "out" / "manifest.json");
    EXPECT_NE(manifest.find("\"sha256\": \"" + FileDigest::sha256(both) + "\""), std::string::npos)
        << manifest.substr(0, 2000);
}

}  // namespace
}  // namespace mpicsim
