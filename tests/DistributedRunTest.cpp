#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <sstream>

#include "DistributedOptimize.hpp"
#include "DistributedRun.hpp"
#include "MpiLaunch.hpp"
#include "OptimizeCommand.hpp"
#include "RunCommand.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim {
namespace {

namespace fs = std::filesystem;

// Sets an environment variable while it lives.
class ScopedEnvironment {
  public:
    ScopedEnvironment(const char* name, const char* value) : name_(name) {
        ::setenv(name, value, 1);
    }
    ~ScopedEnvironment() { ::unsetenv(name_); }
    ScopedEnvironment(const ScopedEnvironment&) = delete;
    ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

  private:
    const char* name_;
};

TEST(MpiLaunch, ReadsTheJobSizeThatOpenMpiOrPmiSets) {
    ::unsetenv("OMPI_COMM_WORLD_SIZE");
    ::unsetenv("PMI_SIZE");
    EXPECT_EQ(cli::MpiLaunch::ranks(), 0);
    {
        const ScopedEnvironment pmi("PMI_SIZE", "8");
        EXPECT_EQ(cli::MpiLaunch::ranks(), 8);
    }
    const ScopedEnvironment openMpi("OMPI_COMM_WORLD_SIZE", "4");
    EXPECT_EQ(cli::MpiLaunch::ranks(), 4);
}

// A build without MPI started as 4 ranks would run the whole study 4 times into one folder: it
// refuses, names the option, and writes nothing.
TEST(DistributedRun, ABuildWithoutMpiRefusesToRunAsSeveralRanks) {
#if MPICSIM_WITH_MPI
    GTEST_SKIP() << "this build has MPI; tests/mpi/check-distributed-run.sh runs it";
#else
    const test::TemporaryDirectory directory("no-mpi");
    const fs::path out = directory.path() / "out";
    const ScopedEnvironment ranks("OMPI_COMM_WORLD_SIZE", "4");
    EXPECT_TRUE(cli::DistributedRun::wanted());
    std::ostringstream text;
    std::ostringstream err;
    const fs::path scenario = fs::path(MPICSIM_SOURCE_DIR) / "scenarios" / "classroom.json";
    EXPECT_EQ(cli::RunCommand::run({scenario.string(), "--out", out.string()}, text, err), 2);
    EXPECT_NE(err.str().find("this mpicsim was built without MPI; configure with "
                             "-DMPICSIM_WITH_MPI=ON"),
              std::string::npos)
        << err.str();
    EXPECT_FALSE(fs::exists(out));
#endif
}

// The same for `mpicsim optimize`: 4 ranks would each build the matrices and write one folder.
TEST(DistributedRun, ABuildWithoutMpiRefusesToOptimizeAsSeveralRanks) {
#if MPICSIM_WITH_MPI
    GTEST_SKIP() << "this build has MPI; tests/mpi/check-distributed-run.sh runs it";
#else
    const test::TemporaryDirectory directory("no-mpi-optimize");
    const fs::path out = directory.path() / "out";
    const ScopedEnvironment ranks("OMPI_COMM_WORLD_SIZE", "4");
    EXPECT_TRUE(cli::DistributedOptimize::wanted());
    std::ostringstream text;
    std::ostringstream err;
    const fs::path scenario =
        fs::path(MPICSIM_SOURCE_DIR) / "scenarios" / "optimize-classroom.json";
    EXPECT_EQ(cli::OptimizeCommand::run({scenario.string(), "--out", out.string()}, text, err), 2);
    EXPECT_NE(err.str().find("mpicsim optimize: error: started as one of 4 MPI ranks, but this "
                             "mpicsim was built without MPI; configure with "
                             "-DMPICSIM_WITH_MPI=ON"),
              std::string::npos)
        << err.str();
    EXPECT_FALSE(fs::exists(out));
#endif
}

TEST(DistributedRun, ABuildWithoutMpiRunsAsOneRankOfOne) {
#if MPICSIM_WITH_MPI
    GTEST_SKIP() << "this build has MPI; tests/mpi/check-distributed-run.sh runs it";
#else
    const ScopedEnvironment ranks("OMPI_COMM_WORLD_SIZE", "1");
    EXPECT_FALSE(cli::DistributedRun::wanted());
    EXPECT_FALSE(cli::DistributedOptimize::wanted());
#endif
}

}  // namespace
}  // namespace mpicsim
