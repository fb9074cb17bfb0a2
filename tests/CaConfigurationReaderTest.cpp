// CaConfigurationReader and PerspectiveCatalogReader: what a CA configuration file may say, and
// that every mistake is an InputError naming the file and the JSON Pointer of the bad value.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "mpicsim/io/CaConfigurationReader.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"

namespace mpicsim {
namespace {

using std::chrono::year_month_day;

year_month_day ymd(int y, unsigned m, unsigned d) {
    return year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

const year_month_day kToday = ymd(2026, 3, 15);

const PerspectiveCatalog& catalog() {
    return PerspectiveCatalogReader::builtIn();
}

CaConfiguration parse(const std::string& text, year_month_day today = kToday) {
    return CaConfigurationReader::parse(text, "ca.json", catalog(), today);
}

// Runs `action`, which must throw an InputError whose what() contains every one of `needles`.
void expectInputError(const std::function<void()>& action,
                      const std::vector<std::string>& needles) {
    try {
        action();
        ADD_FAILURE() << "no InputError; expected one mentioning " << needles.front();
    } catch (const InputError& error) {
        const std::string what = error.what();
        for (const std::string& needle : needles) {
            EXPECT_NE(what.find(needle), std::string::npos)
                << "message lacks \"" << needle << "\": " << what;
        }
    } catch (const std::exception& error) {
        ADD_FAILURE() << "expected an InputError, got another exception: " << error.what();
    }
}

// A CA configuration must fail with a message naming "ca.json" and `needles`.
void expectCaError(const std::string& text, std::vector<std::string> needles,
                   year_month_day today = kToday) {
    SCOPED_TRACE(text);
    needles.insert(needles.begin(), "ca.json");
    expectInputError([&] { parse(text, today); }, needles);
}

TEST(CaConfigurationReaderTest, CatalogIdsAndInlinePerspectives) {
    const CaConfiguration ca = parse(R"({
        "name": "mixed",
        "description": "catalog ids and inline perspectives",
        "primary": "le:primary",
        "remotes": [
            "aws:us-east-2",
            {"asn": 64500, "rir": "RIPE NCC"},
            {"id": "mine:tokyo", "asn": 64501, "rir": "apnic", "city": "Tokyo",
             "latitude": 35.68, "longitude": 139.69},
            "gcp:europe-north1"
        ],
        "policy": "br"
    })");
    EXPECT_EQ(ca.name, "mixed");
    EXPECT_EQ(ca.description, "catalog ids and inline perspectives");
    ASSERT_TRUE(ca.primary.has_value());
    EXPECT_EQ(ca.primary->id, "le:primary");
    EXPECT_EQ(ca.primary->hostAsn, 13649u);
    ASSERT_EQ(ca.remotes.size(), 4u);

    EXPECT_EQ(ca.remotes[0].id, "aws:us-east-2");
    EXPECT_EQ(ca.remotes[0].hostAsn, 16509u);
    EXPECT_EQ(ca.remotes[0].rir, Rir::Arin);
    EXPECT_TRUE(ca.remotes[0].location.has_value());

    EXPECT_EQ(ca.remotes[1].id, "AS64500");
    EXPECT_EQ(ca.remotes[1].hostAsn, 64500u);
    EXPECT_EQ(ca.remotes[1].rir, Rir::Ripe);
    EXPECT_FALSE(ca.remotes[1].location.has_value());
    EXPECT_FALSE(ca.remotes[1].hasOwnNode());

    EXPECT_EQ(ca.remotes[2].id, "mine:tokyo");
    EXPECT_EQ(ca.remotes[2].rir, Rir::Apnic);
    ASSERT_TRUE(ca.remotes[2].location.has_value());
    EXPECT_DOUBLE_EQ(ca.remotes[2].location->latitude, 35.68);
    EXPECT_DOUBLE_EQ(ca.remotes[2].location->longitude, 139.69);

    EXPECT_EQ(ca.remotes[3].id, "gcp:europe-north1");
    EXPECT_EQ(ca.remotes[3].rir, Rir::Ripe);

    ASSERT_TRUE(ca.policy.has_value());
    EXPECT_EQ(ca.policy->name, "br");
    EXPECT_EQ(ca.policy->phase, "2026-03-15");  // the phase in force on `today`
}

TEST(CaConfigurationReaderTest, EveryRirSpelling) {
    const std::vector<std::pair<std::string, Rir>> spellings = {
        {"ARIN", Rir::Arin},       {"arin", Rir::Arin},     {"RIPE", Rir::Ripe},
        {"RIPE NCC", Rir::Ripe},   {"ripe ncc", Rir::Ripe}, {"APNIC", Rir::Apnic},
        {"LACNIC", Rir::Lacnic},   {"Lacnic", Rir::Lacnic}, {"AFRINIC", Rir::Afrinic},
        {"afrinic", Rir::Afrinic},
    };
    for (const auto& [text, rir] : spellings) {
        const CaConfiguration ca =
            parse(R"({"name": "x", "remotes": [{"asn": 64500, "rir": ")" + text + R"("}]})");
        ASSERT_EQ(ca.remotes.size(), 1u);
        EXPECT_EQ(ca.remotes[0].rir, rir) << text;
    }
}

TEST(CaConfigurationReaderTest, PolicyByNameFollowsToday) {
    const std::string text =
        R"({"name": "x", "primary": "le:primary", "remotes": ["aws:us-east-2"], "policy": "br"})";
    EXPECT_EQ(parse(text, ymd(2025, 3, 15)).policy->phase, "2025-03-15");
    EXPECT_EQ(parse(text, ymd(2025, 9, 14)).policy->phase, "2025-03-15");
    EXPECT_EQ(parse(text, ymd(2026, 6, 20)).policy->phase, "2026-06-15");
    EXPECT_EQ(parse(text, ymd(2031, 1, 1)).policy->phase, "2026-12-15");
    const CaConfiguration openMpic =
        parse(R"({"name": "x", "primary": null, "remotes": ["aws:us-east-2", "aws:eu-west-1"],
                  "policy": "open-mpic"})");
    EXPECT_FALSE(openMpic.primary.has_value());
    EXPECT_EQ(openMpic.policy->name, "open-mpic");
    // No policy: the configuration leaves the choice to the user.
    EXPECT_FALSE(parse(R"({"name": "x", "remotes": []})").policy.has_value());
}

TEST(CaConfigurationReaderTest, PolicyWithADate) {
    const std::string text = R"({"name": "x", "primary": "le:primary", "remotes": [],
                                 "policy": {"name": "br", "date": "2026-03-15"}})";
    // The date in the file wins over today.
    for (const year_month_day today : {ymd(2025, 1, 1), ymd(2026, 3, 15), ymd(2030, 1, 1)}) {
        const CaConfiguration ca = parse(text, today);
        ASSERT_TRUE(ca.policy.has_value());
        EXPECT_EQ(ca.policy->label(), "br (phase 2026-03-15)");
        EXPECT_EQ(ca.policy->minimumRemotes, 3);
    }
    const CaConfiguration proposal = parse(R"({"name": "x", "primary": "le:primary", "remotes": [],
                  "policy": {"name": "cabf-proposal-2023", "date": "2025-12-14"}})");
    EXPECT_EQ(proposal.policy->label(), "cabf-proposal-2023 (phase 2025-06-15)");
    // A name alone in an object takes today's phase.
    EXPECT_EQ(parse(R"({"name": "x", "primary": "le:primary", "remotes": [],
                        "policy": {"name": "br"}})",
                    ymd(2025, 10, 1))
                  .policy->phase,
              "2025-09-15");
}

