#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>

#include "mpicsim/io/AsOrganisationWriter.hpp"

namespace mpicsim {
namespace {

// A hand-made table: two ASes of one organisation, one of another; the file lists the
// organisations by org_id, then the ASes by ASN, in CAIDA's as-org2info layout (the fields the
// table does not hold, changed, aut_name and opaque_id, left empty as CAIDA leaves them for
// RIPE entries such as "7||DSTL|ORG-TDSA4-RIPE||RIPE").
TEST(AsOrganisationWriter, WritesCaidaAsOrg2infoSections) {
    AsOrganisations table;
    table.set(16509, {"AMAZON-4-ARIN", "Amazon.com, Inc.", "US", "ARIN"});
    table.set(3320, {"ORG-DTAG1-RIPE", "Deutsche Telekom AG", "DE", "RIPE"});
    table.set(14618, {"AMAZON-4-ARIN", "Amazon.com, Inc.", "US", "ARIN"});
    std::ostringstream out;
    AsOrganisationWriter::write(out, table, {"a hand-made table"});
    EXPECT_EQ(out.str(),
              "# a hand-made table\n"
              "# format:org_id|changed|org_name|country|source\n"
              "AMAZON-4-ARIN||Amazon.com, Inc.|US|ARIN\n"
              "ORG-DTAG1-RIPE||Deutsche Telekom AG|DE|RIPE\n"
              "# format:aut|changed|aut_name|org_id|opaque_id|source\n"
              "3320|||ORG-DTAG1-RIPE||RIPE\n"
              "14618|||AMAZON-4-ARIN||ARIN\n"
              "16509|||AMAZON-4-ARIN||ARIN\n");
}

TEST(AsOrganisationWriter, RefusesFieldsThatWouldBreakTheFormat) {
    std::ostringstream out;
    AsOrganisations bar;
    bar.set(1, {"X-ARIN", "A|B", "US", "ARIN"});
    EXPECT_THROW(AsOrganisationWriter::write(out, bar, {}), std::invalid_argument);
    AsOrganisations newline;
    newline.set(1, {"X-ARIN", "A\nB", "US", "ARIN"});
    EXPECT_THROW(AsOrganisationWriter::write(out, newline, {}), std::invalid_argument);
    AsOrganisations twoNames;
    twoNames.set(1, {"X-ARIN", "A", "US", "ARIN"});
    twoNames.set(2, {"X-ARIN", "B", "US", "ARIN"});
    EXPECT_THROW(AsOrganisationWriter::write(out, twoNames, {}), std::invalid_argument);
    EXPECT_TRUE(out.str().empty()) << "nothing is written before the table is checked";
}

}  // namespace
}  // namespace mpicsim
