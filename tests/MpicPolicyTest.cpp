// Quorum policy table, corroboration, distances and compliance (TLS BR 3.2.2.9).
#include <gtest/gtest.h>

#include <chrono>

#include "mpicsim/io/CaConfigurationReader.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/mpic/ComplianceChecker.hpp"
#include "mpicsim/mpic/Corroboration.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"

namespace mpicsim {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

year_month_day date(int y, unsigned m, unsigned d) {
    return {year{y}, month{m}, day{d}};
}

year_month_day dayBefore(year_month_day when) {
    return year_month_day{std::chrono::sys_days{when} - std::chrono::days{1}};
}

struct PhaseRow {
    const char* policy;
    year_month_day effective;
    int minimumRemotes;
    int rirs;
    bool blocking;
};

// Every phase of the two phased rules: the BR as adopted (TLS BR v2.2.6, 3.2.2.9, Phased
// Implementation Timeline) and the October 2023 proposal (with its interpolated middle step).
const PhaseRow kPhases[] = {
    {"br", date(2025, 3, 15), 2, 0, false},
    {"br", date(2025, 9, 15), 2, 0, true},
    {"br", date(2026, 3, 15), 3, 2, true},
    {"br", date(2026, 6, 15), 4, 2, true},
    {"br", date(2026, 12, 15), 5, 2, true},
    {"cabf-proposal-2023", date(2024, 12, 15), 2, 0, false},
    {"cabf-proposal-2023", date(2025, 6, 15), 2, 0, true},
    {"cabf-proposal-2023", date(2025, 12, 15), 3, 2, true},
    {"cabf-proposal-2023", date(2026, 12, 15), 5, 2, true},
};

TEST(QuorumPolicyTable, EveryRowCitesASource) {
    for (const QuorumPolicy& policy : QuorumPolicyTable::rows()) {
        EXPECT_FALSE(policy.source.empty()) << policy.label();
        EXPECT_FALSE(policy.name.empty());
    }
    EXPECT_EQ(QuorumPolicyTable::rows().size(), 12u);
}

TEST(QuorumPolicyTable, EachPhaseStartsOnItsDayAndNotTheDayBefore) {
    for (std::size_t i = 0; i < std::size(kPhases); ++i) {
        const PhaseRow& row = kPhases[i];
        const auto onTheDay = QuorumPolicyTable::lookup(row.policy, row.effective);
        ASSERT_TRUE(onTheDay) << row.policy << " " << formatIsoDate(row.effective);
        EXPECT_EQ(onTheDay->phase, formatIsoDate(row.effective));
        EXPECT_EQ(onTheDay->minimumRemotes, row.minimumRemotes);
        EXPECT_EQ(onTheDay->requiredRirs(row.minimumRemotes), row.rirs);
        EXPECT_EQ(onTheDay->blocking, row.blocking);
        EXPECT_TRUE(onTheDay->primaryRequired);
        const auto before = QuorumPolicyTable::lookup(row.policy, dayBefore(row.effective));
        const bool firstPhase = i == 0 || std::string(kPhases[i - 1].policy) != row.policy;
        if (firstPhase) {
            EXPECT_FALSE(before) << row.policy << " before its first phase";
        } else {
            ASSERT_TRUE(before);
            EXPECT_EQ(before->phase, formatIsoDate(kPhases[i - 1].effective));
        }
    }
    EXPECT_EQ(QuorumPolicyTable::lookup("br", date(2030, 1, 1))->phase, "2026-12-15");
    EXPECT_FALSE(QuorumPolicyTable::lookup("nonsense", date(2026, 1, 1)));
}

TEST(QuorumPolicyTable, BrQuorumTableAllowsOneFailureUpToFiveRemotesAndTwoFromSix) {
    const QuorumPolicy br = *QuorumPolicyTable::lookup("br", date(2025, 9, 15));
    const int allowed[] = {0, 0, 1, 1, 1, 1, 2, 2, 2, 2};  // n = 0..9
    for (int n = 0; n <= 9; ++n) {
        EXPECT_EQ(br.allowedNonCorroborations(n), allowed[n]) << n;
        EXPECT_EQ(br.requiredCorroborations(n), n - allowed[n]) << n;
    }
}

TEST(QuorumPolicyTable, UnphasedRules) {
    const auto today = date(2026, 11, 28);
    const QuorumPolicy letsEncrypt = *QuorumPolicyTable::lookup("lets-encrypt-2020", today);
    EXPECT_TRUE(letsEncrypt.primaryRequired);
    EXPECT_EQ(letsEncrypt.requiredCorroborations(3), 2);  // 2 of 3 remotes
    const QuorumPolicy openMpic = *QuorumPolicyTable::lookup("open-mpic", today);
    EXPECT_FALSE(openMpic.primaryRequired);
    const int required[] = {0, 1, 1, 2, 3, 4, 4, 5, 6, 7};  // n-1 up to 5, n-2 above
    for (int n = 0; n <= 9; ++n) {
        EXPECT_EQ(openMpic.requiredCorroborations(n), required[n]) << n;
    }
    EXPECT_EQ(openMpic.requiredRirs(2), 0);
    EXPECT_EQ(openMpic.requiredRirs(3), 2);
    const QuorumPolicy single = *QuorumPolicyTable::lookup("single", today);
    EXPECT_EQ(single.requiredCorroborations(0), 0);
    EXPECT_EQ(single.minimumRemotes, 0);
}

TEST(QuorumPolicyTable, IsoDates) {
    EXPECT_EQ(parseIsoDate("2026-03-15"), date(2026, 3, 15));
    EXPECT_FALSE(parseIsoDate("2026-02-30"));
    EXPECT_FALSE(parseIsoDate("2026-3-15"));
    EXPECT_FALSE(parseIsoDate("15/03/2026"));
    EXPECT_EQ(formatIsoDate(date(2025, 9, 5)), "2025-09-05");
}

std::vector<RemoteResult> remotes(std::initializer_list<std::pair<Outcome, Rir>> list) {
    std::vector<RemoteResult> result;
    for (const auto& [outcome, rir] : list) {
        result.push_back({outcome, rir});
    }
    return result;
}

constexpr Outcome A = Outcome::Attacker;
constexpr Outcome V = Outcome::Victim;
constexpr Outcome D = Outcome::Disconnected;

TEST(Corroboration, PrimaryWithoutQuorumIsRefused) {
    const QuorumPolicy br = *QuorumPolicyTable::lookup("br", date(2025, 9, 15));
    const auto four = remotes({{A, Rir::Arin}, {A, Rir::Ripe}, {V, Rir::Apnic}, {V, Rir::Ripe}});
    const Verdict verdict = Corroboration::decide(br, A, four);
    EXPECT_FALSE(verdict.issuedToAttacker);
    EXPECT_EQ(verdict.corroborating, 2);
    EXPECT_EQ(verdict.required, 3);
    EXPECT_NE(verdict.reason.find("REFUSED"), std::string::npos);
}

TEST(Corroboration, PrimaryAndAllButOneRemoteIsIssued) {
    const QuorumPolicy br = *QuorumPolicyTable::lookup("br", date(2025, 9, 15));
    for (int n = 2; n <= 5; ++n) {
        std::vector<RemoteResult> list;
        for (int i = 0; i < n; ++i) {
            list.push_back({i == 0 ? V : A, i % 2 == 0 ? Rir::Arin : Rir::Ripe});
        }
        const Verdict verdict = Corroboration::decide(br, A, list);
        EXPECT_TRUE(verdict.issuedToAttacker) << n;
        EXPECT_NE(verdict.reason.find("ISSUED"), std::string::npos);
    }
}

TEST(Corroboration, OneRirOnlyIsRefusedFrom2026_03_15AndIssuedBefore) {
    const auto list = remotes({{A, Rir::Ripe}, {A, Rir::Ripe}, {A, Rir::Ripe}, {V, Rir::Arin}});
    const Verdict before =
        Corroboration::decide(*QuorumPolicyTable::lookup("br", date(2026, 3, 14)), A, list);
    const Verdict after =
        Corroboration::decide(*QuorumPolicyTable::lookup("br", date(2026, 3, 15)), A, list);
    EXPECT_TRUE(before.issuedToAttacker);
    EXPECT_FALSE(after.issuedToAttacker);
    EXPECT_EQ(after.corroboratingRirs, 1);
    EXPECT_EQ(after.requiredRirs, 2);
    EXPECT_NE(after.reason.find("RIR"), std::string::npos);
}

TEST(Corroboration, NonBlockingPhaseIssuesOnThePrimaryAlone) {
    const QuorumPolicy early = *QuorumPolicyTable::lookup("br", date(2025, 3, 15));
    const Verdict verdict =
        Corroboration::decide(early, A, remotes({{V, Rir::Arin}, {V, Rir::Ripe}}));
    EXPECT_TRUE(verdict.issuedToAttacker);
    EXPECT_EQ(verdict.corroborating, 0);
    EXPECT_TRUE(verdict.legitimateIssuanceBlocked);  // the owner's primary is hijacked too
    // Non-blocking: the owner needs only its primary, whatever the remotes see.
    EXPECT_TRUE(Corroboration::decide(early, A, remotes({{V, Rir::Arin}})).issuedToAttacker);
    EXPECT_FALSE(Corroboration::decide(early, V, remotes({{A, Rir::Arin}, {A, Rir::Ripe}}))
                     .legitimateIssuanceBlocked);
}

TEST(Corroboration, VictimOrNothingDoesNotCorroborate) {
    const QuorumPolicy br = *QuorumPolicyTable::lookup("br", date(2025, 9, 15));
    const Verdict primaryAtVictim =
        Corroboration::decide(br, V, remotes({{A, Rir::Arin}, {A, Rir::Ripe}}));
    EXPECT_FALSE(primaryAtVictim.issuedToAttacker);
    EXPECT_NE(primaryAtVictim.reason.find("reached the victim"), std::string::npos);
    const Verdict disconnected =
        Corroboration::decide(br, A, remotes({{D, Rir::Arin}, {D, Rir::Ripe}, {A, Rir::Apnic}}));
    EXPECT_EQ(disconnected.corroborating, 1);
    EXPECT_FALSE(disconnected.issuedToAttacker);
}

TEST(Corroboration, LegitimateIssuanceBlockedWhenTooFewRemotesReachTheVictim) {
    const QuorumPolicy br = *QuorumPolicyTable::lookup("br", date(2026, 3, 15));
    // 2 of 4 remotes reach the victim; 3 are needed.
    const Verdict blocked = Corroboration::decide(
        br, V, remotes({{V, Rir::Arin}, {V, Rir::Ripe}, {A, Rir::Apnic}, {A, Rir::Ripe}}));
    EXPECT_TRUE(blocked.legitimateIssuanceBlocked);
    EXPECT_FALSE(blocked.issuedToAttacker);
    // 3 reach the victim but all in ARIN: the RIR rule blocks the owner too.
    const Verdict oneRir = Corroboration::decide(
        br, V, remotes({{V, Rir::Arin}, {V, Rir::Arin}, {V, Rir::Arin}, {A, Rir::Ripe}}));
    EXPECT_TRUE(oneRir.legitimateIssuanceBlocked);
    // The primary itself hijacked: the owner cannot validate.
    EXPECT_TRUE(
        Corroboration::decide(
            br, A, remotes({{V, Rir::Arin}, {V, Rir::Ripe}, {V, Rir::Apnic}, {V, Rir::Ripe}}))
            .legitimateIssuanceBlocked);
    const Verdict fine = Corroboration::decide(
        br, V, remotes({{V, Rir::Arin}, {V, Rir::Ripe}, {V, Rir::Apnic}, {A, Rir::Ripe}}));
    EXPECT_FALSE(fine.legitimateIssuanceBlocked);
}

TEST(Corroboration, OpenMpicHasNoPrimary) {
    const QuorumPolicy openMpic = *QuorumPolicyTable::lookup("open-mpic", date(2026, 1, 1));
    const Verdict verdict = Corroboration::decide(
        openMpic, std::nullopt, remotes({{A, Rir::Arin}, {A, Rir::Ripe}, {V, Rir::Apnic}}));
    EXPECT_TRUE(verdict.issuedToAttacker);  // 2 of 3, two RIRs
    EXPECT_FALSE(verdict.primaryUsed);
}

// Distances by the haversine formula on a 6371.0088 km sphere; reference values computed
// independently from the same coordinates.
TEST(GeoDistance, KnownCityPairs) {
    const GeoPoint frankfurt{50.11, 8.68};
    const GeoPoint paris{48.86, 2.35};
    const GeoPoint london{51.51, -0.13};
    const GeoPoint newYork{40.71, -74.01};
    const GeoPoint sydney{-33.87, 151.21};
    const GeoPoint melbourne{-37.81, 144.96};
    EXPECT_LT(frankfurt.distanceKmTo(paris), 500.0);
    EXPECT_NEAR(frankfurt.distanceKmTo(paris), 478.5, 5);
    EXPECT_NEAR(london.distanceKmTo(paris), 343.6, 4);
    EXPECT_NEAR(newYork.distanceKmTo(london), 5570, 56);
    EXPECT_NEAR(sydney.distanceKmTo(melbourne), 713, 8);
    EXPECT_DOUBLE_EQ(paris.distanceKmTo(london), london.distanceKmTo(paris));
    EXPECT_DOUBLE_EQ(paris.distanceKmTo(paris), 0.0);
    EXPECT_NEAR((GeoPoint{0, 0}).distanceKmTo(GeoPoint{0, 180}), 20015.1, 1);
}

TEST(PerspectiveCatalog, BuiltInCatalogIsComplete) {
    const PerspectiveCatalog& catalog = PerspectiveCatalogReader::builtIn();
    std::map<std::string, int> byProvider;
    for (const Perspective& perspective : catalog.perspectives()) {
        EXPECT_TRUE(perspective.location) << perspective.id;
        EXPECT_GT(perspective.hostAsn, 0u);
        ++byProvider[perspective.provider];
    }
    EXPECT_GE(byProvider["aws"], 30);
    EXPECT_GE(byProvider["gcp"], 35);
    EXPECT_GE(byProvider["azure"], 50);
    EXPECT_GE(byProvider["vultr"], 20);
    ASSERT_NE(catalog.find("le:primary"), nullptr);
    EXPECT_EQ(catalog.find("le:primary")->hostAsn, 13649u);
    EXPECT_EQ(catalog.find("aws:us-east-1")->hostAsn, 16509u);
    EXPECT_EQ(catalog.find("azure:westeurope")->rir, Rir::Ripe);
    EXPECT_EQ(catalog.find("gcp:southamerica-east1")->rir, Rir::Lacnic);
    EXPECT_LT(catalog.find("aws:eu-central-1")
                  ->location->distanceKmTo(*catalog.find("aws:eu-west-3")->location),
              500.0);
}

Perspective at(const char* id, Rir rir, double latitude, double longitude) {
    Perspective perspective;
    perspective.id = id;
    perspective.hostAsn = 64500;
    perspective.rir = rir;
    perspective.location = GeoPoint{latitude, longitude};
    return perspective;
}

std::vector<std::string> rules(const std::vector<ComplianceViolation>& violations) {
    std::vector<std::string> result;
    for (const auto& violation : violations) {
        result.push_back(violation.rule);
    }
    return result;
}

bool has(const std::vector<ComplianceViolation>& violations, const std::string& rule) {
    const auto list = rules(violations);
    return std::find(list.begin(), list.end(), rule) != list.end();
}

TEST(ComplianceChecker, FindsEachViolation) {
    const QuorumPolicy final = *QuorumPolicyTable::lookup("br", date(2026, 12, 15));
    CaConfiguration ca;
    ca.name = "test";
    ca.primary = at("primary", Rir::Arin, 39.74, -104.99);  // Denver
    ca.remotes = {at("ohio", Rir::Arin, 39.96, -83.00), at("oregon", Rir::Arin, 45.84, -119.70),
                  at("frankfurt", Rir::Ripe, 50.11, 8.68), at("tokyo", Rir::Apnic, 35.68, 139.69),
                  at("saopaulo", Rir::Lacnic, -23.55, -46.63)};
    EXPECT_TRUE(ComplianceChecker::check(ca, final).empty())
        << rules(ComplianceChecker::check(ca, final)).size();

    CaConfiguration tooFew = ca;
    tooFew.remotes.resize(4);
    EXPECT_TRUE(has(ComplianceChecker::check(tooFew, final), "too-few-remotes"));

    CaConfiguration close = ca;
    close.remotes.push_back(at("paris", Rir::Ripe, 48.86, 2.35));
    const auto closeViolations = ComplianceChecker::check(close, final);
    ASSERT_TRUE(has(closeViolations, "remotes-not-distinct"));
    EXPECT_NE(closeViolations.front().message.find("frankfurt"), std::string::npos);
    EXPECT_NE(closeViolations.front().message.find("km"), std::string::npos);

    CaConfiguration nearPrimary = ca;
    nearPrimary.remotes[0] = at("boulder", Rir::Arin, 40.01, -105.27);
    EXPECT_TRUE(
        has(ComplianceChecker::check(nearPrimary, final), "remote-not-distinct-from-primary"));

    CaConfiguration samePrimary = ca;
    samePrimary.remotes[0] = *ca.primary;
    EXPECT_TRUE(
        has(ComplianceChecker::check(samePrimary, final), "remote-not-distinct-from-primary"));

    CaConfiguration oneRir;
    oneRir.primary = ca.primary;
    oneRir.remotes = {at("frankfurt", Rir::Ripe, 50.11, 8.68),
                      at("london", Rir::Ripe, 51.51, -0.13),
                      at("stockholm", Rir::Ripe, 59.33, 18.07)};
    EXPECT_TRUE(
        has(ComplianceChecker::check(oneRir, *QuorumPolicyTable::lookup("br", date(2026, 3, 15))),
            "rir-diversity-impossible"));
    EXPECT_TRUE(
        ComplianceChecker::check(oneRir, *QuorumPolicyTable::lookup("br", date(2025, 9, 15)))
            .empty());

    QuorumPolicy custom;
    custom.name = "custom";
    custom.failureRule = QuorumPolicy::FailureRule::RequiredFixed;
    custom.ruleValue = 4;
    EXPECT_TRUE(has(ComplianceChecker::check(oneRir, custom), "quorum-impossible"));

    CaConfiguration noPrimary = ca;
    noPrimary.primary.reset();
    EXPECT_TRUE(has(ComplianceChecker::check(noPrimary, final), "no-primary"));

    CaConfiguration unlocated = ca;
    unlocated.remotes[1].location.reset();
    EXPECT_TRUE(has(ComplianceChecker::check(unlocated, final), "location-unknown"));
}

TEST(ComplianceChecker, BuiltInPresets) {
    const auto final = date(2026, 12, 15);
    const PerspectiveCatalog& catalog = PerspectiveCatalogReader::builtIn();
    const CaConfiguration example =
        CaConfigurationReader::preset("br-2026-12-example", catalog, final);
    EXPECT_TRUE(ComplianceChecker::check(example, *example.policy).empty());
    const CaConfiguration letsEncrypt =
        CaConfigurationReader::preset("lets-encrypt-2020", catalog, final);
    EXPECT_TRUE(has(ComplianceChecker::check(letsEncrypt, *QuorumPolicyTable::lookup("br", final)),
                    "too-few-remotes"));
    for (const std::string& name : CaConfigurationReader::presetNames()) {
        EXPECT_NO_THROW(CaConfigurationReader::preset(name, catalog, final)) << name;
    }
}

std::string caError(const std::string& text) {
    try {
        CaConfigurationReader::parse(text, "ca.json", PerspectiveCatalogReader::builtIn(),
                                     date(2026, 11, 28));
    } catch (const InputError& error) {
        return error.what();
    }
    return "no error";
}

TEST(CaConfigurationReader, ErrorsNameTheFileAndJsonPointer) {
    EXPECT_NE(caError(R"({"name": "x", "primary": "le:primary",
                          "remotes": ["aws:us-east-2", "aws:eu-central-1", "aws:nowhere-9"]})")
                  .find("ca.json: at /remotes/2: unknown perspective id 'aws:nowhere-9'"),
              std::string::npos);
    const std::string duplicate = caError(R"({"name": "x", "primary": "le:primary",
                          "remotes": ["aws:us-east-2", "aws:us-east-2"]})");
    EXPECT_NE(duplicate.find("at /remotes/1"), std::string::npos) << duplicate;
    EXPECT_NE(duplicate.find("/remotes/0"), std::string::npos) << duplicate;
    EXPECT_NE(
        caError(R"({"name": 3, "remotes": []})").find("at /name: expected a string, got integer"),
        std::string::npos);
    EXPECT_NE(caError(R"({"name": "x", "remotes": [{"asn": 1, "rir": "ARIN", "colour": 1}]})")
                  .find("at /remotes/0/colour: unknown key"),
              std::string::npos);
    EXPECT_NE(caError(R"({"name": "x", "remotes": [{"asn": 1, "rir": "MARS"}]})")
                  .find("at /remotes/0/rir"),
              std::string::npos);
    EXPECT_NE(
        caError(
            R"({"name": "x", "primary": "le:primary", "remotes": ["aws:us-east-2", "aws:eu-central-1"],
                          "policy": {"name": "custom", "required_corroborations": 3}})")
            .find("at /policy/required_corroborations: the quorum of 3 is larger than the number "
                  "of remote perspectives (2)"),
        std::string::npos);
    EXPECT_NE(
        caError(
            R"({"name": "x", "primary": "le:primary", "remotes": ["aws:us-east-2", "aws:eu-central-1"],
                          "policy": {"name": "custom", "allowed_non_corroborations": 2}})")
            .find("at /policy/allowed_non_corroborations"),
        std::string::npos);
    EXPECT_NE(caError(R"({"name": "x", "primary": "le:primary", "remotes": [],
                          "policy": {"name": "br", "date": "2026-02-30"}})")
                  .find("at /policy/date"),
              std::string::npos);
    EXPECT_NE(caError(R"({"name": "x"})").find("missing required key 'remotes'"),
              std::string::npos);
    EXPECT_NE(caError("{\n\"name\": \"x\",\n]").find("ca.json:3:"), std::string::npos);
    const CaConfiguration inline_ = CaConfigurationReader::parse(
        R"({"name": "x", "primary": "le:primary", "remotes": [{"asn": 64500, "rir": "RIPE NCC"}],
            "policy": {"name": "br", "date": "2026-03-15"}})",
        "ca.json", PerspectiveCatalogReader::builtIn(), date(2026, 11, 28));
    EXPECT_EQ(inline_.remotes[0].rir, Rir::Ripe);
    EXPECT_EQ(inline_.remotes[0].id, "AS64500");
    EXPECT_EQ(inline_.policy->phase, "2026-03-15");
}

}  // namespace
}  // namespace mpicsim