TEST(CaConfigurationReaderTest, CustomPolicies) {
    const CaConfiguration required = parse(R"({
        "name": "x", "primary": "le:primary",
        "remotes": ["aws:us-east-2", "aws:eu-central-1", "gcp:asia-northeast1"],
        "policy": {"name": "custom", "required_corroborations": 2, "minimum_remotes": 3,
                   "minimum_rirs": 2, "blocking": false, "description": "two of three"}
    })");
    ASSERT_TRUE(required.policy.has_value());
    const QuorumPolicy& policy = *required.policy;
    EXPECT_EQ(policy.name, "custom");
    EXPECT_EQ(policy.source, "two of three");
    EXPECT_EQ(policy.failureRule, QuorumPolicy::FailureRule::RequiredFixed);
    EXPECT_EQ(policy.requiredCorroborations(3), 2);
    EXPECT_EQ(policy.minimumRemotes, 3);
    EXPECT_EQ(policy.requiredRirs(3), 2);
    EXPECT_FALSE(policy.blocking);
    EXPECT_TRUE(policy.primaryRequired);

    const CaConfiguration allowed = parse(R"({
        "name": "x", "remotes": ["aws:us-east-2", "aws:eu-central-1", "gcp:asia-northeast1"],
        "policy": {"name": "custom", "allowed_non_corroborations": 1, "primary_required": false}
    })");
    ASSERT_TRUE(allowed.policy.has_value());
    EXPECT_EQ(allowed.policy->failureRule, QuorumPolicy::FailureRule::AllowedFixed);
    EXPECT_EQ(allowed.policy->requiredCorroborations(3), 2);
    EXPECT_FALSE(allowed.policy->primaryRequired);
    EXPECT_TRUE(allowed.policy->blocking);
    EXPECT_NE(allowed.policy->source.find("ca.json"), std::string::npos) << allowed.policy->source;

    // Neither count: the BR table.
    const CaConfiguration table = parse(R"({
        "name": "x", "primary": "le:primary", "remotes": [], "policy": {"name": "custom"}
    })");
    EXPECT_EQ(table.policy->failureRule, QuorumPolicy::FailureRule::BrTable);
}

