// Studies as CAs run them (issue 17, parts 1 and 2): the validation method decides which prefixes
// the attacker may hijack (the web host's, or the domain's nameservers'), and a CA may validate
// each attempt from a cohort of a larger pool and retry.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "OptimizeCommand.hpp"
#include "RunCommand.hpp"
#include "VerdictCommand.hpp"
#include "mpicsim/analysis/ResultSummary.hpp"
#include "mpicsim/experiment/ExperimentRunner.hpp"
#include "mpicsim/experiment/TrialPlan.hpp"
#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/OptimizationSpecReader.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"
#include "mpicsim/io/TrialsCsv.hpp"
#include "mpicsim/mpic/CohortRule.hpp"
#include "mpicsim/study/OptimizationSession.hpp"
#include "support/RandomTopology.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim {
namespace {

namespace fs = std::filesystem;

const std::chrono::year_month_day kToday{std::chrono::year{2026}, std::chrono::month{11},
                                         std::chrono::day{30}};

void writeText(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// The hand-worked topology (provider above customer; no peering):
//
//                 1
//          /      |       |
//         2       3        4
//        / |    / | |      |
//      10  11  12 14 15    13
//
// Lowest-ASN tie-break. Equally-specific hijacks by AS11:
// - of AS10's prefix: AS2 hears [10] and [11] from customers, equally long; next hop 10 < 11
//   keeps the victim's, and everyone above and beside AS2 learns it through AS2. Only AS11
//   reaches the attacker: the perspectives at 13, 2, 3, 4 all reach the victim.
// - of AS12's prefix: AS3 keeps its customer 12; AS2 keeps its customer 11; AS1 hears [2 11]
//   and [3 12], equally long, and next hop 2 < 3 picks the attacker's; AS4 and AS13 (below AS1)
//   and AS10 (below AS2) follow the attacker; AS14 and AS15 (below AS3) reach the victim.
const char* const kHandTopology =
    "1|2|-1\n1|3|-1\n1|4|-1\n2|10|-1\n2|11|-1\n3|12|-1\n3|14|-1\n3|15|-1\n4|13|-1\n";

// Primary at 13, remotes at 2 (ARIN), 3 (RIPE), 4 (APNIC); 2 of the 3 remotes must corroborate.
const char* const kThreeRemotes = R"({"name": "three",
    "primary": {"id": "p13", "asn": 13, "rir": "ARIN"},
    "remotes": [{"id": "r2", "asn": 2, "rir": "ARIN"}, {"id": "r3", "asn": 3, "rir": "RIPE"},
                {"id": "r4", "asn": 4, "rir": "APNIC"}],
    "policy": {"name": "custom", "allowed_non_corroborations": 1}})";

struct Ran {
    std::string rows;     // trials.csv rows, each record followed by its perspectives' outcomes
    std::string csvRows;  // trials.csv rows alone
    Summary summary;
};

Ran runStudy(const fs::path& scenarioPath, std::size_t threads = 1,
             PropagationMode propagation = PropagationMode::Scoped) {
    const Scenario scenario =
        ScenarioReader::readFile(scenarioPath, PerspectiveCatalogReader::builtIn(), kToday);
    const AsGraph graph = CaidaReader::readFile(scenario.topologyPath);
    const TrialPlan plan(graph, scenario, 5);
    const ExperimentRunner runner(graph, scenario, plan, propagation);
    SummaryContext context;
    context.scenario = scenario.name;
    for (const CaConfiguration& ca : scenario.cas) {
        context.remotesByCa[ca.name] = static_cast<int>(ca.cohortSize());
    }
    ResultSummary summary(context);
    Ran ran;
    runner.run(threads, 0, [&](std::uint64_t, std::span<const TrialRecord> records) {
        TrialsCsv::appendRows(records, ran.csvRows);
        for (const TrialRecord& record : records) {
            TrialsCsv::appendRows({&record, 1}, ran.rows);
            for (Outcome outcome : record.perspectiveOutcomes) {
                ran.rows += toString(outcome);
                ran.rows += ' ';
            }
            ran.rows += '\n';
        }
        summary.add(records);
    });
    ran.summary = summary.summary();
    // The summary checkpointed and restored, and the summary of trials.csv read back, are the
    // same: method, attempts and targets hijacked survive both.
    ResultSummary restored(context);
    restored.restoreState(summary.state(), "state");
    EXPECT_EQ(ResultSummary::toJson(restored.summary()), ResultSummary::toJson(ran.summary));
    const fs::path trials = scenarioPath.parent_path() / "trials.csv";
    writeText(trials, std::string(TrialsCsv::header()) + ran.csvRows);
    EXPECT_EQ(ResultSummary::toJson(ResultSummary::fromTrialsCsv(trials, context)),
              ResultSummary::toJson(ran.summary));
    return ran;
}

