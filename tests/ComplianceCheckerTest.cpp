// ComplianceChecker::check: every way a CA configuration can break the perspective rules of TLS
// BR v2.2.6, 3.2.2.9, on configurations built in code, and the built-in presets.
#include <gtest/gtest.h>

#include <chrono>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

#include "mpicsim/io/CaConfigurationReader.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/mpic/ComplianceChecker.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"

namespace mpicsim {
namespace {

using std::chrono::year_month_day;

year_month_day ymd(int y, unsigned m, unsigned d) {
    return year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

QuorumPolicy br(int y, unsigned m, unsigned d) {
    const auto policy = QuorumPolicyTable::lookup("br", ymd(y, m, d));
    if (!policy) {
        ADD_FAILURE() << "no br phase on " << formatIsoDate(ymd(y, m, d));
        return QuorumPolicy{};
    }
    return *policy;
}

Perspective at(const std::string& id, const std::string& city, double latitude, double longitude,
               Rir rir, Asn asn = 64500) {
    Perspective perspective;
    perspective.id = id;
    perspective.city = city;
    perspective.location = GeoPoint{latitude, longitude};
    perspective.rir = rir;
    perspective.hostAsn = asn;
    return perspective;
}

// Real places, pairwise at least ~890 km apart unless said otherwise (great-circle distances).
const Perspective kDenver = at("p:denver", "Denver", 39.74, -104.99, Rir::Arin);
const Perspective kColumbus = at("r:columbus", "Columbus", 39.96, -83.0, Rir::Arin);
const Perspective kBoardman = at("r:boardman", "Boardman", 45.84, -119.7, Rir::Arin);
const Perspective kFrankfurt = at("r:frankfurt", "Frankfurt", 50.11, 8.68, Rir::Ripe);
const Perspective kParis = at("r:paris", "Paris", 48.86, 2.35, Rir::Ripe);  // 478 km: Frankfurt
const Perspective kTokyo = at("r:tokyo", "Tokyo", 35.68, 139.69, Rir::Apnic);
const Perspective kSaoPaulo = at("r:sao-paulo", "Sao Paulo", -23.55, -46.63, Rir::Lacnic);
const Perspective kColoradoSprings =  // 102 km from Denver
    at("r:colorado-springs", "Colorado Springs", 38.83, -104.82, Rir::Arin);
const Perspective kDublin = at("r:dublin", "Dublin", 53.35, -6.26, Rir::Ripe);
const Perspective kStockholm = at("r:stockholm", "Stockholm", 59.33, 18.07, Rir::Ripe);
const Perspective kMadrid = at("r:madrid", "Madrid", 40.42, -3.70, Rir::Ripe);
const Perspective kWarsaw = at("r:warsaw", "Warsaw", 52.23, 21.01, Rir::Ripe);

CaConfiguration config(std::optional<Perspective> primary, std::vector<Perspective> remotes) {
    CaConfiguration ca;
    ca.name = "test";
    ca.primary = std::move(primary);
    ca.remotes = std::move(remotes);
    return ca;
}

// A BR 2026-12-15 compliant configuration: 5 remotes in 4 RIRs, all far apart.
CaConfiguration compliant() {
    return config(kDenver, {kColumbus, kBoardman, kFrankfurt, kTokyo, kSaoPaulo});
}

std::string describe(const std::vector<ComplianceViolation>& violations) {
    std::string text;
    for (const ComplianceViolation& violation : violations) {
        text += "\n  " + violation.rule + ": " + violation.message;
    }
    return text.empty() ? " (none)" : text;
}

std::vector<ComplianceViolation> withRule(const std::vector<ComplianceViolation>& violations,
                                          const std::string& rule) {
    std::vector<ComplianceViolation> found;
    for (const ComplianceViolation& violation : violations) {
        if (violation.rule == rule) {
            found.push_back(violation);
        }
    }
    return found;
}

bool mentions(const std::string& text, const std::string& word) {
    return text.find(word) != std::string::npos;
}

TEST(ComplianceCheckerTest, CompliantConfigurationHasNoViolations) {
    for (const QuorumPolicy& policy :
         {br(2025, 3, 15), br(2025, 9, 15), br(2026, 3, 15), br(2026, 6, 15), br(2026, 12, 15)}) {
        const auto violations = ComplianceChecker::check(compliant(), policy);
        EXPECT_TRUE(violations.empty()) << policy.label() << describe(violations);
    }
    EXPECT_EQ(ComplianceChecker::kMinimumDistanceKm, 500.0);
}

TEST(ComplianceCheckerTest, TooFewRemotes) {
    // Four remotes are too few from 2026-12-15 (5 needed) but enough on 2026-06-15.
    const CaConfiguration ca = config(kDenver, {kColumbus, kBoardman, kFrankfurt, kTokyo});
    const auto violations = ComplianceChecker::check(ca, br(2026, 12, 15));
    ASSERT_EQ(violations.size(), 1u) << describe(violations);
    EXPECT_EQ(violations[0].rule, "too-few-remotes");
    EXPECT_TRUE(mentions(violations[0].message, "5")) << violations[0].message;
    EXPECT_TRUE(mentions(violations[0].message, "4")) << violations[0].message;
    EXPECT_TRUE(mentions(violations[0].message, "br (phase 2026-12-15)")) << violations[0].message;
    EXPECT_TRUE(ComplianceChecker::check(ca, br(2026, 6, 15)).empty());

    // Two remotes: enough for 2025-09-15, not for 2026-03-15.
    const CaConfiguration two = config(kDenver, {kFrankfurt, kTokyo});
    EXPECT_TRUE(ComplianceChecker::check(two, br(2025, 9, 15)).empty());
    EXPECT_EQ(withRule(ComplianceChecker::check(two, br(2026, 3, 15)), "too-few-remotes").size(),
              1u);
}

TEST(ComplianceCheckerTest, APoolIsCountedPerAttempt) {
    // The compliant five remotes as a pool of which each attempt uses 2: 2 remotes are enough
    // on 2025-09-15 and too few from 2026-03-15, whatever the pool's size.
    CaConfiguration pool = compliant();
    pool.remotesPerAttempt = 2;
    EXPECT_TRUE(ComplianceChecker::check(pool, br(2025, 9, 15)).empty());
    const auto violations = ComplianceChecker::check(pool, br(2026, 3, 15));
    ASSERT_EQ(withRule(violations, "too-few-remotes").size(), 1u) << describe(violations);
    EXPECT_TRUE(mentions(violations[0].message, "has 2 (each attempt's, of a pool of 5)"))
        << violations[0].message;
    pool.remotesPerAttempt = 5;
    EXPECT_TRUE(ComplianceChecker::check(pool, br(2026, 12, 15)).empty());
}

TEST(ComplianceCheckerTest, RemotesCloserThan500KmAreNamedWithTheirDistance) {
    const CaConfiguration ca = config(kDenver, {kColumbus, kBoardman, kFrankfurt, kParis, kTokyo});
    const auto violations = ComplianceChecker::check(ca, br(2026, 12, 15));
    ASSERT_EQ(violations.size(), 1u) << describe(violations);
    EXPECT_EQ(violations[0].rule, "remotes-not-distinct");
    const std::string& message = violations[0].message;
    EXPECT_TRUE(mentions(message, "r:frankfurt")) << message;
    EXPECT_TRUE(mentions(message, "r:paris")) << message;
    EXPECT_TRUE(mentions(message, "478 km")) << message;
    EXPECT_TRUE(mentions(message, "500 km")) << message;
}

// "Network Perspectives are considered distinct when the straight-line distance between them is
// at least 500 km": 499.9 km is too close, 500.1 km is far enough.
TEST(ComplianceCheckerTest, DistinctnessBoundaryIs500Km) {
    auto eastOfNullIsland = [](double km) {
        // Along the equator the great-circle distance is the radius times the longitude span.
        return km / 6371.0088 * 180.0 / std::numbers::pi;
    };
    for (const double km : {499.9, 500.1}) {
        SCOPED_TRACE(std::to_string(km) + " km");
        const Perspective west = at("r:west", "", 0.0, 0.0, Rir::Afrinic);
        const Perspective east = at("r:east", "", 0.0, eastOfNullIsland(km), Rir::Ripe);
        EXPECT_NEAR(west.location->distanceKmTo(*east.location), km, 0.01);
        const auto violations =
            ComplianceChecker::check(config(kTokyo, {west, east}), br(2025, 9, 15));
        if (km < 500.0) {
            ASSERT_EQ(violations.size(), 1u) << describe(violations);
            EXPECT_EQ(violations[0].rule, "remotes-not-distinct");
            EXPECT_TRUE(mentions(violations[0].message, "500 km")) << violations[0].message;
        } else {
            EXPECT_TRUE(violations.empty()) << describe(violations);
        }
        // The same distance from the primary.
        const auto fromPrimary =
            ComplianceChecker::check(config(west, {east, kTokyo}), br(2025, 9, 15));
        EXPECT_EQ(withRule(fromPrimary, "remote-not-distinct-from-primary").size(),
                  km < 500.0 ? 1u : 0u)
            << describe(fromPrimary);
    }
}

TEST(ComplianceCheckerTest, RemoteCloserThan500KmToThePrimary) {
    const CaConfiguration ca =
        config(kDenver, {kColumbus, kBoardman, kFrankfurt, kTokyo, kColoradoSprings});
    const auto violations = ComplianceChecker::check(ca, br(2026, 12, 15));
    ASSERT_EQ(violations.size(), 1u) << describe(violations);
    EXPECT_EQ(violations[0].rule, "remote-not-distinct-from-primary");
    const std::string& message = violations[0].message;
    EXPECT_TRUE(mentions(message, "r:colorado-springs")) << message;
    EXPECT_TRUE(mentions(message, "p:denver")) << message;
    EXPECT_TRUE(mentions(message, "102 km")) << message;
}

TEST(ComplianceCheckerTest, RemoteThatIsThePrimary) {
    const CaConfiguration ca = config(kDenver, {kColumbus, kBoardman, kFrankfurt, kTokyo, kDenver});
    const auto violations = ComplianceChecker::check(ca, br(2026, 12, 15));
    const auto notDistinct = withRule(violations, "remote-not-distinct-from-primary");
    ASSERT_EQ(notDistinct.size(), 1u) << describe(violations);
    EXPECT_TRUE(mentions(notDistinct[0].message, "p:denver")) << notDistinct[0].message;
    EXPECT_TRUE(mentions(notDistinct[0].message, "primary")) << notDistinct[0].message;
    EXPECT_EQ(violations.size(), 1u) << describe(violations);
}

TEST(ComplianceCheckerTest, RirDiversityImpossibleFrom2026_03_15) {
    // Three RIPE remotes, pairwise at least 890 km apart.
    const CaConfiguration ca = config(kDenver, {kFrankfurt, kMadrid, kStockholm});
    const auto violations = ComplianceChecker::check(ca, br(2026, 3, 15));
    ASSERT_EQ(violations.size(), 1u) << describe(violations);
    EXPECT_EQ(violations[0].rule, "rir-diversity-impossible");
    EXPECT_TRUE(mentions(violations[0].message, "2")) << violations[0].message;
    EXPECT_TRUE(mentions(violations[0].message, "1")) << violations[0].message;

    const auto before = ComplianceChecker::check(ca, br(2025, 9, 15));
    EXPECT_TRUE(before.empty()) << describe(before);
    const auto nonBlocking = ComplianceChecker::check(ca, br(2025, 3, 15));
    EXPECT_TRUE(nonBlocking.empty()) << describe(nonBlocking);

    // Six RIPE remotes still cannot span two RIRs on 2026-12-15.
    const CaConfiguration six =
        config(kDenver, {kFrankfurt, kMadrid, kStockholm, kDublin, kWarsaw, kParis});
    EXPECT_EQ(withRule(ComplianceChecker::check(six, br(2026, 12, 15)), "rir-diversity-impossible")
                  .size(),
              1u);
}

TEST(ComplianceCheckerTest, QuorumLargerThanTheRemotes) {
    QuorumPolicy custom;
    custom.name = "custom";
    custom.source = "test";
    custom.failureRule = QuorumPolicy::FailureRule::RequiredFixed;
    custom.ruleValue = 4;
    const CaConfiguration ca = config(kDenver, {kColumbus, kFrankfurt, kTokyo});
    const auto violations = ComplianceChecker::check(ca, custom);
    ASSERT_EQ(violations.size(), 1u) << describe(violations);
    EXPECT_EQ(violations[0].rule, "quorum-impossible");
    EXPECT_TRUE(mentions(violations[0].message, "4")) << violations[0].message;
    EXPECT_TRUE(mentions(violations[0].message, "3")) << violations[0].message;

    custom.ruleValue = 3;
    EXPECT_TRUE(ComplianceChecker::check(ca, custom).empty());
}

TEST(ComplianceCheckerTest, MissingPrimary) {
    const CaConfiguration ca =
        config(std::nullopt, {kColumbus, kBoardman, kFrankfurt, kTokyo, kSaoPaulo});
    const auto violations = ComplianceChecker::check(ca, br(2026, 12, 15));
    ASSERT_EQ(violations.size(), 1u) << describe(violations);
    EXPECT_EQ(violations[0].rule, "no-primary");
    EXPECT_TRUE(mentions(violations[0].message, "primary")) << violations[0].message;

    // open-mpic has no primary; the same configuration complies with it.
    const auto openMpic = QuorumPolicyTable::lookup("open-mpic", ymd(2026, 1, 1));
    ASSERT_TRUE(openMpic.has_value());
    const auto none = ComplianceChecker::check(ca, *openMpic);
    EXPECT_TRUE(none.empty()) << describe(none);
}

TEST(ComplianceCheckerTest, PerspectiveWithoutCoordinatesIsLocationUnknown) {
    Perspective nowhere;
    nowhere.id = "AS64511";
    nowhere.rir = Rir::Afrinic;
    nowhere.hostAsn = 64511;
    const CaConfiguration ca = config(kDenver, {kColumbus, kBoardman, kFrankfurt, kTokyo, nowhere});
    const auto violations = ComplianceChecker::check(ca, br(2026, 12, 15));
    ASSERT_EQ(violations.size(), 1u) << describe(violations);
    EXPECT_EQ(violations[0].rule, "location-unknown");
    EXPECT_TRUE(mentions(violations[0].message, "AS64511")) << violations[0].message;

    // A primary without coordinates too.
    Perspective primary = kDenver;
    primary.location.reset();
    const auto unknownPrimary =
        ComplianceChecker::check(config(primary, compliant().remotes), br(2026, 12, 15));
    ASSERT_EQ(unknownPrimary.size(), 1u) << describe(unknownPrimary);
    EXPECT_EQ(unknownPrimary[0].rule, "location-unknown");
    EXPECT_TRUE(mentions(unknownPrimary[0].message, "p:denver")) << unknownPrimary[0].message;
}

TEST(ComplianceCheckerTest, EveryViolationAtOnce) {
    Perspective nowhere;
    nowhere.id = "AS64511";
    nowhere.rir = Rir::Ripe;
    const CaConfiguration ca = config(std::nullopt, {kFrankfurt, kParis, nowhere});
    const auto violations = ComplianceChecker::check(ca, br(2026, 12, 15));
    for (const char* rule : {"no-primary", "too-few-remotes", "rir-diversity-impossible",
                             "remotes-not-distinct", "location-unknown"}) {
        EXPECT_EQ(withRule(violations, rule).size(), 1u) << rule << describe(violations);
    }
}

const PerspectiveCatalog& catalog() {
    return PerspectiveCatalogReader::builtIn();
}

TEST(ComplianceCheckerTest, BuiltInBr2026ExampleIsCompliant) {
    const CaConfiguration ca =
        CaConfigurationReader::preset("br-2026-12-example", catalog(), ymd(2026, 12, 15));
    ASSERT_TRUE(ca.policy.has_value());
    EXPECT_EQ(ca.policy->label(), "br (phase 2026-12-15)");
    const auto own = ComplianceChecker::check(ca, *ca.policy);
    EXPECT_TRUE(own.empty()) << describe(own);
    for (const QuorumPolicy& policy : {br(2026, 12, 15), br(2030, 1, 1)}) {
        const auto violations = ComplianceChecker::check(ca, policy);
        EXPECT_TRUE(violations.empty()) << policy.label() << describe(violations);
    }
}

TEST(ComplianceCheckerTest, BuiltInLetsEncrypt2020BreaksTheBrOf2026_12_15) {
    const CaConfiguration ca =
        CaConfigurationReader::preset("lets-encrypt-2020", catalog(), ymd(2026, 12, 15));
    ASSERT_TRUE(ca.policy.has_value());
    const auto own = ComplianceChecker::check(ca, *ca.policy);
    EXPECT_TRUE(own.empty()) << describe(own);

    const auto violations = ComplianceChecker::check(ca, br(2026, 12, 15));
    const auto tooFew = withRule(violations, "too-few-remotes");
    ASSERT_EQ(tooFew.size(), 1u) << describe(violations);
    EXPECT_TRUE(mentions(tooFew[0].message, "3")) << tooFew[0].message;
    EXPECT_TRUE(mentions(tooFew[0].message, "5")) << tooFew[0].message;
    // Three remotes are enough until 2026-06-15.
    const auto march = ComplianceChecker::check(ca, br(2026, 3, 15));
    EXPECT_TRUE(march.empty()) << describe(march);
}

}  // namespace
}  // namespace mpicsim