TEST(CaConfigurationReaderTest, UnknownPerspectiveId) {
    expectCaError(R"({"name": "x", "remotes": ["aws:us-east-2", "aws:eu-west-1", "aws:mars-1"]})",
                  {"/remotes/2", "aws:mars-1", "unknown perspective"});
    expectCaError(R"({"name": "x", "primary": "nowhere", "remotes": []})", {"/primary", "nowhere"});
}

TEST(CaConfigurationReaderTest, DuplicatePerspectiveNamesBothPointers) {
    expectCaError(
        R"({"name": "x", "remotes": ["aws:us-east-2", "aws:eu-west-1", "aws:us-east-2"]})",
        {"/remotes/2", "/remotes/0", "aws:us-east-2"});
    expectCaError(R"({"name": "x", "primary": "le:primary", "remotes": ["le:primary"]})",
                  {"/remotes/0", "/primary", "le:primary"});
    expectCaError(R"({"name": "x", "remotes": [{"asn": 64500, "rir": "ARIN"},
                                             {"asn": 64500, "rir": "RIPE"}]})",
                  {"/remotes/1", "/remotes/0", "AS64500"});
}

TEST(CaConfigurationReaderTest, UnknownKeys) {
    expectCaError(R"({"name": "x", "remotes": [{"asn": 64500, "rir": "ARIN", "colour": "red"}]})",
                  {"/remotes/0/colour", "colour"});
    expectCaError(R"({"name": "x", "remotes": [], "foo": 1})", {"/foo", "unknown key"});
    expectCaError(R"({"name": "x", "primary": "le:primary", "remotes": [],
                      "policy": {"name": "br", "date": "2026-03-15", "extra": true}})",
                  {"/policy/extra"});
    expectCaError(R"({"name": "x", "primary": "le:primary", "remotes": [],
                      "policy": {"name": "custom", "quorum": 2}})",
                  {"/policy/quorum"});
}

// RFC 6901: in a JSON Pointer, "~" is written "~0" and "/" is written "~1", so that the pointer
// names exactly one value.
TEST(CaConfigurationReaderTest, PointersEscapeSlashAndTilde) {
    expectCaError(R"({"name": "x", "remotes": [], "a/b": 1})", {"/a~1b"});
    expectCaError(R"({"name": "x", "remotes": [], "c~d": 1})", {"/c~0d"});
}

