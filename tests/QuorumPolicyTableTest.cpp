// QuorumPolicyTable and QuorumPolicy: every row of the normative table, checked against TLS BR
// v2.2.6, 3.2.2.9 (Phased Implementation Timeline, Quorum Requirements table) and the CA/Browser
// Forum's October 2023 proposal, phase boundary by phase boundary; the quorum arithmetic of each
// rule for 0 to 9 remotes; and the ISO date helpers.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "mpicsim/mpic/QuorumPolicy.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"

namespace mpicsim {
namespace {

using std::chrono::year_month_day;
using Rule = QuorumPolicy::FailureRule;

year_month_day ymd(int y, unsigned m, unsigned d) {
    return year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

year_month_day dayBefore(year_month_day when) {
    return year_month_day{std::chrono::sys_days{when} - std::chrono::days{1}};
}

// One phase of a phased rule, as its source writes it.
struct Phase {
    const char* policy;
    year_month_day effective;
    int minimumRemotes;
    int rirs;  // distinct RIRs the corroborating remotes must span; 0: no rule
    bool blocking;
};

// TLS BR v2.2.6, 3.2.2.9, Phased Implementation Timeline.
const std::vector<Phase> kBrPhases = {
    {"br", ymd(2025, 3, 15), 2, 0, false},  // MAY proceed with too many non-corroborations
    {"br", ymd(2025, 9, 15), 2, 0, true},   // MUST NOT proceed
    {"br", ymd(2026, 3, 15), 3, 2, true},   // + corroborating remotes in 2 distinct RIRs
    {"br", ymd(2026, 6, 15), 4, 2, true},  {"br", ymd(2026, 12, 15), 5, 2, true},
};

// October 2023 proposal ([PROPOSED] Implementation Timeline; 2 RIRs after 2025-12-15; the
// minimum of 3 between 2025-12-15 and 2026-12-15 is the project's interpolation).
const std::vector<Phase> kProposalPhases = {
    {"cabf-proposal-2023", ymd(2024, 12, 15), 2, 0, false},
    {"cabf-proposal-2023", ymd(2025, 6, 15), 2, 0, true},
    {"cabf-proposal-2023", ymd(2025, 12, 15), 3, 2, true},
    {"cabf-proposal-2023", ymd(2026, 12, 15), 5, 2, true},
};

void expectPhase(const std::optional<QuorumPolicy>& policy, const Phase& phase,
                 const std::string& context) {
    ASSERT_TRUE(policy.has_value()) << context;
    EXPECT_EQ(policy->name, phase.policy) << context;
    EXPECT_EQ(policy->phase, formatIsoDate(phase.effective)) << context;
    ASSERT_TRUE(policy->effectiveFrom.has_value()) << context;
    EXPECT_EQ(*policy->effectiveFrom, phase.effective) << context;
    EXPECT_EQ(policy->minimumRemotes, phase.minimumRemotes) << context;
    EXPECT_EQ(policy->failureRule, Rule::BrTable) << context;
    EXPECT_TRUE(policy->primaryRequired) << context;
    EXPECT_EQ(policy->blocking, phase.blocking) << context;
    // The RIR rule applies from the phase's own minimum number of remotes upwards.
    for (int n = phase.minimumRemotes; n <= 9; ++n) {
        EXPECT_EQ(policy->requiredRirs(n), phase.rirs) << context << ", n = " << n;
    }
    EXPECT_FALSE(policy->source.empty()) << context;
}

void checkPhases(const std::vector<Phase>& phases) {
    for (std::size_t i = 0; i < phases.size(); ++i) {
        const Phase& phase = phases[i];
        const std::string day = formatIsoDate(phase.effective);
        const std::string before = formatIsoDate(dayBefore(phase.effective));

        SCOPED_TRACE(std::string(phase.policy) + " phase " + day);
        expectPhase(QuorumPolicyTable::lookup(phase.policy, phase.effective), phase,
                    "lookup on " + day);

        const auto previous = QuorumPolicyTable::lookup(phase.policy, dayBefore(phase.effective));
        if (i == 0) {
            EXPECT_FALSE(previous.has_value())
                << phase.policy << " is not in force on " << before << ", the day before "
                << "its first phase; got phase " << (previous ? previous->phase : "");
        } else {
            expectPhase(previous, phases[i - 1], "lookup on " + before);
        }
    }
    // Long after the last phase, the last phase stays in force.
    expectPhase(QuorumPolicyTable::lookup(phases.front().policy, ymd(2035, 1, 1)), phases.back(),
                "lookup on 2035-01-01");
}

TEST(QuorumPolicyTableTest, EveryRowNamesARuleAndCitesASource) {
    const auto rows = QuorumPolicyTable::rows();
    ASSERT_FALSE(rows.empty());
    for (const QuorumPolicy& row : rows) {
        SCOPED_TRACE(row.label());
        EXPECT_FALSE(row.name.empty());
        EXPECT_FALSE(row.source.empty()) << row.label() << " has no source";
        EXPECT_TRUE(QuorumPolicyTable::knows(row.name));
        EXPECT_NE(QuorumPolicyTable::names().find(row.name), std::string::npos)
            << "names() does not list " << row.name;
        EXPECT_GE(row.minimumRemotes, 0);
        if (row.name == "br") {
            EXPECT_NE(row.source.find("3.2.2.9"), std::string::npos) << row.source;
        }
        if (row.name == "cabf-proposal-2023") {
            EXPECT_NE(row.source.find("2023"), std::string::npos) << row.source;
        }
        if (!row.phase.empty()) {
            ASSERT_TRUE(row.effectiveFrom.has_value());
            EXPECT_EQ(row.phase, formatIsoDate(*row.effectiveFrom));
        }
    }
}

TEST(QuorumPolicyTableTest, EveryPhasedRuleHasExactlyItsPhases) {
    std::vector<std::string> brPhases;
    std::vector<std::string> proposalPhases;
    for (const QuorumPolicy& row : QuorumPolicyTable::rows()) {
        if (row.name == "br") {
            brPhases.push_back(row.phase);
        } else if (row.name == "cabf-proposal-2023") {
            proposalPhases.push_back(row.phase);
        }
    }
    EXPECT_EQ(brPhases, (std::vector<std::string>{"2025-03-15", "2025-09-15", "2026-03-15",
                                                  "2026-06-15", "2026-12-15"}));
    EXPECT_EQ(proposalPhases,
              (std::vector<std::string>{"2024-12-15", "2025-06-15", "2025-12-15", "2026-12-15"}));
}

TEST(QuorumPolicyTableTest, BrPhasesStartOnTheirDayAndNotTheDayBefore) {
    checkPhases(kBrPhases);
}

TEST(QuorumPolicyTableTest, ProposalPhasesStartOnTheirDayAndNotTheDayBefore) {
    checkPhases(kProposalPhases);
}

TEST(QuorumPolicyTableTest, UnknownNamesAreNotFound) {
    EXPECT_FALSE(QuorumPolicyTable::knows("nonsense"));
    EXPECT_FALSE(QuorumPolicyTable::knows(""));
    EXPECT_FALSE(QuorumPolicyTable::knows("BR"));
    EXPECT_FALSE(QuorumPolicyTable::lookup("nonsense", ymd(2026, 1, 1)).has_value());
    EXPECT_FALSE(QuorumPolicyTable::lookup("custom", ymd(2026, 1, 1)).has_value());
}

TEST(QuorumPolicyTableTest, UnphasedRulesIgnoreTheDate) {
    for (const char* name : {"lets-encrypt-2020", "open-mpic", "single"}) {
        SCOPED_TRACE(name);
        const auto early = QuorumPolicyTable::lookup(name, ymd(2000, 1, 1));
        const auto late = QuorumPolicyTable::lookup(name, ymd(2030, 6, 1));
        ASSERT_TRUE(early.has_value());
        ASSERT_TRUE(late.has_value());
        EXPECT_EQ(early->name, name);
        EXPECT_TRUE(early->phase.empty());
        EXPECT_EQ(early->label(), name);
        EXPECT_EQ(early->minimumRemotes, late->minimumRemotes);
        EXPECT_EQ(early->failureRule, late->failureRule);
    }
}

TEST(QuorumPolicyTableTest, LabelNamesThePhase) {
    const auto policy = QuorumPolicyTable::lookup("br", ymd(2026, 4, 1));
    ASSERT_TRUE(policy.has_value());
    EXPECT_EQ(policy->label(), "br (phase 2026-03-15)");
}

// TLS BR 3.2.2.9 Quorum Requirements table: 2-5 distinct remotes allow 1 non-corroboration, 6+
// allow 2. The table starts at 2; with 0 or 1 remote nothing may fail.
TEST(QuorumPolicyTableTest, BrTableQuorumForZeroToNineRemotes) {
    const auto policy = QuorumPolicyTable::lookup("br", ymd(2026, 12, 15));
    ASSERT_TRUE(policy.has_value());
    //                          n = 0  1  2  3  4  5  6  7  8  9
    const int allowed[10] = {0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
    for (int n = 0; n <= 9; ++n) {
        SCOPED_TRACE("n = " + std::to_string(n));
        EXPECT_EQ(policy->allowedNonCorroborations(n), allowed[n]);
        EXPECT_EQ(policy->requiredCorroborations(n), n - allowed[n]);
    }
    // Every phase of both phased rules uses the same table.
    for (const QuorumPolicy& row : QuorumPolicyTable::rows()) {
        if (row.name != "br" && row.name != "cabf-proposal-2023") {
            continue;
        }
        for (int n = 0; n <= 9; ++n) {
            EXPECT_EQ(row.allowedNonCorroborations(n), allowed[n]) << row.label() << ", n = " << n;
        }
    }
}

// open-mpic's default quorum: n-1 of n for n <= 5, n-2 for n > 5; the corroborating perspectives
// must span 2 RIRs when n > 2; no primary perspective. open-mpic rejects requests with fewer than
// 2 perspectives; for 0 and 1 the simulator requires every perspective.
TEST(QuorumPolicyTableTest, OpenMpicQuorumForZeroToNinePerspectives) {
    const auto policy = QuorumPolicyTable::lookup("open-mpic", ymd(2026, 1, 1));
    ASSERT_TRUE(policy.has_value());
    EXPECT_FALSE(policy->primaryRequired);
    EXPECT_TRUE(policy->blocking);
    EXPECT_EQ(policy->failureRule, Rule::OpenMpic);
    for (int n = 0; n <= 9; ++n) {
        SCOPED_TRACE("n = " + std::to_string(n));
        int required = n;  // n < 2: outside open-mpic's domain, nothing may fail
        if (n >= 2) {
            required = n <= 5 ? n - 1 : n - 2;
        }
        EXPECT_EQ(policy->requiredCorroborations(n), required);
        EXPECT_EQ(policy->allowedNonCorroborations(n), n - required);
        EXPECT_EQ(policy->requiredRirs(n), n > 2 ? 2 : 0);
    }
}

// Let's Encrypt 2020: the primary plus three remotes, two of which must agree.
TEST(QuorumPolicyTableTest, LetsEncrypt2020NeedsThePrimaryAndTwoOfThree) {
    const auto policy = QuorumPolicyTable::lookup("lets-encrypt-2020", ymd(2021, 1, 1));
    ASSERT_TRUE(policy.has_value());
    EXPECT_TRUE(policy->primaryRequired);
    EXPECT_TRUE(policy->blocking);
    EXPECT_EQ(policy->minimumRemotes, 3);
    EXPECT_EQ(policy->failureRule, Rule::RequiredFixed);
    EXPECT_EQ(policy->requiredCorroborations(3), 2);
    EXPECT_EQ(policy->allowedNonCorroborations(3), 1);
    for (int n = 0; n <= 9; ++n) {
        SCOPED_TRACE("n = " + std::to_string(n));
        EXPECT_EQ(policy->requiredCorroborations(n), 2);
        EXPECT_EQ(policy->allowedNonCorroborations(n), n > 2 ? n - 2 : 0);
        EXPECT_EQ(policy->requiredRirs(n), 0);
    }
}

// A single vantage point: the primary alone, no remotes needed.
TEST(QuorumPolicyTableTest, SingleNeedsNoRemotes) {
    const auto policy = QuorumPolicyTable::lookup("single", ymd(2026, 1, 1));
    ASSERT_TRUE(policy.has_value());
    EXPECT_TRUE(policy->primaryRequired);
    EXPECT_EQ(policy->minimumRemotes, 0);
    for (int n = 0; n <= 9; ++n) {
        SCOPED_TRACE("n = " + std::to_string(n));
        EXPECT_EQ(policy->requiredCorroborations(n), 0);
        EXPECT_EQ(policy->allowedNonCorroborations(n), n);
        EXPECT_EQ(policy->requiredRirs(n), 0);
    }
}

TEST(QuorumPolicyTableTest, FixedRulesFromCustomPolicies) {
    QuorumPolicy allowedOne;
    allowedOne.failureRule = Rule::AllowedFixed;
    allowedOne.ruleValue = 1;
    QuorumPolicy requiredFour;
    requiredFour.failureRule = Rule::RequiredFixed;
    requiredFour.ruleValue = 4;
    for (int n = 0; n <= 9; ++n) {
        SCOPED_TRACE("n = " + std::to_string(n));
        EXPECT_EQ(allowedOne.requiredCorroborations(n), n > 1 ? n - 1 : 0);
        EXPECT_EQ(allowedOne.allowedNonCorroborations(n), n > 0 ? 1 : 0);
        EXPECT_EQ(requiredFour.requiredCorroborations(n), 4);
        EXPECT_EQ(requiredFour.allowedNonCorroborations(n), n > 4 ? n - 4 : 0);
    }
}

TEST(QuorumPolicyTableTest, ParseIsoDateAcceptsValidCalendarDates) {
    EXPECT_EQ(parseIsoDate("2026-03-15"), ymd(2026, 3, 15));
    EXPECT_EQ(parseIsoDate("2025-09-15"), ymd(2025, 9, 15));
    EXPECT_EQ(parseIsoDate("2024-02-29"), ymd(2024, 2, 29));  // leap year
    EXPECT_EQ(parseIsoDate("2000-02-29"), ymd(2000, 2, 29));  // divisible by 400
    EXPECT_EQ(parseIsoDate("2026-12-31"), ymd(2026, 12, 31));
    EXPECT_EQ(parseIsoDate("2026-01-01"), ymd(2026, 1, 1));
}

TEST(QuorumPolicyTableTest, ParseIsoDateRejectsInvalidDatesAndOtherFormats) {
    for (const char* text : {
             "2026-02-30",   // no such day
             "2025-02-29",   // not a leap year
             "1900-02-29",   // divisible by 100, not by 400
             "2026-04-31",   // April has 30 days
             "2026-13-01",   // no such month
             "2026-00-10",   // month 0
             "2026-03-00",   // day 0
             "2026-3-15",    // month not zero-padded
             "2026-03-5",    // day not zero-padded
             "26-03-15",     // two-digit year
             "2026/03/15",   // wrong separator
             "20260315",     // no separators
             "2026-03-15x",  // trailing text
             " 2026-03-15",  // leading space
             "2026-03-1 ",   // trailing space in the day
             "2026-+3-15",   // sign in the month
             "-026-03-15",   // negative year
             "+026-03-15",   // sign in the year
             "2026-03--1",   // negative day
             "abcd-ef-gh",   // garbage of the right shape
             "garbage",     "",
         }) {
        EXPECT_FALSE(parseIsoDate(text).has_value()) << "accepted \"" << text << "\"";
    }
}

TEST(QuorumPolicyTableTest, FormatIsoDateRoundTrips) {
    for (const char* text : {"2025-03-15", "2025-09-15", "2026-03-15", "2026-06-15", "2026-12-15",
                             "2024-02-29", "0999-01-09", "2100-10-01"}) {
        const auto parsed = parseIsoDate(text);
        ASSERT_TRUE(parsed.has_value()) << text;
        EXPECT_EQ(formatIsoDate(*parsed), text);
    }
    for (year_month_day when = ymd(2024, 12, 1); when <= ymd(2027, 1, 31);
         when = year_month_day{std::chrono::sys_days{when} + std::chrono::days{1}}) {
        const std::string text = formatIsoDate(when);
        ASSERT_EQ(text.size(), 10u) << text;
        EXPECT_EQ(parseIsoDate(text), when) << text;
    }
}

// phases() lists one rule's rows in table order: the BR phases by date, an unphased rule once.
TEST(QuorumPolicyTableTest, PhasesListOneRulesRowsInOrder) {
    const auto br = QuorumPolicyTable::phases("br");
    ASSERT_GE(br.size(), 3u);
    for (std::size_t i = 0; i < br.size(); ++i) {
        EXPECT_EQ(br[i].name, "br");
        if (i > 0) {
            EXPECT_LT(*br[i - 1].effectiveFrom, *br[i].effectiveFrom);
        }
    }
    const auto rows = QuorumPolicyTable::rows();
    EXPECT_EQ(static_cast<std::ptrdiff_t>(br.size()),
              std::count_if(rows.begin(), rows.end(),
                            [](const QuorumPolicy& row) { return row.name == "br"; }));
    EXPECT_EQ(QuorumPolicyTable::phases("single").size(), 1u);
    EXPECT_TRUE(QuorumPolicyTable::phases("no-such-rule").empty());
}

}  // namespace
}  // namespace mpicsim
