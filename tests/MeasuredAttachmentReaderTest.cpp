// Measured per-region neighbour sets: read, checked against the catalog and the topology.
#include <gtest/gtest.h>

#include <string>

#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/MeasuredAttachmentReader.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "support/GraphBuilder.hpp"

namespace mpicsim {
namespace {

AsGraph smallGraph() {
    return test::GraphBuilder().providerOf(174, 16509).peers(16509, 3320).build();
}

std::string errorOf(const std::string& text) {
    try {
        MeasuredAttachmentReader::parse(text, "m.json", PerspectiveCatalogReader::builtIn(),
                                        smallGraph());
    } catch (const InputError& error) {
        return error.what();
    }
    return "no error";
}

TEST(MeasuredAttachmentReader, ReadsNeighbourSetsByRegion) {
    const MeasuredAttachments attachments = MeasuredAttachmentReader::parse(
        R"({"schema": "mpicsim-region-attachments/1",
            "regions": {"aws:us-east-1": [{"asn": 174, "role": "provider"}],
                        "aws:eu-central-1": [{"asn": 3320, "role": "peer"},
                                             {"asn": 16509, "role": "provider"}]}})",
        "m.json", PerspectiveCatalogReader::builtIn(), smallGraph());
    EXPECT_EQ(attachments.source, "m.json");
    ASSERT_EQ(attachments.neighboursById.size(), 2u);
    const auto& frankfurt = attachments.neighboursById.at("aws:eu-central-1");
    ASSERT_EQ(frankfurt.size(), 2u);
    EXPECT_EQ(frankfurt[0].neighbour, 3320u);
    EXPECT_EQ(frankfurt[0].role, PerspectiveLink::Role::Peer);
    EXPECT_EQ(frankfurt[1].role, PerspectiveLink::Role::Provider);
}

TEST(MeasuredAttachmentReader, UnknownRegionsAndAsnsAreErrors) {
    EXPECT_EQ(errorOf(R"({"regions": {"aws:us-east-9": [{"asn": 174, "role": "provider"}]}})"),
              "m.json: at /regions/aws:us-east-9: 'aws:us-east-9' is not a catalog perspective id "
              "\u2014 did you mean 'aws:us-east-1'?");
    EXPECT_EQ(errorOf(R"({"regions": {"aws:us-east-1": [{"asn": 174, "role": "provider"},
                                                        {"asn": 64999, "role": "peer"}]}})"),
              "m.json: at /regions/aws:us-east-1/1/asn: AS64999 is not in the topology");
    EXPECT_EQ(errorOf(R"({"regions": {"aws:us-east-1": []}})"),
              "m.json: at /regions/aws:us-east-1: a region needs at least one neighbour");
    EXPECT_EQ(errorOf(R"({"regions": {"aws:us-east-1": [{"asn": 174, "role": "provider"},
                                                        {"asn": 174, "role": "peer"}]}})"),
              "m.json: at /regions/aws:us-east-1/1/asn: AS174 is already listed at "
              "/regions/aws:us-east-1/0");
    EXPECT_EQ(errorOf(R"({"regions": {"aws:us-east-1": [{"asn": 174, "role": "upstream"}]}})"),
              "m.json: at /regions/aws:us-east-1/0/role: expected \"provider\", \"peer\" or "
              "\"customer\", got \"upstream\"");
    EXPECT_EQ(errorOf(R"({"schema": "other/1", "regions": {}})"),
              "m.json: at /schema: expected \"mpicsim-region-attachments/1\", got \"other/1\"");
    EXPECT_EQ(errorOf(R"({"regions": []})"),
              "m.json: at /regions: expected an object mapping catalog perspective ids to "
              "neighbour arrays");
}

}  // namespace
}  // namespace mpicsim
