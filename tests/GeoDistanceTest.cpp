// GeoPoint::distanceKmTo (the BR's "straight-line distance", great-circle on a sphere) on known
// city pairs, and the built-in perspective catalog's coordinates, RIRs and ASNs.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <string>

#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/mpic/GeoPoint.hpp"
#include "mpicsim/mpic/PerspectiveCatalog.hpp"
#include "mpicsim/mpic/Rir.hpp"

namespace mpicsim {
namespace {

const GeoPoint kFrankfurt{50.11, 8.68};
const GeoPoint kParis{48.86, 2.35};
const GeoPoint kLondon{51.51, -0.13};
const GeoPoint kNewYork{40.71, -74.01};
const GeoPoint kSydney{-33.87, 151.21};
const GeoPoint kMelbourne{-37.81, 144.96};

// Expected values: great-circle distances on the IUGG mean-radius sphere (6371.0088 km), computed
// independently; they agree with published city-to-city distances (Frankfurt-Paris ~479 km,
// London-Paris ~344 km, New York-London ~5570 km, Sydney-Melbourne ~714 km) to well under 1%.
void expectAbout(const GeoPoint& a, const GeoPoint& b, double expectedKm, const char* what) {
    EXPECT_NEAR(a.distanceKmTo(b), expectedKm, expectedKm * 0.01) << what;
    EXPECT_NEAR(b.distanceKmTo(a), expectedKm, expectedKm * 0.01) << what << " (reversed)";
}

TEST(GeoDistanceTest, FrankfurtParisIsUnder500Km) {
    const double distance = kFrankfurt.distanceKmTo(kParis);
    EXPECT_LT(distance, 500.0);
    expectAbout(kFrankfurt, kParis, 477.7, "Frankfurt-Paris");
}

TEST(GeoDistanceTest, KnownCityPairs) {
    expectAbout(kLondon, kParis, 343.5, "London-Paris");
    expectAbout(kNewYork, kLondon, 5570.5, "New York-London");
    expectAbout(kSydney, kMelbourne, 713.4, "Sydney-Melbourne");
    EXPECT_GT(kSydney.distanceKmTo(kMelbourne), 500.0);
    EXPECT_LT(kLondon.distanceKmTo(kParis), 500.0);
}

TEST(GeoDistanceTest, SymmetricZeroToItselfAndTriangleInequality) {
    const GeoPoint points[] = {kFrankfurt, kParis, kLondon, kNewYork, kSydney, kMelbourne};
    for (const GeoPoint& a : points) {
        EXPECT_DOUBLE_EQ(a.distanceKmTo(a), 0.0);
        for (const GeoPoint& b : points) {
            EXPECT_NEAR(a.distanceKmTo(b), b.distanceKmTo(a), 1e-9);
            // A great-circle distance is a metric: no detour through a third point is shorter.
            for (const GeoPoint& c : points) {
                EXPECT_LE(a.distanceKmTo(c), a.distanceKmTo(b) + b.distanceKmTo(c) + 1e-9);
            }
        }
    }
}

TEST(GeoDistanceTest, AntipodesAreHalfTheCircumference) {
    // pi * 6371.0088 km = 20015.1 km.
    const double halfCircumference = 20015.1;
    EXPECT_NEAR((GeoPoint{10, 20}).distanceKmTo(GeoPoint{-10, -160}), halfCircumference, 200.0);
    EXPECT_NEAR((GeoPoint{90, 0}).distanceKmTo(GeoPoint{-90, 0}), halfCircumference, 200.0);
    EXPECT_NEAR((GeoPoint{0, 0}).distanceKmTo(GeoPoint{0, 180}), halfCircumference, 200.0);
    EXPECT_NEAR((GeoPoint{0, 0}).distanceKmTo(GeoPoint{0, 180}), halfCircumference, 1.0);
    // No point is farther than its antipode.
    EXPECT_LE(kSydney.distanceKmTo(kLondon), halfCircumference + 1.0);
}

TEST(GeoDistanceTest, DateLineAndPoles) {
    // One degree of longitude either side of the date line at the equator: ~222 km, not 40000.
    EXPECT_NEAR((GeoPoint{0, 179}).distanceKmTo(GeoPoint{0, -179}), 222.4, 2.3);
    // Every meridian meets at the pole.
    EXPECT_NEAR((GeoPoint{90, 0}).distanceKmTo(GeoPoint{90, 120}), 0.0, 1e-6);
}

// The built-in catalog (topology_data/perspectives.json).

const Perspective& find(const char* id) {
    const Perspective* perspective = PerspectiveCatalogReader::builtIn().find(id);
    if (perspective == nullptr) {
        ADD_FAILURE() << id << " is not in the built-in catalog";
        static const Perspective none;
        return none;
    }
    return *perspective;
}

double catalogDistance(const char* a, const char* b) {
    const Perspective& first = find(a);
    const Perspective& second = find(b);
    if (!first.location || !second.location) {
        ADD_FAILURE() << a << " or " << b << " has no coordinates";
        return -1;
    }
    return first.location->distanceKmTo(*second.location);
}

TEST(GeoDistanceTest, CatalogFrankfurtAndParisAreNotDistinct) {
    // The catalog's Frankfurt (50.11, 8.68) and Paris (48.86, 2.35): by the haversine formula,
    // a = sin^2(1.25°/2) + cos 50.11° cos 48.86° sin^2(6.33°/2) = 0.0014057,
    // d = 2 * 6371.0088 km * asin(sqrt(a)) = 477.9 km, under the BR's 500 km.
    const double distance = catalogDistance("aws:eu-central-1", "aws:eu-west-3");
    EXPECT_NEAR(distance, 477.9, 1.0);
    EXPECT_LT(distance, 500.0);
}

TEST(GeoDistanceTest, CatalogAshburnRegionsCoincide) {
    EXPECT_NEAR(catalogDistance("aws:us-east-1", "gcp:us-east4"), 0.0, 5.0);
}

TEST(GeoDistanceTest, CatalogPerspectivesAreComplete) {
    const auto& perspectives = PerspectiveCatalogReader::builtIn().perspectives();
    ASSERT_FALSE(perspectives.empty());
    std::set<std::string> ids;
    for (const Perspective& perspective : perspectives) {
        SCOPED_TRACE(perspective.id);
        EXPECT_FALSE(perspective.id.empty());
        EXPECT_TRUE(ids.insert(perspective.id).second) << "duplicate id " << perspective.id;
        ASSERT_TRUE(perspective.location.has_value()) << perspective.id << " has no coordinates";
        EXPECT_GE(perspective.location->latitude, -90.0);
        EXPECT_LE(perspective.location->latitude, 90.0);
        EXPECT_GE(perspective.location->longitude, -180.0);
        EXPECT_LE(perspective.location->longitude, 180.0);
        EXPECT_FALSE(perspective.location->latitude == 0.0 &&
                     perspective.location->longitude == 0.0)
            << perspective.id << " sits at (0, 0)";
        const auto rirName = toString(perspective.rir);
        EXPECT_EQ(rirFromString(rirName), perspective.rir) << "unknown RIR";
        EXPECT_GT(perspective.hostAsn, 0u) << perspective.id << " has no ASN";
        EXPECT_FALSE(perspective.provider.empty());
        EXPECT_FALSE(perspective.city.empty());
        EXPECT_EQ(perspective.country.size(), 2u);
        if (!perspective.regionCode.empty() && perspective.provider != "lets-encrypt") {
            EXPECT_EQ(perspective.id, perspective.provider + ":" + perspective.regionCode);
        }
    }
}

// Each country's RIR service region (ARIN, RIPE NCC, APNIC, LACNIC, AFRINIC), for every country
// the catalog places a perspective in.
TEST(GeoDistanceTest, CatalogRirsMatchTheCountries) {
    const std::map<std::string, Rir> rirOf = {
        {"US", Rir::Arin},    {"CA", Rir::Arin},  {"MX", Rir::Lacnic}, {"BR", Rir::Lacnic},
        {"CL", Rir::Lacnic},  {"DE", Rir::Ripe},  {"CH", Rir::Ripe},   {"IE", Rir::Ripe},
        {"GB", Rir::Ripe},    {"FR", Rir::Ripe},  {"IT", Rir::Ripe},   {"ES", Rir::Ripe},
        {"SE", Rir::Ripe},    {"IL", Rir::Ripe},  {"BH", Rir::Ripe},   {"AE", Rir::Ripe},
        {"PL", Rir::Ripe},    {"FI", Rir::Ripe},  {"BE", Rir::Ripe},   {"NL", Rir::Ripe},
        {"QA", Rir::Ripe},    {"SA", Rir::Ripe},  {"NO", Rir::Ripe},   {"AT", Rir::Ripe},
        {"ZA", Rir::Afrinic}, {"HK", Rir::Apnic}, {"TW", Rir::Apnic},  {"IN", Rir::Apnic},
        {"SG", Rir::Apnic},   {"AU", Rir::Apnic}, {"ID", Rir::Apnic},  {"MY", Rir::Apnic},
        {"NZ", Rir::Apnic},   {"TH", Rir::Apnic}, {"JP", Rir::Apnic},  {"KR", Rir::Apnic},
    };
    for (const Perspective& perspective : PerspectiveCatalogReader::builtIn().perspectives()) {
        const auto expected = rirOf.find(perspective.country);
        if (expected == rirOf.end()) {
            ADD_FAILURE() << perspective.id << ": country " << perspective.country
                          << " missing from this test's table; add its RIR";
            continue;
        }
        EXPECT_EQ(toString(perspective.rir), toString(expected->second))
            << perspective.id << " in " << perspective.country;
    }
}

TEST(GeoDistanceTest, CatalogAwsRegionCodesHaveKnownPrefixes) {
    const std::set<std::string> prefixes = {"us", "ca", "mx", "sa", "eu",
                                            "af", "ap", "me", "il", "cn"};
    int aws = 0;
    for (const Perspective& perspective : PerspectiveCatalogReader::builtIn().perspectives()) {
        if (perspective.provider != "aws") {
            continue;
        }
        ++aws;
        const auto dash = perspective.regionCode.find('-');
        ASSERT_NE(dash, std::string::npos) << perspective.id;
        EXPECT_TRUE(prefixes.count(perspective.regionCode.substr(0, dash)))
            << perspective.id << ": region " << perspective.regionCode;
        EXPECT_EQ(perspective.hostAsn, 16509u) << perspective.id;
    }
    EXPECT_GT(aws, 0);
}

TEST(GeoDistanceTest, CatalogSize) {
    std::map<std::string, int> perProvider;
    for (const Perspective& perspective : PerspectiveCatalogReader::builtIn().perspectives()) {
        ++perProvider[perspective.provider];
    }
    EXPECT_GE(perProvider["aws"], 30);
    EXPECT_GE(perProvider["gcp"], 35);
    EXPECT_GE(perProvider["azure"], 50);

    const Perspective& primary = find("le:primary");
    EXPECT_EQ(primary.hostAsn, 13649u);
    EXPECT_TRUE(primary.location.has_value());
    EXPECT_EQ(primary.rir, Rir::Arin);
}

}  // namespace
}  // namespace mpicsim
