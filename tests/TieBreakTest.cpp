// TieBreak: parsing and printing the policy names, the MD5 and seeded keys it compares, and
// TieBreakRanking's agreement with TieBreak::prefers.

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "mpicsim/routing/TieBreak.hpp"
#include "mpicsim/routing/TieBreakRanking.hpp"
#include "mpicsim/topology/AsGraph.hpp"
#include "support/GraphBuilder.hpp"

namespace mpicsim {
namespace {

std::string hex(const std::array<std::uint8_t, 16>& digest) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text;
    for (std::uint8_t byte : digest) {
        text += kDigits[byte >> 4];
        text += kDigits[byte & 0xF];
    }
    return text;
}

// MD5 of the decimal ASN, computed here with OpenSSL independently of TieBreak.
std::array<std::uint8_t, 16> referenceMd5(Asn asn) {
    const std::string text = std::to_string(asn);
    std::array<std::uint8_t, 16> digest{};
    unsigned int length = 0;
    if (EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_md5(), nullptr) != 1 ||
        length != digest.size()) {
        throw std::runtime_error("EVP_Digest failed");
    }
    return digest;
}

// splitmix64 as published by Sebastiano Vigna, written out again for the reference.
std::uint64_t referenceSplitmix64(std::uint64_t x) {
    std::uint64_t z = x + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// ---- fromString / toString -------------------------------------------------------------

TEST(TieBreak, ParsesLowestAsn) {
    const TieBreak tieBreak = TieBreak::fromString("lowest-asn");
    EXPECT_EQ(tieBreak.kind(), TieBreak::Kind::LowestAsn);
    EXPECT_EQ(tieBreak.toString(), "lowest-asn");
}

TEST(TieBreak, ParsesMd5) {
    const TieBreak tieBreak = TieBreak::fromString("md5");
    EXPECT_EQ(tieBreak.kind(), TieBreak::Kind::Md5);
    EXPECT_EQ(tieBreak.toString(), "md5");
}

TEST(TieBreak, ParsesRandomWithSeed) {
    const TieBreak tieBreak = TieBreak::fromString("random:42");
    EXPECT_EQ(tieBreak.kind(), TieBreak::Kind::Random);
    EXPECT_EQ(tieBreak.seed(), 42u);
    EXPECT_EQ(tieBreak.toString(), "random:42");

    EXPECT_EQ(TieBreak::fromString("random:0").seed(), 0u);
    EXPECT_EQ(TieBreak::fromString("random:18446744073709551615").seed(), UINT64_MAX);
}

TEST(TieBreak, RejectsMalformedNames) {
    for (const char* text : {"random:", "random:x", "foo", "", "random", "random:-1", "random:42x",
                             "random: 42", "random:18446744073709551616", "md5 ", "lowest"}) {
        SCOPED_TRACE(std::string("'") + text + "'");
        EXPECT_THROW(TieBreak::fromString(text), std::invalid_argument);
    }
}

TEST(TieBreak, ToStringRoundTrips) {
    for (const TieBreak& tieBreak : {TieBreak::lowestAsn(), TieBreak::md5(), TieBreak::random(0),
                                     TieBreak::random(42), TieBreak::random(UINT64_MAX)}) {
        SCOPED_TRACE(tieBreak.toString());
        const TieBreak parsed = TieBreak::fromString(tieBreak.toString());
        EXPECT_EQ(parsed.kind(), tieBreak.kind());
        EXPECT_EQ(parsed.seed(), tieBreak.seed());
        EXPECT_EQ(parsed.toString(), tieBreak.toString());
    }
    for (const char* text : {"lowest-asn", "md5", "random:7", "random:123456789"}) {
        EXPECT_EQ(TieBreak::fromString(text).toString(), text);
    }
}

// ---- MD5 ----------------------------------------------------------------------------------

TEST(TieBreak, Md5DigestsMatchKnownValues) {
    // Values from `printf %s N | md5sum`.
    EXPECT_EQ(hex(TieBreak::md5Digest(1)), "c4ca4238a0b923820dcc509a6f75849b");
    EXPECT_EQ(hex(TieBreak::md5Digest(2)), "c81e728d9d4c2f636f067f89cc14862c");
    EXPECT_EQ(hex(TieBreak::md5Digest(0)), "cfcd208495d565ef66e7dff9f98764da");
    EXPECT_EQ(hex(TieBreak::md5Digest(174)), "bf8229696f7a3bb4700cfddef19fa23f");
    EXPECT_EQ(hex(TieBreak::md5Digest(3356)), "a36b598abb934e4528412e5a2127b931");
    EXPECT_EQ(hex(TieBreak::md5Digest(6939)), "f056bfa71038e04a2400266027c169f9");
    EXPECT_EQ(hex(TieBreak::md5Digest(13335)), "82d7f56432e27700a4f968ccc1d65038");
    EXPECT_EQ(hex(TieBreak::md5Digest(4294967295u)), "7ba34a7c9344df2acabdb0146b9e15e3");
}

TEST(TieBreak, Md5DigestAgreesWithOpenSsl) {
    for (Asn asn : {0u, 1u, 9u, 10u, 99u, 100u, 65535u, 65536u, 4200000000u, 4294967295u}) {
        EXPECT_EQ(TieBreak::md5Digest(asn), referenceMd5(asn)) << "AS" << asn;
    }
}

TEST(TieBreak, Md5PrefersTheLargerDigest) {
    const TieBreak md5 = TieBreak::md5();
    // c8... > c4...: AS2 beats AS1, the opposite of lowest-asn.
    EXPECT_TRUE(md5.prefers(2, 1));
    EXPECT_FALSE(md5.prefers(1, 2));
    // f0... (6939) > bf... (174) > a3... (3356).
    EXPECT_TRUE(md5.prefers(6939, 174));
    EXPECT_TRUE(md5.prefers(174, 3356));
    EXPECT_TRUE(md5.prefers(6939, 3356));
    EXPECT_FALSE(md5.prefers(3356, 174));
}

// ---- random -------------------------------------------------------------------------------

TEST(TieBreak, RandomKeyIsSplitmixOfSplitmixSeedXorAsn) {
    // Known values, computed with an independent (Python) splitmix64.
    EXPECT_EQ(TieBreak::randomKey(42, 1), 0xf34fe9248c9342e5ull);
    EXPECT_EQ(TieBreak::randomKey(42, 2), 0x725395388690ae46ull);
    EXPECT_EQ(TieBreak::randomKey(0, 0), 0xa706dd2f4d197e6full);
    EXPECT_EQ(TieBreak::randomKey(42, 174), 0xe46fea1bc0f966cfull);
    EXPECT_EQ(TieBreak::randomKey(UINT64_MAX, 4294967295u), 0xe95677299c66e604ull);
    for (std::uint64_t seed : {0ull, 1ull, 42ull, 0xDEADBEEFull}) {
        for (Asn asn : {0u, 1u, 174u, 3356u, 4294967295u}) {
            EXPECT_EQ(TieBreak::randomKey(seed, asn),
                      referenceSplitmix64(referenceSplitmix64(seed) ^ asn))
                << "seed " << seed << ", AS" << asn;
        }
    }
}

TEST(TieBreak, RandomKeyIsDeterministicAndSeedDependent) {
    EXPECT_NE(TieBreak::randomKey(42, 174), TieBreak::randomKey(43, 174));
    EXPECT_NE(TieBreak::randomKey(42, 174), TieBreak::randomKey(42, 175));

    // Different seeds order the same pair differently: seed 1 prefers 6939 over 174,
    // seed 2 prefers 174 over 6939 (keys in PropagatorHandWorkedTest's comment).
    EXPECT_TRUE(TieBreak::random(1).prefers(6939, 174));
    EXPECT_TRUE(TieBreak::random(2).prefers(174, 6939));

    // A parsed seed orders ASes by their random keys, as the seed given directly does.
    const TieBreak parsed = TieBreak::fromString("random:42");
    const TieBreak direct = TieBreak::random(42);
    for (Asn x : {1u, 2u, 174u, 3356u}) {
        for (Asn y : {1u, 2u, 174u, 3356u}) {
            if (x != y) {
                const bool lowerKey = TieBreak::randomKey(42, x) < TieBreak::randomKey(42, y);
                EXPECT_EQ(parsed.prefers(x, y), lowerKey) << x << " " << y;
                EXPECT_EQ(direct.prefers(x, y), lowerKey) << x << " " << y;
            }
        }
    }
}

TEST(TieBreak, RandomPrefersTheLowerKey) {
    const TieBreak random = TieBreak::random(42);
    // randomKey(42, 2) = 0x7253... < randomKey(42, 1) = 0xf34f...: AS2 wins.
    EXPECT_TRUE(random.prefers(2, 1));
    EXPECT_FALSE(random.prefers(1, 2));
}

TEST(TieBreak, LowestAsnPrefersTheLowerAsn) {
    const TieBreak lowest = TieBreak::lowestAsn();
    EXPECT_TRUE(lowest.prefers(1, 2));
    EXPECT_FALSE(lowest.prefers(2, 1));
    EXPECT_TRUE(lowest.prefers(174, 3356));
    EXPECT_TRUE(lowest.prefers(3356, 4294967295u));
}

// ---- TieBreakRanking ------------------------------------------------------------------------

AsGraph rankingGraph() {
    test::GraphBuilder builder;
    builder.providerOf(3356, 174)
        .providerOf(3356, 1)
        .providerOf(174, 2)
        .providerOf(6939, 13335)
        .peers(3356, 6939)
        .providerOf(6939, 2)
        .providerOf(13335, 65535)
        .peers(1, 4294967295u);
    return builder.build();
}

void expectRankingMatchesPrefers(const AsGraph& graph, const TieBreak& tieBreak) {
    SCOPED_TRACE(tieBreak.toString());
    const TieBreakRanking ranking(graph, tieBreak);
    const auto n = static_cast<NodeIndex>(graph.nodeCount());
    std::vector<bool> rankUsed(n, false);
    for (NodeIndex v = 0; v < n; ++v) {
        const std::uint32_t rank = ranking.rankOf(v);
        ASSERT_LT(rank, n);
        EXPECT_FALSE(rankUsed[rank]) << "rank " << rank << " given twice";
        rankUsed[rank] = true;
        EXPECT_EQ(ranking.nodeAt(rank), v);
    }
    for (NodeIndex a = 0; a < n; ++a) {
        for (NodeIndex b = 0; b < n; ++b) {
            if (a == b) {
                continue;
            }
            EXPECT_EQ(ranking.rankOf(a) < ranking.rankOf(b),
                      tieBreak.prefers(graph.asnOf(a), graph.asnOf(b)))
                << "AS" << graph.asnOf(a) << " vs AS" << graph.asnOf(b);
        }
    }
}

TEST(TieBreakRanking, OrdersNodesAsPrefersDoes) {
    const AsGraph graph = rankingGraph();
    ASSERT_EQ(graph.nodeCount(), 8u);
    expectRankingMatchesPrefers(graph, TieBreak::lowestAsn());
    expectRankingMatchesPrefers(graph, TieBreak::md5());
    for (std::uint64_t seed : std::vector<std::uint64_t>{0, 1, 2, 42, UINT64_MAX}) {
        expectRankingMatchesPrefers(graph, TieBreak::random(seed));
    }
}

TEST(TieBreakRanking, ListsTheExpectedOrder) {
    const AsGraph graph = rankingGraph();
    auto order = [&](const TieBreak& tieBreak) {
        const TieBreakRanking ranking(graph, tieBreak);
        std::vector<Asn> asns;
        for (std::uint32_t rank = 0; rank < graph.nodeCount(); ++rank) {
            asns.push_back(graph.asnOf(ranking.nodeAt(rank)));
        }
        return asns;
    };
    EXPECT_EQ(order(TieBreak::lowestAsn()),
              (std::vector<Asn>{1, 2, 174, 3356, 6939, 13335, 65535, 4294967295u}));
    // Digests, largest first: 6939 f056, 2 c81e, 1 c4ca, 174 bf82, 3356 a36b, 13335 82d7,
    // 4294967295 7ba3, 65535 3c9b.
    EXPECT_EQ(order(TieBreak::md5()),
              (std::vector<Asn>{6939, 2, 1, 174, 3356, 13335, 4294967295u, 65535}));
}

}  // namespace
}  // namespace mpicsim
