#include "TrialSetup.hpp"

#include "OptionChoices.hpp"
#include "UsageError.hpp"
#include "mpicsim/experiment/AbsentAsns.hpp"
#include "mpicsim/io/AsnListReader.hpp"
#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/ClosestMatch.hpp"

namespace mpicsim::cli {
namespace {

// Absent adopters (a measured list always names some) are left out with a warning, or are
// an error with --strict.
std::vector<NodeIndex> resolveRovAdopters(const AsGraph& graph, const std::string& argument,
                                          bool strict, std::ostream& err) {
    std::vector<NodeIndex> nodes;
    std::vector<Asn> missing;
    for (Asn asn : AsnListReader::fromArgument(argument)) {
        if (const auto node = graph.nodeOf(asn)) {
            nodes.push_back(*node);
        } else {
            missing.push_back(asn);
        }
    }
    if (!missing.empty()) {
        const AbsentAsns absent("option --rov", std::move(missing));
        if (strict) {
            throw UsageError(absent.summary() + " (--strict)");
        }
        err << absent.warning() << "\n";
    }
    return nodes;
}

// The tie-breaks, with the seed the user typed (if any) in place of SEED.
std::vector<std::string> tieBreakSpellings(const std::string& typed) {
    const auto colon = typed.find(':');
    std::vector<std::string> spellings = OptionChoices::tieBreaks();
    for (std::string& spelling : spellings) {
        if (const auto seed = spelling.find(":SEED"); seed != std::string::npos) {
            spelling = spelling.substr(0, seed + 1) +
                       (colon == std::string::npos ? "SEED" : typed.substr(colon + 1));
        }
    }
    return spellings;
}

}  // namespace

std::set<std::string> TrialSetup::valueOptions() {
    return {"--topology", "--victim",    "--attacker",     "--attack",
            "--rov",      "--tie-break", "--prefix-length"};
}

std::set<std::string> TrialSetup::flagOptions() {
    return {"--exclude-mlp-only", "--strict", "--no-roa"};
}

std::string TrialSetup::usageLines() {
    return "         [--attack " + OptionChoices::joined(OptionChoices::attackTypes(), "|") +
           "]\n"
           "         [--rov ASN,ASN,...|@FILE] [--tie-break " +
           OptionChoices::joined(OptionChoices::tieBreaks(), "|") +
           "]\n"
           "         [--prefix-length N] [--no-roa] [--exclude-mlp-only] [--strict]\n";
}

NodeIndex TrialSetup::resolve(const std::string& option, const std::string& text) const {
    const std::vector<Asn> asns = AsnListReader::parse(text, "option " + option);
    if (asns.size() != 1) {
        throw UsageError("option " + option + " expects one ASN, got '" + text + "'");
    }
    const auto node = graph.nodeOf(asns.front());
    if (!node) {
        throw UsageError("option " + option + ": AS" + std::to_string(asns.front()) +
                         " is not in the topology " + topologyPath);
    }
    return *node;
}

std::unique_ptr<TrialSetup> TrialSetup::load(const CommandLine& line, const std::string& command,
                                             std::ostream& err) {
    const std::optional<std::string> attackerText = line.value("--attacker");
    const std::string attackName = line.choice("--attack", OptionChoices::attackTypes(),
                                               attackerText ? "equally-specific" : "none");
    const auto attackType = attackTypeFromString(attackName);
    if (*attackType != AttackType::None && !attackerText) {
        throw UsageError("--attack " + attackName + " needs --attacker ASN");
    }
    const long long prefixLength =
        CommandLine::toInteger("--prefix-length", line.value("--prefix-length").value_or("22"));
    if (prefixLength < 1 || prefixLength > Attack::kLongestRoutablePrefixLength) {
        throw UsageError(
            "option --prefix-length must be between 1 and 24 (longer prefixes are "
            "filtered on the Internet), got " +
            std::to_string(prefixLength));
    }
    const std::string tieBreakText = line.value("--tie-break").value_or("lowest-asn");
    TieBreak tieBreak = TieBreak::lowestAsn();
    try {
        tieBreak = TieBreak::fromString(tieBreakText);
    } catch (const std::invalid_argument& error) {
        throw UsageError(std::string("option --tie-break: ") + error.what() +
                         ClosestMatch::suggestion(tieBreakText, tieBreakSpellings(tieBreakText)));
    }
    CaidaReader::Options readOptions;
    readOptions.includeMlpOnlyLinks = !line.flag("--exclude-mlp-only");
    const std::string topologyPath = line.required("--topology");
    const std::string victimText = line.required("--victim");
    AsGraph graph = CaidaReader::readFile(topologyPath, readOptions);
    const std::size_t n = graph.nodeCount();

    auto setup = std::unique_ptr<TrialSetup>(
        new TrialSetup{topologyPath, std::move(graph), Attack{}, RovDeployment::none(n), tieBreak});
    Attack& attack = setup->attack;
    attack.type = *attackType;
    attack.victim = setup->resolve("--victim", victimText);
    attack.victimPrefixLength = static_cast<int>(prefixLength);
    attack.victimHasRoa = !line.flag("--no-roa");
    if (attackerText) {
        const NodeIndex attacker = setup->resolve("--attacker", *attackerText);
        if (attacker == attack.victim) {
            throw UsageError("the victim and the attacker must be different ASes (both AS" +
                             std::to_string(setup->graph.asnOf(attacker)) + ")");
        }
        attack.attacker = attacker;
    }
    if (attackerText && attack.type == AttackType::None) {
        err << "mpicsim " << command << ": note: --attack none: AS"
            << setup->graph.asnOf(attack.attacker)
            << " announces nothing and routes like any other AS\n";
    }
    if (attack.subprefixFiltered()) {
        err << "mpicsim " << command << ": note: the victim's prefix is a /" << prefixLength
            << ", so the attacker's /" << attack.subprefixLength()
            << " is filtered by every other AS: the sub-prefix hijack has no effect beyond the "
               "attacker's own AS\n";
    }
    if (const auto rovArgument = line.value("--rov")) {
        setup->rov = RovDeployment::of(
            n, resolveRovAdopters(setup->graph, *rovArgument, line.flag("--strict"), err));
    }
    return setup;
}

}  // namespace mpicsim::cli
