// Corroboration::decide on synthetic perspective outcomes (TLS BR v2.2.6, 3.2.2.9): when the
// attacker obtains a certificate, when the owner's own validation is blocked, and the sentence
// that explains the verdict.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "mpicsim/mpic/Corroboration.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"

namespace mpicsim {
namespace {

using std::chrono::year_month_day;

year_month_day ymd(int y, unsigned m, unsigned d) {
    return year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

QuorumPolicy policy(const char* name, year_month_day when = ymd(2026, 12, 15)) {
    const auto found = QuorumPolicyTable::lookup(name, when);
    if (!found) {
        ADD_FAILURE() << "no policy " << name << " on " << formatIsoDate(when);
        return QuorumPolicy{};
    }
    return *found;
}

QuorumPolicy brPhase(int y, unsigned m, unsigned d) {
    return policy("br", ymd(y, m, d));
}

constexpr Outcome A = Outcome::Attacker;
constexpr Outcome V = Outcome::Victim;
constexpr Outcome D = Outcome::Disconnected;

RemoteResult remote(Outcome outcome, Rir rir) {
    return RemoteResult{outcome, rir};
}

// Remotes spread over the five RIRs in turn.
std::vector<RemoteResult> spread(const std::vector<Outcome>& outcomes) {
    std::vector<RemoteResult> remotes;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        remotes.push_back(remote(outcomes[i], kAllRirs[i % kAllRirs.size()]));
    }
    return remotes;
}

std::vector<RemoteResult> allIn(Rir rir, const std::vector<Outcome>& outcomes) {
    std::vector<RemoteResult> remotes;
    for (Outcome outcome : outcomes) {
        remotes.push_back(remote(outcome, rir));
    }
    return remotes;
}

std::vector<Outcome> repeat(Outcome outcome, int count) {
    return std::vector<Outcome>(static_cast<std::size_t>(count), outcome);
}

std::vector<Outcome> concat(std::vector<Outcome> a, const std::vector<Outcome>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

bool mentions(const std::string& text, const std::string& word) {
    return text.find(word) != std::string::npos;
}

void expectIssued(const Verdict& verdict) {
    EXPECT_TRUE(verdict.issuedToAttacker) << verdict.reason;
    EXPECT_TRUE(mentions(verdict.reason, "ISSUED")) << verdict.reason;
    EXPECT_FALSE(mentions(verdict.reason, "REFUSED")) << verdict.reason;
}

void expectRefused(const Verdict& verdict) {
    EXPECT_FALSE(verdict.issuedToAttacker) << verdict.reason;
    EXPECT_TRUE(mentions(verdict.reason, "REFUSED")) << verdict.reason;
    EXPECT_FALSE(mentions(verdict.reason, "ISSUED")) << verdict.reason;
}

TEST(CorroborationTest, PrimaryCapturedButQuorumNotIsRefused) {
    // 2026-12-15: 5 remotes, 1 non-corroboration allowed; only 3 reach the attacker.
    const auto remotes = spread({A, A, A, V, V});
    const Verdict verdict = Corroboration::decide(brPhase(2026, 12, 15), A, remotes);
    expectRefused(verdict);
    EXPECT_TRUE(verdict.primaryUsed);
    EXPECT_TRUE(verdict.primaryReachesAttacker);
    EXPECT_FALSE(verdict.primaryReachesVictim);
    EXPECT_EQ(verdict.remotes, 5);
    EXPECT_EQ(verdict.corroborating, 3);
    EXPECT_EQ(verdict.required, 4);
    EXPECT_EQ(verdict.reachingVictim, 2);
    EXPECT_TRUE(verdict.blocking);
    EXPECT_TRUE(mentions(verdict.reason, "3 of 5")) << verdict.reason;
}

TEST(CorroborationTest, PrimaryAndAllButOneRemoteIsIssuedForTwoToFiveRemotes) {
    for (int n = 2; n <= 5; ++n) {
        SCOPED_TRACE("n = " + std::to_string(n));
        // Without an RIR rule (2025-09-15) and with one (2026-03-15; spread over RIRs).
        for (const QuorumPolicy& rule : {brPhase(2025, 9, 15), brPhase(2026, 3, 15)}) {
            SCOPED_TRACE(rule.label());
            if (n < rule.minimumRemotes) {
                continue;  // 2026-03-15 needs 3 remotes
            }
            const auto enough = spread(concat({V}, repeat(A, n - 1)));
            const Verdict issued = Corroboration::decide(rule, A, enough);
            expectIssued(issued);
            EXPECT_EQ(issued.required, n - 1);
            EXPECT_EQ(issued.corroborating, n - 1);

            const auto tooFew = spread(concat({V, D}, repeat(A, n - 2)));
            expectRefused(Corroboration::decide(rule, A, tooFew));
        }
    }
}

TEST(CorroborationTest, PrimaryAndAllButTwoRemotesIsIssuedFromSixRemotes) {
    for (int n = 6; n <= 9; ++n) {
        SCOPED_TRACE("n = " + std::to_string(n));
        const QuorumPolicy rule = brPhase(2026, 12, 15);
        const Verdict issued =
            Corroboration::decide(rule, A, spread(concat({V, D}, repeat(A, n - 2))));
        expectIssued(issued);
        EXPECT_EQ(issued.required, n - 2);
        expectRefused(Corroboration::decide(rule, A, spread(concat({V, V, D}, repeat(A, n - 3)))));
    }
}

TEST(CorroborationTest, AllRemotesInOneRirAreRefusedFrom2026_03_15AndIssuedBefore) {
    const auto remotes = allIn(Rir::Ripe, {A, A, A});

    const Verdict diverse = Corroboration::decide(brPhase(2026, 3, 15), A, remotes);
    expectRefused(diverse);
    EXPECT_EQ(diverse.corroborating, 3);
    EXPECT_EQ(diverse.corroboratingRirs, 1);
    EXPECT_EQ(diverse.requiredRirs, 2);
    EXPECT_TRUE(mentions(diverse.reason, "RIR")) << diverse.reason;

    // The same attempt the day before 2026-03-15, and in the 2025-09-15 phase.
    for (const QuorumPolicy& rule : {brPhase(2026, 3, 14), brPhase(2025, 9, 15)}) {
        SCOPED_TRACE(rule.label());
        const Verdict verdict = Corroboration::decide(rule, A, remotes);
        expectIssued(verdict);
        EXPECT_EQ(verdict.requiredRirs, 0);
    }

    // Two RIRs among the corroborators suffice from 2026-03-15 on.
    const std::vector<RemoteResult> twoRirs = {remote(A, Rir::Ripe), remote(A, Rir::Ripe),
                                               remote(A, Rir::Arin)};
    expectIssued(Corroboration::decide(brPhase(2026, 3, 15), A, twoRirs));
}

TEST(CorroborationTest, RirDiversityCountsOnlyTheCorroboratingRemotes) {
    // 4 remotes in 2 RIRs, but the 3 that reach the attacker are all in ARIN (2026-06-15: 3 of 4
    // needed, spanning 2 RIRs).
    const std::vector<RemoteResult> remotes = {remote(A, Rir::Arin), remote(A, Rir::Arin),
                                               remote(A, Rir::Arin), remote(V, Rir::Ripe)};
    const Verdict verdict = Corroboration::decide(brPhase(2026, 6, 15), A, remotes);
    expectRefused(verdict);
    EXPECT_EQ(verdict.corroboratingRirs, 1);
}

TEST(CorroborationTest, NonBlockingPhaseIssuesOnACapturedPrimaryAlone) {
    const QuorumPolicy rule = brPhase(2025, 3, 15);
    ASSERT_FALSE(rule.blocking);
    for (const auto& remotes : {spread({V, V}), spread({D, D}), spread({V, D, V, D, V, D})}) {
        const Verdict verdict = Corroboration::decide(rule, A, remotes);
        expectIssued(verdict);
        EXPECT_EQ(verdict.corroborating, 0);
        EXPECT_FALSE(verdict.blocking);
    }
    // The same in the proposal's non-blocking phase.
    expectIssued(
        Corroboration::decide(policy("cabf-proposal-2023", ymd(2024, 12, 15)), A, spread({V, V})));
    // ... but not from the next, blocking phase on.
    expectRefused(Corroboration::decide(brPhase(2025, 9, 15), A, spread({V, V})));
    // A non-blocking phase still needs the primary.
    expectRefused(Corroboration::decide(rule, V, spread({A, A})));
}

TEST(CorroborationTest, PrimaryReachingTheVictimRefuses) {
    for (const QuorumPolicy& rule :
         {brPhase(2025, 3, 15), brPhase(2025, 9, 15), brPhase(2026, 12, 15),
          policy("lets-encrypt-2020"), policy("single")}) {
        SCOPED_TRACE(rule.label());
        const Verdict verdict = Corroboration::decide(rule, V, spread({A, A, A, A, A, A}));
        expectRefused(verdict);
        EXPECT_TRUE(verdict.primaryReachesVictim);
        EXPECT_FALSE(verdict.primaryReachesAttacker);
        EXPECT_EQ(verdict.corroborating, 6);
        EXPECT_TRUE(mentions(verdict.reason, "victim")) << verdict.reason;
    }
    // A primary that reaches nobody refuses as well.
    const Verdict nowhere = Corroboration::decide(brPhase(2026, 12, 15), D, spread(repeat(A, 6)));
    expectRefused(nowhere);
    EXPECT_FALSE(nowhere.primaryReachesVictim);
    EXPECT_FALSE(nowhere.primaryReachesAttacker);
}

TEST(CorroborationTest, DisconnectedRemotesDoNotCorroborate) {
    // 2025-09-15 with 3 remotes: 2 corroborations needed.
    const Verdict verdict = Corroboration::decide(brPhase(2025, 9, 15), A, spread({A, D, D}));
    expectRefused(verdict);
    EXPECT_EQ(verdict.corroborating, 1);
    EXPECT_EQ(verdict.reachingVictim, 0);
    EXPECT_EQ(verdict.required, 2);
    EXPECT_TRUE(mentions(verdict.reason, "1 of 3")) << verdict.reason;

    // Disconnected remotes do not count for the owner either.
    EXPECT_TRUE(verdict.legitimateIssuanceBlocked);

    const Verdict allDark = Corroboration::decide(brPhase(2026, 12, 15), A, spread(repeat(D, 6)));
    expectRefused(allDark);
    EXPECT_EQ(allDark.corroborating, 0);
}

TEST(CorroborationTest, SingleVantagePointIssuesOnThePrimary) {
    const std::vector<RemoteResult> none;
    expectIssued(Corroboration::decide(policy("single"), A, none));
    expectRefused(Corroboration::decide(policy("single"), V, none));
}

TEST(CorroborationTest, LetsEncrypt2020NeedsTwoOfThree) {
    expectIssued(Corroboration::decide(policy("lets-encrypt-2020"), A, spread({A, A, V})));
    expectRefused(Corroboration::decide(policy("lets-encrypt-2020"), A, spread({A, V, V})));
}

TEST(CorroborationTest, LegitimateIssuanceBlockedWhenThePrimaryDoesNotReachTheVictim) {
    for (const QuorumPolicy& rule :
         {brPhase(2025, 3, 15), brPhase(2025, 9, 15), brPhase(2026, 12, 15), policy("single")}) {
        SCOPED_TRACE(rule.label());
        for (Outcome primary : {A, D}) {
            EXPECT_TRUE(Corroboration::decide(rule, primary, spread(repeat(V, 6)))
                            .legitimateIssuanceBlocked);
        }
        EXPECT_FALSE(
            Corroboration::decide(rule, V, spread(repeat(V, 6))).legitimateIssuanceBlocked);
    }
}

TEST(CorroborationTest, LegitimateIssuanceBlockedWhenTooFewRemotesReachTheVictim) {
    // Blocking, 4 remotes: 3 must reach the victim.
    const QuorumPolicy blocking = brPhase(2025, 9, 15);
    const Verdict twoOfFour = Corroboration::decide(blocking, V, spread({V, V, A, A}));
    EXPECT_TRUE(twoOfFour.legitimateIssuanceBlocked);
    EXPECT_EQ(twoOfFour.reachingVictim, 2);
    EXPECT_FALSE(
        Corroboration::decide(blocking, V, spread({V, V, V, A})).legitimateIssuanceBlocked);
    EXPECT_TRUE(Corroboration::decide(blocking, V, spread({V, V, D, D})).legitimateIssuanceBlocked);
}

TEST(CorroborationTest, LegitimateIssuanceBlockedWhenVictimReachersSpanTooFewRirs) {
    const std::vector<RemoteResult> oneRir = allIn(Rir::Arin, {V, V, V});
    const Verdict verdict = Corroboration::decide(brPhase(2026, 3, 15), V, oneRir);
    EXPECT_TRUE(verdict.legitimateIssuanceBlocked);
    EXPECT_EQ(verdict.reachingVictim, 3);
    EXPECT_EQ(verdict.reachingVictimRirs, 1);
    // Before the RIR rule the same outcome lets the owner through.
    EXPECT_FALSE(Corroboration::decide(brPhase(2025, 9, 15), V, oneRir).legitimateIssuanceBlocked);
    // Two RIRs among those that reach the victim suffice.
    const std::vector<RemoteResult> twoRirs = {remote(V, Rir::Arin), remote(V, Rir::Arin),
                                               remote(V, Rir::Lacnic)};
    EXPECT_FALSE(Corroboration::decide(brPhase(2026, 3, 15), V, twoRirs).legitimateIssuanceBlocked);
}

TEST(CorroborationTest, NonBlockingPhaseNeverBlocksTheOwnerWhenThePrimaryReachesTheVictim) {
    const QuorumPolicy rule = brPhase(2025, 3, 15);
    for (const auto& remotes : {spread({A, A}), spread({D, D}), allIn(Rir::Ripe, {A, A, A, A}),
                                std::vector<RemoteResult>{}}) {
        const Verdict verdict = Corroboration::decide(rule, V, remotes);
        EXPECT_FALSE(verdict.legitimateIssuanceBlocked) << verdict.reason;
        EXPECT_FALSE(verdict.issuedToAttacker) << verdict.reason;
    }
    EXPECT_TRUE(Corroboration::decide(rule, A, spread({V, V})).legitimateIssuanceBlocked);
}

TEST(CorroborationTest, OpenMpicHasNoPrimary) {
    const QuorumPolicy rule = policy("open-mpic");
    ASSERT_FALSE(rule.primaryRequired);

    // 6 perspectives: 4 needed, spanning 2 RIRs.
    const Verdict issued = Corroboration::decide(rule, std::nullopt, spread({A, A, A, A, V, V}));
    expectIssued(issued);
    EXPECT_FALSE(issued.primaryUsed);
    EXPECT_EQ(issued.required, 4);
    EXPECT_FALSE(mentions(issued.reason, "primary")) << issued.reason;
    EXPECT_TRUE(issued.legitimateIssuanceBlocked);  // only 2 of 6 reach the owner

    const Verdict refused = Corroboration::decide(rule, std::nullopt, spread({A, A, A, V, V, V}));
    expectRefused(refused);
    EXPECT_FALSE(mentions(refused.reason, "primary")) << refused.reason;

    // n > 2: the corroborators must span 2 RIRs.
    expectRefused(Corroboration::decide(rule, std::nullopt, allIn(Rir::Apnic, {A, A, A})));
    expectIssued(Corroboration::decide(rule, std::nullopt, spread({A, A, V})));
    // n = 2: one of two, no RIR rule.
    expectIssued(Corroboration::decide(rule, std::nullopt, allIn(Rir::Apnic, {A, V})));

    // The owner: 5 of 6 across 2 RIRs passes; all in one RIR does not.
    EXPECT_FALSE(Corroboration::decide(rule, std::nullopt, spread({V, V, V, V, V, A}))
                     .legitimateIssuanceBlocked);
    EXPECT_TRUE(Corroboration::decide(rule, std::nullopt, allIn(Rir::Ripe, repeat(V, 6)))
                    .legitimateIssuanceBlocked);
}

TEST(CorroborationTest, WithoutReasonTheVerdictIsTheSame) {
    for (const QuorumPolicy& rule :
         {brPhase(2025, 3, 15), brPhase(2026, 3, 15), policy("open-mpic")}) {
        for (const auto& remotes : {spread({A, A, A}), allIn(Rir::Ripe, {A, A, A}),
                                    spread({V, A, D, V}), spread({V, V, V})}) {
            for (std::optional<Outcome> primary :
                 {std::optional<Outcome>(A), std::optional(V), std::optional(D)}) {
                const Verdict full = Corroboration::decide(rule, primary, remotes, true);
                const Verdict fast = Corroboration::decide(rule, primary, remotes, false);
                EXPECT_TRUE(fast.reason.empty());
                EXPECT_FALSE(full.reason.empty());
                EXPECT_EQ(full.issuedToAttacker, fast.issuedToAttacker);
                EXPECT_EQ(full.legitimateIssuanceBlocked, fast.legitimateIssuanceBlocked);
                EXPECT_EQ(full.corroborating, fast.corroborating);
                EXPECT_EQ(full.required, fast.required);
                EXPECT_EQ(mentions(full.reason, "ISSUED"), full.issuedToAttacker) << full.reason;
                EXPECT_EQ(mentions(full.reason, "REFUSED"), !full.issuedToAttacker) << full.reason;
            }
        }
    }
}

}  // namespace
}  // namespace mpicsim

namespace mpicsim {
namespace {

// Deciding from the tallies (as studies do, on outcome bits) gives the verdict of deciding from
// the remotes, for random remote sets under every kind of policy.
TEST(CorroborationTest, DecidingFromTalliesEqualsDecidingFromRemotes) {
    std::mt19937_64 random(3229);
    std::vector<QuorumPolicy> policies = {policy("single"),     policy("lets-encrypt-2020"),
                                          policy("open-mpic"),  brPhase(2025, 3, 15),
                                          brPhase(2025, 9, 15), brPhase(2026, 3, 15),
                                          brPhase(2026, 12, 15)};
    std::size_t issued = 0;
    for (int round = 0; round < 20000; ++round) {
        std::vector<RemoteResult> remotes(random() % 11);
        Corroboration::Tally attacker;
        Corroboration::Tally victim;
        std::set<Rir> attackerRirs;
        std::set<Rir> victimRirs;
        for (RemoteResult& result : remotes) {
            result.outcome = static_cast<Outcome>(random() % 3);
            result.rir = kAllRirs[random() % kAllRirs.size()];
            if (result.outcome == Outcome::Attacker) {
                ++attacker.count;
                attackerRirs.insert(result.rir);
            } else if (result.outcome == Outcome::Victim) {
                ++victim.count;
                victimRirs.insert(result.rir);
            }
        }
        attacker.rirs = static_cast<int>(attackerRirs.size());
        victim.rirs = static_cast<int>(victimRirs.size());
        const std::optional<Outcome> primary =
            random() % 4 == 0 ? std::nullopt
                              : std::optional<Outcome>(static_cast<Outcome>(random() % 3));
        for (const QuorumPolicy& quorum : policies) {
            const Verdict fromRemotes = Corroboration::decide(quorum, primary, remotes, false);
            const Verdict fromTallies = Corroboration::decide(
                quorum, primary, static_cast<int>(remotes.size()), attacker, victim);
            ASSERT_EQ(fromTallies.issuedToAttacker, fromRemotes.issuedToAttacker);
            ASSERT_EQ(fromTallies.legitimateIssuanceBlocked, fromRemotes.legitimateIssuanceBlocked);
            ASSERT_EQ(fromTallies.corroborating, fromRemotes.corroborating);
            ASSERT_EQ(fromTallies.corroboratingRirs, fromRemotes.corroboratingRirs);
            ASSERT_EQ(fromTallies.required, fromRemotes.required);
            issued += fromRemotes.issuedToAttacker ? 1 : 0;
        }
    }
    EXPECT_GT(issued, 1000u);
}

}  // namespace
}  // namespace mpicsim