const SummaryGroup* groupOf(const Summary& summary, const std::string& ca,
                            const std::string& method, int attempts) {
    for (const SummaryGroup& group : summary.groups) {
        if (group.ca == ca && group.method == method && group.attempts == attempts) {
            return &group;
        }
    }
    return nullptr;
}

using Targets = std::vector<std::pair<std::string, long long>>;

fs::path handScenario(const test::TemporaryDirectory& directory, const std::string& rest) {
    writeText(directory.path() / "t.txt", kHandTopology);
    const fs::path path = directory.path() / "s.json";
    writeText(path, R"({"name": "hand", "topology": {"caida": "t.txt"},
        "ca_configurations": [)" +
                        std::string(kThreeRemotes) +
                        R"(], "victims": {"list": [10]}, "adversaries": {"list": [11]}, )" + rest +
                        "}");
    return path;
}

// The web host AS10 is safe from AS11 (every perspective reaches it), but the domain's
// nameservers sit in AS12, whose hijack by AS11 captures the primary and 2 of 3 remotes: a
// DNS-01 study reports the nameservers' outcome.
TEST(StudyTargets, DnsMethodsContactTheNameserversNotTheWebHost) {
    const test::TemporaryDirectory directory("study-dns");
    const Ran ran = runStudy(handScenario(
        directory, R"("method": ["http-01", "dns-01"], "nameservers": {"list": [12]})"));
    const SummaryGroup* http = groupOf(ran.summary, "three", "http-01", 1);
    const SummaryGroup* dns = groupOf(ran.summary, "three", "dns-01", 1);
    ASSERT_NE(http, nullptr);
    ASSERT_NE(dns, nullptr);
    EXPECT_EQ(http->trials, 1);
    EXPECT_EQ(http->attackerSuccesses, 0);
    EXPECT_EQ(http->hijackedTargets, (Targets{{"web host", 1}}));
    EXPECT_EQ(dns->trials, 1);
    EXPECT_EQ(dns->attackerSuccesses, 1);
    EXPECT_EQ(dns->hijackedTargets, (Targets{{"nameserver 1", 1}}));
    // trials.csv: corroborating 0 (every remote reaches the web host) and 2 (r2, r4).
    EXPECT_EQ(ran.csvRows,
              "none,equally-specific,22,10,11,three,own: custom,0,0,0,2,all,http-01,1,"
              "web host\n"
              "none,equally-specific,22,10,11,three,own: custom,1,1,2,2,all,dns-01,1,"
              "nameserver 1\n");
    // The outcomes recorded are those of the nameserver's hijack: p13, r2, r3, r4.
    EXPECT_NE(ran.rows.find("nameserver 1\nattacker attacker victim attacker \n"),
              std::string::npos)
        << ran.rows;
    const std::string summaryCsv = ResultSummary::toCsv(ran.summary);
    EXPECT_NE(summaryCsv.find(",resilience_weighted_median,roa,compliant,violations,note,"
                              "trials_with_perspective_in_victim_or_adversary_as,method,attempts,"
                              "hijacked_target\n"),
              std::string::npos);
    EXPECT_NE(summaryCsv.find(",dns-01,1,nameserver 1:1\n"), std::string::npos) << summaryCsv;
}

