#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/InputError.hpp"

namespace mpicsim {
namespace {

namespace fs = std::filesystem;

// Reads `text` as "topo.txt" and expects an InputError about line `line`, whose message
// contains every one of `fragments`.
void expectLineError(std::string_view text, std::size_t line,
                     const std::vector<std::string>& fragments = {},
                     const CaidaReader::Options& options = {}) {
    SCOPED_TRACE(std::string("input:\n") + std::string(text));
    try {
        CaidaReader::readText(text, "topo.txt", options);
        ADD_FAILURE() << "expected an InputError about topo.txt line " << line;
    } catch (const InputError& error) {
        const std::string what = error.what();
        EXPECT_NE(what.find("topo.txt:" + std::to_string(line) + ":"), std::string::npos) << what;
        EXPECT_EQ(error.line(), line) << what;
        EXPECT_EQ(error.source(), "topo.txt");
        for (const std::string& fragment : fragments) {
            EXPECT_NE(what.find(fragment), std::string::npos)
                << "message lacks '" << fragment << "': " << what;
        }
    } catch (const std::exception& error) {
        ADD_FAILURE() << "expected an InputError, got another exception: " << error.what();
    }
}

// Every "AS<digits>" token of a message.
std::set<Asn> asnsNamedIn(const std::string& message) {
    std::set<Asn> asns;
    static const std::regex kAsToken(R"(AS(\d+))");
    for (auto it = std::sregex_iterator(message.begin(), message.end(), kAsToken);
         it != std::sregex_iterator(); ++it) {
        asns.insert(static_cast<Asn>(std::stoul((*it)[1].str())));
    }
    return asns;
}

std::vector<Asn> asnsOf(const AsGraph& graph, std::span<const NodeIndex> nodes) {
    std::vector<Asn> asns;
    for (NodeIndex node : nodes) {
        asns.push_back(graph.asnOf(node));
    }
    std::sort(asns.begin(), asns.end());
    return asns;
}

// Same ASes, numbering, relationships and link sources.
void expectSameGraph(const AsGraph& a, const AsGraph& b) {
    ASSERT_EQ(a.nodeCount(), b.nodeCount());
    EXPECT_EQ(a.linkCount(), b.linkCount());
    EXPECT_EQ(a.providerCustomerLinkCount(), b.providerCustomerLinkCount());
    EXPECT_EQ(a.peerLinkCount(), b.peerLinkCount());
    EXPECT_EQ(a.metadata().inputClique, b.metadata().inputClique);
    EXPECT_EQ(a.metadata().ixpAses, b.metadata().ixpAses);
    EXPECT_EQ(a.metadata().caidaSerial, b.metadata().caidaSerial);
    EXPECT_EQ(a.metadata().duplicateLinesIgnored, b.metadata().duplicateLinesIgnored);
    for (NodeIndex node = 0; node < a.nodeCount(); ++node) {
        ASSERT_EQ(a.asnOf(node), b.asnOf(node));
        EXPECT_EQ(asnsOf(a, a.customers(node)), asnsOf(b, b.customers(node)));
        EXPECT_EQ(asnsOf(a, a.peers(node)), asnsOf(b, b.peers(node)));
        EXPECT_EQ(asnsOf(a, a.providers(node)), asnsOf(b, b.providers(node)));
    }
}

LinkSource sourceOf(const AsGraph& graph, Asn x, Asn y) {
    const auto a = graph.nodeOf(x);
    const auto b = graph.nodeOf(y);
    if (!a || !b) {
        ADD_FAILURE() << "AS" << x << " or AS" << y << " missing from the graph";
        return LinkSource::Bgp;
    }
    const auto source = graph.linkSource(*a, *b);
    if (!source) {
        ADD_FAILURE() << "AS" << x << " and AS" << y << " are not linked";
        return LinkSource::Bgp;
    }
    return *source;
}

// ------------------------------------------------------------------------------------------
// Bad input: every problem is an InputError naming the file and the line.

TEST(CaidaReaderErrors, TwoFieldsOnALine) {
    expectLineError("# header\n1|2|-1\n3|4\n", 3, {"fields"});
    expectLineError("1|2\n", 1, {"fields"});
}

TEST(CaidaReaderErrors, FiveFieldsOnALine) {
    expectLineError("1|2|-1|bgp\n2|3|0|bgp|extra\n", 2, {"fields"});
    expectLineError("1|2|-1|bgp|x\n", 1, {"fields"});
}

TEST(CaidaReaderErrors, NonNumericAsn) {
    expectLineError("1|2|-1\nabc|3|0\n", 2, {"abc"});
    expectLineError("1|2|-1\n\n3|x4|0\n", 3, {"x4"});
    expectLineError("1|2|-1\n3||0\n", 2);
    expectLineError("1|2|-1\nAS3|4|0\n", 2);
}

TEST(CaidaReaderErrors, AsnOutOfThirtyTwoBitRange) {
    expectLineError("1|2|-1\n4294967296|3|0\n", 2, {"4294967296"});
    expectLineError("1|2|-1\n3|4294967296|0\n", 2, {"4294967296"});
    expectLineError("1|99999999999999999999999999|0\n", 1);
}

TEST(CaidaReaderErrors, LargestThirtyTwoBitAsnIsAccepted) {
    const AsGraph graph = CaidaReader::readText("4294967295|3|-1\n", "topo.txt");
    EXPECT_TRUE(graph.contains(4294967295u));
    EXPECT_EQ(graph.nodeCount(), 2u);
}

TEST(CaidaReaderErrors, NegativeAsn) {
    expectLineError("1|2|-1\n-5|3|0\n", 2, {"-5"});
    expectLineError("1|2|-1\n2|3|0\n3|-4|0\n", 3, {"-4"});
}

TEST(CaidaReaderErrors, AsZero) {
    expectLineError("1|2|-1\n0|3|-1\n", 2, {"AS0"});
    expectLineError("3|0|0\n", 1, {"AS0"});
}

TEST(CaidaReaderErrors, UnknownRelationshipCode) {
    expectLineError("1|2|-1\n2|3|1\n", 2, {"'1'"});
    expectLineError("1|2|-1\n2|3|-2\n", 2, {"-2"});
    expectLineError("1|2|-1\n2|3|p2c\n", 2, {"p2c"});
    expectLineError("1|2|-1|bgp\n2|3|2|bgp\n", 2, {"'2'"});
    expectLineError("1|2|\n", 1);
}

TEST(CaidaReaderErrors, UnknownSerial2Source) {
    expectLineError("1|2|-1|bgp\n2|3|0|xyz\n", 2, {"xyz"});
    expectLineError("1|2|-1|bgp\n2|3|0|\n", 2);
    expectLineError("1|2|-1|BGP\n", 1, {"BGP"});
}

TEST(CaidaReaderErrors, SelfLink) {
    expectLineError("1|2|-1\n2|3|0\n5|5|0\n", 3, {"AS5"});
    expectLineError("7|7|-1\n", 1, {"AS7"});
}

TEST(CaidaReaderErrors, SamePairWithDifferentRelationships) {
    expectLineError("1|2|-1\n3|4|0\n1|2|0\n", 3, {"line 1", "line 3", "AS1", "AS2"});
    expectLineError("1|2|-1\n2|1|-1\n", 2, {"line 1", "line 2", "AS1", "AS2"});
    // The conflict is reported wherever the pair is, not only on adjacent lines.
    expectLineError("5|6|0\n1|2|-1\n3|4|0\n7|8|0\n2|1|0\n", 5, {"line 2", "line 5"});
}

TEST(CaidaReaderErrors, MixedThreeAndFourFieldLines) {
    expectLineError("1|2|-1\n2|3|0|bgp\n", 2, {"line 1"});
    expectLineError("# header\n1|2|-1|bgp\n2|3|0|mlp\n3|4|0\n", 4, {"line 2"});
}

TEST(CaidaReaderErrors, ErrorLinesCountCommentsBlankLinesAndCrlf) {
    expectLineError("# a\r\n\r\n1|2|-1\r\n# b\r\n2|3|9\r\n", 5);
}

TEST(CaidaReaderErrors, ProviderCustomerCycleNamesItsAses) {
    // 1 is a provider of 2, 2 of 3, 3 of 1; the rest is unrelated or hangs off the cycle.
    const std::string text =
        "1|2|-1\n2|3|-1\n3|1|-1\n"
        "10|11|-1\n11|12|-1\n12|13|0\n"
        "100|1|-1\n3|40|-1\n";
    try {
        CaidaReader::readText(text, "topo.txt");
        FAIL() << "a provider-customer cycle was accepted";
    } catch (const InputError& error) {
        const std::string what = error.what();
        EXPECT_EQ(what.rfind("topo.txt", 0), 0u) << what;
        EXPECT_NE(what.find("cycle"), std::string::npos) << what;
        const std::set<Asn> named = asnsNamedIn(what);
        EXPECT_TRUE(named.contains(1)) << what;
        EXPECT_TRUE(named.contains(2)) << what;
        EXPECT_TRUE(named.contains(3)) << what;
        for (Asn other : {10u, 11u, 12u, 13u, 100u, 40u}) {
            EXPECT_FALSE(named.contains(other))
                << "AS" << other << " is not on the cycle: " << what;
        }
    }
}

TEST(CaidaReaderErrors, EmptyInputIsAnError) {
    EXPECT_THROW(CaidaReader::readText("", "topo.txt"), InputError);
    EXPECT_THROW(CaidaReader::readText("# only a comment\n\n", "topo.txt"), InputError);
}

// ------------------------------------------------------------------------------------------
// Good input.

TEST(CaidaReader, ParsesSerial1) {
    const AsGraph graph = CaidaReader::readText(
        "# source:topology|BGP|20161101|routeviews|route-views2\n"
        "1|2|-1\n1|3|-1\n2|3|0\n3|4|-1\n2|5|-1\n4|5|0\n",
        "topo.txt");
    EXPECT_EQ(graph.nodeCount(), 5u);
    EXPECT_EQ(graph.linkCount(), 6u);
    EXPECT_EQ(graph.providerCustomerLinkCount(), 4u);
    EXPECT_EQ(graph.peerLinkCount(), 2u);
    EXPECT_EQ(graph.metadata().caidaSerial, 1);
    EXPECT_EQ(graph.metadata().sourceName, "topo.txt");
    EXPECT_EQ(graph.metadata().duplicateLinesIgnored, 0u);
    EXPECT_EQ(graph.metadata().mlpOnlyLinksExcluded, 0u);

    const NodeIndex one = *graph.nodeOf(1);
    const NodeIndex three = *graph.nodeOf(3);
    EXPECT_EQ(asnsOf(graph, graph.customers(one)), (std::vector<Asn>{2, 3}));
    EXPECT_EQ(asnsOf(graph, graph.providers(three)), (std::vector<Asn>{1}));
    EXPECT_EQ(asnsOf(graph, graph.peers(three)), (std::vector<Asn>{2}));
    EXPECT_EQ(asnsOf(graph, graph.customers(three)), (std::vector<Asn>{4}));
    // Serial-1 links are BGP links.
    EXPECT_EQ(sourceOf(graph, 1, 2), LinkSource::Bgp);
    EXPECT_EQ(sourceOf(graph, 4, 5), LinkSource::Bgp);
}

TEST(CaidaReader, ParsesSerial2) {
    const AsGraph graph = CaidaReader::readText(
        "# serial-2\n1|2|-1|bgp\n1|3|-1|bgp,mlp\n2|3|0|mlp\n3|4|0|bgp\n", "topo.txt");
    EXPECT_EQ(graph.nodeCount(), 4u);
    EXPECT_EQ(graph.linkCount(), 4u);
    EXPECT_EQ(graph.providerCustomerLinkCount(), 2u);
    EXPECT_EQ(graph.peerLinkCount(), 2u);
    EXPECT_EQ(graph.metadata().caidaSerial, 2);
}

TEST(CaidaReader, KeepsCliqueAndIxpHeaderLines) {
    const AsGraph graph = CaidaReader::readText(
        "# source:topology|BGP|20161101|routeviews|route-views2\n"
        "# input clique: 174 209 286\n"
        "# IXP ASes: 1200 4635 5507\n"
        "#|this line is a comment too|0\n"
        "# 7|8|-1\n"
        "174|209|0\n174|1|-1\n",
        "topo.txt");
    EXPECT_EQ(graph.metadata().inputClique, (std::vector<Asn>{174, 209, 286}));
    EXPECT_EQ(graph.metadata().ixpAses, (std::vector<Asn>{1200, 4635, 5507}));
    // Other comments, even ones that look like links, are skipped.
    EXPECT_EQ(graph.nodeCount(), 3u);
    EXPECT_EQ(graph.linkCount(), 2u);
    EXPECT_FALSE(graph.contains(7));
    // Header ASes are metadata, not nodes.
    EXPECT_FALSE(graph.contains(286));
    EXPECT_FALSE(graph.contains(1200));
}

TEST(CaidaReader, NoHeaderMeansEmptyMetadataLists) {
    const AsGraph graph = CaidaReader::readText("1|2|-1\n", "topo.txt");
    EXPECT_TRUE(graph.metadata().inputClique.empty());
    EXPECT_TRUE(graph.metadata().ixpAses.empty());
}

TEST(CaidaReader, AcceptsCrlfLineEndings) {
    const std::string lfText = "# input clique: 1 2\n1|2|0\n1|3|-1\n2|4|-1\n";
    const std::string crlfText = "# input clique: 1 2\r\n1|2|0\r\n1|3|-1\r\n2|4|-1\r\n";
    const AsGraph a = CaidaReader::readText(lfText, "topo.txt");
    const AsGraph b = CaidaReader::readText(crlfText, "topo.txt");
    expectSameGraph(a, b);
    EXPECT_EQ(b.metadata().inputClique, (std::vector<Asn>{1, 2}));

    const AsGraph serial2 =
        CaidaReader::readText("1|2|0|mlp\r\n1|3|-1|bgp,mlp\r\n2|4|-1|bgp\r\n", "topo.txt");
    EXPECT_EQ(serial2.linkCount(), 3u);
    EXPECT_EQ(sourceOf(serial2, 1, 2), LinkSource::Mlp);
    EXPECT_EQ(sourceOf(serial2, 1, 3), LinkSource::BgpAndMlp);
    EXPECT_EQ(sourceOf(serial2, 2, 4), LinkSource::Bgp);
}

TEST(CaidaReader, AcceptsMissingFinalNewline) {
    const AsGraph graph = CaidaReader::readText("1|2|-1\n2|3|0", "topo.txt");
    EXPECT_EQ(graph.linkCount(), 2u);
}

TEST(CaidaReader, CountsAndIgnoresRepeatedIdenticalLines) {
    const AsGraph graph =
        CaidaReader::readText("1|2|-1\n2|3|0\n1|2|-1\n4|1|-1\n1|2|-1\n", "topo.txt");
    EXPECT_EQ(graph.linkCount(), 3u);
    EXPECT_EQ(graph.providerCustomerLinkCount(), 2u);
    EXPECT_EQ(graph.peerLinkCount(), 1u);
    EXPECT_EQ(graph.metadata().duplicateLinesIgnored, 2u);
    EXPECT_EQ(asnsOf(graph, graph.customers(*graph.nodeOf(1))), (std::vector<Asn>{2}));
}

TEST(CaidaReader, KeepsSerial2SourceAndCanDropMlpOnlyLinks) {
    const std::string text =
        "1|2|-1|bgp\n"
        "1|3|-1|bgp,mlp\n"
        "2|3|0|mlp\n"
        "3|4|0|bgp,mlp\n"
        "2|4|0|bgp\n"
        "4|5|0|mlp\n"
        "1|5|-1|bgp\n";
    const AsGraph all = CaidaReader::readText(text, "topo.txt");
    EXPECT_EQ(all.linkCount(), 7u);
    EXPECT_EQ(all.metadata().mlpOnlyLinksExcluded, 0u);
    EXPECT_EQ(sourceOf(all, 1, 2), LinkSource::Bgp);
    EXPECT_EQ(sourceOf(all, 2, 1), LinkSource::Bgp);
    EXPECT_EQ(sourceOf(all, 1, 3), LinkSource::BgpAndMlp);
    EXPECT_EQ(sourceOf(all, 2, 3), LinkSource::Mlp);
    EXPECT_EQ(sourceOf(all, 3, 2), LinkSource::Mlp);
    EXPECT_EQ(sourceOf(all, 3, 4), LinkSource::BgpAndMlp);
    EXPECT_EQ(sourceOf(all, 4, 5), LinkSource::Mlp);
    EXPECT_FALSE(all.linkSource(*all.nodeOf(1), *all.nodeOf(4)).has_value());

    const AsGraph bgpOnly =
        CaidaReader::readText(text, "topo.txt", CaidaReader::Options{.includeMlpOnlyLinks = false});
    EXPECT_EQ(bgpOnly.linkCount(), 5u);
    EXPECT_EQ(bgpOnly.peerLinkCount(), 2u);
    EXPECT_EQ(bgpOnly.providerCustomerLinkCount(), 3u);
    EXPECT_EQ(bgpOnly.metadata().mlpOnlyLinksExcluded, 2u);
    EXPECT_EQ(sourceOf(bgpOnly, 1, 3), LinkSource::BgpAndMlp);
    EXPECT_EQ(sourceOf(bgpOnly, 3, 4), LinkSource::BgpAndMlp);
    EXPECT_FALSE(bgpOnly.linkSource(*bgpOnly.nodeOf(2), *bgpOnly.nodeOf(3)).has_value());
    EXPECT_FALSE(bgpOnly.linkSource(*bgpOnly.nodeOf(4), *bgpOnly.nodeOf(5)).has_value());
    EXPECT_TRUE(asnsOf(bgpOnly, bgpOnly.peers(*bgpOnly.nodeOf(5))).empty());
}

TEST(CaidaReader, MlpOptionDoesNotChangeSerial1Files) {
    const std::string text = "1|2|-1\n2|3|0\n";
    const AsGraph graph =
        CaidaReader::readText(text, "topo.txt", CaidaReader::Options{.includeMlpOnlyLinks = false});
    EXPECT_EQ(graph.linkCount(), 2u);
    EXPECT_EQ(graph.metadata().mlpOnlyLinksExcluded, 0u);
}

// ------------------------------------------------------------------------------------------
// Files: plain, bzip2, truncated, missing.

class CaidaReaderFiles : public ::testing::Test {
  protected:
    void SetUp() override {
        static std::atomic<unsigned> counter{0};
        std::random_device random;
        directory_ = fs::temp_directory_path() /
                     ("mpicsim-caida-reader-test-" + std::to_string(::getpid()) + "-" +
                      std::to_string(counter++) + "-" + std::to_string(random()));
        fs::create_directories(directory_);
    }
    void TearDown() override {
        std::error_code ignored;
        fs::remove_all(directory_, ignored);
    }