TEST(CaConfigurationReaderTest, WrongTypes) {
    expectCaError(R"({"name": 5, "remotes": []})", {"/name", "expected a string", "got integer"});
    expectCaError(R"({"name": "x", "remotes": {"a": 1}})", {"/remotes", "expected an array"});
    expectCaError(R"({"name": "x", "remotes": [42]})", {"/remotes/0", "integer"});
    expectCaError(R"({"name": "x", "remotes": [{"asn": "64500", "rir": "ARIN"}]})",
                  {"/remotes/0/asn", "expected an integer", "string"});
    expectCaError(R"({"name": "x", "remotes": [{"asn": 64500, "rir": "ARIN", "latitude": "north",
                                               "longitude": 3}]})",
                  {"/remotes/0/latitude", "expected a number"});
    expectCaError(R"({"name": "x", "remotes": [], "policy": 3})", {"/policy"});
    expectCaError(R"({"name": "x", "remotes": [], "policy": {"name": "custom",
                                                            "blocking": "yes"}})",
                  {"/policy/blocking"});
    expectCaError(R"(["not", "an", "object"])", {"expected an object", "array"});
}

TEST(CaConfigurationReaderTest, BadRir) {
    expectCaError(R"({"name": "x", "remotes": ["aws:us-east-2", {"asn": 64500, "rir": "EURO"}]})",
                  {"/remotes/1/rir", "EURO"});
    expectCaError(R"({"name": "x", "remotes": [{"asn": 64500}]})", {"/remotes/0", "rir"});
}

TEST(CaConfigurationReaderTest, BadDate) {
    for (const char* date : {"2026-02-30", "2026-3-15", "tomorrow"}) {
        expectCaError(std::string(R"({"name": "x", "primary": "le:primary", "remotes": [],
                                      "policy": {"name": "br", "date": ")") +
                          date + R"("}})",
                      {"/policy/date", date});
    }
    // A date before the first phase of the rule.
    expectCaError(R"({"name": "x", "primary": "le:primary", "remotes": [],
                      "policy": {"name": "br", "date": "2025-03-14"}})",
                  {"/policy", "2025-03-14"});
    expectCaError(R"({"name": "x", "primary": "le:primary", "remotes": [], "policy": "br"})",
                  {"/policy", "not yet in force"}, ymd(2024, 1, 1));
}

TEST(CaConfigurationReaderTest, UnknownPolicy) {
    expectCaError(R"({"name": "x", "primary": "le:primary", "remotes": [], "policy": "strict"})",
                  {"/policy", "strict"});
    expectCaError(R"({"name": "x", "primary": "le:primary", "remotes": [],
                      "policy": {"name": "strict"}})",
                  {"/policy/name", "strict"});
}

TEST(CaConfigurationReaderTest, QuorumLargerThanTheRemotes) {
    expectCaError(R"({"name": "x", "primary": "le:primary",
                      "remotes": ["aws:us-east-2", "aws:eu-central-1", "gcp:asia-northeast1"],
                      "policy": {"name": "custom", "required_corroborations": 4}})",
                  {"/policy/required_corroborations", "4", "3"});
    expectCaError(R"({"name": "x", "primary": "le:primary",
                      "remotes": ["aws:us-east-2", "aws:eu-central-1", "gcp:asia-northeast1"],
                      "policy": {"name": "custom", "allowed_non_corroborations": 3}})",
                  {"/policy/allowed_non_corroborations", "3"});
    expectCaError(R"({"name": "x", "primary": "le:primary",
                      "remotes": ["aws:us-east-2", "aws:eu-central-1", "gcp:asia-northeast1"],
                      "policy": {"name": "custom", "allowed_non_corroborations": 7}})",
                  {"/policy/allowed_non_corroborations"});
    expectCaError(R"({"name": "x", "primary": "le:primary",
                      "remotes": ["aws:us-east-2", "aws:eu-central-1"],
                      "policy": {"name": "custom", "allowed_non_corroborations": 1,
                                 "required_corroborations": 1}})",
                  {"/policy", "not both"});
    // The boundary cases are fine: a quorum of all 3, or 2 of 3 allowed to fail.
    EXPECT_NO_THROW(parse(R"({"name": "x", "primary": "le:primary",
                      "remotes": ["aws:us-east-2", "aws:eu-central-1", "gcp:asia-northeast1"],
                      "policy": {"name": "custom", "required_corroborations": 3}})"));
    EXPECT_NO_THROW(parse(R"({"name": "x", "primary": "le:primary",
                      "remotes": ["aws:us-east-2", "aws:eu-central-1", "gcp:asia-northeast1"],
                      "policy": {"name": "custom", "allowed_non_corroborations": 2}})"));
}

