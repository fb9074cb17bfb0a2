// MPIC verdicts end to end on a hand-worked topology: routing, perspectives, quorum, CLI.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "CheckCaCommand.hpp"
#include "VerdictCommand.hpp"
#include "mpicsim/mpic/MpicEvaluator.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"
#include "mpicsim/routing/Propagator.hpp"
#include "support/GraphBuilder.hpp"

namespace mpicsim {
namespace {

// Two tier-1s that peer, each with three customers; the victim 100 sits under 10, the
// attacker 200 under 20, and a stub 300 under 22:
//
//              1 ========= 2
//            / | \       / | \  .
//          10 11  12   20 21  22
//          |               |       |
//         100             200     300
//
// Equally-specific hijack of 100's prefix by 200 (lowest-asn tie-break):
// - 10 holds the customer route to 100; 1 the customer route via 10 (it prefers it over the peer
//   route from 2); 11 and 12 take their provider 1's route: all reach the victim.
// - 20 holds the customer route to 200; 2 prefers its customer route via 20 over the peer route
//   from 1; 21, 22 and 300 inherit 2's route: all reach the attacker.
class MpicEndToEnd : public ::testing::Test {
  protected:
    MpicEndToEnd()
        : graph(test::GraphBuilder()
                    .peers(1, 2)
                    .providerOf(1, 10)
                    .providerOf(1, 11)
                    .providerOf(1, 12)
                    .providerOf(2, 20)
                    .providerOf(2, 21)
                    .providerOf(2, 22)
                    .providerOf(10, 100)
                    .providerOf(20, 200)
                    .providerOf(22, 300)
                    .build()),
          ranking(graph, TieBreak::lowestAsn()),
          noRov(RovDeployment::none(graph.nodeCount())) {}

    NodeIndex node(Asn asn) const { return *graph.nodeOf(asn); }

    RoutingOutcome hijack(Asn victim, AttackType type = AttackType::EquallySpecific,
                          const RovDeployment* rov = nullptr) const {
        Attack attack;
        attack.type = type;
        attack.victim = node(victim);
        attack.attacker = node(200);
        return Propagator(graph, ranking, rov ? *rov : noRov).run(attack);
    }

    static Perspective in(Asn asn, Rir rir = Rir::Arin) {
        Perspective perspective;
        perspective.id = "AS" + std::to_string(asn);
        perspective.hostAsn = asn;
        perspective.rir = rir;
        return perspective;
    }

    static CaConfiguration ca(Asn primary, std::vector<Perspective> remotes) {
        CaConfiguration configuration;
        configuration.name = "test-ca";
        configuration.primary = in(primary);
        configuration.remotes = std::move(remotes);
        return configuration;
    }

    static QuorumPolicy br(int y, unsigned m, unsigned d) {
        return *QuorumPolicyTable::lookup(
            "br", std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m},
                                              std::chrono::day{d}});
    }

    Verdict verdict(const CaConfiguration& configuration, const QuorumPolicy& policy,
                    const RoutingOutcome& routing) const {
        return MpicEvaluator(graph, noRov, configuration, policy)
            .evaluate(routing, {"web host", 100, 22})
            .verdict;
    }

    AsGraph graph;
    TieBreakRanking ranking;
    RovDeployment noRov;
};

TEST_F(MpicEndToEnd, TheRoutingIsAsDerived) {
    const RoutingOutcome routing = hijack(100);
    for (Asn asn : {1u, 10u, 11u, 12u, 100u}) {
        EXPECT_EQ(routing.outcome(node(asn)), Outcome::Victim) << asn;
    }
    for (Asn asn : {2u, 20u, 21u, 22u, 200u, 300u}) {
        EXPECT_EQ(routing.outcome(node(asn)), Outcome::Attacker) << asn;
    }
}

