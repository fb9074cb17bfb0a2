#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "GenerateTopologyCommand.hpp"
#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/CaidaWriter.hpp"
#include "mpicsim/topology/AsGraph.hpp"
#include "mpicsim/topology/TopologyGenerator.hpp"

namespace mpicsim {
namespace {

namespace fs = std::filesystem;

TEST(TopologyGenerator, SameSeedSameLinksOtherSeedOtherLinks) {
    const auto first = TopologyGenerator::generate(2000, 7);
    const auto again = TopologyGenerator::generate(2000, 7);
    const auto other = TopologyGenerator::generate(2000, 8);
    EXPECT_EQ(first.links, again.links);
    EXPECT_EQ(first.metadata.inputClique, again.metadata.inputClique);
    EXPECT_NE(first.links, other.links);
}

TEST(TopologyGenerator, AcceptsTenToTwoHundredThousandAses) {
    EXPECT_THROW(TopologyGenerator::generate(9, 1), std::invalid_argument);
    EXPECT_THROW(TopologyGenerator::generate(200'001, 1), std::invalid_argument);
    for (const std::size_t ases : {10u, 11u, 37u, 500u, 5000u, 200'000u}) {
        const auto result = TopologyGenerator::generate(ases, 3);
        const AsGraph graph = result.graph();
        EXPECT_EQ(graph.nodeCount(), ases) << "every AS has at least one link";
    }
}

// The number of ASes a topological sort (Kahn's algorithm) of the provider-to-customer lines of
// a CAIDA file can order; every AS of the file exactly when the hierarchy has no cycle. Reads the
// written text itself, independently of CaidaReader and AsGraph.
std::pair<std::size_t, std::size_t> topologicallySorted(const std::string& caidaText) {
    std::map<Asn, std::vector<Asn>> customersOf;
    std::map<Asn, std::size_t> providerCount;
    std::istringstream lines(caidaText);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::istringstream fields(line);
        std::string first, second, relationship;
        std::getline(fields, first, '|');
        std::getline(fields, second, '|');
        std::getline(fields, relationship, '|');
        const Asn a = static_cast<Asn>(std::stoul(first));
        const Asn b = static_cast<Asn>(std::stoul(second));
        providerCount.try_emplace(a, 0);
        providerCount.try_emplace(b, 0);
        if (relationship == "-1") {
            customersOf[a].push_back(b);
            ++providerCount[b];
        }
    }
    std::vector<Asn> ready;
    for (const auto& [asn, count] : providerCount) {
        if (count == 0) {
            ready.push_back(asn);
        }
    }
    std::size_t ordered = 0;
    while (!ready.empty()) {
        const Asn top = ready.back();
        ready.pop_back();
        ++ordered;
        for (const Asn customer : customersOf[top]) {
            if (--providerCount[customer] == 0) {
                ready.push_back(customer);
            }
        }
    }
    return {ordered, providerCount.size()};
}

TEST(TopologyGenerator, TopologicalSortCatchesACycle) {
    EXPECT_EQ(topologicallySorted("1|2|-1\n2|3|-1\n3|4|0\n"),
              (std::pair<std::size_t, std::size_t>{4, 4}));
    EXPECT_EQ(topologicallySorted("1|2|-1\n2|3|-1\n3|1|-1\n3|4|-1\n"),
              (std::pair<std::size_t, std::size_t>{0, 4}));
}

TEST(TopologyGenerator, HierarchyHasNoCycleAndCliqueHasNoProvider) {
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        const auto result = TopologyGenerator::generate(20'000, seed);
        std::ostringstream written;
        CaidaWriter::write(written, result.links, result.metadata, {});
        const auto [ordered, ases] = topologicallySorted(written.str());
        ASSERT_EQ(ordered, ases) << "seed " << seed << ": a provider-customer cycle";
        ASSERT_EQ(ases, 20'000u);
        const AsGraph graph = result.graph();
        const auto& clique = result.metadata.inputClique;
        ASSERT_GE(clique.size(), 2u);
        for (const Asn a : clique) {
            const NodeIndex node = *graph.nodeOf(a);
            EXPECT_TRUE(graph.providers(node).empty()) << "AS" << a;
            std::set<Asn> peers;
            for (const NodeIndex peer : graph.peers(node)) {
                peers.insert(graph.asnOf(peer));
            }
            for (const Asn b : clique) {
                if (a != b) {
                    EXPECT_TRUE(peers.contains(b)) << "AS" << a << " and AS" << b;
                }
            }
        }
    }
}

TEST(TopologyGenerator, MostAsesAreStubsAndLinksAreUnique) {
    const auto result = TopologyGenerator::generate(30'000, 5);
    std::set<std::pair<Asn, Asn>> pairs;
    for (const AsLink& link : result.links) {
        EXPECT_NE(link.first, link.second);
        EXPECT_TRUE(pairs.insert(std::minmax(link.first, link.second)).second)
            << link.first << "|" << link.second;
    }
    const AsGraph graph = result.graph();
    std::size_t stubs = 0;
    std::size_t maxCustomers = 0;
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        stubs += graph.customers(v).empty() ? 1 : 0;
        maxCustomers = std::max(maxCustomers, graph.customers(v).size());
    }
    EXPECT_GT(static_cast<double>(stubs) / 30'000.0, 0.75);
    EXPECT_GT(maxCustomers, 300u) << "heavy tail: some network sells transit to hundreds";
}

TEST(TopologyGenerator, PublicAsnsSkipReservedRanges) {
    EXPECT_EQ(TopologyGenerator::publicAsn(0), 1u);
    EXPECT_EQ(TopologyGenerator::publicAsn(23'454), 23'455u);
    EXPECT_EQ(TopologyGenerator::publicAsn(23'455), 23'457u);  // AS23456 is AS_TRANS
    EXPECT_EQ(TopologyGenerator::publicAsn(23'455 + 41'038), 64'495u);
    EXPECT_EQ(TopologyGenerator::publicAsn(23'455 + 41'039), 131'072u);
}

TEST(TopologyGenerator, WrittenFileReadsBackAsTheSameSerial2Topology) {
    const auto result = TopologyGenerator::generate(3000, 11);
    std::ostringstream text;
    CaidaWriter::write(text, result.links, result.metadata, {"a test topology"});
    const AsGraph read = CaidaReader::readText(text.str(), "generated");
    const AsGraph direct = result.graph();
    EXPECT_EQ(read.metadata().caidaSerial, 2);
    EXPECT_EQ(read.metadata().inputClique, result.metadata.inputClique);
    ASSERT_EQ(read.nodeCount(), direct.nodeCount());
    EXPECT_EQ(read.providerCustomerLinkCount(), direct.providerCustomerLinkCount());
    EXPECT_EQ(read.peerLinkCount(), direct.peerLinkCount());
    for (NodeIndex v = 0; v < direct.nodeCount(); ++v) {
        const NodeIndex w = *read.nodeOf(direct.asnOf(v));
        auto asns = [](const AsGraph& g, std::span<const NodeIndex> nodes) {
            std::set<Asn> out;
            for (const NodeIndex n : nodes) {
                out.insert(g.asnOf(n));
            }
            return out;
        };
        ASSERT_EQ(asns(read, read.providers(w)), asns(direct, direct.providers(v)));
        ASSERT_EQ(asns(read, read.peers(w)), asns(direct, direct.peers(v)));
    }
}

class GenerateTopologyCommandTest : public ::testing::Test {
  protected:
    void SetUp() override {
        directory_ = fs::temp_directory_path() /
                     ("mpicsim-generate-" +
                      std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(directory_);
    }
    void TearDown() override { fs::remove_all(directory_); }

    int run(const std::vector<std::string>& arguments) {
        out_.str("");
        err_.str("");
        return cli::GenerateTopologyCommand::run(arguments, out_, err_);
    }

    fs::path directory_;
    std::ostringstream out_;
    std::ostringstream err_;
};

TEST_F(GenerateTopologyCommandTest, WritesTheSameFileForTheSameSeed) {
    const fs::path a = directory_ / "a.txt";
    const fs::path b = directory_ / "b.txt";
    ASSERT_EQ(run({"--ases", "1500", "--seed", "4", "--out", a.string()}), 0) << err_.str();
    EXPECT_NE(out_.str().find("1500 ASes"), std::string::npos) << out_.str();
    ASSERT_EQ(run({"--ases", "1500", "--seed", "4", "--out", b.string()}), 0) << err_.str();
    auto slurp = [](const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    };
    EXPECT_EQ(slurp(a), slurp(b));
    EXPECT_FALSE(fs::exists(directory_ / "a.txt.partial"));
    EXPECT_EQ(CaidaReader::readFile(a).nodeCount(), 1500u);
    const fs::path organisationsA = directory_ / "a.as-org2info.txt";
    const fs::path organisationsB = directory_ / "b.as-org2info.txt";
    EXPECT_NE(out_.str().find("wrote " + organisationsB.string()), std::string::npos) << out_.str();
    ASSERT_TRUE(fs::exists(organisationsA));
    EXPECT_EQ(slurp(organisationsA), slurp(organisationsB));
    EXPECT_FALSE(fs::exists(directory_ / "a.as-org2info.txt.partial"));
    // One line per AS after the aut header: every AS of the topology, AS16509 as Amazon's.
    const std::string organisations = slurp(organisationsA);
    const std::string autHeader = "# format:aut|changed|aut_name|org_id|opaque_id|source\n";
    const auto autSection = organisations.find(autHeader);
    ASSERT_NE(autSection, std::string::npos);
    EXPECT_NE(organisations.find("# format:org_id|changed|org_name|country|source\n"),
              std::string::npos);
    EXPECT_EQ(std::count(organisations.begin() +
                             static_cast<std::ptrdiff_t>(autSection + autHeader.size()),
                         organisations.end(), '\n'),
              1500);
    EXPECT_NE(organisations.find("\n16509|||AMAZON-4-ARIN||ARIN\n"), std::string::npos);
}

TEST(GenerateTopologyCommand, OrganisationFileSitsBesideTheTopology) {
    using cli::GenerateTopologyCommand;
    EXPECT_EQ(GenerateTopologyCommand::organisationFile("d/x.as-rel2.txt"),
              fs::path("d/x.as-org2info.txt"));
    EXPECT_EQ(GenerateTopologyCommand::organisationFile("d/x.as-rel2.txt.bz2"),
              fs::path("d/x.as-org2info.txt"));
    EXPECT_EQ(GenerateTopologyCommand::organisationFile("x.as-rel.txt"),
              fs::path("x.as-org2info.txt"));
    EXPECT_EQ(GenerateTopologyCommand::organisationFile("/tmp/x.txt"),
              fs::path("/tmp/x.as-org2info.txt"));
    EXPECT_EQ(GenerateTopologyCommand::organisationFile("x.csv"),
              fs::path("x.csv.as-org2info.txt"));
    EXPECT_EQ(GenerateTopologyCommand::organisationFile(".txt"), fs::path(".txt.as-org2info.txt"));
}

TEST_F(GenerateTopologyCommandTest, BadOptionsExitTwoAndSayWhy) {
    const std::string out = (directory_ / "x.txt").string();
    EXPECT_EQ(run({"--ases", "9", "--seed", "1", "--out", out}), 2);
    EXPECT_NE(err_.str().find("10 to 200000"), std::string::npos) << err_.str();
    EXPECT_EQ(run({"--ases", "ten", "--seed", "1", "--out", out}), 2);
    EXPECT_NE(err_.str().find("--ases"), std::string::npos) << err_.str();
    EXPECT_EQ(run({"--ases", "100", "--out", out}), 2);
    EXPECT_NE(err_.str().find("--seed"), std::string::npos) << err_.str();
    EXPECT_EQ(run({"--ases", "100", "--seed", "1"}), 2);
    EXPECT_NE(err_.str().find("--out"), std::string::npos) << err_.str();
    EXPECT_EQ(run({"--ases", "100", "--seed", "1", "--out",
                   (directory_ / "no-such-dir" / "x.txt").string()}),
              2);
    EXPECT_NE(err_.str().find("cannot open"), std::string::npos) << err_.str();
    EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace mpicsim