// With nameservers in AS10 (safe) and AS12 (captured), listed in that order, the attacker
// hijacks the one that serves it best, the second, as `mpicsim verdict` chooses.
TEST(StudyTargets, TheAttackerHijacksTheNameserverThatServesItBest) {
    const test::TemporaryDirectory directory("study-best");
    const Ran ran = runStudy(
        handScenario(directory, R"("method": "dns-01", "nameservers": {"list": [10, 12]})"));
    const SummaryGroup* dns = groupOf(ran.summary, "three", "dns-01", 1);
    ASSERT_NE(dns, nullptr);
    EXPECT_EQ(dns->attackerSuccesses, 1);
    EXPECT_EQ(dns->hijackedTargets, (Targets{{"nameserver 2", 1}}));
    // The outcomes of both hijacks are kept, in targets order: AS10's, then AS12's.
    EXPECT_NE(ran.rows.find("nameserver 2\nvictim victim victim victim attacker attacker victim "
                            "attacker \n"),
              std::string::npos)
        << ran.rows;

    writeText(directory.path() / "ca.json", kThreeRemotes);
    std::ostringstream out;
    std::ostringstream err;
    ASSERT_EQ(cli::VerdictCommand::run(
                  {"--topology", (directory.path() / "t.txt").string(), "--victim", "10",
                   "--attacker", "11", "--ca", (directory.path() / "ca.json").string(), "--method",
                   "dns-01", "--nameserver", "10", "--nameserver", "12", "--format", "json"},
                  out, err),
              0)
        << err.str();
    const nlohmann::json verdict = nlohmann::json::parse(out.str());
    EXPECT_EQ(verdict.at("target").at("role"), "nameserver 2");
    EXPECT_EQ(verdict.at("issued_to_attacker"), true);
    EXPECT_EQ(verdict.at("corroborating"), 2);
}

// "same-as-host" costs nothing and changes nothing: a DNS-01 study then gives the HTTP-01 rows.
TEST(StudyTargets, SameAsHostNameserversGiveTheWebHostOutcome) {
    const test::TemporaryDirectory directory("study-same");
    writeText(directory.path() / "t.txt", kHandTopology);
    auto rowsOf = [&](const std::string& method) {
        const fs::path path = directory.path() / (method + ".json");
        writeText(path, R"({"name": "same", "topology": {"caida": "t.txt"},
            "attacks": ["equally-specific", "subprefix"],
            "ca_configurations": [)" +
                            std::string(kThreeRemotes) +
                            R"(], "victims": "all", "adversaries": "all",
            "method": ")" + method +
                            R"(", "nameservers": "same-as-host"})");
        std::string rows = runStudy(path).rows;
        for (std::size_t at = rows.find(",dns-01,"); at != std::string::npos;
             at = rows.find(",dns-01,")) {
            rows.replace(at, 8, ",http-01,");
        }
        return rows;
    };
    const std::string http = rowsOf("http-01");
    EXPECT_NE(http.find("subprefix"), std::string::npos);
    EXPECT_EQ(http, rowsOf("dns-01"));
}

// The ROA setting is the outermost axis, the validation method the next; each target's prefix
// holds a ROA as the setting says of the target's own AS: with ROAs for AS12 alone, the web
// host AS10 has none and the nameserver AS12 one.
TEST(StudyTargets, RoaIsOutermostThenMethodAndCoversEachTarget) {
    const test::TemporaryDirectory directory("study-roa");
    const fs::path path = handScenario(directory, R"("method": ["http-01", "dns-01"],
        "nameservers": {"list": [12]}, "roa": ["all", {"list": [12]}])");
    const Scenario scenario =
        ScenarioReader::readFile(path, PerspectiveCatalogReader::builtIn(), kToday);
    const AsGraph graph = CaidaReader::readFile(scenario.topologyPath);
    const TrialPlan plan(graph, scenario);
    ASSERT_EQ(plan.unitCount(), 4u);  // 1 pair × 2 ROA settings × 2 methods
    const NodeIndex as10 = *graph.nodeOf(10);
    const NodeIndex as12 = *graph.nodeOf(12);
    const struct {
        std::uint32_t roa, method;
        NodeIndex target;
        bool hasRoa;
    } expected[] = {
        {0, 0, as10, true}, {0, 1, as12, true}, {1, 0, as10, false}, {1, 1, as12, true}};
    for (std::uint64_t u = 0; u < 4; ++u) {
        const TrialUnit unit = plan.unit(u);
        EXPECT_EQ(unit.roaIndex, expected[u].roa) << "unit " << u;
        EXPECT_EQ(unit.methodIndex, expected[u].method) << "unit " << u;
        ASSERT_EQ(plan.targets(unit).size(), 1u);
        EXPECT_EQ(plan.targets(unit)[0], expected[u].target) << "unit " << u;
        EXPECT_EQ(plan.attack(unit, plan.targets(unit)[0]).victimHasRoa, expected[u].hasRoa)
            << "unit " << u;
    }
    const Ran ran = runStudy(path);
    EXPECT_EQ(ran.csvRows,
              "none,equally-specific,22,10,11,three,own: custom,0,0,0,2,all,http-01,1,"
              "web host\n"
              "none,equally-specific,22,10,11,three,own: custom,1,1,2,2,all,dns-01,1,"
              "nameserver 1\n"
              "none,equally-specific,22,10,11,three,own: custom,0,0,0,2,list:1,http-01,1,"
              "web host\n"
              "none,equally-specific,22,10,11,three,own: custom,1,1,2,2,list:1,dns-01,1,"
              "nameserver 1\n");
}