TEST_F(MpicEndToEnd, PrimaryCapturedButNotTheQuorumIsRefused) {
    // Primary 21 reaches the attacker; of the remotes 11, 12 and 22 only 22 does: 1 of 3,
    // while 2 are needed.
    const Verdict result =
        verdict(ca(21, {in(11), in(12), in(22, Rir::Ripe)}), br(2025, 9, 15), hijack(100));
    EXPECT_TRUE(result.primaryReachesAttacker);
    EXPECT_EQ(result.corroborating, 1);
    EXPECT_EQ(result.required, 2);
    EXPECT_FALSE(result.issuedToAttacker);
}

TEST_F(MpicEndToEnd, PrimaryAndAllButOneRemoteIsIssued) {
    // Remotes 20, 22, 2 reach the attacker, 11 the victim: 3 of 4 with one failure allowed.
    const Verdict result = verdict(ca(21, {in(20), in(22, Rir::Ripe), in(2, Rir::Apnic), in(11)}),
                                   br(2025, 9, 15), hijack(100));
    EXPECT_EQ(result.corroborating, 3);
    EXPECT_EQ(result.required, 3);
    EXPECT_TRUE(result.issuedToAttacker);
    // Only one remote and no primary reach the victim: the owner is blocked too.
    EXPECT_TRUE(result.legitimateIssuanceBlocked);
}

TEST_F(MpicEndToEnd, CorroboratorsInOneRirAreRefusedFromMarch2026) {
    const CaConfiguration oneRir =
        ca(21, {in(20, Rir::Ripe), in(22, Rir::Ripe), in(2, Rir::Ripe), in(11, Rir::Arin)});
    const RoutingOutcome routing = hijack(100);
    EXPECT_TRUE(verdict(oneRir, br(2025, 9, 15), routing).issuedToAttacker);
    EXPECT_TRUE(verdict(oneRir, br(2026, 3, 14), routing).issuedToAttacker);
    const Verdict after = verdict(oneRir, br(2026, 3, 15), routing);
    EXPECT_FALSE(after.issuedToAttacker);
    EXPECT_EQ(after.corroboratingRirs, 1);
}

TEST_F(MpicEndToEnd, NonBlockingPhaseIssuesOnTheCapturedPrimary) {
    const CaConfiguration configuration = ca(21, {in(11), in(12, Rir::Ripe)});
    EXPECT_TRUE(verdict(configuration, br(2025, 3, 15), hijack(100)).issuedToAttacker);
    EXPECT_FALSE(verdict(configuration, br(2025, 9, 15), hijack(100)).issuedToAttacker);
}

TEST_F(MpicEndToEnd, OwnNodePerspectivesRouteByTheirOwnNeighbours) {
    const RoutingOutcome routing = hijack(100);
    const std::vector<Outcome> before(routing.outcomes().begin(), routing.outcomes().end());
    const PerspectiveObserver observer(noRov);
    auto ownNode = [&](std::vector<PerspectiveLink> links, bool rov = false) {
        Perspective perspective = in(21);  // host AS 21 reaches the attacker
        perspective.neighbours = std::move(links);
        perspective.rovFiltering = rov;
        return observer.observe(routing, PlacedPerspective(graph, perspective));
    };
    // A customer of 11 takes 11's route: the victim, unlike its host AS 21.
    const auto viaEleven = ownNode({{11, PerspectiveLink::Role::Provider}});
    EXPECT_EQ(viaEleven.outcome, Outcome::Victim);
    EXPECT_FALSE(viaEleven.inheritsHostRouting);
    EXPECT_EQ(viaEleven.nextHop, node(11));
    // A peer of 2 receives 2's customer route (to the attacker); a peer of 12 receives nothing,
    // since 12 holds a provider route, which is not exported to peers.
    EXPECT_EQ(ownNode({{2, PerspectiveLink::Role::Peer}}).outcome, Outcome::Attacker);
    EXPECT_EQ(ownNode({{12, PerspectiveLink::Role::Peer}}).outcome, Outcome::Disconnected);
    // Customer of 2 and of 1: both offer 3-hop routes (2 20 200 and 1 10 100), so the tie-break
    // decides, and lowest-asn takes AS1: the victim.
    const auto tie =
        ownNode({{2, PerspectiveLink::Role::Provider}, {1, PerspectiveLink::Role::Provider}});
    EXPECT_EQ(tie.outcome, Outcome::Victim);
    EXPECT_EQ(tie.step, DecisionStep::TieBreak);
    // Customer of 2 (3 hops) and of 22 (4 hops: 22 2 20 200): the shorter path wins.
    const auto shorter =
        ownNode({{2, PerspectiveLink::Role::Provider}, {22, PerspectiveLink::Role::Provider}});
    EXPECT_EQ(shorter.outcome, Outcome::Attacker);
    EXPECT_EQ(shorter.step, DecisionStep::PathLength);
    // With ROV the node drops the attacker's ROA-invalid route and has none left.
    EXPECT_EQ(ownNode({{2, PerspectiveLink::Role::Provider}}, true).outcome, Outcome::Disconnected);
    // The perspective host AS itself is unchanged, and so is everyone else.
    EXPECT_EQ(observer.observe(routing, PlacedPerspective(graph, in(21))).outcome,
              Outcome::Attacker);
    EXPECT_TRUE(std::equal(before.begin(), before.end(), routing.outcomes().begin()));
}

