#include "RoutesCommand.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <numeric>

#include "CommandErrors.hpp"
#include "CommandLine.hpp"
#include "TrialSetup.hpp"
#include "mpicsim/routing/DecisionExplainer.hpp"
#include "mpicsim/routing/Propagator.hpp"
#include "mpicsim/routing/TieBreakRanking.hpp"

namespace mpicsim::cli {
namespace {

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

std::string RoutesCommand::usage() {
    return "usage: mpicsim routes --topology FILE --victim ASN [--attacker ASN]\n" +
           TrialSetup::usageLines() +
           "         [--format csv|json]\n"
           "Prints every AS's data-plane outcome (victim, attacker or disconnected) and the AS\n"
           "path it forwards on. --attack defaults to equally-specific with --attacker, else\n"
           "none. --prefix-length is the victim's prefix length (default 22, at most 24).\n"
           "--exclude-mlp-only leaves out serial-2 links seen only at route servers. --no-roa:\n"
           "the victim's prefix has no ROA, so ROV adopters drop no announcement of it.\n";
}

int RoutesCommand::run(const std::vector<std::string>& arguments, std::ostream& out,
                       std::ostream& err) {
    try {
        std::set<std::string> valueOptions = TrialSetup::valueOptions();
        valueOptions.insert("--format");
        const CommandLine line(arguments, valueOptions, TrialSetup::flagOptions());
        const std::string format = line.choice("--format", {"csv", "json"}, "csv");
        const std::unique_ptr<TrialSetup> setup = TrialSetup::load(line, "routes", err);
        const AsGraph& graph = setup->graph;
        const Attack& attack = setup->attack;
        const RovDeployment& rov = setup->rov;
        const TieBreak& tieBreak = setup->tieBreak;
        const std::string& topologyPath = setup->topologyPath;
        const long long prefixLength = attack.victimPrefixLength;
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
                {"victim_has_roa", attack.victimHasRoa},
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
                    row["next_hop"] =
                        nextHop ? nlohmann::json(graph.asnOf(*nextHop)) : nlohmann::json(nullptr);
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
    } catch (...) {
        return CommandErrors::report("routes", err);
    }
}

}  // namespace mpicsim::cli
