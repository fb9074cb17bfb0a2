#include "RoutesCommand.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <numeric>

#include "CommandLine.hpp"
#include "UsageError.hpp"
#include "mpicsim/io/AsnListReader.hpp"
#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/routing/DecisionExplainer.hpp"
#include "mpicsim/routing/Propagator.hpp"
#include "mpicsim/routing/TieBreakRanking.hpp"

namespace mpicsim::cli {
namespace {

NodeIndex resolveAsn(const AsGraph& graph, const std::string& option, const std::string& text) {
    const std::vector<Asn> asns = AsnListReader::parse(text, "option " + option);
    if (asns.size() != 1) {
        throw UsageError("option " + option + " expects one ASN, got '" + text + "'");
    }
    const auto node = graph.nodeOf(asns.front());
    if (!node) {
        throw UsageError("option " + option + ": AS" + std::to_string(asns.front()) +
                         " is not in the topology " + graph.metadata().sourceName);
    }
    return *node;
}

std::vector<NodeIndex> resolveRovAdopters(const AsGraph& graph, const std::string& argument) {
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
        std::string message = "option --rov names " + std::to_string(missing.size()) +
                              " AS(es) not in the topology:";
        for (std::size_t i = 0; i < std::min<std::size_t>(missing.size(), 10); ++i) {
            message += " AS" + std::to_string(missing[i]);
        }
        if (missing.size() > 10) {
            message += " ...";
        }
        throw UsageError(message);
    }
    return nodes;
}

std::string joinPath(const std::vector<Asn>& path) {
    std::string text;
    for (Asn asn : path) {
        if (!text.empty()) {
            text += ' ';
        }
        text += std::to_string(asn);
    }
    return text;
}

}  // namespace

const char* RoutesCommand::usage() {
    return "usage: mpicsim routes --topology FILE --victim ASN [--attacker ASN]\n"
           "         [--attack none|equally-specific|subprefix|forged-origin]\n"
           "         [--rov ASN,ASN,...|@FILE] [--tie-break lowest-asn|random:SEED|md5]\n"
           "         [--prefix-length N] [--format csv|json] [--exclude-mlp-only]\n"
           "Prints every AS's data-plane outcome (victim, attacker or disconnected) and the AS\n"
           "path it forwards on. --attack defaults to equally-specific with --attacker, else\n"
           "none. --prefix-length is the victim's prefix length (default 22, at most 24).\n"
           "--exclude-mlp-only leaves out serial-2 links seen only at route servers.\n";
}