// An adversary that hosts every nameserver has nothing to hijack: the unit counts nowhere.
TEST(StudyTargets, AnAdversaryHostingEveryNameserverIsLeftOut) {
    const test::TemporaryDirectory directory("study-own");
    const Ran ran =
        runStudy(handScenario(directory, R"("method": "dns-01", "nameservers": {"list": [11]})"));
    EXPECT_TRUE(ran.summary.groups.empty());
    EXPECT_TRUE(ran.csvRows.empty());
}

// Rotate: the pool shuffled by the domain, cut into pool / size disjoint cohorts, cycled.
TEST(CohortRule, RotateCyclesDisjointCohortsOfTheDomainsShuffle) {
    for (std::uint64_t domain : {1u, 12u, 64500u, 4294967295u}) {
        const std::uint64_t first = CohortRule::rotate().cohort(6, 3, domain, 1);
        const std::uint64_t second = CohortRule::rotate().cohort(6, 3, domain, 2);
        EXPECT_EQ(std::popcount(first), 3);
        EXPECT_EQ(first & second, 0u);
        EXPECT_EQ(first | second, 0b111111u);
        EXPECT_EQ(CohortRule::rotate().cohort(6, 3, domain, 3), first);
        // 7 remotes in cohorts of 3: two cohorts, one remote never used.
        const std::uint64_t a = CohortRule::rotate().cohort(7, 3, domain, 1);
        const std::uint64_t b = CohortRule::rotate().cohort(7, 3, domain, 2);
        EXPECT_EQ(a & b, 0u);
        EXPECT_EQ(std::popcount(a | b), 6);
        EXPECT_EQ(CohortRule::rotate().cohort(7, 3, domain, 3), a);
    }
    std::set<std::uint64_t> firstCohorts;
    for (std::uint64_t domain = 1; domain <= 50; ++domain) {
        firstCohorts.insert(CohortRule::rotate().cohort(6, 3, domain, 1));
    }
    EXPECT_GT(firstCohorts.size(), 5u);  // seeded per domain, not one cohort for all
}

TEST(CohortRule, FixedAndRandomCohorts) {
    EXPECT_EQ(CohortRule::fixed().cohort(6, 3, 99, 1), 0b000111u);
    EXPECT_EQ(CohortRule::fixed().cohort(6, 3, 99, 4), 0b000111u);
    for (const CohortRule& rule :
         {CohortRule::fixed(), CohortRule::rotate(), CohortRule::random(3)}) {
        EXPECT_EQ(rule.cohort(5, 5, 7, 2), 0b11111u);  // a cohort as large as the pool
    }
    std::set<std::uint64_t> seen;
    for (int attempt = 1; attempt <= 20; ++attempt) {
        const std::uint64_t cohort = CohortRule::random(5).cohort(10, 4, 64500, attempt);
        EXPECT_EQ(std::popcount(cohort), 4);
        EXPECT_EQ(cohort & ~std::uint64_t{0x3ff}, 0u);
        EXPECT_EQ(cohort, CohortRule::random(5).cohort(10, 4, 64500, attempt));
        seen.insert(cohort);
    }
    EXPECT_GT(seen.size(), 10u);
    EXPECT_EQ(CohortRule::fromString("random:17"), CohortRule::random(17));
    EXPECT_EQ(CohortRule::fromString("rotate"), CohortRule::rotate());
    EXPECT_EQ(CohortRule::fromString("fixed"), CohortRule::fixed());
    EXPECT_FALSE(CohortRule::fromString("random:"));
    EXPECT_FALSE(CohortRule::fromString("random:x"));
    EXPECT_FALSE(CohortRule::fromString("round-robin"));
    EXPECT_EQ(CohortRule::random(17).toString(), "random:17");
}