TEST(CaConfigurationReaderTest, PolicyNeedingAPrimary) {
    expectCaError(R"({"name": "x", "remotes": ["aws:us-east-2"], "policy": "lets-encrypt-2020"})",
                  {"/primary", "primary"});
}

TEST(CaConfigurationReaderTest, MissingKeys) {
    expectCaError(R"({"name": "x"})", {"remotes", "missing"});
    expectCaError(R"({"remotes": []})", {"name", "missing"});
}

TEST(CaConfigurationReaderTest, InvalidJsonNamesALine) {
    const std::string text =
        "{\n  \"name\": \"x\",\n  \"remotes\": [\n    \"aws:us-east-2\",,\n  ]\n}\n";
    try {
        parse(text);
        ADD_FAILURE() << "invalid JSON accepted";
    } catch (const InputError& error) {
        const std::string what = error.what();
        EXPECT_EQ(error.source(), "ca.json");
        EXPECT_EQ(error.line(), 4u) << what;
        EXPECT_NE(what.find("ca.json:4"), std::string::npos) << what;
        EXPECT_NE(what.find("invalid JSON"), std::string::npos) << what;
    }
    expectInputError([] { parse(""); }, {"ca.json", "invalid JSON"});
    expectInputError([] { parse("{\"name\": \"x\", \"remotes\": []"); }, {"ca.json:1"});
}

// PerspectiveCatalogReader: the same conventions for catalog files.

void expectCatalogError(const std::string& text, std::vector<std::string> needles) {
    SCOPED_TRACE(text);
    needles.insert(needles.begin(), "cat.json");
    expectInputError([&] { PerspectiveCatalogReader::parse(text, "cat.json"); }, needles);
}

TEST(CaConfigurationReaderTest, SmallCatalogParsesAndServesTheReader) {
    const PerspectiveCatalog small = PerspectiveCatalogReader::parse(R"({
        "schema": "mpicsim-perspective-catalog/1",
        "perspectives": [
            {"id": "a", "asn": 64500, "rir": "ARIN", "latitude": 40, "longitude": -100},
            {"id": "b", "asn": 64501, "rir": "RIPE NCC", "latitude": 50, "longitude": 10,
             "neighbours": [{"asn": 3356, "role": "provider"}], "rov": true}
        ]
    })",
                                                                     "cat.json");
    ASSERT_EQ(small.perspectives().size(), 2u);
    ASSERT_NE(small.find("b"), nullptr);
    EXPECT_TRUE(small.find("b")->hasOwnNode());
    EXPECT_TRUE(small.find("b")->rovFiltering);
    EXPECT_EQ(small.find("b")->rir, Rir::Ripe);
    EXPECT_EQ(small.find("c"), nullptr);

    const CaConfiguration ca = CaConfigurationReader::parse(
        R"({"name": "x", "primary": "a", "remotes": ["b"]})", "ca.json", small, kToday);
    ASSERT_TRUE(ca.primary.has_value());
    EXPECT_EQ(ca.primary->hostAsn, 64500u);
    EXPECT_EQ(ca.remotes.at(0).neighbours.size(), 1u);
    // "aws:us-east-2" is in the built-in catalog, not in this one.
    expectInputError(
        [&] {
            CaConfigurationReader::parse(R"({"name": "x", "remotes": ["aws:us-east-2"]})",
                                         "ca.json", small, kToday);
        },
        {"ca.json", "/remotes/0", "aws:us-east-2"});
}