    fs::path write(const std::string& name, const std::string& bytes) const {
        const fs::path path = directory_ / name;
        std::ofstream out(path, std::ios::binary);
        out << bytes;
        EXPECT_TRUE(out.good()) << "cannot write " << path;
        return path;
    }

    static std::string readBytes(const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream buffer;
        buffer << in.rdbuf();
        return std::move(buffer).str();
    }

    // Compresses `path` with the bzip2 program, keeping the original; returns path + ".bz2".
    static fs::path bzip2(const fs::path& path) {
        const std::string command = "bzip2 -k -f '" + path.string() + "'";
        const int status = std::system(command.c_str());
        EXPECT_EQ(status, 0) << command;
        return fs::path(path.string() + ".bz2");
    }

    // A topology big enough that its bzip2 form spans many bytes: a two-level hierarchy.
    static std::string sampleTopology() {
        std::string text =
            "# source:topology|BGP|20161101|routeviews|route-views2\n"
            "# input clique: 1 2 3\n"
            "# IXP ASes: 9000 9001\n"
            "1|2|0\n1|3|0\n2|3|0\n";
        for (Asn customer = 100; customer < 2100; ++customer) {
            text += std::to_string(1 + customer % 3) + "|" + std::to_string(customer) + "|-1\n";
            if (customer % 7 == 0) {
                text += std::to_string(customer - 1) + "|" + std::to_string(customer) + "|0\n";
            }
        }
        return text;
    }