// A pool of 6 remotes, 3 per attempt, against AS11 hijacking AS12's prefix (the hand topology):
// r3, r14, r15 (below AS3) reach the victim, r2, r4, r13 the attacker; no primary; 2 of the 3
// remotes of an attempt must agree.
// - fixed (the first 3 of the pool: r3, r14, r15): never 2 attacker remotes, whatever the
//   attempts: 0 successes; the owner reaches 3 of 3 and is never blocked.
// - rotate: two disjoint cohorts C1, C2 covering the pool; the 3 attacker remotes split 2 + 1
//   or 3 + 0, so one cohort holds at least 2: issued by attempt 2 at the latest, attempt 3
//   reuses C1. With 1 attempt: issued iff C1 holds 2 or more. The owner is blocked in an
//   attempt iff its cohort holds 2 attacker remotes (fewer than 2 reach the victim); C1 and C2
//   are never both so, so with 2 or 3 attempts the owner is never blocked.
TEST(StudyRetries, APoolOfSixRotatingCohortsMatchesAHandCount) {
    const test::TemporaryDirectory directory("study-pool");
    writeText(directory.path() / "t.txt", kHandTopology);
    const std::string pool = R"([{"id": "r3", "asn": 3, "rir": "RIPE"},
        {"id": "r14", "asn": 14, "rir": "ARIN"}, {"id": "r15", "asn": 15, "rir": "APNIC"},
        {"id": "r2", "asn": 2, "rir": "ARIN"}, {"id": "r4", "asn": 4, "rir": "RIPE"},
        {"id": "r13", "asn": 13, "rir": "APNIC"}])";
    const fs::path path = directory.path() / "s.json";
    writeText(path, R"({"name": "pool", "topology": {"caida": "t.txt"},
        "ca_configurations": [
          {"name": "fixed6", "remotes": )" +
                        pool +
                        R"(, "remotes_per_attempt": 3, "cohort": "fixed"},
          {"name": "rotate6", "remotes": )" +
                        pool +
                        R"(, "remotes_per_attempt": 3, "cohort": "rotate"}],
        "policies": [{"name": "custom", "allowed_non_corroborations": 1,
                      "primary_required": false}],
        "attempts": [1, 2, 3],
        "victims": {"list": [12]}, "adversaries": {"list": [11]}})");
    const Ran ran = runStudy(path);
    const std::uint64_t attackerRemotes = 0b111000;  // r2, r4, r13
    const bool firstCohortIssues =
        std::popcount(CohortRule::rotate().cohort(6, 3, 12, 1) & attackerRemotes) >= 2;
    for (int attempts : {1, 2, 3}) {
        const SummaryGroup* fixed = groupOf(ran.summary, "fixed6", "http-01", attempts);
        const SummaryGroup* rotate = groupOf(ran.summary, "rotate6", "http-01", attempts);
        ASSERT_NE(fixed, nullptr);
        ASSERT_NE(rotate, nullptr);
        EXPECT_EQ(fixed->remotes, 3);
        EXPECT_EQ(fixed->required, 2);
        EXPECT_EQ(fixed->trials, 1);
        EXPECT_EQ(fixed->attackerSuccesses, 0);
        EXPECT_EQ(fixed->legitimateBlockedRate, 0.0);
        EXPECT_EQ(rotate->attackerSuccesses, attempts >= 2 || firstCohortIssues ? 1 : 0)
            << attempts;
        EXPECT_EQ(rotate->legitimateBlockedRate, attempts == 1 && firstCohortIssues ? 1.0 : 0.0)
            << attempts;
    }
}

