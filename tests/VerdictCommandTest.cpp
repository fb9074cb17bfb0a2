// `mpicsim verdict` and `mpicsim check-ca` driven in process (VerdictCommand::run and
// CheckCaCommand::run) on a small CAIDA file written to a temporary directory. The routing of
// the topology is derived by hand below; the expected verdicts follow from it and from the
// quorum rules of TLS BR 3.2.2.9 (see MpicVerdictTest.cpp for the same topology in code).

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "CheckCaCommand.hpp"
#include "VerdictCommand.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/* ---------------------------------------------------------------------------------------
 * The topology (victim 100, attacker 666; "A -> B": A is B's provider, "A == B": peers):
 *
 *                    1 ================== 2
 *                  /   \              / /  |  \
 *                 v     v            v v   v   v
 *      50 ===== 10       11        20  21  22  50      (50 is a customer of 2 and
 *              /  \     /  \      / |  \    |    |        peers with 10)
 *             v    v   v    v    v  v   v   v    v
 *           100    30  31   40  30  40 666  41   42
 *
 * Equally-specific hijack of 100's prefix by 666 (lowest-asn tie-break):
 *   10 [100], 1 [10 100] (customer over peer 2's [2 20 666]), 11 [1 10 100],
 *   31 [11 1 10 100], 50 [10 100] (peer route over provider 2's [2 20 666]),
 *   30 [10 100] (tie with [20 666], lower next hop 10)          -> victim;
 *   20 [666], 2 [20 666] (customer over peer), 21 and 22 [2 20 666], 41, 42 below them,
 *   40 [20 666] (length 2 beats 11's [11 1 10 100])              -> attacker.
 *
 * Sub-prefix hijack (/22 victim, /23 attacker) with ROV at 10 and 11:
 *   the /23 reaches 20, 2, 1 (peer route from 2), 21, 22, 50, 30, 40, 41, 42; 10 and 11 drop
 *   it. 10 forwards on the /22 to 100 -> victim; 11 forwards on the /22 to 1, which holds the
 *   /23 -> attacker; everything else holding the /23 -> attacker.
 *
 * Equally-specific hijack of 42's prefix (a nameserver): 2 hears [20 666] and [22 42], both
 *   length 2, and picks 20; everything except 22 and 42 reaches the attacker.
 * Equally-specific hijack of 31's prefix: 11 [31], 1 [11 31], 10, 100 via 1, 40 [11 31]
 *   (tie with [20 666], lower next hop 11) -> victim; 2, 20, 21, 22, 30 ([20 666] is shorter
 *   than [10 1 11 31]), 41, 42, 50 -> attacker.
 * ------------------------------------------------------------------------------------ */
const char* const kTopology =
    "# a hand-worked topology for the verdict command\n"
    "1|2|0\n"
    "1|10|-1\n"
    "1|11|-1\n"
    "2|20|-1\n"
    "2|21|-1\n"
    "2|22|-1\n"
    "2|50|-1\n"
    "10|100|-1\n"
    "10|30|-1\n"
    "20|30|-1\n"
    "20|666|-1\n"
    "11|31|-1\n"
    "11|40|-1\n"
    "20|40|-1\n"
    "21|41|-1\n"
    "22|42|-1\n"
    "10|50|0\n";

struct Result {
    int status = -1;
    std::string out;
    std::string err;
};

std::string joined(const std::vector<std::string>& arguments) {
    std::string text;
    for (const std::string& argument : arguments) {
        text += " " + argument;
    }
    return text;
}

class VerdictCommandTest : public ::testing::Test {
  protected:
    void SetUp() override { topology_ = write("topology.txt", kTopology).string(); }

    fs::path write(const std::string& name, const std::string& text) const {
        return directory_.write(name, text);
    }

    static Result verdictRaw(const std::vector<std::string>& arguments) {
        std::ostringstream out;
        std::ostringstream err;
        Result result;
        result.status = VerdictCommand::run(arguments, out, err);
        result.out = out.str();
        result.err = err.str();
        return result;
    }

    // `mpicsim verdict --topology T --victim 100 --attacker 666 ARGS...`
    Result verdict(const std::vector<std::string>& extra) const {
        std::vector<std::string> arguments = {"--topology", topology_,    "--victim",
                                              "100",        "--attacker", "666"};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        return verdictRaw(arguments);
    }

    // The same with --format json, parsed; fails the test when the command does not succeed.
    json verdictJson(const std::vector<std::string>& extra) const {
        std::vector<std::string> arguments = extra;
        arguments.insert(arguments.end(), {"--format", "json"});
        const Result result = verdict(arguments);
        EXPECT_EQ(result.status, 0) << "mpicsim verdict" << joined(arguments) << "\n" << result.err;
        try {
            return json::parse(result.out);
        } catch (const json::exception& error) {
            ADD_FAILURE() << "not JSON (" << error.what() << "): " << result.out;
            return json::object();
        }
    }

    static Result checkCa(const std::vector<std::string>& arguments) {
        std::ostringstream out;
        std::ostringstream err;
        Result result;
        result.status = CheckCaCommand::run(arguments, out, err);
        result.out = out.str();
        result.err = err.str();
        return result;
    }

    // Exit status 2, nothing on stdout, and a message on stderr containing `expected`.
    static void expectError(const Result& result, const std::string& expected) {
        EXPECT_EQ(result.status, 2);
        EXPECT_TRUE(result.out.empty()) << result.out;
        EXPECT_NE(result.err.find("error"), std::string::npos) << result.err;
        EXPECT_NE(result.err.find(expected), std::string::npos)
            << "stderr lacks '" << expected << "': " << result.err;
    }

    test::TemporaryDirectory directory_{"mpicsim-verdict-command-test"};
    std::string topology_;
};

// Every key the contract names, with the type it must have.
void expectContractKeys(const json& result) {
    ASSERT_TRUE(result.is_object()) << result.dump();
    EXPECT_TRUE(result.at("issued_to_attacker").is_boolean());
    EXPECT_TRUE(result.at("legitimate_issuance_blocked").is_boolean());
    EXPECT_TRUE(result.at("corroborating").is_number_integer());
    EXPECT_TRUE(result.at("corroborating_remotes").is_array());
    EXPECT_TRUE(result.at("required").is_number_integer());
    ASSERT_TRUE(result.at("policy").is_object());
    EXPECT_TRUE(result.at("policy").at("name").is_string());
    EXPECT_TRUE(result.at("policy").at("source").is_string());
    EXPECT_FALSE(result.at("policy").at("source").get<std::string>().empty());
    ASSERT_TRUE(result.at("primary").is_object());
    EXPECT_TRUE(result.at("primary").at("asn").is_number_integer());
    EXPECT_TRUE(result.at("primary").at("outcome").is_string());
    ASSERT_TRUE(result.at("remotes").is_array());
    for (const json& remote : result.at("remotes")) {
        EXPECT_TRUE(remote.at("asn").is_number_integer());
        EXPECT_TRUE(remote.at("outcome").is_string());
        EXPECT_TRUE(remote.at("rir").is_string());
    }
    EXPECT_TRUE(result.at("reason").is_string());
    EXPECT_FALSE(result.at("reason").get<std::string>().empty());
}

// The remotes' (asn, outcome, rir) in order.
std::vector<std::tuple<int, std::string, std::string>> remotesOf(const json& result) {
    std::vector<std::tuple<int, std::string, std::string>> remotes;
    for (const json& remote : result.at("remotes")) {
        remotes.emplace_back(remote.at("asn").get<int>(), remote.at("outcome").get<std::string>(),
                             remote.at("rir").get<std::string>());
    }
    return remotes;
}

/* Attack 1: equally-specific, primary 21 (attacker); remotes 40, 41, 42 in RIPE (attacker)
 * and 31 in ARIN (victim). 3 of 4 corroborate, 3 required.
 *   --br-date 2025-09-15: no RIR rule -> issued. The owner is blocked: its primary (21) does
 *     not reach the victim.
 *   --br-date 2026-03-15: the corroborators must span 2 RIRs; they span 1 -> refused. */
TEST_F(VerdictCommandTest, OneRirCorroboratorsFlipWithTheBrDate) {
    const std::vector<std::string> ca = {"--primary", "21",      "--remote", "40:RIPE",
                                         "--remote",  "41:ripe", "--remote", "42:RIPE NCC",
                                         "--remote",  "31:ARIN"};
    std::vector<std::string> before = ca;
    before.insert(before.end(), {"--br-date", "2025-09-15"});
    const json issued = verdictJson(before);
    expectContractKeys(issued);
    EXPECT_EQ(issued.at("issued_to_attacker"), true);
    EXPECT_EQ(issued.at("legitimate_issuance_blocked"), true);
    EXPECT_EQ(issued.at("corroborating"), 3);
    EXPECT_EQ(issued.at("corroborating_remotes"), json({"AS40", "AS41", "AS42"}));
    EXPECT_EQ(issued.at("required"), 3);
    EXPECT_EQ(issued.at("policy").at("name"), "br");
    EXPECT_EQ(issued.at("policy").at("phase"), "2025-09-15");
    EXPECT_EQ(issued.at("primary").at("asn"), 21);
    EXPECT_EQ(issued.at("primary").at("outcome"), "attacker");
    using Row = std::tuple<int, std::string, std::string>;
    EXPECT_EQ(remotesOf(issued),
              (std::vector<Row>{Row{40, "attacker", "RIPE"}, Row{41, "attacker", "RIPE"},
                                Row{42, "attacker", "RIPE"}, Row{31, "victim", "ARIN"}}));
    EXPECT_NE(issued.at("reason").get<std::string>().find("ISSUED"), std::string::npos);

    std::vector<std::string> after = ca;
    after.insert(after.end(), {"--br-date", "2026-03-15"});
    const json refused = verdictJson(after);
    expectContractKeys(refused);
    EXPECT_EQ(refused.at("issued_to_attacker"), false);
    EXPECT_EQ(refused.at("legitimate_issuance_blocked"), true);
    EXPECT_EQ(refused.at("corroborating"), 3);
    EXPECT_EQ(refused.at("corroborating_remotes"), json({"AS40", "AS41", "AS42"}));
    EXPECT_EQ(refused.at("required"), 3);
    EXPECT_EQ(refused.at("required_rirs"), 2);
    EXPECT_EQ(refused.at("corroborating_rirs"), 1);
    EXPECT_EQ(refused.at("policy").at("phase"), "2026-03-15");
    EXPECT_NE(refused.at("reason").get<std::string>().find("REFUSED"), std::string::npos);

    // --policy br with the date names the same phase.
    std::vector<std::string> named = after;
    named.insert(named.end(), {"--policy", "br"});
    EXPECT_EQ(verdictJson(named).at("issued_to_attacker"), false);
}

/* Attack 2: sub-prefix with ROV at 10 and 11, BR 2026-03-15. Primary 21 (attacker);
 * remotes 11 ARIN (ROV, but its next hop 1 holds the /23: attacker), 10 RIPE (ROV, next hop
 * the victim: victim), 40 APNIC (attacker). 2 of 3 corroborate, 2 required, spanning ARIN
 * and APNIC -> issued. */
TEST_F(VerdictCommandTest, SubprefixCapturesTheRovRemoteBehindAHolder) {
    const json result = verdictJson({"--attack", "subprefix", "--rov", "10,11", "--primary", "21",
                                     "--remote", "11:ARIN", "--remote", "10:RIPE", "--remote",
                                     "40:APNIC", "--br-date", "2026-03-15"});
    expectContractKeys(result);
    EXPECT_EQ(result.at("attack"), "subprefix");
    EXPECT_EQ(result.at("rov_adopters"), 2);
    EXPECT_EQ(result.at("issued_to_attacker"), true);
    EXPECT_EQ(result.at("legitimate_issuance_blocked"), true);
    EXPECT_EQ(result.at("corroborating"), 2);
    EXPECT_EQ(result.at("corroborating_remotes"), json({"AS11", "AS40"}));
    EXPECT_EQ(result.at("required"), 2);
    EXPECT_EQ(result.at("corroborating_rirs"), 2);
    EXPECT_EQ(result.at("primary").at("outcome"), "attacker");
    using Row = std::tuple<int, std::string, std::string>;
    EXPECT_EQ(remotesOf(result),
              (std::vector<Row>{Row{11, "attacker", "ARIN"}, Row{10, "victim", "RIPE"},
                                Row{40, "attacker", "APNIC"}}));
    EXPECT_EQ(result.at("remotes")[0].at("next_hop"), 1);
    EXPECT_EQ(result.at("remotes")[1].at("next_hop"), 100);
}

// The same attack when the victim's prefix has no ROA: ROV at 10 and 11 drops nothing, so
// every perspective ends where it ends without ROV.
TEST_F(VerdictCommandTest, NoRoaRoutesAsWithoutRov) {
    const std::vector<std::string> arguments = {"--attack", "subprefix", "--primary", "21",
                                                "--remote", "11:ARIN",   "--remote",  "10:RIPE",
                                                "--remote", "40:APNIC",  "--br-date", "2026-03-15"};
    std::vector<std::string> noRoa = arguments;
    noRoa.insert(noRoa.end(), {"--rov", "10,11", "--no-roa"});
    const json withoutRoa = verdictJson(noRoa);
    const json withoutRov = verdictJson(arguments);
    EXPECT_EQ(withoutRoa.at("victim_has_roa"), false);
    EXPECT_EQ(withoutRov.at("victim_has_roa"), true);
    EXPECT_EQ(withoutRoa.at("rov_adopters"), 2);
    EXPECT_EQ(remotesOf(withoutRoa), remotesOf(withoutRov));
    EXPECT_EQ(withoutRoa.at("remotes")[1].at("outcome"), "attacker");  // AS10 no longer drops
    EXPECT_EQ(withoutRoa.at("corroborating"), 3);
    EXPECT_EQ(withoutRoa.at("issued_to_attacker"), withoutRov.at("issued_to_attacker"));
}

// Sentences built from counts say each count with what the policy requires of it, and a
// configuration that breaks the policy's rules gets check-ca's codes and one warning.
TEST_F(VerdictCommandTest, CountsReadCorrectlyAndNonComplianceIsWarned) {
    const std::vector<std::string> ca = {"--primary", "21",      "--remote",  "40:RIPE",
                                         "--remote",  "41:RIPE", "--remote",  "42:RIPE",
                                         "--remote",  "31:ARIN", "--br-date", "2026-03-15"};
    const Result text = verdict(ca);
    ASSERT_EQ(text.status, 0) << text.err;
    EXPECT_NE(text.out.find("Quorum:    3 of 4 remote perspectives corroborate the attacker (3 "
                            "required), spanning 1 RIR (2 required)\n"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("           3 of 4 remote perspectives reached the attacker (3 "
                            "required), spanning 1 RIR (2 required), too few RIRs among them: "
                            "certificate REFUSED.\n"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("BLOCKED (1 of 4 remotes reaches the victim, primary does not reach "
                            "it)\n"),
              std::string::npos)
        << text.out;
    // Inline perspectives have no coordinates: the 500 km rule cannot be checked.
    // Inline perspectives have no coordinates: the 500 km rule cannot be checked. No cloud region
    // is named, so no note on the region model either.
    EXPECT_EQ(text.err,
              "warning: CA configuration 'command line' under policy br (phase 2026-03-15) is not "
              "compliant: location-unknown (mpicsim check-ca explains each rule)\n");
    const json result = verdictJson(ca);
    EXPECT_EQ(result.at("compliant"), false);
    EXPECT_EQ(result.at("violations"), json({"location-unknown"}));

    // One remote: a count of one reads in the singular.
    const Result single =
        verdict({"--primary", "21", "--remote", "40:RIPE", "--policy", "lets-encrypt-2020"});
    ASSERT_EQ(single.status, 0) << single.err;
    EXPECT_NE(single.out.find("Quorum:    1 of 1 remote perspective corroborates the attacker "
                              "(2 required)\n"),
              std::string::npos)
        << single.out;
    EXPECT_NE(single.out.find("(0 of 1 remote reach the victim, primary does not reach it)"),
              std::string::npos)
        << single.out;
}

/* Attack 3: equally-specific, BR 2026-03-15, primary 11 (victim); remotes 30 ARIN, 31 RIPE,
 * 50 APNIC (victim) and 40 ARIN (attacker). The primary is not captured -> refused; 3 of 4
 * remotes reach the victim spanning 3 RIRs (3 and 2 required) -> the owner is not blocked. */
TEST_F(VerdictCommandTest, PrimaryWithTheVictimIsRefusedAndTheOwnerIsNotBlocked) {
    const json result =
        verdictJson({"--primary", "11", "--remote", "30:ARIN", "--remote", "31:RIPE", "--remote",
                     "50:APNIC", "--remote", "40:ARIN", "--br-date", "2026-03-15"});
    expectContractKeys(result);
    EXPECT_EQ(result.at("issued_to_attacker"), false);
    EXPECT_EQ(result.at("legitimate_issuance_blocked"), false);
    EXPECT_EQ(result.at("corroborating"), 1);
    EXPECT_EQ(result.at("corroborating_remotes"), json({"AS40"}));
    EXPECT_EQ(result.at("required"), 3);
    EXPECT_EQ(result.at("primary").at("asn"), 11);
    EXPECT_EQ(result.at("primary").at("outcome"), "victim");
    EXPECT_NE(result.at("reason").get<std::string>().find("primary"), std::string::npos);
}

/* Attack 4: dns-01 with nameservers in 31 and 42. Primary 21, remotes 10 ARIN, 30 RIPE,
 * 40 APNIC, 50 LACNIC, BR 2026-03-15: hijacking 31's prefix captures 30 and 50 (2 of 4,
 * refused); hijacking 42's captures all four (issued). The command reports nameserver 2. */
TEST_F(VerdictCommandTest, DnsMethodReportsTheNameserverThatServesTheAttacker) {
    const json result =
        verdictJson({"--method", "dns-01", "--nameserver", "31", "--nameserver", "42", "--primary",
                     "21", "--remote", "10:ARIN", "--remote", "30:RIPE", "--remote", "40:APNIC",
                     "--remote", "50:LACNIC", "--br-date", "2026-03-15"});
    expectContractKeys(result);
    EXPECT_EQ(result.at("method"), "dns-01");
    EXPECT_EQ(result.at("target").at("asn"), 42);
    EXPECT_EQ(result.at("target").at("role"), "nameserver 2");
    EXPECT_EQ(result.at("issued_to_attacker"), true);
    EXPECT_EQ(result.at("corroborating"), 4);
    ASSERT_EQ(result.at("attempts").size(), 2u);
    EXPECT_EQ(result.at("attempts")[0].at("asn"), 31);
    EXPECT_EQ(result.at("attempts")[0].at("issued_to_attacker"), false);
    EXPECT_EQ(result.at("attempts")[0].at("corroborating"), 2);

    // http-01 contacts the web host (100) only: 40 alone is captured -> refused.
    const json web = verdictJson({"--method", "http-01", "--nameserver", "42", "--primary", "21",
                                  "--remote", "10:ARIN", "--remote", "30:RIPE", "--remote",
                                  "40:APNIC", "--remote", "50:LACNIC", "--br-date", "2026-03-15"});
    EXPECT_EQ(web.at("target").at("asn"), 100);
    EXPECT_EQ(web.at("corroborating"), 1);
    EXPECT_EQ(web.at("issued_to_attacker"), false);
}

/* A CA file with inline perspectives, one in its own node: "own" is registered in AS21
 * (attacker) but is a customer of 11, whose route [1 10 100] leads to the victim. Remotes 40
 * (attacker), own (victim), 22 (attacker); BR 2025-09-15 from the file: 2 of 3, 2 required ->
 * issued. */
TEST_F(VerdictCommandTest, CaFileWithAnOwnNodePerspective) {
    const fs::path file = write("ca.json", R"({
  "name": "file CA",
  "primary": {"id": "primary", "asn": 21, "rir": "ARIN"},
  "remotes": [
    {"asn": 40, "rir": "ARIN"},
    {"id": "own", "asn": 21, "rir": "RIPE", "neighbours": [{"asn": 11, "role": "provider"}]},
    {"asn": 22, "rir": "APNIC"}
  ],
  "policy": {"name": "br", "date": "2025-09-15"}
})");
    const json result = verdictJson({"--ca", file.string()});
    expectContractKeys(result);
    EXPECT_EQ(result.at("ca"), "file CA");
    EXPECT_EQ(result.at("policy").at("phase"), "2025-09-15");
    ASSERT_EQ(result.at("remotes").size(), 3u);
    EXPECT_EQ(result.at("remotes")[1].at("id"), "own");
    EXPECT_EQ(result.at("remotes")[1].at("outcome"), "victim");
    EXPECT_EQ(result.at("remotes")[1].at("inherits_host_routing"), false);
    EXPECT_EQ(result.at("remotes")[1].at("next_hop"), 11);
    EXPECT_EQ(result.at("primary").at("inherits_host_routing"), true);
    EXPECT_EQ(result.at("corroborating_remotes"), json({"AS40", "AS22"}));
    EXPECT_EQ(result.at("required"), 2);
    EXPECT_EQ(result.at("issued_to_attacker"), true);
}

/* Policies other than br: single (the primary alone; 21 is captured -> issued) and
 * lets-encrypt-2020 (2 of the remotes must agree: 40 and 30 -> 1 -> refused). */
TEST_F(VerdictCommandTest, OtherNamedPolicies) {
    const json single = verdictJson({"--primary", "21", "--policy", "single"});
    EXPECT_EQ(single.at("policy").at("name"), "single");
    EXPECT_EQ(single.at("required"), 0);
    EXPECT_EQ(single.at("issued_to_attacker"), true);
    EXPECT_EQ(single.at("remotes"), json::array());

    const json letsEncrypt =
        verdictJson({"--primary", "21", "--remote", "40:ARIN", "--remote", "30:RIPE", "--remote",
                     "31:ARIN", "--policy", "lets-encrypt-2020"});
    EXPECT_EQ(letsEncrypt.at("policy").at("name"), "lets-encrypt-2020");
    EXPECT_EQ(letsEncrypt.at("required"), 2);
    EXPECT_EQ(letsEncrypt.at("corroborating"), 1);
    EXPECT_EQ(letsEncrypt.at("issued_to_attacker"), false);
}

TEST_F(VerdictCommandTest, TextOutputSaysIssuedOrRefused) {
    const std::vector<std::string> ca = {"--primary", "21",      "--remote", "40:RIPE",
                                         "--remote",  "41:RIPE", "--remote", "42:RIPE",
                                         "--remote",  "31:ARIN"};
    std::vector<std::string> issuedArguments = ca;
    issuedArguments.insert(issuedArguments.end(), {"--br-date", "2025-09-15"});
    const Result issued = verdict(issuedArguments);
    ASSERT_EQ(issued.status, 0) << issued.err;
    EXPECT_NE(issued.out.find("ISSUED"), std::string::npos) << issued.out;
    EXPECT_EQ(issued.out.find("REFUSED to the attacker"), std::string::npos) << issued.out;
    EXPECT_NE(issued.out.find("3 of 4"), std::string::npos) << issued.out;

    std::vector<std::string> refusedArguments = ca;
    refusedArguments.insert(refusedArguments.end(), {"--br-date", "2026-03-15"});
    const Result refused = verdict(refusedArguments);
    ASSERT_EQ(refused.status, 0) << refused.err;
    EXPECT_NE(refused.out.find("REFUSED"), std::string::npos) << refused.out;
    EXPECT_EQ(refused.out.find("ISSUED to the attacker"), std::string::npos) << refused.out;
}

TEST_F(VerdictCommandTest, ErrorsExitTwoWithAMessage) {
    const std::vector<std::string> ca = {"--primary", "21",       "--remote",
                                         "40:RIPE",   "--remote", "30:ARIN"};
    auto with = [&](std::vector<std::string> extra) {
        std::vector<std::string> arguments = ca;
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        return arguments;
    };
    {
        SCOPED_TRACE("unknown victim");
        expectError(
            verdictRaw({"--topology", topology_, "--victim", "999", "--attacker", "666",
                        "--primary", "21", "--remote", "40:RIPE", "--br-date", "2026-03-15"}),
            "AS999");
    }
    {
        SCOPED_TRACE("--remote without RIR");
        const Result result = verdict({"--primary", "21", "--remote", "64500"});
        expectError(result, "64500");
        EXPECT_NE(result.err.find("RIR"), std::string::npos) << result.err;
    }
    {
        SCOPED_TRACE("unknown RIR");
        const Result result = verdict({"--primary", "21", "--remote", "1:XYZ"});
        expectError(result, "XYZ");
        EXPECT_NE(result.err.find("unknown RIR"), std::string::npos) << result.err;
    }
    {
        SCOPED_TRACE("--policy nonsense");
        const Result result = verdict(with({"--policy", "nonsense"}));
        expectError(result, "nonsense");
        EXPECT_NE(result.err.find("unknown policy"), std::string::npos) << result.err;
    }
    {
        SCOPED_TRACE("--policy br --br-date 2024-01-01");
        expectError(verdict(with({"--policy", "br", "--br-date", "2024-01-01"})), "2024-01-01");
    }
    {
        SCOPED_TRACE("--br-date 2024-01-01 (br by default)");
        expectError(verdict(with({"--br-date", "2024-01-01"})), "2024-01-01");
    }
    {
        SCOPED_TRACE("--ca nosuchpreset");
        expectError(verdict({"--ca", "nosuchpreset"}), "nosuchpreset");
    }
    {
        SCOPED_TRACE("--method ftp");
        const Result result = verdict(with({"--method", "ftp", "--br-date", "2026-03-15"}));
        expectError(result, "ftp");
        EXPECT_NE(result.err.find("--method"), std::string::npos) << result.err;
    }
    {
        SCOPED_TRACE("CA file with an unknown perspective id");
        const fs::path file =
            write("unknown.json",
                  R"({"name": "x", "primary": "le:primary", "remotes": ["aws:nowhere"]})");
        const Result result = verdict({"--ca", file.string(), "--br-date", "2026-03-15"});
        expectError(result, "/remotes/0");
        EXPECT_NE(result.err.find("aws:nowhere"), std::string::npos) << result.err;
    }
    {
        SCOPED_TRACE("CA file with a duplicate perspective");
        const fs::path file =
            write("duplicate.json",
                  R"({"name": "x", "primary": "le:primary",)"
                  R"( "remotes": ["aws:us-east-2", "aws:eu-central-1", "aws:us-east-2"]})");
        const Result result = verdict({"--ca", file.string(), "--br-date", "2026-03-15"});
        expectError(result, "aws:us-east-2");
        EXPECT_NE(result.err.find("/remotes/2"), std::string::npos) << result.err;
        EXPECT_NE(result.err.find("twice"), std::string::npos) << result.err;
    }
    {
        SCOPED_TRACE("inline duplicate remote");
        expectError(verdict({"--primary", "21", "--remote", "40:RIPE", "--remote", "40:ARIN"}),
                    "AS40");
    }
    {
        SCOPED_TRACE("remote AS not in the topology");
        expectError(verdict(with({"--remote", "64999:ARIN", "--br-date", "2026-03-15"})),
                    "AS64999");
    }
}

TEST_F(VerdictCommandTest, CheckCaCompliantPreset) {
    const Result text = checkCa({"--ca", "br-2026-12-example", "--br-date", "2026-12-15"});
    EXPECT_EQ(text.status, 0) << text.out << text.err;
    EXPECT_NE(text.out.find("COMPLIANT"), std::string::npos) << text.out;
    EXPECT_EQ(text.out.find("NOT COMPLIANT"), std::string::npos) << text.out;

    const Result asJson =
        checkCa({"--ca", "br-2026-12-example", "--br-date", "2026-12-15", "--format", "json"});
    EXPECT_EQ(asJson.status, 0) << asJson.err;
    const json report = json::parse(asJson.out);
    EXPECT_EQ(report.at("compliant"), true);
    EXPECT_EQ(report.at("violations"), json::array());
}

/* le:primary (Denver) with aws:eu-central-1 (Frankfurt) and aws:eu-west-3 (Paris), on
 * 2026-03-15 (BR: at least 3 remotes, corroborators spanning 2 RIRs): 2 remotes are too few,
 * Frankfurt and Paris are about 480 km apart (under 500), and both are RIPE. */
TEST_F(VerdictCommandTest, CheckCaListsEveryViolation) {
    const std::vector<std::string> arguments = {"--primary",        "le:primary", "--remote",
                                                "aws:eu-central-1", "--remote",   "aws:eu-west-3",
                                                "--br-date",        "2026-03-15"};
    const Result text = checkCa(arguments);
    EXPECT_EQ(text.status, 1) << text.out << text.err;
    for (const char* rule :
         {"too-few-remotes", "remotes-not-distinct", "rir-diversity-impossible"}) {
        EXPECT_NE(text.out.find(rule), std::string::npos) << rule << " missing: " << text.out;
    }
    EXPECT_NE(text.out.find("NOT COMPLIANT"), std::string::npos) << text.out;

    std::vector<std::string> jsonArguments = arguments;
    jsonArguments.insert(jsonArguments.end(), {"--format", "json"});
    const Result asJson = checkCa(jsonArguments);
    EXPECT_EQ(asJson.status, 1) << asJson.err;
    const json report = json::parse(asJson.out);
    ASSERT_TRUE(report.contains("compliant"));
    ASSERT_TRUE(report.contains("violations"));
    EXPECT_EQ(report.at("compliant"), false);
    std::vector<std::string> rules;
    for (const json& violation : report.at("violations")) {
        rules.push_back(violation.at("rule").get<std::string>());
        EXPECT_FALSE(violation.at("message").get<std::string>().empty());
    }
    std::sort(rules.begin(), rules.end());
    EXPECT_EQ(rules, (std::vector<std::string>{"remotes-not-distinct", "rir-diversity-impossible",
                                               "too-few-remotes"}));
}

TEST_F(VerdictCommandTest, CheckCaListings) {
    const Result perspectives = checkCa({"--list-perspectives"});
    EXPECT_EQ(perspectives.status, 0) << perspectives.err;
    EXPECT_NE(perspectives.out.find("aws:us-east-1"), std::string::npos);

    const Result presets = checkCa({"--list-presets"});
    EXPECT_EQ(presets.status, 0) << presets.err;
    EXPECT_NE(presets.out.find("lets-encrypt-2020"), std::string::npos) << presets.out;

    const Result presetsJson = checkCa({"--list-presets", "--format", "json"});
    EXPECT_EQ(presetsJson.status, 0) << presetsJson.err;
    const json names = json::parse(presetsJson.out);
    EXPECT_NE(std::find(names.begin(), names.end(), json("lets-encrypt-2020")), names.end());
}

TEST_F(VerdictCommandTest, CheckCaErrorsExitTwo) {
    expectError(checkCa({"--ca", "nosuchpreset"}), "nosuchpreset");
    expectError(checkCa({"--primary", "le:primary", "--remote", "1:XYZ"}), "XYZ");
    expectError(
        checkCa({"--primary", "le:primary", "--remote", "aws:us-east-2", "--policy", "nonsense"}),
        "nonsense");
}

}  // namespace
}  // namespace mpicsim::cli