int RoutesCommand::run(const std::vector<std::string>& arguments, std::ostream& out,
                       std::ostream& err) {
    try {
        const CommandLine line(arguments,
                               {"--topology", "--victim", "--attacker", "--attack", "--rov",
                                "--tie-break", "--prefix-length", "--format"},
                               {"--exclude-mlp-only"});
        const std::string format = line.value("--format").value_or("csv");
        if (format != "csv" && format != "json") {
            throw UsageError("option --format expects csv or json, got '" + format + "'");
        }
        const std::optional<std::string> attackerText = line.value("--attacker");
        const std::string attackName =
            line.value("--attack").value_or(attackerText ? "equally-specific" : "none");
        const auto attackType = attackTypeFromString(attackName);
        if (!attackType) {
            throw UsageError("option --attack expects none, equally-specific, subprefix or "
                             "forged-origin, got '" + attackName + "'");
        }
        if (*attackType != AttackType::None && !attackerText) {
            throw UsageError("--attack " + attackName + " needs --attacker ASN");
        }
        const long long prefixLength = CommandLine::toInteger(
            "--prefix-length", line.value("--prefix-length").value_or("22"));
        if (prefixLength < 1 || prefixLength > Attack::kLongestRoutablePrefixLength) {
            throw UsageError("option --prefix-length must be between 1 and 24 (longer prefixes "
                             "are filtered on the Internet), got " +
                             std::to_string(prefixLength));
        }
        TieBreak tieBreak = TieBreak::lowestAsn();
        try {
            tieBreak = TieBreak::fromString(line.value("--tie-break").value_or("lowest-asn"));
        } catch (const std::invalid_argument& error) {
            throw UsageError(std::string("option --tie-break: ") + error.what());
        }

        CaidaReader::Options readOptions;
        readOptions.includeMlpOnlyLinks = !line.flag("--exclude-mlp-only");
        const std::string topologyPath = line.required("--topology");
        const std::string victimText = line.required("--victim");
        const AsGraph graph = CaidaReader::readFile(topologyPath, readOptions);

        Attack attack;
        attack.type = *attackType;
        attack.victim = resolveAsn(graph, "--victim", victimText);
        attack.victimPrefixLength = static_cast<int>(prefixLength);
        if (attackerText) {
            const NodeIndex attacker = resolveAsn(graph, "--attacker", *attackerText);
            if (attacker == attack.victim) {
                throw UsageError("the victim and the attacker must be different ASes (both AS" +
                                 std::to_string(graph.asnOf(attacker)) + ")");
            }
            attack.attacker = attacker;
        }
        if (attackerText && attack.type == AttackType::None) {
            err << "mpicsim routes: note: --attack none: AS"
                << graph.asnOf(attack.attacker)
                << " announces nothing and routes like any other AS\n";
        }
        if (attack.subprefixFiltered()) {
            err << "mpicsim routes: note: the victim's prefix is a /" << prefixLength
                << ", so the attacker's /" << attack.subprefixLength()
                << " is filtered by every other AS: the sub-prefix hijack has no effect beyond "
                   "the attacker's own AS\n";
        }
        const std::vector<NodeIndex> adopters =
            line.value("--rov") ? resolveRovAdopters(graph, *line.value("--rov"))
                                : std::vector<NodeIndex>{};
        const RovDeployment rov = RovDeployment::of(graph.nodeCount(), adopters);
        const TieBreakRanking ranking(graph, tieBreak);
        const Propagator propagator(graph, ranking, rov);
        const RoutingOutcome routing = propagator.run(attack);

        std::vector<NodeIndex> byAsn(graph.nodeCount());
        std::iota(byAsn.begin(), byAsn.end(), NodeIndex{0});
        std::sort(byAsn.begin(), byAsn.end(),
                  [&](NodeIndex a, NodeIndex b) { return graph.asnOf(a) < graph.asnOf(b); });

        if (format == "csv") {
            std::string buffer = "asn,outcome,as_path\n";
            for (NodeIndex node : byAsn) {
                buffer += std::to_string(graph.asnOf(node));
                buffer += ',';
                buffer += toString(routing.outcome(node));
                buffer += ',';
                buffer += joinPath(routing.asPath(node));
                buffer += '\n';
                if (buffer.size() > (1 << 16)) {
                    out << buffer;
                    buffer.clear();
                }
            }
            out << buffer;
        } else {
            const DecisionExplainer explainer(rov);
            nlohmann::json header = {
                {"topology", topologyPath},
                {"victim", graph.asnOf(attack.victim)},
                {"attacker", attack.hasAttacker() ? nlohmann::json(graph.asnOf(attack.attacker))
                                                  : nlohmann::json(nullptr)},
                {"attack", toString(attack.type)},
                {"prefix_length", prefixLength},
                {"subprefix_length", attack.type == AttackType::Subprefix
                                         ? nlohmann::json(attack.subprefixLength())
                                         : nlohmann::json(nullptr)},
                {"subprefix_filtered", attack.subprefixFiltered()},
                {"tie_break", tieBreak.toString()},
                {"rov_adopters", rov.adopterCount()},
            };
            std::string text = header.dump();
            text.pop_back();  // reopen the object to stream the routes array
            out << text << ",\"routes\":[\n";
            bool first = true;
            for (NodeIndex node : byAsn) {
                const RouteExplanation explanation = explainer.explain(routing, node);
                const std::optional<PrefixSlot> slot = routing.forwardingSlot(node);
                nlohmann::json row = {
                    {"asn", graph.asnOf(node)},
                    {"outcome", toString(routing.outcome(node))},
                    {"as_path", routing.asPath(node)},
                    {"decision_step", toString(explanation.step)},
                };
                if (slot) {
                    const std::uint64_t key = routing.key(node, *slot);
                    const auto nextHop = routing.nextHop(node, *slot);
                    row["prefix_length"] = *slot == PrefixSlot::Subprefix
                                               ? attack.subprefixLength()
                                               : attack.victimPrefixLength;
                    row["route_class"] = toString(RouteKey::routeClass(key));
                    row["next_hop"] = nextHop ? nlohmann::json(graph.asnOf(*nextHop))
                                              : nlohmann::json(nullptr);
                } else {
                    row["prefix_length"] = nullptr;
                    row["route_class"] = nullptr;
                    row["next_hop"] = nullptr;
                }
                out << (first ? "" : ",\n") << row.dump();
                first = false;
            }
            out << "\n]}\n";
        }
        out.flush();
        if (!out) {
            err << "mpicsim routes: error: cannot write the output\n";
            return 2;
        }
        return 0;
    } catch (const UsageError& error) {
        err << "mpicsim routes: error: " << error.what() << "\n" << usage();
        return 2;
    } catch (const InputError& error) {
        err << "mpicsim routes: error: " << error.what() << "\n";
        return 2;
    }
}

}  // namespace mpicsim::cli