// Random studies with every new path at once (DNS methods with sampled nameservers, pools
// with rotate and random cohorts, several attempts): the records of scoped propagation equal
// full propagation's and do not depend on the threads; more attempts never help the owner nor
// hurt the attacker.
TEST(StudyRetries, ScopedEqualsFullAndAttemptsAreMonotone) {
    for (std::uint64_t seed : {41u, 42u, 43u}) {
        const test::TemporaryDirectory directory("study-random" + std::to_string(seed));
        std::ostringstream topology;
        for (const AsLink& link : test::randomTopology(seed)) {
            topology << link.first << '|' << link.second << '|'
                     << (link.type == LinkType::ProviderToCustomer ? "-1" : "0") << "\n";
        }
        writeText(directory.path() / "t.txt", topology.str());
        const AsGraph graph = CaidaReader::readFile(directory.path() / "t.txt");
        auto asn = [&](std::size_t i) {
            return graph.asnOf(static_cast<NodeIndex>(i % graph.nodeCount()));
        };
        nlohmann::json pool = nlohmann::json::array();
        const char* rirs[] = {"ARIN", "RIPE", "APNIC", "LACNIC", "AFRINIC"};
        for (std::size_t i = 0; i < 8; ++i) {
            const std::string id = std::to_string(100 + i);
            pool.push_back({{"id", id}, {"asn", asn(5 + 11 * i)}, {"rir", rirs[i % 5]}});
        }
        const nlohmann::json primary = {{"id", "p"}, {"asn", asn(2)}, {"rir", "ARIN"}};
        const nlohmann::json scenario = {
            {"name", "random"},
            {"topology", {{"caida", "t.txt"}}},
            {"seed", seed},
            {"method", {"http-01", "dns-01"}},
            {"nameservers", {{"sample", 2}, {"seed", seed}}},
            {"attempts", {3, 1}},
            {"attacks", {"equally-specific", "subprefix"}},
            {"ca_configurations",
             {{{"name", "rotate"},
               {"primary", primary},
               {"remotes", pool},
               {"remotes_per_attempt", 4},
               {"cohort", "rotate"}},
              {{"name", "random"},
               {"primary", primary},
               {"remotes", pool},
               {"remotes_per_attempt", 3},
               {"cohort", "random:9"}},
              {{"name", "whole"}, {"primary", primary}, {"remotes", pool}}}},
            {"policies",
             {{{"name", "custom"}, {"allowed_non_corroborations", 1}},
              {{"name", "custom"}, {"allowed_non_corroborations", 1}, {"minimum_rirs", 2}}}},
            {"rov", {"none", {{"random_fraction", 0.5}, {"seed", 3}}}},
            {"victims", {{"sample", 6}}},
            {"adversaries", {{"sample", 6}}},
        };
        const fs::path path = directory.path() / "s.json";
        writeText(path, scenario.dump(2));
        const Ran scoped = runStudy(path, 1);
        EXPECT_NE(scoped.rows.find("nameserver 2"), std::string::npos);
        EXPECT_EQ(scoped.rows, runStudy(path, 1, PropagationMode::Full).rows) << "seed " << seed;
        EXPECT_EQ(scoped.rows, runStudy(path, 2).rows) << "seed " << seed;

        // Verdicts come per combination as attempts 3 then 1 (the axis order).
        const Scenario parsed =
            ScenarioReader::readFile(path, PerspectiveCatalogReader::builtIn(), kToday);
        const TrialPlan plan(graph, parsed);
        const ExperimentRunner runner(graph, parsed, plan);
        std::size_t helped = 0;
        runner.run(1, 0, [&](std::uint64_t, std::span<const TrialRecord> records) {
            for (const TrialRecord& record : records) {
                for (std::size_t k = 0; k + 1 < record.verdicts.size(); k += 2) {
                    const CombinationVerdict& three = record.verdicts[k];
                    const CombinationVerdict& one = record.verdicts[k + 1];
                    ASSERT_EQ(three.attempts, 3);
                    ASSERT_EQ(one.attempts, 1);
                    EXPECT_TRUE(!one.issuedToAttacker || three.issuedToAttacker);
                    EXPECT_TRUE(!three.legitimateIssuanceBlocked || one.legitimateIssuanceBlocked);
                    if (three.ca == "whole") {
                        EXPECT_EQ(three.issuedToAttacker, one.issuedToAttacker);
                        EXPECT_EQ(three.legitimateIssuanceBlocked, one.legitimateIssuanceBlocked);
                    }
                    helped += three.issuedToAttacker && !one.issuedToAttacker ? 1 : 0;
                }
            }
        });
        EXPECT_GT(helped, 0u) << "seed " << seed;
    }
}

std::string scenarioError(const std::string& text) {
    try {
        ScenarioReader::parse(text, "bad.json", ".", PerspectiveCatalogReader::builtIn(), kToday);
    } catch (const InputError& error) {
        return error.what();
    }
    return "no error";
}

