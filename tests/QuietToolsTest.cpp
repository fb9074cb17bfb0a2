// Commands that draw charts print nothing but their own messages: no Qt runtime warnings, even
// without a session's runtime directory (a CLI run over ssh or in a container).

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "mpicsim/io/InputFile.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim {
namespace {

TEST(QuietTools, RunWithPlotsPrintsNoQtWarnings) {
    const test::TemporaryDirectory directory("mpicsim-quiet-tools");
    const std::string command = std::string("cd ") + MPICSIM_SOURCE_DIR +
                                " && env -u XDG_RUNTIME_DIR -u DISPLAY -u WAYLAND_DISPLAY " +
                                MPICSIM_CLI_PATH + " run scenarios/classroom.json --out " +
                                (directory.path() / "out").string() + " > " +
                                (directory.path() / "stdout.txt").string() + " 2> " +
                                (directory.path() / "stderr.txt").string();
    ASSERT_EQ(std::system(command.c_str()), 0) << InputFile::read(directory.path() / "stderr.txt");
    const std::string errors = InputFile::read(directory.path() / "stderr.txt");
    EXPECT_EQ(errors.find("QStandardPaths"), std::string::npos) << errors;
    EXPECT_EQ(errors.find("qt."), std::string::npos) << errors;
    EXPECT_TRUE(std::filesystem::exists(directory.path() / "out" / "plots"));
}

}  // namespace
}  // namespace mpicsim
