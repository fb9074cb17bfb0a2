// The outcome matrix against the study pipeline: every deployment and policy scored from the
// matrix equals what ExperimentRunner (the engine of `mpicsim run`, one fresh propagation per
// unit) decides, unit by unit, on a real snapshot; and the matrix file round-trips through
// mmap and refuses truncated files and other topologies.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <set>

#include "mpicsim/common/Cancelled.hpp"
#include "mpicsim/experiment/DeploymentScorer.hpp"
#include "mpicsim/experiment/ExperimentRunner.hpp"
#include "mpicsim/experiment/OutcomeMatrixBuilder.hpp"
#include "mpicsim/experiment/PerspectiveCandidatePropagation.hpp"
#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/OutcomeMatrixFile.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"
#include "support/SharedData.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim {
namespace {

QuorumPolicy custom(QuorumPolicy::FailureRule rule, int value, bool primary, int rirs,
                    bool blocking) {
    QuorumPolicy policy;
    policy.name = "custom";
    policy.failureRule = rule;
    policy.ruleValue = value;
    policy.primaryRequired = primary;
    policy.minimumCorroboratingRirs = rirs;
    policy.blocking = blocking;
    return policy;
}

// Every kind of policy: each BR and CABF phase (non-blocking, blocking, with the RIR rule), the
// fixed deployments, and custom rules of every failure rule, with and without primary, RIR rule
// and blocking.
std::vector<PolicyChoice> everyPolicyKind() {
    std::vector<PolicyChoice> choices;
    for (const QuorumPolicy& row : QuorumPolicyTable::rows()) {
        choices.push_back({row, row.label()});
    }
    using Rule = QuorumPolicy::FailureRule;
    const std::vector<std::pair<QuorumPolicy, std::string>> customs = {
        {custom(Rule::AllowedFixed, 1, true, 0, true), "custom-allowed-1"},
        {custom(Rule::AllowedFixed, 0, true, 2, true), "custom-allowed-0-rirs-2"},
        {custom(Rule::RequiredFixed, 2, false, 0, true), "custom-required-2-no-primary"},
        {custom(Rule::RequiredFixed, 1, true, 0, false), "custom-required-1-non-blocking"},
        {custom(Rule::BrTable, 0, true, 3, true), "custom-br-table-rirs-3"},
    };
    for (const auto& [policy, label] : customs) {
        choices.push_back({policy, label});
    }
    return choices;
}

class OutcomeMatrixTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        const auto path = test::sharedTopology("20161101.as-rel.txt.bz2");
        if (!std::filesystem::exists(path)) {
            return;
        }
        graph_ = std::make_unique<AsGraph>(CaidaReader::readFile(path));
    }
    static void TearDownTestSuite() { graph_.reset(); }

    void SetUp() override {
        MPICSIM_REQUIRE_SHARED_FILE(test::sharedTopology("20161101.as-rel.txt.bz2"));
    }

    static std::unique_ptr<AsGraph> graph_;
};

std::unique_ptr<AsGraph> OutcomeMatrixTest::graph_;

