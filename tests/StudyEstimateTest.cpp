#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "CaSelection.hpp"
#include "RunCommand.hpp"
#include "StudyEstimate.hpp"
#include "mpicsim/io/Gzip.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"
#include "mpicsim/io/TrialsCsv.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim {
namespace {

namespace fs = std::filesystem;

const fs::path kClassroom = fs::path(MPICSIM_SOURCE_DIR) / "scenarios" / "classroom.json";

StudySession classroomStudy() {
    const auto today = cli::CaSelection::today();
    return StudySession(
        ScenarioReader::readFile(kClassroom, PerspectiveCatalogReader::builtIn(), today),
        {kClassroom, InputFile::read(kClassroom), today});
}

// The classroom study: 19 ASes, every victim × every other AS (19 × 18 = 342 pairs) under three
// attacks = 1,026 units in 17 shards of 64; one CA under five BR phases = 5 verdicts per unit.
// 17 shards at 16 places (shard j × 17 / 16, then one more at the last place) is the whole
// study, so the extrapolated trials.csv and trials.csv.gz sizes are those a run writes.
TEST(StudyEstimate, SamplesTheWholeOfASmallStudyAndPredictsItsFilesExactly) {
    const StudySession study = classroomStudy();
    const cli::StudyEstimate::Figures figures = cli::StudyEstimate::measure(study);
    EXPECT_EQ(figures.units, 1026u);
    EXPECT_EQ(figures.sampledUnits, 1026u);
    EXPECT_DOUBLE_EQ(figures.rowsPerUnit, 5.0);
    EXPECT_GT(figures.unitsPerSecond, 0.0);
    EXPECT_EQ(figures.groups, 15u);  // 5 phases × 3 attacks

    const test::TemporaryDirectory directory("estimate");
    for (const char* trials : {"csv", "csv.gz"}) {
        const fs::path out = directory.path() / trials;
        std::ostringstream quiet;
        ASSERT_EQ(cli::RunCommand::run({kClassroom.string(), "--out", out.string(), "--trials",
                                        trials, "--no-plots", "--threads", "1"},
                                       quiet, quiet),
                  0)
            << quiet.str();
        const bool gz = std::string(trials) == "csv.gz";
        const double header =
            gz ? static_cast<double>(Gzip::compressMember(TrialsCsv::header()).size())
               : static_cast<double>(TrialsCsv::header().size());
        const double perUnit = gz ? figures.gzipBytesPerUnit : figures.csvBytesPerUnit;
        EXPECT_DOUBLE_EQ(
            header + 1026 * perUnit,
            static_cast<double>(fs::file_size(out / (gz ? "trials.csv.gz" : "trials.csv"))))
            << trials;
    }
}

TEST(StudyEstimate, RunEstimatePrintsTheCostAndWritesNothing) {
    const test::TemporaryDirectory directory("estimate-run");
    const fs::path out = directory.path() / "never";
    std::ostringstream text;
    std::ostringstream err;
    ASSERT_EQ(
        cli::RunCommand::run({kClassroom.string(), "--estimate", "--threads", "2"}, text, err), 0)
        << err.str();
    EXPECT_NE(text.str().find("trial units:      1026"), std::string::npos) << text.str();
    EXPECT_NE(text.str().find("CPU-hours"), std::string::npos) << text.str();
    EXPECT_NE(text.str().find("--trials csv.gz"), std::string::npos) << text.str();
    EXPECT_NE(text.str().find("nothing was written"), std::string::npos) << text.str();
    EXPECT_TRUE(fs::is_empty(directory.path()));
}

}  // namespace
}  // namespace mpicsim