TEST(CaConfigurationReaderTest, CatalogDuplicateIdNamesBothPointers) {
    expectCatalogError(R"({"perspectives": [
                            {"id": "x", "asn": 64500, "rir": "ARIN"},
                            {"id": "y", "asn": 64501, "rir": "ARIN"},
                            {"id": "x", "asn": 64502, "rir": "RIPE"}]})",
                       {"/perspectives/2", "/perspectives/0", "'x'"});
}

TEST(CaConfigurationReaderTest, CatalogCoordinatesOutOfRange) {
    expectCatalogError(R"({"perspectives": [
                            {"id": "x", "asn": 64500, "rir": "ARIN", "latitude": 95,
                             "longitude": 0}]})",
                       {"/perspectives/0/latitude", "95"});
    expectCatalogError(R"({"perspectives": [
                            {"id": "x", "asn": 64500, "rir": "ARIN", "latitude": -90.5,
                             "longitude": 0}]})",
                       {"/perspectives/0/latitude"});
    expectCatalogError(R"({"perspectives": [
                            {"id": "x", "asn": 64500, "rir": "ARIN", "latitude": 10,
                             "longitude": 181}]})",
                       {"/perspectives/0/longitude"});
    expectCatalogError(R"({"perspectives": [
                            {"id": "x", "asn": 64500, "rir": "ARIN", "latitude": 10}]})",
                       {"/perspectives/0", "longitude"});
}

TEST(CaConfigurationReaderTest, CatalogMissingAsn) {
    expectCatalogError(R"({"perspectives": [
                            {"id": "x", "asn": 64500, "rir": "ARIN"},
                            {"id": "y", "rir": "ARIN"}]})",
                       {"/perspectives/1", "asn"});
    expectCatalogError(R"({"perspectives": [{"id": "x", "asn": 0, "rir": "ARIN"}]})",
                       {"/perspectives/0/asn"});
}

TEST(CaConfigurationReaderTest, CatalogOtherErrors) {
    expectCatalogError(R"({"perspectives": [{"id": "x", "asn": 1, "rir": "ARIN",
                                             "neighbours": [{"asn": 2, "role": "sibling"}]}]})",
                       {"/perspectives/0/neighbours/0/role", "sibling"});
    expectCatalogError(R"({"perspectives": [{"id": "x", "asn": 1, "rir": "ARIN",
                                             "provider": "aws", "colour": "red"}]})",
                       {"/perspectives/0/colour"});
    expectCatalogError(R"({"perspectives": {}})", {"/perspectives"});
    expectCatalogError(R"({"schema": "x"})", {"/perspectives"});
    expectCatalogError("{\n\"perspectives\": [\n}", {"cat.json:3", "invalid JSON"});
}

TEST(CaConfigurationReaderTest, EveryPresetLoads) {
    const std::vector<std::string> names = CaConfigurationReader::presetNames();
    ASSERT_FALSE(names.empty());
    for (const char* expected :
         {"single-vantage-point", "lets-encrypt-2020", "br-2026-12-example", "open-mpic-example"}) {
        EXPECT_TRUE(CaConfigurationReader::isPreset(expected)) << expected;
    }
    for (const std::string& name : names) {
        SCOPED_TRACE(name);
        EXPECT_TRUE(CaConfigurationReader::isPreset(name));
        for (const year_month_day today : {ymd(2025, 3, 15), ymd(2026, 12, 15), ymd(2030, 1, 1)}) {
            try {
                const CaConfiguration ca = CaConfigurationReader::preset(name, catalog(), today);
                EXPECT_EQ(ca.name, name);
                EXPECT_FALSE(ca.description.empty());
                EXPECT_TRUE(ca.policy.has_value());
                if (ca.policy && ca.policy->primaryRequired) {
                    EXPECT_TRUE(ca.primary.has_value());
                }
            } catch (const std::exception& error) {
                ADD_FAILURE() << "preset " << name << " on " << formatIsoDate(today)
                              << " does not load: " << error.what();
            }
        }
    }
    EXPECT_FALSE(CaConfigurationReader::isPreset("no-such-preset"));
    expectInputError([] { CaConfigurationReader::preset("no-such-preset", catalog(), kToday); },
                     {"no-such-preset"});
}

}  // namespace
}  // namespace mpicsim