TEST(StudyTargetsAndRetries, BadInputNamesTheJsonPointer) {
    const std::string base = R"("name": "x", "topology": {"caida": "t.txt"},
        "victims": "all", "adversaries": "all")";
    const std::string ca = R"("ca_configurations": [)" + std::string(kThreeRemotes) + "]";
    auto error = [&](const std::string& rest) {
        return scenarioError("{" + base + ", " + ca + ", " + rest + "}");
    };
    EXPECT_NE(error(R"("attempts": 0)").find("at /attempts: expected a number of attempts"),
              std::string::npos);
    EXPECT_NE(error(R"("attempts": [1, -2])").find("at /attempts/1: expected a number of attempts"),
              std::string::npos);
    EXPECT_NE(error(R"("attempts": [2, 2])").find("at /attempts/1:"), std::string::npos);
    EXPECT_NE(error(R"("method": ["http-01", "dns01"])").find("at /method/1: expected"),
              std::string::npos);
    EXPECT_NE(error(R"("nameservers": {"list": []})").find("at /nameservers/list:"),
              std::string::npos);
    EXPECT_NE(error(R"("nameservers": "elsewhere")").find("at /nameservers: expected"),
              std::string::npos);
    EXPECT_NE(error(R"("nameservers": {"per_victim": {"AS1": [2]}})")
                  .find("at /nameservers/per_victim/AS1: expected an ASN"),
              std::string::npos);
    EXPECT_NE(error(R"("nameservers": {"weights": {"12": -1}})")
                  .find("at /nameservers/weights/12: expected a positive weight"),
              std::string::npos);
    EXPECT_NE(error(R"("nameservers": {"weights": {"12": 1}, "count": 2})")
                  .find("at /nameservers/count:"),
              std::string::npos);
    EXPECT_NE(error(R"("nameservers": {"sample": 0})").find("at /nameservers/sample:"),
              std::string::npos);

    auto poolError = [&](const std::string& fields) {
        return scenarioError("{" + base + R"(, "ca_configurations": [{"name": "p",
            "primary": {"id": "p", "asn": 13, "rir": "ARIN"},
            "remotes": [{"id": "a", "asn": 2, "rir": "ARIN"}, {"id": "b", "asn": 3, "rir": "RIPE"}],
            )" + fields + "}]}");
    };
    EXPECT_NE(poolError(R"("remotes_per_attempt": 3)")
                  .find("at /ca_configurations/0/remotes_per_attempt: the pool (2 remotes) is "
                        "smaller than the cohort"),
              std::string::npos);
    EXPECT_NE(poolError(R"("remotes_per_attempt": 0)")
                  .find("at /ca_configurations/0/remotes_per_attempt:"),
              std::string::npos);
    EXPECT_NE(poolError(R"("cohort": "random")")
                  .find("at /ca_configurations/0/cohort: expected fixed, rotate or random:SEED"),
              std::string::npos);
    EXPECT_NE(poolError(R"("remotes_per_attempt": 1, "colour": 2)")
                  .find("at /ca_configurations/0/colour: unknown key"),
              std::string::npos);
    EXPECT_EQ(poolError(R"("remotes_per_attempt": 1, "cohort": "random:4")"), "no error");
}

// Nameserver ASes are checked against the topology when the study starts: `run` exits 2 and
// names the JSON Pointer.
TEST(StudyTargetsAndRetries, NameserversAbsentFromTheTopologyAreNamed) {
    const test::TemporaryDirectory directory("study-absent");
    auto runError = [&](const std::string& nameservers) {
        const fs::path path =
            handScenario(directory, R"("method": "dns-01", "nameservers": )" + nameservers);
        std::ostringstream out;
        std::ostringstream err;
        EXPECT_EQ(cli::RunCommand::run(
                      {path.string(), "--out", (directory.path() / "out").string(), "--no-plots"},
                      out, err),
                  2);
        return err.str();
    };
    EXPECT_NE(runError(R"({"list": [12, 99]})")
                  .find("at /nameservers/list/1: nameserver AS99 is not in the topology"),
              std::string::npos);
    EXPECT_NE(runError(R"({"per_victim": {"10": [99]}})")
                  .find("at /nameservers/per_victim/10/0: nameserver AS99 is not in the topology"),
              std::string::npos);
    EXPECT_NE(runError(R"({"per_victim": {"12": [10]}})")
                  .find("at /nameservers/per_victim: no entry for victim AS10"),
              std::string::npos);
    EXPECT_NE(runError(R"({"weights": {"12": 1, "98": 2}})")
                  .find("at /nameservers/weights/98: nameserver AS98 is not in the topology"),
              std::string::npos);
    EXPECT_NE(
        runError(R"({"list": [12, 12]})").find("at /nameservers/list/1: AS12 is listed twice"),
        std::string::npos);
}

