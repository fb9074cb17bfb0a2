// ROV adoption scores as measured lists publish them: a header naming `asn` and a score column.
#include <gtest/gtest.h>

#include "mpicsim/io/AdoptionScoreReader.hpp"
#include "mpicsim/io/InputError.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim {
namespace {

std::string errorOf(const std::string& text, const std::string& column = "score") {
    try {
        AdoptionScoreReader::adopters(text, "scores.csv", column, 0.5);
    } catch (const InputError& error) {
        return error.what();
    }
    return "no error";
}

TEST(AdoptionScoreReader, AdoptersScoreAtLeastTheThreshold) {
    const std::string csv =
        "asn,score,country\n"
        "13335,0.92,US\n"
        "174,0.4,US\n"
        "3356,0.5,US\n"
        "1299,,SE\n";
    EXPECT_EQ(AdoptionScoreReader::adopters(csv, "s.csv", "score", 0.5),
              (std::vector<Asn>{13335, 3356}));
    EXPECT_EQ(AdoptionScoreReader::adopters(csv, "s.csv", "score", 0.0),
              (std::vector<Asn>{13335, 174, 3356}));
    EXPECT_TRUE(AdoptionScoreReader::adopters(csv, "s.csv", "score", 0.95).empty());
}

TEST(AdoptionScoreReader, ColumnsByNameWhateverTheirCaseOrderOrQuotes) {
    const std::string csv =
        "# RoVista-like export\n"
        "\"Ratio\",\"ASN\"\r\n"
        "\"100\",\"AS64512\"\r\n"
        "20,64513\r\n";
    EXPECT_EQ(AdoptionScoreReader::adopters(csv, "s.csv", "ratio", 80), (std::vector<Asn>{64512}));
}

TEST(AdoptionScoreReader, ErrorsNameTheFileAndLine) {
    EXPECT_NE(errorOf("asn,ratio\n1,0.5\n")
                  .find("scores.csv:1: expected a header line naming "
                        "the columns 'asn' and 'score'"),
              std::string::npos);
    EXPECT_NE(errorOf("").find("scores.csv: is empty"), std::string::npos);
    EXPECT_NE(errorOf("asn,score\n1,0.5,x\n").find("scores.csv:2: expected 2 fields, got 3"),
              std::string::npos);
    EXPECT_NE(errorOf("asn,score\n1,high\n")
                  .find("scores.csv:2: expected a number in column "
                        "'score', got 'high'"),
              std::string::npos);
    EXPECT_NE(errorOf("asn,score\nx1,0.5\n").find("scores.csv:2: 'x1' is not a decimal ASN"),
              std::string::npos);
    EXPECT_NE(errorOf("asn,score\n7,0.5\n\n7,0.1\n")
                  .find("scores.csv:4: AS7 is given twice (also "
                        "on line 2)"),
              std::string::npos);
    EXPECT_NE(errorOf("asn,score\n7,nan\n").find("expected a number"), std::string::npos);
}

TEST(AdoptionScoreReader, ReadsAFile) {
    const test::TemporaryDirectory directory("mpicsim-scores");
    const auto path = directory.write("scores.csv", "asn,score\n1,1\n2,0\n");
    EXPECT_EQ(AdoptionScoreReader::readAdopters(path, "score", 0.5), (std::vector<Asn>{1}));
}

}  // namespace
}  // namespace mpicsim