TEST_F(MpicEndToEnd, SubprefixCapturesARovPerspectiveThroughItsNextHop) {
    // Sub-prefix /23 from 200: 20 -> 2 -> 1 (a peer route; 1 has no customer route for it) and
    // 2's customers. AS11 filters ROV, drops the invalid /23 from 1 and forwards on the /22 to
    // 1, which holds the /23: its traffic reaches the attacker.
    const std::vector<NodeIndex> adopters = {node(11)};
    const RovDeployment rov = RovDeployment::of(graph.nodeCount(), adopters);
    const RoutingOutcome routing = hijack(100, AttackType::Subprefix, &rov);
    EXPECT_FALSE(routing.hasRoute(node(11), PrefixSlot::Subprefix));
    EXPECT_EQ(routing.outcome(node(11)), Outcome::Attacker);
    const Verdict result =
        MpicEvaluator(graph, rov, ca(21, {in(11), in(20, Rir::Ripe)}), br(2026, 3, 15))
            .evaluate(routing, {"web host", 100, 22})
            .verdict;
    EXPECT_EQ(result.corroborating, 2);
}

TEST_F(MpicEndToEnd, TheAttackerPicksTheNameserverThatServesItBest) {
    // dns-01 with nameservers in 100 and in 300. Hijacking 300's prefix: AS2 hears 300 via 22
    // and 200 via 20, both customer routes of length 2; lowest-asn picks 20, so 2, then 1 (peer
    // route), 10, 11, 12 and 21 reach the attacker; only 22 and 300 keep the victim.
    // Primary 21; remotes 20, 11, 12, 22: via 300 the attacker captures 20, 11, 12 (3 of 4);
    // via 100 only 20 and 22 (2 of 4, refused).
    DomainTargets domain;
    domain.webHost = {"web host", 100, 22};
    domain.nameservers = {{"nameserver 1", 100, 22}, {"nameserver 2", 300, 22}};
    const CaConfiguration configuration =
        ca(21, {in(20, Rir::Ripe), in(11), in(12, Rir::Apnic), in(22, Rir::Ripe)});
    const MpicEvaluator evaluator(graph, noRov, configuration, br(2026, 3, 15));
    std::vector<AttemptReport> attempts;
    for (const PrefixTarget& target : domain.targetsFor(ValidationMethod::Dns01)) {
        attempts.push_back(evaluator.evaluate(hijack(target.origin), target));
    }
    ASSERT_EQ(attempts.size(), 2u);
    EXPECT_FALSE(attempts[0].verdict.issuedToAttacker);
    EXPECT_EQ(attempts[0].verdict.corroborating, 2);
    EXPECT_TRUE(attempts[1].verdict.issuedToAttacker);
    EXPECT_EQ(attempts[1].verdict.corroborating, 3);
    EXPECT_TRUE(attempts[1].betterForAttackerThan(attempts[0]));
    EXPECT_FALSE(attempts[0].betterForAttackerThan(attempts[1]));
    EXPECT_EQ(domain.targetsFor(ValidationMethod::Http01).size(), 1u);
}

