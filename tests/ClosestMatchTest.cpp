// ClosestMatch: the "did you mean" suggestion every reader and command shares.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "mpicsim/io/ClosestMatch.hpp"

namespace mpicsim {
namespace {

TEST(ClosestMatchTest, EditDistanceCountsInsertionsDeletionsReplacementsAndSwaps) {
    EXPECT_EQ(ClosestMatch::editDistance("verdict", "verdict"), 0u);
    EXPECT_EQ(ClosestMatch::editDistance("verdit", "verdict"), 1u);        // insertion
    EXPECT_EQ(ClosestMatch::editDistance("sub-prefix", "subprefix"), 1u);  // deletion
    EXPECT_EQ(ClosestMatch::editDistance("md4", "md5"), 1u);               // replacement
    EXPECT_EQ(ClosestMatch::editDistance("verdcit", "verdict"), 1u);       // swap of neighbours
    EXPECT_EQ(ClosestMatch::editDistance("", "abc"), 3u);
    EXPECT_EQ(ClosestMatch::editDistance("abc", ""), 3u);
    EXPECT_EQ(ClosestMatch::editDistance("kitten", "sitting"), 3u);
    EXPECT_EQ(ClosestMatch::editDistance("adversary", "adversaries"), 3u);
}

TEST(ClosestMatchTest, EditDistanceIsSymmetricAndIgnoresLetterCase) {
    const std::vector<std::string> words = {"",           "a",        "ripe",    "RIPE", "routes",
                                            "resilience", "--victim", "--victm", "ca",   "ac"};
    for (const std::string& a : words) {
        for (const std::string& b : words) {
            EXPECT_EQ(ClosestMatch::editDistance(a, b), ClosestMatch::editDistance(b, a))
                << a << " / " << b;
        }
    }
    EXPECT_EQ(ClosestMatch::editDistance("Arin", "ARIN"), 0u);
}

TEST(ClosestMatchTest, OffersTheNearestKnownName) {
    const std::vector<std::string> commands = {"routes", "verdict", "check-ca", "run", "plot"};
    EXPECT_EQ(ClosestMatch::find("verdit", commands), "verdict");
    EXPECT_EQ(ClosestMatch::find("rout", commands), "routes");
    EXPECT_EQ(ClosestMatch::find("chek-ca", commands), "check-ca");
    EXPECT_EQ(ClosestMatch::find("VERDICT", commands), "verdict");
}

TEST(ClosestMatchTest, OffersNothingForAFarOrAKnownName) {
    const std::vector<std::string_view> formats = {"csv", "json"};
    EXPECT_EQ(ClosestMatch::find("xml", formats), std::nullopt);
    EXPECT_EQ(ClosestMatch::find("csv", formats), std::nullopt);
    EXPECT_EQ(ClosestMatch::find("frobnicate", std::vector<std::string>{"--format", "--victim"}),
              std::nullopt);
    EXPECT_EQ(ClosestMatch::find("x", std::vector<std::string>{}), std::nullopt);
    EXPECT_EQ(ClosestMatch::suggestion("xml", formats), "");
}

TEST(ClosestMatchTest, AllowsAboutOneEditInThreeCharacters) {
    const std::vector<std::string> keys = {"adversaries", "victims"};
    EXPECT_EQ(ClosestMatch::find("adversary", keys), "adversaries");  // 3 edits in 11
    EXPECT_EQ(ClosestMatch::find("adver", keys), std::nullopt);       // 6 edits in 11
    EXPECT_EQ(ClosestMatch::find("vic", keys), std::nullopt);         // 4 edits in 7
}

TEST(ClosestMatchTest, SuggestionReadsAsAQuestion) {
    EXPECT_EQ(ClosestMatch::suggestion("verdit", std::vector<std::string>{"routes", "verdict"}),
              " \u2014 did you mean 'verdict'?");
}

}  // namespace
}  // namespace mpicsim
