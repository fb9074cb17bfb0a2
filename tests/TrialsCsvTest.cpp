// trials.csv: the one writer and reader of the file's schema.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/TrialsCsv.hpp"

namespace mpicsim {
namespace {

namespace fs = std::filesystem;

// Two units, the first under two configuration × policy pairs.
std::vector<TrialRecord> handMadeRecords() {
    std::vector<TrialRecord> records(2);
    records[0].rovIndex = 0;
    records[0].rovLabel = "none";
    records[0].attack = AttackType::Subprefix;
    records[0].prefixLength = 22;
    records[0].victim = 64500;
    records[0].adversary = 7;
    records[0].verdicts = {{"five", "own: br (phase 2026-03-15)", true, false, 4, 3},
                           {"single", "custom:allowed=2", false, true, 0, 0}};
    records[0].perspectiveOutcomes = {Outcome::Attacker, Outcome::Victim};
    records[1].rovIndex = 1;
    records[1].rovLabel = "random:0.5";
    records[1].attack = AttackType::ForgedOrigin;
    records[1].prefixLength = 24;
    records[1].roaIndex = 1;
    records[1].roaLabel = "fraction:0.5";
    records[1].victim = 4294967295u;
    records[1].adversary = 1;
    records[1].method = ValidationMethod::Dns01;
    records[1].verdicts = {
        {"five", "own: br (phase 2026-03-15)", false, false, 1, 3, 3, "nameserver 2"}};
    return records;
}

const char* const kExpectedRows =
    "subprefix,22,64500,7,five,own: br (phase 2026-03-15),1,0,4,3,all,http-01,1,web host\n";

TEST(TrialsCsv, WritesTheSchemaUsersSee) {
    EXPECT_EQ(TrialsCsv::header(),
              "rov,attack,prefix_length,victim,adversary,ca,policy,issued,legitimate_blocked,"
              "corroborating,required,roa,method,attempts,hijacked_target\n");
    std::string rows;
    TrialsCsv::appendRows(handMadeRecords(), rows);
    EXPECT_EQ(rows, std::string("none,") + kExpectedRows +
                        "none,subprefix,22,64500,7,single,custom:allowed=2,0,1,0,0,all,http-01,1,"
                        "web host\n"
                        "random:0.5,forged-origin,24,4294967295,1,five,own: br (phase "
                        "2026-03-15),0,0,1,3,fraction:0.5,dns-01,3,nameserver 2\n");
}

TEST(TrialsCsv, RowsReadBackAreTheRecordsWritten) {
    const std::vector<TrialRecord> written = handMadeRecords();
    std::string text(TrialsCsv::header());
    TrialsCsv::appendRows(written, text);
    std::vector<TrialRecord> read;
    std::vector<std::string> labels;  // the views live only during the call
    TrialsCsv::parse(text, "trials.csv", [&](const TrialRecord& record) {
        read.push_back(record);
        labels.emplace_back(record.rovLabel);
        labels.emplace_back(record.roaLabel);
        for (const CombinationVerdict& verdict : record.verdicts) {
            labels.emplace_back(verdict.ca);
            labels.emplace_back(verdict.policy);
            labels.emplace_back(verdict.hijackedTarget);
        }
    });
    ASSERT_EQ(read.size(), written.size());
    std::size_t label = 0;
    for (std::size_t i = 0; i < written.size(); ++i) {
        EXPECT_EQ(read[i].rovIndex, written[i].rovIndex);
        EXPECT_EQ(labels[label++], written[i].rovLabel);
        EXPECT_EQ(read[i].roaIndex, written[i].roaIndex);
        EXPECT_EQ(labels[label++], written[i].roaLabel);
        EXPECT_EQ(read[i].attack, written[i].attack);
        EXPECT_EQ(read[i].prefixLength, written[i].prefixLength);
        EXPECT_EQ(read[i].victim, written[i].victim);
        EXPECT_EQ(read[i].adversary, written[i].adversary);
        EXPECT_EQ(read[i].method, written[i].method);
        EXPECT_TRUE(read[i].perspectiveOutcomes.empty());  // not in the file
        ASSERT_EQ(read[i].verdicts.size(), written[i].verdicts.size());
        for (std::size_t k = 0; k < written[i].verdicts.size(); ++k) {
            const CombinationVerdict& a = read[i].verdicts[k];
            const CombinationVerdict& b = written[i].verdicts[k];
            EXPECT_EQ(labels[label++], b.ca);
            EXPECT_EQ(labels[label++], b.policy);
            EXPECT_EQ(labels[label++], b.hijackedTarget);
            EXPECT_EQ(a.attempts, b.attempts);
            EXPECT_EQ(a.issuedToAttacker, b.issuedToAttacker);
            EXPECT_EQ(a.legitimateIssuanceBlocked, b.legitimateIssuanceBlocked);
            EXPECT_EQ(a.corroborating, b.corroborating);
            EXPECT_EQ(a.required, b.required);
        }
    }
    // Written again, the records give the same text.
    std::string again(TrialsCsv::header());
    TrialsCsv::parse(text, "trials.csv", [&](const TrialRecord& record) {
        TrialsCsv::appendRows({&record, 1}, again);
    });
    EXPECT_EQ(again, text);
}

TEST(TrialsCsv, AMalformedRowIsNamedByFileAndLine) {
    const fs::path path =
        fs::temp_directory_path() / ("mpicsim-trials-" + std::to_string(::getpid()) + ".csv");
    auto errorOf = [&](const std::string& badRow) -> std::string {
        std::ofstream(path, std::ios::binary | std::ios::trunc)
            << TrialsCsv::header() << "none," << kExpectedRows << "\n"
            << badRow << "\n";
        try {
            TrialsCsv::readFile(path, [](const TrialRecord&) {});
        } catch (const InputError& error) {
            EXPECT_EQ(error.source(), path.string());
            EXPECT_EQ(error.line(), 4u);  // the empty line 3 counts
            return error.what();
        }
        return "no error";
    };
    const std::string at = path.string() + ":4: ";
    const std::string tail = ",all,http-01,1,web host";
    EXPECT_EQ(errorOf("none,subprefix,22,64500,7,five,br,1,0,4,3,all,http-01,1"),
              at + "expected 15 fields, found 14");
    EXPECT_EQ(errorOf("none,subprefix,22,64500,7,five,br,1,0,4,3" + tail + ",9"),
              at + "expected 15 fields, found 16");
    EXPECT_EQ(errorOf("none,subprefix,22,AS1,7,five,br,1,0,4,3" + tail),
              at + "expected a number, got 'AS1'");
    EXPECT_EQ(errorOf("none,subprefix,22,64500,7,five,br,yes,0,4,3" + tail),
              at + "expected 0 or 1, got 'yes'");
    EXPECT_EQ(errorOf("none,sub-prefix,22,64500,7,five,br,1,0,4,3" + tail),
              at + "unknown attack 'sub-prefix'");
    EXPECT_EQ(errorOf("none,subprefix,22,64500,-7,five,br,1,0,4,3" + tail),
              at + "expected a number, got '-7'");
    EXPECT_EQ(errorOf("none,subprefix,22,64500,7,five,br,1,0,4,3,all,dns-1,1,web host"),
              at + "unknown validation method 'dns-1'");
    EXPECT_EQ(errorOf("none,subprefix,22,64500,7,five,br,1,0,4,3,all,dns-01,x,web host"),
              at + "expected a number, got 'x'");
    fs::remove(path);
}

}  // namespace
}  // namespace mpicsim