TEST_F(MpicEndToEnd, BadConfigurationsAreRejected) {
    CaConfiguration noPrimary = ca(21, {in(11)});
    noPrimary.primary.reset();
    EXPECT_THROW(MpicEvaluator(graph, noRov, noPrimary, br(2026, 3, 15)), std::invalid_argument);
    try {
        MpicEvaluator(graph, noRov, ca(21, {in(64999)}), br(2026, 3, 15));
        FAIL() << "no error";
    } catch (const std::invalid_argument& error) {
        EXPECT_NE(std::string(error.what()).find("AS64999"), std::string::npos);
    }
}

class VerdictCli : public MpicEndToEnd {
  protected:
    VerdictCli() {
        directory = std::filesystem::temp_directory_path() /
                    ("mpicsim-verdict-" + std::to_string(::getpid()));
        std::filesystem::create_directories(directory);
        topology = (directory / "topology.txt").string();
        std::ofstream(topology) << "1|2|0\n1|10|-1\n1|11|-1\n1|12|-1\n2|20|-1\n2|21|-1\n2|22|-1\n"
                                   "10|100|-1\n20|200|-1\n22|300|-1\n";
    }
    ~VerdictCli() override {
        std::error_code ignored;
        std::filesystem::remove_all(directory, ignored);
    }

    int verdict(std::vector<std::string> extra, std::string& out, std::string& err) const {
        std::vector<std::string> arguments = {"--topology", topology, "--victim", "100",
                                              "--attacker", "200",    "--format", "json"};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        std::ostringstream outStream;
        std::ostringstream errStream;
        const int status = cli::VerdictCommand::run(arguments, outStream, errStream);
        out = outStream.str();
        err = errStream.str();
        return status;
    }

    std::filesystem::path directory;
    std::string topology;
};

TEST_F(VerdictCli, JsonCarriesTheContractKeys) {
    std::string out;
    std::string err;
    const std::vector<std::string> ca = {"--primary", "21",      "--remote", "20:RIPE",
                                         "--remote",  "22:RIPE", "--remote", "2:ripe ncc",
                                         "--remote",  "11:ARIN"};
    std::vector<std::string> before = ca;
    before.insert(before.end(), {"--br-date", "2025-09-15"});
    ASSERT_EQ(verdict(before, out, err), 0) << err;
    const auto issued = nlohmann::json::parse(out);
    EXPECT_EQ(issued.at("issued_to_attacker"), true);
    EXPECT_EQ(issued.at("legitimate_issuance_blocked"), true);
    EXPECT_EQ(issued.at("corroborating"), 3);
    EXPECT_EQ(issued.at("corroborating_remotes"), nlohmann::json({"AS20", "AS22", "AS2"}));
    EXPECT_EQ(issued.at("required"), 3);
    EXPECT_EQ(issued.at("policy").at("name"), "br");
    EXPECT_FALSE(issued.at("policy").at("source").get<std::string>().empty());
    EXPECT_EQ(issued.at("primary").at("asn"), 21);
    EXPECT_EQ(issued.at("primary").at("outcome"), "attacker");
    ASSERT_EQ(issued.at("remotes").size(), 4u);
    EXPECT_EQ(issued.at("remotes")[3].at("outcome"), "victim");
    EXPECT_EQ(issued.at("remotes")[0].at("rir"), "RIPE");
    EXPECT_TRUE(issued.at("reason").is_string());

    std::vector<std::string> after = ca;
    after.insert(after.end(), {"--br-date", "2026-03-15"});
    ASSERT_EQ(verdict(after, out, err), 0) << err;
    EXPECT_EQ(nlohmann::json::parse(out).at("issued_to_attacker"), false);
}