TEST_F(OutcomeMatrixTest, ScoresEqualTheStudyRunnerForRandomDeploymentsAndEveryPolicyKind) {
    const AsGraph& graph = *graph_;
    // Candidates: catalog perspectives of every provider (own nodes and in-AS ones) present here.
    std::vector<Perspective> candidates;
    std::set<std::string> providers;
    for (const Perspective& perspective : PerspectiveCatalogReader::builtIn().perspectives()) {
        try {
            PlacedPerspective placed(graph, perspective);
        } catch (const std::invalid_argument&) {
            continue;
        }
        if (candidates.size() < 24 || !providers.contains(perspective.provider)) {
            candidates.push_back(perspective);
            providers.insert(perspective.provider);
        }
    }
    ASSERT_GE(candidates.size(), 20u);

    // 66 random deployments: a random primary (or none) and 1 to 8 random remotes; every 11th
    // has a primary alone (for `single`).
    std::mt19937_64 rng(20261130);
    Scenario scenario;
    scenario.name = "matrix-vs-runner";
    scenario.seed = 7;
    scenario.attacks = {AttackType::EquallySpecific, AttackType::Subprefix,
                        AttackType::ForgedOrigin};
    scenario.prefixLengths = {22};
    RovSetting none;
    none.label = "none";
    RovSetting random;
    random.kind = RovSetting::Kind::RandomFraction;
    random.fraction = 0.3;
    random.seed = 5;
    random.label = "random:0.3";
    scenario.rovSettings = {none, random};
    RoaSetting half;  // half the victims without a ROA, beside the default of all with one
    half.kind = RoaSetting::Kind::Fraction;
    half.fraction = 0.5;
    half.seed = 2;
    half.label = "fraction:0.5";
    scenario.roaSettings = {RoaSetting{}, half};
    scenario.victims.kind = AsSelection::Kind::Sample;
    scenario.victims.sampleSize = 7;
    scenario.adversaries.kind = AsSelection::Kind::Sample;
    scenario.adversaries.sampleSize = 7;
    scenario.policies = everyPolicyKind();
    std::vector<DeploymentScorer::Deployment> deployments;
    for (int d = 0; d < 66; ++d) {
        DeploymentScorer::Deployment deployment;
        std::vector<std::size_t> order(candidates.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::shuffle(order.begin(), order.end(), rng);
        const std::size_t remotes = d % 11 == 10 ? 0 : 1 + rng() % 8;
        CaConfiguration ca;
        ca.name = "deployment-" + std::to_string(d);
        if (d % 6 != 5 || remotes == 0) {
            deployment.primary = order.back();
            ca.primary = candidates[order.back()];
        }
        for (std::size_t i = 0; i < remotes; ++i) {
            deployment.remotes.push_back(order[i]);
            ca.remotes.push_back(candidates[order[i]]);
        }
        deployments.push_back(deployment);
        scenario.cas.push_back(ca);
    }

    const TrialPlan plan(graph, scenario);
    const ExperimentRunner runner(graph, scenario, plan);
    ASSERT_GT(runner.combinations().size(), 500u);

    std::vector<PlacedPerspective> placed;
    std::vector<OutcomeMatrix::Candidate> matrixCandidates;
    for (const Perspective& perspective : candidates) {
        placed.emplace_back(graph, perspective);
        matrixCandidates.push_back(
            {perspective.id, perspective.hostAsn, perspective.rir, perspective.provider});
    }
    const PerspectiveCandidatePropagation propagation(
        graph, scenario.tieBreak, plan.rovDeployments(), placed, PropagationMode::Full);
    const OutcomeMatrix matrix =
        OutcomeMatrixBuilder::build(graph, scenario, plan, matrixCandidates, propagation, 2);
    ASSERT_EQ(matrix.unitCount(), plan.unitCount());
    // The units record whether their victim holds a ROA (the "fraction:0.5" half of them do not).
    std::size_t withoutRoa = 0;
    for (std::uint64_t u = 0; u < plan.unitCount(); ++u) {
        const bool noRoa = !plan.attack(plan.unit(u)).victimHasRoa;
        ASSERT_EQ(matrix.units()[u].victimWithoutRoa, noRoa ? 1 : 0) << "unit " << u;
        withoutRoa += noRoa ? 1 : 0;
    }
    EXPECT_GT(withoutRoa, 0u);

    std::vector<TrialRecord> records;
    for (std::uint64_t shard = 0; shard < plan.shardCount(); ++shard) {
        for (TrialRecord& record : runner.shardRecords(shard)) {
            records.push_back(std::move(record));
        }
    }
    ASSERT_EQ(records.size(), matrix.unitCount());

    std::size_t compared = 0;
    std::set<std::size_t> deploymentsCompared;
    std::set<std::size_t> policiesCompared;
    std::vector<std::uint64_t> issued;
    std::vector<std::uint64_t> blocked;
    for (std::size_t k = 0; k < runner.combinations().size(); ++k) {
        const auto& combination = runner.combinations()[k];
        DeploymentScorer::Deployment deployment = deployments[combination.caIndex];
        const DeploymentScorer scorer(matrix, combination.policy, 8);
        scorer.verdictWords(deployment, issued, &blocked);
        std::uint64_t issuedCount = 0;
        std::uint64_t blockedCount = 0;
        for (std::size_t unit = 0; unit < records.size(); ++unit) {
            const CombinationVerdict& expected = records[unit].verdicts[k];
            const bool matrixIssued = ((issued[unit / 64] >> (unit % 64)) & 1) != 0;
            const bool matrixBlocked = ((blocked[unit / 64] >> (unit % 64)) & 1) != 0;
            ASSERT_EQ(matrixIssued, expected.issuedToAttacker)
                << scenario.cas[combination.caIndex].name << " × " << combination.policyLabel
                << ", unit " << unit;
            ASSERT_EQ(matrixBlocked, expected.legitimateIssuanceBlocked)
                << scenario.cas[combination.caIndex].name << " × " << combination.policyLabel
                << ", unit " << unit;
            const Verdict direct = scorer.decideUnit(deployment, unit);
            ASSERT_EQ(direct.issuedToAttacker, expected.issuedToAttacker);
            ASSERT_EQ(direct.legitimateIssuanceBlocked, expected.legitimateIssuanceBlocked);
            issuedCount += expected.issuedToAttacker ? 1 : 0;
            blockedCount += expected.legitimateIssuanceBlocked ? 1 : 0;
        }
        const auto score = scorer.score(deployment);
        EXPECT_EQ(score.issued, issuedCount);
        EXPECT_EQ(score.blocked, blockedCount);
        deploymentsCompared.insert(combination.caIndex);
        policiesCompared.insert(combination.policyIndex);
        ++compared;
    }
    EXPECT_GE(deploymentsCompared.size(), 50u);
    EXPECT_EQ(policiesCompared.size(), scenario.policies.size());
}

// The scorer's per-word evaluation (count thresholds, RIR counts, primary classes) against
// Corroboration::decide on every unit, for deployments larger than a study's (up to 24 remotes,
// so counts need five bits) on a random matrix whose outcomes are skewed per deployment so that
// every count from none to all occurs.
TEST(DeploymentScorerTest, LargeDeploymentsEqualDecideOnEveryUnit) {
    constexpr std::size_t kCandidates = 40;
    constexpr std::size_t kUnits = 700;  // 11 words, the last one partly used
    std::vector<OutcomeMatrix::Candidate> candidates;
    std::mt19937_64 rng(424242);
    for (std::size_t c = 0; c < kCandidates; ++c) {
        candidates.push_back({std::string("c").append(std::to_string(c)), static_cast<Asn>(c + 1),
                              kAllRirs[rng() % kAllRirs.size()], ""});
    }
    std::vector<OutcomeMatrix::Unit> units(kUnits);
    for (std::size_t u = 0; u < kUnits; ++u) {
        units[u].victim = static_cast<Asn>(1 + u % 13);
        units[u].adversary = static_cast<Asn>(100 + u);
    }
    OutcomeMatrix matrix(std::move(candidates), std::move(units));
    for (std::size_t u = 0; u < kUnits; ++u) {
        // Unit u's share of adversary outcomes runs from 0 to 1 across the units.
        const std::uint64_t adversaryShare = u * 100 / kUnits;
        for (std::size_t c = 0; c < kCandidates; ++c) {
            const std::uint64_t draw = rng() % 100;
            matrix.set(u, c,
                       draw < adversaryShare       ? Outcome::Attacker
                       : draw < adversaryShare + 5 ? Outcome::Disconnected
                                                   : Outcome::Victim);
        }
    }
    // Every policy kind asks for thresholds near none or all of the remotes (answered by a
    // shallow thermometer); the two customs below ask for thresholds in the middle of 12 to 24
    // remotes (answered by bit-sliced counters).
    using Rule = QuorumPolicy::FailureRule;
    std::vector<PolicyChoice> policies = everyPolicyKind();
    policies.push_back({custom(Rule::RequiredFixed, 8, true, 0, true), "custom-required-8"});
    policies.push_back({custom(Rule::AllowedFixed, 6, false, 3, true), "custom-allowed-6-rirs-3"});
    std::size_t compared = 0;
    for (const PolicyChoice& choice : policies) {
        ASSERT_TRUE(choice.policy);
        const DeploymentScorer scorer(matrix, *choice.policy, 24);
        for (std::size_t remotes : {0u, 1u, 2u, 3u, 6u, 7u, 12u, 15u, 16u, 24u}) {
            for (bool withPrimary : {true, false}) {
                std::vector<std::size_t> order(kCandidates);
                std::iota(order.begin(), order.end(), std::size_t{0});
                std::shuffle(order.begin(), order.end(), rng);
                DeploymentScorer::Deployment deployment;
                if (withPrimary) {
                    deployment.primary = order.back();
                }
                deployment.remotes.assign(order.begin(),
                                          order.begin() + static_cast<std::ptrdiff_t>(remotes));
                std::vector<std::uint64_t> issued;
                std::vector<std::uint64_t> blocked;
                scorer.verdictWords(deployment, issued, &blocked);
                std::uint64_t issuedCount = 0;
                std::uint64_t blockedCount = 0;
                for (std::size_t u = 0; u < kUnits; ++u) {
                    const Verdict expected = scorer.decideUnit(deployment, u);
                    ASSERT_EQ(((issued[u / 64] >> (u % 64)) & 1) != 0, expected.issuedToAttacker)
                        << choice.label << ", " << remotes << " remotes, unit " << u;
                    ASSERT_EQ(((blocked[u / 64] >> (u % 64)) & 1) != 0,
                              expected.legitimateIssuanceBlocked)
                        << choice.label << ", " << remotes << " remotes, unit " << u;
                    issuedCount += expected.issuedToAttacker ? 1 : 0;
                    blockedCount += expected.legitimateIssuanceBlocked ? 1 : 0;
                }
                const auto score = scorer.score(deployment);
                EXPECT_EQ(score.issued, issuedCount);
                EXPECT_EQ(score.blocked, blockedCount);
                EXPECT_EQ(scorer.score(deployment, false).issued, issuedCount);
                ++compared;
            }
        }
    }
    EXPECT_EQ(compared, policies.size() * 20);
}

TEST_F(OutcomeMatrixTest, TheSameWhateverTheNumberOfThreadsAndStopsWhenAsked) {
    const AsGraph& graph = *graph_;
    Scenario scenario;
    scenario.attacks = {AttackType::Subprefix};
    scenario.prefixLengths = {22};
    scenario.rovSettings = {RovSetting{}};
    scenario.victims.kind = AsSelection::Kind::Sample;
    scenario.victims.sampleSize = 9;
    scenario.adversaries.kind = AsSelection::Kind::Sample;
    scenario.adversaries.sampleSize = 9;
    const TrialPlan plan(graph, scenario);
    std::vector<PlacedPerspective> placed;
    std::vector<OutcomeMatrix::Candidate> candidates;
    for (const Perspective& perspective : PerspectiveCatalogReader::builtIn().perspectives()) {
        if (placed.size() == 10) {
            break;
        }
        try {
            placed.emplace_back(graph, perspective);
            candidates.push_back({perspective.id, perspective.hostAsn, perspective.rir, ""});
        } catch (const std::invalid_argument&) {
        }
    }
    const PerspectiveCandidatePropagation propagation(
        graph, scenario.tieBreak, plan.rovDeployments(), placed, PropagationMode::Full);
    const OutcomeMatrix one =
        OutcomeMatrixBuilder::build(graph, scenario, plan, candidates, propagation, 1);
    const OutcomeMatrix three =
        OutcomeMatrixBuilder::build(graph, scenario, plan, candidates, propagation, 3);
    ASSERT_EQ(one.planeWords().size(), three.planeWords().size());
    EXPECT_TRUE(
        std::equal(one.planeWords().begin(), one.planeWords().end(), three.planeWords().begin()));
    // A stop flag set before the build ends it with Cancelled, whatever the threads and whether
    // progress is reported.
    const std::atomic<bool> stop{true};
    for (std::size_t threads : {1u, 3u}) {
        EXPECT_THROW(OutcomeMatrixBuilder::build(graph, scenario, plan, candidates, propagation,
                                                 threads, {}, &stop),
                     Cancelled);
        EXPECT_THROW(OutcomeMatrixBuilder::build(
                         graph, scenario, plan, candidates, propagation, threads,
                         [](std::uint64_t) {}, &stop),
                     Cancelled);
    }
}

// The propagation restricted to the candidates' provider closure gives the full one's matrix.
TEST_F(OutcomeMatrixTest, ScopedPropagationGivesTheFullMatrix) {
    const AsGraph& graph = *graph_;
    Scenario scenario;
    scenario.attacks = {AttackType::EquallySpecific, AttackType::Subprefix,
                        AttackType::ForgedOrigin};
    scenario.prefixLengths = {22, 24};
    RovSetting random;
    random.kind = RovSetting::Kind::RandomFraction;
    random.fraction = 0.4;
    random.seed = 3;
    random.label = "random:0.4";
    scenario.rovSettings = {RovSetting{}, random};
    scenario.victims.kind = AsSelection::Kind::Sample;
    scenario.victims.sampleSize = 8;
    scenario.adversaries.kind = AsSelection::Kind::Sample;
    scenario.adversaries.sampleSize = 8;
    const TrialPlan plan(graph, scenario);
    std::vector<PlacedPerspective> placed;
    std::vector<OutcomeMatrix::Candidate> candidates;
    for (const Perspective& perspective : PerspectiveCatalogReader::builtIn().perspectives()) {
        try {
            placed.emplace_back(graph, perspective);
            candidates.push_back({perspective.id, perspective.hostAsn, perspective.rir, ""});
        } catch (const std::invalid_argument&) {
        }
    }
    // Perspectives in their own nodes, attached to large transit ASes as their providers.
    for (const auto& [id, neighbours] : std::vector<std::pair<std::string, std::vector<Asn>>>{
             {"own-a", {174, 3356}}, {"own-b", {6939}}}) {
        Perspective perspective;
        perspective.id = id;
        perspective.hostAsn = neighbours.front();
        for (Asn neighbour : neighbours) {
            perspective.neighbours.push_back({neighbour, PerspectiveLink::Role::Provider});
        }
        placed.emplace_back(graph, perspective);
        candidates.push_back({perspective.id, perspective.hostAsn, perspective.rir, ""});
    }
    const PerspectiveCandidatePropagation full(graph, scenario.tieBreak, plan.rovDeployments(),
                                               placed, PropagationMode::Full);
    const PerspectiveCandidatePropagation scoped(graph, scenario.tieBreak, plan.rovDeployments(),
                                                 placed);
    const OutcomeMatrix fullMatrix =
        OutcomeMatrixBuilder::build(graph, scenario, plan, candidates, full, 2);
    const OutcomeMatrix scopedMatrix =
        OutcomeMatrixBuilder::build(graph, scenario, plan, candidates, scoped, 2);
    ASSERT_GT(fullMatrix.unitCount(), 500u);
    for (std::size_t u = 0; u < fullMatrix.unitCount(); ++u) {
        for (std::size_t c = 0; c < candidates.size(); ++c) {
            ASSERT_EQ(scopedMatrix.outcome(u, c), fullMatrix.outcome(u, c))
                << candidates[c].id << ", unit " << u;
        }
    }
}

OutcomeMatrix smallMatrix() {
    std::vector<OutcomeMatrix::Candidate> candidates = {{"a", 1, Rir::Arin, "aws"},
                                                        {"b", 2, Rir::Ripe, ""}};
    std::vector<OutcomeMatrix::Unit> units(130);
    for (std::size_t u = 0; u < units.size(); ++u) {
        units[u].victim = static_cast<Asn>(100 + u % 7);
        units[u].adversary = static_cast<Asn>(200 + u);
        units[u].prefixLength = 22;
    }
    OutcomeMatrix matrix(candidates, units);
    for (std::size_t u = 0; u < units.size(); ++u) {
        matrix.set(u, 0, static_cast<Outcome>(u % 3));
        matrix.set(u, 1, static_cast<Outcome>((u / 3) % 3));
    }
    return matrix;
}

TEST(OutcomeMatrixFileTest, RoundTripsThroughAMemoryMappedFile) {
    const test::TemporaryDirectory directory("outcome-matrix");
    const OutcomeMatrix matrix = smallMatrix();
    const auto path = directory.path() / "outcome-matrix.bin";
    OutcomeMatrixFile::write(path, matrix, {"abc123", "small"});
    OutcomeMatrixFile::Header header;
    const OutcomeMatrix read = OutcomeMatrixFile::read(path, std::string("abc123"), &header);
    EXPECT_EQ(header.scenario, "small");
    ASSERT_EQ(read.unitCount(), 130u);
    ASSERT_EQ(read.candidateCount(), 2u);
    EXPECT_EQ(read.candidates()[0].provider, "aws");
    EXPECT_EQ(read.candidates()[1].rir, Rir::Ripe);
    for (std::size_t u = 0; u < 130; ++u) {
        EXPECT_EQ(read.outcome(u, 0), matrix.outcome(u, 0));
        EXPECT_EQ(read.outcome(u, 1), matrix.outcome(u, 1));
        EXPECT_EQ(read.units()[u].adversary, matrix.units()[u].adversary);
    }
    EXPECT_EQ(read.victims().size(), 7u);
}

TEST(OutcomeMatrixFileTest, RefusesATruncatedFileAndAnotherTopology) {
    const test::TemporaryDirectory directory("outcome-matrix");
    const auto path = directory.path() / "outcome-matrix.bin";
    OutcomeMatrixFile::write(path, smallMatrix(), {"abc123", "small"});
    try {
        OutcomeMatrixFile::read(path, std::string("def456"));
        FAIL() << "another topology was accepted";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find("another topology"), std::string::npos)
            << error.what();
    }
    std::filesystem::resize_file(path, std::filesystem::file_size(path) - 8);
    try {
        OutcomeMatrixFile::read(path, std::nullopt);
        FAIL() << "a truncated file was accepted";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find("truncated"), std::string::npos) << error.what();
    }
    std::ofstream(path) << "not a matrix";
    EXPECT_THROW(OutcomeMatrixFile::read(path, std::nullopt), InputError);
}

}  // namespace
}  // namespace mpicsim