// Outcome matrices (optimize, quorum-sweep) model one web-host target and one attempt: a
// scenario that sweeps attempts or puts nameservers elsewhere is refused with exit status 2.
TEST(StudyTargetsAndRetries, OptimizeRefusesWhatItDoesNotModel) {
    const test::TemporaryDirectory directory("study-optimize");
    const fs::path shipped = fs::path(MPICSIM_SOURCE_DIR) / "scenarios" / "optimize-classroom.json";
    std::ifstream in(shipped);
    nlohmann::json scenario = nlohmann::json::parse(in);
    scenario["topology"]["caida"] =
        (shipped.parent_path() / scenario["topology"]["caida"].get<std::string>()).string();
    auto exitOf = [&](const nlohmann::json& changed, std::string& message) {
        const fs::path path = directory.path() / "o.json";
        writeText(path, changed.dump());
        std::ostringstream out;
        std::ostringstream err;
        const int status = cli::OptimizeCommand::run(
            {path.string(), "--out", (directory.path() / "out").string()}, out, err);
        message = err.str();
        return status;
    };
    std::string message;
    nlohmann::json withAttempts = scenario;
    withAttempts["attempts"] = {1, 2};
    EXPECT_EQ(exitOf(withAttempts, message), 2);
    EXPECT_NE(message.find("at /attempts: an outcome matrix (optimize, quorum-sweep) models one "
                           "validation method, one attempt"),
              std::string::npos)
        << message;
    nlohmann::json withNameservers = scenario;
    withNameservers["method"] = "dns-01";
    withNameservers["nameservers"] = {{"list", {11}}};
    EXPECT_EQ(exitOf(withNameservers, message), 2);
    EXPECT_NE(message.find("at /nameservers: "), std::string::npos) << message;
    nlohmann::json sameAsHost = scenario;
    sameAsHost["method"] = "dns-01";
    EXPECT_EQ(exitOf(sameAsHost, message), 0) << message;

    // The GUI's optimizer panel opens the same OptimizationSession: it refuses a method sweep.
    nlohmann::json withMethods = scenario;
    withMethods["method"] = {"http-01", "dns-01"};
    const fs::path path = directory.path() / "methods.json";
    writeText(path, withMethods.dump());
    const PerspectiveCatalog catalog = PerspectiveCatalogReader::builtIn();
    const Scenario read = ScenarioReader::readFile(path, catalog, kToday);
    const OptimizationSpec spec = OptimizationSpecReader::readFile(path, read, catalog, kToday);
    try {
        OptimizationSession session(read, spec, path.string());
        ADD_FAILURE() << "a method sweep was accepted";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find("at /method: an outcome matrix"),
                  std::string::npos)
            << error.what();
    }
}

// Weighted and sampled placements draw per victim: a victim keeps its nameservers whatever the
// other victims, and the draws follow the weights.
TEST(NameserverPlacement, DrawsPerVictimFollowingTheWeights) {
    std::ostringstream text;
    for (Asn asn = 2; asn <= 40; ++asn) {
        text << "1|" << asn << "|-1\n";
    }
    const AsGraph graph = CaidaReader::readText(text.str(), "t.txt");
    std::vector<NodeIndex> victims;
    for (Asn asn = 2; asn <= 40; ++asn) {
        victims.push_back(*graph.nodeOf(asn));
    }
    NameserverSetting weighted;
    weighted.kind = NameserverSetting::Kind::Weighted;
    weighted.asns = {2, 3, 4};
    weighted.weights = {8, 1, 1};
    weighted.count = 2;
    const NameserverPlacement all(graph, weighted, victims);
    const NameserverPlacement one(graph, weighted,
                                  std::span<const NodeIndex>(victims).subspan(5, 1));
    EXPECT_TRUE(std::ranges::equal(all.of(5), one.of(0)));
    int withTwo = 0;
    for (std::size_t i = 0; i < victims.size(); ++i) {
        ASSERT_EQ(all.of(i).size(), 2u);
        EXPECT_LT(graph.asnOf(all.of(i)[0]), graph.asnOf(all.of(i)[1]));  // in ASN order
        withTwo += graph.asnOf(all.of(i)[0]) == 2 ? 1 : 0;
    }
    // AS2 (weight 8 of 10) is among a victim's two in 1 - P(drawn neither first nor second)
    // = 1 - (2/10)(1/2) = 0.9 of draws: expect about 35 of 39.
    EXPECT_GE(withTwo, 30);
    NameserverSetting sample;
    sample.kind = NameserverSetting::Kind::Sample;
    sample.count = 3;
    const NameserverPlacement sampled(graph, sample, victims);
    EXPECT_EQ(sampled.mostPerVictim(), 3u);
    EXPECT_EQ(NameserverPlacement(graph, NameserverSetting{}, victims).mostPerVictim(), 0u);
}

}  // namespace
}  // namespace mpicsim
