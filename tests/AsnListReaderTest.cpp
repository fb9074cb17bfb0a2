#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "mpicsim/io/AsnListReader.hpp"
#include "mpicsim/io/InputError.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim {
namespace {

namespace fs = std::filesystem;

using Asns = std::vector<Asn>;

// "@PATH", the way a file is named where a list is expected.
std::string atFile(const fs::path& path) {
    std::string argument = "@";
    argument += path.string();
    return argument;
}

// Expects parse(text, source) to throw an InputError whose what() contains `expected`.
void expectError(std::string_view text, const std::string& source, const std::string& expected,
                 std::size_t line) {
    SCOPED_TRACE("input: '" + std::string(text) + "'");
    try {
        AsnListReader::parse(text, source);
        ADD_FAILURE() << "expected an InputError";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
        EXPECT_EQ(error.line(), line) << error.what();
        EXPECT_EQ(error.source(), source);
    }
}

TEST(AsnListReader, CommasAndSpacesSeparate) {
    EXPECT_EQ(AsnListReader::parse("174,3356 1299", "command line"), (Asns{174, 3356, 1299}));
    EXPECT_EQ(AsnListReader::parse("174, 3356,  1299", "command line"), (Asns{174, 3356, 1299}));
    EXPECT_EQ(AsnListReader::parse("174\t3356", "command line"), (Asns{174, 3356}));
    EXPECT_EQ(AsnListReader::parse(",174,,", "command line"), (Asns{174}));
}

TEST(AsnListReader, AcceptsAsPrefix) {
    EXPECT_EQ(AsnListReader::parse("AS174", "command line"), (Asns{174}));
    EXPECT_EQ(AsnListReader::parse("AS174,3356 AS1299", "command line"), (Asns{174, 3356, 1299}));
}

TEST(AsnListReader, KeepsOrderAndRepeats) {
    EXPECT_EQ(AsnListReader::parse("3356 174 3356", "command line"), (Asns{3356, 174, 3356}));
}

TEST(AsnListReader, EmptyTextIsAnEmptyList) {
    EXPECT_TRUE(AsnListReader::parse("", "command line").empty());
    EXPECT_TRUE(AsnListReader::parse("# nothing\n\n", "list.txt").empty());
}

TEST(AsnListReader, ThirtyTwoBitRange) {
    EXPECT_EQ(AsnListReader::parse("4294967295", "command line"), (Asns{4294967295u}));
    expectError("4294967296", "command line", "4294967296", 0);
}

TEST(AsnListReader, CommentsAndNewlines) {
    const std::string text =
        "# cloud providers\n"
        "174, 3356\n"
        "\n"
        "1299 # a tier-1\r\n"
        "   AS6939\n"
        "#15169\n"
        "2914";
    EXPECT_EQ(AsnListReader::parse(text, "list.txt"), (Asns{174, 3356, 1299, 6939, 2914}));
}

TEST(AsnListReader, ErrorsNameTheSourceAndLine) {
    expectError("174\n3356\nfoo\n", "list.txt", "list.txt:3:", 3);
    expectError("# header\n174, 3356 x1299\n", "list.txt", "list.txt:2:", 2);
    expectError("174\n0\n", "list.txt", "AS0", 2);
    expectError("174\n-5\n", "list.txt", "-5", 2);
    expectError("174\n\n\n4294967296\n", "list.txt", "list.txt:4:", 4);
    expectError("174\nAS\n", "list.txt", "list.txt:2:", 2);
}

TEST(AsnListReader, SingleLineErrorsNameTheSourceAndToken) {
    expectError("174,3356,x", "command line", "command line", 0);
    expectError("174,3356,x", "command line", "'x'", 0);
    expectError("AS0", "option --victim", "option --victim", 0);
    expectError("-1", "command line", "-1", 0);
}

class AsnListReaderFiles : public ::testing::Test {
  protected:
    fs::path write(const std::string& name, const std::string& text) const {
        return directory_.write(name, text);
    }

    test::TemporaryDirectory directory_{"mpicsim-asn-list-test"};
};

TEST_F(AsnListReaderFiles, ReadsFileWithCommentsAndNewlines) {
    const fs::path path = write("adopters.txt", "# ROV adopters\n174\n3356,1299\n\n# end\n");
    EXPECT_EQ(AsnListReader::readFile(path), (Asns{174, 3356, 1299}));
    EXPECT_EQ(AsnListReader::fromArgument(atFile(path)), (Asns{174, 3356, 1299}));
}

TEST_F(AsnListReaderFiles, FileErrorsNameTheFileAndLine) {
    const fs::path path = write("adopters.txt", "174\n# fine so far\n3356 AS-bad\n");
    try {
        AsnListReader::readFile(path);
        FAIL() << "a bad token was accepted";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find(path.string() + ":3:"), std::string::npos)
            << error.what();
        EXPECT_EQ(error.line(), 3u);
    }
    EXPECT_THROW(AsnListReader::fromArgument(atFile(path)), InputError);
}

TEST_F(AsnListReaderFiles, OneLineFileErrorsStillNameTheLine) {
    // A file is a file whether or not its last line ends in a newline: the error names line 1.
    for (const std::string& text : {std::string("174 x\n"), std::string("174 x")}) {
        SCOPED_TRACE("file text: '" + text + "'");
        const fs::path path = write("one-line.txt", text);
        try {
            AsnListReader::readFile(path);
            ADD_FAILURE() << "a bad token was accepted";
        } catch (const InputError& error) {
            EXPECT_NE(std::string(error.what()).find(path.string() + ":1:"), std::string::npos)
                << error.what();
            EXPECT_EQ(error.line(), 1u) << error.what();
        }
    }
}

TEST_F(AsnListReaderFiles, MissingFileIsAnInputErrorNamingIt) {
    const fs::path missing = directory_.path() / "absent.txt";
    try {
        AsnListReader::fromArgument(atFile(missing));
        FAIL() << "a missing file was read";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find(missing.string()), std::string::npos)
            << error.what();
    }
}

TEST(AsnListReader, FromArgumentParsesPlainLists) {
    EXPECT_EQ(AsnListReader::fromArgument("174,AS3356 1299"), (Asns{174, 3356, 1299}));
    try {
        AsnListReader::fromArgument("174,bad");
        FAIL() << "a bad token was accepted";
    } catch (const InputError& error) {
        EXPECT_EQ(error.source(), "command line");
        EXPECT_NE(std::string(error.what()).find("bad"), std::string::npos) << error.what();
    }
}

}  // namespace
}  // namespace mpicsim