    fs::path directory_;
};

TEST_F(CaidaReaderFiles, PlainFileMatchesText) {
    const std::string text = sampleTopology();
    const fs::path path = write("topo.txt", text);
    const AsGraph fromFile = CaidaReader::readFile(path);
    const AsGraph fromText = CaidaReader::readText(text, "topo.txt");
    expectSameGraph(fromFile, fromText);
    EXPECT_EQ(fromFile.metadata().sourceName, path.string());
    EXPECT_EQ(fromFile.metadata().inputClique, (std::vector<Asn>{1, 2, 3}));
}

TEST_F(CaidaReaderFiles, Bzip2FileReadsLikeThePlainOne) {
    const fs::path plain = write("topo.txt", sampleTopology());
    const fs::path compressed = bzip2(plain);
    ASSERT_TRUE(fs::exists(compressed));
    ASSERT_EQ(readBytes(compressed).substr(0, 3), "BZh");
    const AsGraph a = CaidaReader::readFile(plain);
    const AsGraph b = CaidaReader::readFile(compressed);
    expectSameGraph(a, b);
    EXPECT_EQ(b.nodeCount(), 2003u);
    EXPECT_EQ(b.metadata().inputClique, (std::vector<Asn>{1, 2, 3}));
    EXPECT_EQ(b.metadata().ixpAses, (std::vector<Asn>{9000, 9001}));
}

TEST_F(CaidaReaderFiles, Bzip2IsRecognisedByContentNotName) {
    const fs::path plain = write("topo.txt", sampleTopology());
    const fs::path compressed = bzip2(plain);
    const fs::path renamed = write("compressed-but-called.txt", readBytes(compressed));
    expectSameGraph(CaidaReader::readFile(plain), CaidaReader::readFile(renamed));
}

TEST_F(CaidaReaderFiles, Bzip2ErrorsStillNameTheLine) {
    const fs::path plain = write("topo.txt", "# header\n1|2|-1\n2|3|-1|bgp\n");
    const fs::path compressed = bzip2(plain);
    try {
        CaidaReader::readFile(compressed);
        FAIL() << "a mixed serial-1/serial-2 file was accepted";
    } catch (const InputError& error) {
        const std::string what = error.what();
        EXPECT_NE(what.find(compressed.string() + ":3:"), std::string::npos) << what;
        EXPECT_EQ(error.line(), 3u);
    }
}

TEST_F(CaidaReaderFiles, TruncatedBzip2IsAnInputError) {
    const fs::path plain = write("topo.txt", sampleTopology());
    const std::string compressed = readBytes(bzip2(plain));
    ASSERT_GT(compressed.size(), 200u);
    for (const std::size_t keep : {compressed.size() / 2, compressed.size() - 1, std::size_t{20}}) {
        SCOPED_TRACE("kept " + std::to_string(keep) + " of " + std::to_string(compressed.size()) +
                     " bytes");
        const fs::path truncated = write("truncated.txt.bz2", compressed.substr(0, keep));
        try {
            CaidaReader::readFile(truncated);
            ADD_FAILURE() << "a truncated bzip2 file was accepted";
        } catch (const InputError& error) {
            EXPECT_NE(std::string(error.what()).find(truncated.string()), std::string::npos)
                << error.what();
            EXPECT_EQ(error.source(), truncated.string());
        }
    }
}

TEST_F(CaidaReaderFiles, MissingFileIsAnInputErrorNamingIt) {
    const fs::path missing = directory_ / "no-such-topology.txt";
    try {
        CaidaReader::readFile(missing);
        FAIL() << "a missing file was read";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find(missing.string()), std::string::npos)
            << error.what();
        EXPECT_EQ(error.source(), missing.string());
    }
}

TEST_F(CaidaReaderFiles, DirectoryIsAnInputError) {
    EXPECT_THROW(CaidaReader::readFile(directory_), InputError);
}

}  // namespace
}  // namespace mpicsim