TEST_F(VerdictCli, TextOutputSaysIssuedOrRefused) {
    std::ostringstream out;
    std::ostringstream err;
    ASSERT_EQ(cli::VerdictCommand::run(
                  {"--topology", topology, "--victim", "100", "--attacker", "200", "--primary",
                   "21", "--remote", "11:ARIN", "--remote", "12:RIPE", "--br-date", "2025-09-15"},
                  out, err),
              0)
        << err.str();
    EXPECT_NE(out.str().find("REFUSED"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("routes as host AS21"), std::string::npos);
}

TEST_F(VerdictCli, BadInputExitsTwoWithAMessage) {
    const std::string caFile = (directory / "ca.json").string();
    std::ofstream(caFile)
        << R"({"name": "x", "primary": "le:primary", "remotes": ["aws:nowhere"]})";
    const std::string duplicateFile = (directory / "duplicate.json").string();
    std::ofstream(duplicateFile)
        << R"({"name": "x", "primary": "le:primary", "remotes": ["aws:us-east-2", "aws:us-east-2"]})";
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--primary", "21", "--remote", "64500"}, "RIR"},
        {{"--primary", "21", "--remote", "11:XYZ"}, "unknown RIR"},
        {{"--primary", "21", "--remote", "11:ARIN", "--policy", "nonsense"}, "unknown policy"},
        {{"--primary", "21", "--remote", "11:ARIN", "--br-date", "2024-01-01"}, "2024-01-01"},
        {{"--ca", "nosuchpreset"}, "neither a preset"},
        {{"--primary", "21", "--remote", "11:ARIN", "--method", "ftp"}, "--method"},
        {{"--ca", caFile}, "/remotes/0"},
        {{"--ca", duplicateFile}, "listed twice"},
        {{"--primary", "21", "--remote", "99999:ARIN"}, "AS99999"},
    };
    for (const auto& [extra, expected] : cases) {
        std::string out;
        std::string err;
        EXPECT_EQ(verdict(extra, out, err), 2) << expected;
        EXPECT_NE(err.find(expected), std::string::npos) << err;
    }
    std::ostringstream out;
    std::ostringstream err;
    EXPECT_EQ(cli::VerdictCommand::run({"--topology", topology, "--victim", "999", "--attacker",
                                        "200", "--primary", "21"},
                                       out, err),
              2);
    EXPECT_NE(err.str().find("AS999"), std::string::npos);
}

TEST_F(VerdictCli, CheckCa) {
    std::ostringstream out;
    std::ostringstream err;
    EXPECT_EQ(cli::CheckCaCommand::run({"--ca", "br-2026-12-example", "--br-date", "2026-12-15"},
                                       out, err),
              0);
    EXPECT_NE(out.str().find("COMPLIANT"), std::string::npos);
    std::ostringstream bad;
    EXPECT_EQ(cli::CheckCaCommand::run(
                  {"--primary", "le:primary", "--remote", "aws:eu-central-1", "--remote",
                   "aws:eu-west-3", "--br-date", "2026-03-15", "--format", "json"},
                  bad, err),
              1);
    const auto report = nlohmann::json::parse(bad.str());
    EXPECT_EQ(report.at("compliant"), false);
    std::string rules;
    for (const auto& violation : report.at("violations")) {
        rules += violation.at("rule").get<std::string>() + " ";
    }
    EXPECT_NE(rules.find("too-few-remotes"), std::string::npos);
    EXPECT_NE(rules.find("remotes-not-distinct"), std::string::npos);
    EXPECT_NE(rules.find("rir-diversity-impossible"), std::string::npos);
    std::ostringstream list;
    EXPECT_EQ(cli::CheckCaCommand::run({"--list-perspectives"}, list, err), 0);
    EXPECT_NE(list.str().find("aws:us-east-1"), std::string::npos);
    std::ostringstream presets;
    EXPECT_EQ(cli::CheckCaCommand::run({"--list-presets"}, presets, err), 0);
    EXPECT_NE(presets.str().find("lets-encrypt-2020"), std::string::npos);
}

}  // namespace
}  // namespace mpicsim
