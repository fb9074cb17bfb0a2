// CAIDA's AS-to-organisation file (as-org2info): two sections, names with '|', file:line errors.
#include <gtest/gtest.h>

#include <string>

#include "mpicsim/io/AsOrganisationReader.hpp"
#include "mpicsim/io/Gzip.hpp"
#include "mpicsim/io/InputError.hpp"
#include "support/SharedData.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim {
namespace {

const std::string kSample =
    "# name: AS Org\n"
    "# format:org_id|changed|org_name|country|source\n"
    "LPL-141-ARIN|20180220|Level 3 Parent, LLC|US|ARIN\n"
    "ORG-A1-RIPE|20200101|Pipes | Tubes GmbH|DE|RIPE\n"
    "@aut-2497-JPNIC|20200101|Internet Initiative Japan Inc.|JP|JPNIC\n"
    "# format:aut|changed|aut_name|org_id|opaque_id|source\n"
    "1|20180220|LVLT-1|LPL-141-ARIN|e5e3b9c1_ARIN|ARIN\n"
    "3356|20180220|LEVEL3|LPL-141-ARIN|e5e3b9c1_ARIN|ARIN\n"
    "64500|20200101|PIPES|ORG-A1-RIPE|abc_RIPE|RIPE\n"
    "2497|20200101|IIJ|@aut-2497-JPNIC|def_APNIC|JPNIC\r\n";

std::string errorOf(const std::string& text) {
    try {
        AsOrganisationReader::parse(text, "org.txt");
    } catch (const InputError& error) {
        return error.what();
    }
    return "no error";
}

TEST(AsOrganisationReader, ReadsBothSections) {
    const AsOrganisations table = AsOrganisationReader::parse(kSample, "org.txt");
    ASSERT_EQ(table.size(), 4u);
    EXPECT_EQ(*table.find(3356),
              (AsOrganisation{"LPL-141-ARIN", "Level 3 Parent, LLC", "US", "ARIN"}));
    // The name holds a '|': the fields after it are counted from the end.
    EXPECT_EQ(*table.find(64500),
              (AsOrganisation{"ORG-A1-RIPE", "Pipes | Tubes GmbH", "DE", "RIPE"}));
    // The AS line's source (the registry whose data placed the AS), CR LF tolerated.
    EXPECT_EQ(table.find(2497)->source, "JPNIC");
    EXPECT_EQ(table.find(2497)->country, "JP");
    EXPECT_EQ(table.find(2), nullptr);
}

TEST(AsOrganisationReader, ReadsGzipAndPlainFiles) {
    const test::TemporaryDirectory directory("mpicsim-org");
    const auto plain = directory.write("20220401.as-org2info.txt", kSample);
    const auto gzip = directory.write("20220401.as-org2info.txt.gz", Gzip::compressMember(kSample));
    EXPECT_EQ(AsOrganisationReader::readFile(plain).entries(),
              AsOrganisationReader::readFile(gzip).entries());
}

TEST(AsOrganisationReader, ErrorsNameTheFileAndLine) {
    EXPECT_EQ(errorOf("1|x|y|z|w|ARIN\n"),
              "org.txt:1: data before any '# format:' line: not a CAIDA as-org2info file");
    EXPECT_EQ(errorOf("# format:org_id|changed|org_name|country|source\nA|1|name|US\n"),
              "org.txt:2: expected org_id|changed|org_name|country|source, got 4 fields");
    EXPECT_EQ(errorOf("# format:aut|changed|aut_name|org_id|opaque_id|source\n1|2|3|4|5\n"),
              "org.txt:2: expected aut|changed|aut_name|org_id|opaque_id|source, got 5 fields");
    EXPECT_EQ(errorOf("# format:aut|changed|aut_name|org_id|opaque_id|source\nAS1|2|3|4|5|ARIN\n"),
              "org.txt:2: 'AS1' is not a decimal ASN");
    EXPECT_EQ(errorOf("# format:org_id|changed|org_name|country|source\nA|1|n|US|ARIN\n"
                      "# format:aut|changed|aut_name|org_id|opaque_id|source\n"
                      "7|2|name|B|x|ARIN\n"),
              "org.txt:4: AS7 names organisation 'B', which the file does not list");
    EXPECT_EQ(errorOf("# format:org_id|changed|org_name|country|source\nA|1|n|US|ARIN\n"),
              "org.txt: no AS lines (a '# format:aut|...' section): not a CAIDA as-org2info file");
}

TEST(AsOrganisationReader, TheSharedFileOf2022) {
    const auto path = test::sharedTopology("20220401.as-org2info.txt.gz");
    MPICSIM_REQUIRE_SHARED_FILE(path);
    const AsOrganisations table = AsOrganisationReader::readFile(path);
    // Counted with: zcat FILE | awk '/^# format:aut/{f=1;next} /^#/{f=0} f' | wc -l
    EXPECT_EQ(table.size(), 109912u);
    EXPECT_EQ(table.find(16509)->country, "US");
    EXPECT_EQ(table.find(16509)->source, "ARIN");
}

}  // namespace
}  // namespace mpicsim
