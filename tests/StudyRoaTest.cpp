// ROA coverage as a study axis: `roa` in the scenario (all, none, a seeded fraction of the
// victims, a list), swept like `rov`, reported in summary.csv/json and the manifest; bad values
// are errors naming the JSON Pointer.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"
#include "mpicsim/study/StudySession.hpp"
#include "support/RandomTopology.hpp"

namespace mpicsim {
namespace {

const std::chrono::year_month_day kToday{std::chrono::year{2026}, std::chrono::month{11},
                                         std::chrono::day{30}};

Scenario parse(const nlohmann::json& scenario) {
    return ScenarioReader::parse(scenario.dump(), "roa.json", ".",
                                 PerspectiveCatalogReader::builtIn(), kToday);
}

std::string errorOf(nlohmann::json roa) {
    nlohmann::json scenario = {{"name", "x"},
                               {"topology", {{"synthetic", {{"ases", 10}, {"seed", 1}}}}},
                               {"ca_configurations", "lets-encrypt-2020"},
                               {"victims", "all"},
                               {"adversaries", "all"},
                               {"roa", std::move(roa)}};
    try {
        parse(scenario);
    } catch (const InputError& error) {
        return error.what();
    }
    return "no error";
}

TEST(StudyRoa, BadValuesNameTheJsonPointer) {
    EXPECT_NE(errorOf({{{"fraction", 1.5}}})
                  .find("at /roa/0/fraction: expected a share of "
                        "victims from 0 to 1, got 1.5"),
              std::string::npos)
        << errorOf({{{"fraction", 1.5}}});
    EXPECT_NE(errorOf({{"fraction", -0.1}}).find("at /roa/fraction: expected a share"),
              std::string::npos);
    EXPECT_NE(errorOf({"all", "some"}).find("at /roa/1: expected \"all\", \"none\""),
              std::string::npos)
        << errorOf({"all", "some"});
    EXPECT_NE(errorOf({{"list", {1, "x"}}}).find("at /roa/list/1: expected an ASN"),
              std::string::npos);
    EXPECT_NE(errorOf({{"fraction", 0.5}, {"colour", 1}}).find("at /roa/colour: unknown key"),
              std::string::npos);
    EXPECT_NE(errorOf({"none", "none"}).find("at /roa/1: ROA setting \"none\" appears twice"),
              std::string::npos);
    EXPECT_NE(errorOf(nlohmann::json::array()).find("at /roa: expected at least one value"),
              std::string::npos);
    const Scenario scenario =
        parse({{"name", "x"},
               {"topology", {{"synthetic", {{"ases", 10}, {"seed", 1}}}}},
               {"ca_configurations", "lets-encrypt-2020"},
               {"victims", "all"},
               {"adversaries", "all"},
               {"roa", {"all", "none", {{"fraction", 0.25}, {"seed", 9}}, {{"list", {1, 2}}}}}});
    ASSERT_EQ(scenario.roaSettings.size(), 4u);
    EXPECT_EQ(scenario.roaSettings[2].label, "fraction:0.25");
    EXPECT_EQ(scenario.roaSettings[2].seed, 9u);
    EXPECT_EQ(scenario.roaSettings[3].label, "list:2");
    // Without `roa`, every victim holds one (the model before ROA coverage was an axis).
    const Scenario defaulted = parse({{"name", "x"},
                                      {"topology", {{"synthetic", {{"ases", 10}, {"seed", 1}}}}},
                                      {"ca_configurations", "lets-encrypt-2020"},
                                      {"victims", "all"},
                                      {"adversaries", "all"}});
    ASSERT_EQ(defaulted.roaSettings.size(), 1u);
    EXPECT_EQ(defaulted.roaSettings[0].kind, RoaSetting::Kind::All);
}

// roa × rov is a cartesian product. Victims without a ROA fare the same whoever validates, and
// exactly as victims with a ROA where nobody validates.
TEST(StudyRoa, NoRoaUnderFullRovEqualsNoRovInTheSummary) {
    for (std::uint64_t seed : {5u, 6u, 7u}) {
        const auto graph = std::make_shared<const AsGraph>(
            AsGraph::fromLinks(test::randomTopology(std::uint64_t{seed})));
        nlohmann::json remotes = nlohmann::json::array();
        const char* rirs[] = {"ARIN", "RIPE", "APNIC", "LACNIC"};
        const char* ids[] = {"r0", "r1", "r2", "r3"};
        for (std::size_t i = 0; i < 4; ++i) {
            remotes.push_back({{"id", ids[i]},
                               {"asn", graph->asnOf(static_cast<NodeIndex>(2 + 5 * i))},
                               {"rir", rirs[i]}});
        }
        const nlohmann::json scenario = {
            {"name", "roa"},
            {"topology", {{"synthetic", {{"ases", 10}, {"seed", 1}}}}},
            {"seed", seed},
            {"attacks", {"equally-specific", "subprefix"}},
            {"ca_configurations",
             {{{"name", "ca"},
               {"primary", {{"id", "p"}, {"asn", graph->asnOf(1)}, {"rir", "ARIN"}}},
               {"remotes", remotes}}}},
            {"policies", {{{"name", "custom"}, {"allowed_non_corroborations", 1}}}},
            {"rov", {"none", {{"random_fraction", 1.0}, {"label", "everyone"}}}},
            {"roa", {"all", "none", {{"fraction", 0.5}, {"seed", 2}}}},
            {"victims", {{"sample", 12}}},
            {"adversaries", {{"sample", 12}}},
        };
        StudySession session(parse(scenario), graph);
        ASSERT_TRUE(session.run(2));
        using Key = std::tuple<std::string, std::string, std::string>;  // attack, rov, roa
        std::map<Key, SummaryGroup> groups;
        for (const SummaryGroup& group : session.summary().groups) {
            groups[{group.attack, group.rov, group.roa}] = group;
        }
        ASSERT_EQ(groups.size(), 2u * 2u * 3u);
        for (const char* attack : {"equally-specific", "subprefix"}) {
            const SummaryGroup& plain = groups.at({attack, "none", "all"});
            const SummaryGroup& noRoaFullRov = groups.at({attack, "everyone", "none"});
            const SummaryGroup& roaFullRov = groups.at({attack, "everyone", "all"});
            EXPECT_EQ(noRoaFullRov.trials, plain.trials);
            EXPECT_EQ(noRoaFullRov.attackerSuccesses, plain.attackerSuccesses)
                << attack << " seed " << seed;
            EXPECT_EQ(noRoaFullRov.legitimateBlockedRate, plain.legitimateBlockedRate);
            EXPECT_EQ(groups.at({attack, "none", "none"}).attackerSuccesses,
                      plain.attackerSuccesses);
            // Full ROV with a ROA for every victim stops every hijack beyond the attacker's
            // own AS: at most the perspectives inside it are fooled.
            EXPECT_LE(roaFullRov.attackerSuccesses, plain.attackerSuccesses);
            // Half the victims with a ROA: between the two.
            const SummaryGroup& half = groups.at({attack, "everyone", "fraction:0.5"});
            EXPECT_LE(half.attackerSuccesses, noRoaFullRov.attackerSuccesses);
            EXPECT_GE(half.attackerSuccesses, roaFullRov.attackerSuccesses);
        }
    }
}

}  // namespace
}  // namespace mpicsim
