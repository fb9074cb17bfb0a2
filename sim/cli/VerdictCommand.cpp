#include "VerdictCommand.hpp"

#include <iomanip>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "CaSelection.hpp"
#include "CommandErrors.hpp"
#include "OptionChoices.hpp"
#include "RegionModelOption.hpp"
#include "TrialSetup.hpp"
#include "UsageError.hpp"
#include "mpicsim/experiment/StudyCompliance.hpp"
#include "mpicsim/io/AsnListReader.hpp"
#include "mpicsim/mpic/ComplianceChecker.hpp"
#include "mpicsim/mpic/Corroboration.hpp"
#include "mpicsim/mpic/MpicEvaluator.hpp"
#include "mpicsim/mpic/PlacementWarning.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"
#include "mpicsim/mpic/RegionPlacement.hpp"
#include "mpicsim/routing/Propagator.hpp"

namespace mpicsim::cli {
namespace {

PrefixTarget parseNameserver(const std::string& text, int defaultLength, std::size_t index) {
    const auto slash = text.find('/');
    PrefixTarget target;
    target.role = "nameserver " + std::to_string(index + 1);
    const std::vector<Asn> asns =
        AsnListReader::parse(text.substr(0, slash), "option --nameserver");
    if (asns.size() != 1) {
        throw UsageError("option --nameserver expects ASN or ASN/LENGTH, got '" + text + "'");
    }
    target.origin = asns.front();
    target.prefixLength = defaultLength;
    if (slash != std::string::npos) {
        const long long length = CommandLine::toInteger("--nameserver", text.substr(slash + 1));
        if (length < 1 || length > Attack::kLongestRoutablePrefixLength) {
            throw UsageError("option --nameserver: prefix length must be 1-24, got '" + text + "'");
        }
        target.prefixLength = static_cast<int>(length);
    }
    return target;
}

nlohmann::json perspectiveJson(const PerspectiveReport& report, const AsGraph& graph) {
    const Perspective& perspective = report.perspective;
    const PerspectiveObservation& observation = report.observation;
    nlohmann::json json = {
        {"id", perspective.id},
        {"asn", perspective.hostAsn},
        {"outcome", toString(observation.outcome)},
        {"decision_step", toString(observation.step)},
        {"route_class", observation.routeClass ? nlohmann::json(toString(*observation.routeClass))
                                               : nlohmann::json(nullptr)},
        {"next_hop", observation.nextHop ? nlohmann::json(graph.asnOf(*observation.nextHop))
                                         : nlohmann::json(nullptr)},
        {"inherits_host_routing", observation.inheritsHostRouting},
    };
    if (!report.primary) {
        json["rir"] = toString(perspective.rir);
    }
    return json;
}

std::string describePerspectiveRoute(const PerspectiveReport& report, const AsGraph& graph) {
    const PerspectiveObservation& observation = report.observation;
    std::ostringstream text;
    if (observation.step == DecisionStep::Origin) {
        text << "originates the prefix";
    } else if (!observation.nextHop) {
        text << "no route";
    } else {
        text << "via AS" << graph.asnOf(*observation.nextHop) << " ("
             << toString(*observation.routeClass) << " route; decided by "
             << toString(observation.step) << ")";
    }
    if (observation.inheritsHostRouting) {
        text << "; routes as host AS" << report.perspective.hostAsn;
    } else {
        text << "; own node";
    }
    return text.str();
}

}  // namespace

std::string VerdictCommand::usage() {
    return "usage: mpicsim verdict --topology FILE --victim ASN --attacker ASN\n" +
           TrialSetup::usageLines() + CaSelection::usageLines() + RegionModelOption::usageLines() +
           "         [--method " + OptionChoices::joined(OptionChoices::validationMethods(), "|") +
           "]\n"
           "         [--nameserver ASN[/LEN] ...] [--format text|json]\n"
           "Decides whether the attacker obtains a certificate for a domain hosted in the "
           "victim's\n"
           "prefix. --victim is the web host's AS (its prefix has --prefix-length); DNS methods\n"
           "contact the --nameserver prefixes instead (default: the web host's). The attacker\n"
           "hijacks one target prefix per attempt and the best one for it is reported. --no-roa:\n"
           "the target prefixes have no ROA, so ROV adopters drop no announcement of them. A\n"
           "configuration that breaks the policy's rules (see check-ca) gets a warning.\n" +
           CaSelection::usageNotes();
}

int VerdictCommand::run(const std::vector<std::string>& arguments, std::ostream& out,
                        std::ostream& err) {
    try {
        std::set<std::string> valueOptions = TrialSetup::valueOptions();
        for (const std::string& option : CaSelection::valueOptions()) {
            valueOptions.insert(option);
        }
        valueOptions.insert({"--format", "--method"});
        for (const std::string& option : RegionModelOption::valueOptions()) {
            valueOptions.insert(option);
        }
        std::set<std::string> repeatable = CaSelection::repeatableOptions();
        repeatable.insert("--nameserver");
        const CommandLine line(arguments, valueOptions, TrialSetup::flagOptions(), repeatable);
        const std::string format = line.choice("--format", {"text", "json"}, "text");
        const auto method = validationMethodFromString(
            line.choice("--method", OptionChoices::validationMethods(), "http-01"));
        if (!line.value("--attacker")) {
            throw UsageError("missing required option --attacker");
        }
        CaSelection selection = CaSelection::load(line);
        const std::unique_ptr<TrialSetup> setup = TrialSetup::load(line, "verdict", err);
        const AsGraph& graph = setup->graph;
        const RegionModelOption region =
            RegionModelOption::load(line, setup->topologyPath, graph, selection.catalog);
        // The fallback notice matters only when the CA names a cloud region.
        const std::set<std::string> cloudRegions =
            RegionPlacement::cloudRegionIds(selection.catalog);
        bool namesCloudRegion =
            selection.ca.primary && cloudRegions.contains(selection.ca.primary->id);
        for (const Perspective& remote : selection.ca.remotes) {
            namesCloudRegion = namesCloudRegion || cloudRegions.contains(remote.id);
        }
        if (!region.loaded.notice.empty() && namesCloudRegion) {
            err << "mpicsim verdict: note: " << region.loaded.notice << "\n";
        }
        region.loaded.placement.place(selection.ca);

        DomainTargets domain;
        domain.webHost = {"web host", graph.asnOf(setup->attack.victim),
                          setup->attack.victimPrefixLength};
        const std::vector<std::string> nameservers = line.values("--nameserver");
        for (std::size_t i = 0; i < nameservers.size(); ++i) {
            PrefixTarget target =
                parseNameserver(nameservers[i], setup->attack.victimPrefixLength, i);
            setup->resolve("--nameserver", std::to_string(target.origin));
            domain.nameservers.push_back(target);
        }

        const TieBreakRanking ranking(graph, setup->tieBreak);
        const Propagator propagator(graph, ranking, setup->rov);
        std::unique_ptr<MpicEvaluator> evaluator;
        try {
            evaluator =
                std::make_unique<MpicEvaluator>(graph, setup->rov, selection.ca, selection.policy);
        } catch (const std::invalid_argument& error) {
            throw UsageError(error.what());
        }

        std::vector<AttemptReport> attempts;
        std::vector<std::string> skipped;
        RoutingOutcome routing;
        PropagationWorkspace workspace;
        for (const PrefixTarget& target : domain.targetsFor(*method)) {
            Attack attack = setup->attack;
            attack.victim = *graph.nodeOf(target.origin);
            attack.victimPrefixLength = target.prefixLength;
            if (attack.hasAttacker() && attack.victim == attack.attacker) {
                skipped.push_back(target.role + " is in the attacker's own AS");
                continue;
            }
            propagator.run(attack, routing, workspace);
            attempts.push_back(evaluator->evaluate(routing, target));
        }
        if (attempts.empty()) {
            throw UsageError("every target prefix is in the attacker's AS: nothing to hijack");
        }
        std::size_t best = 0;
        for (std::size_t i = 1; i < attempts.size(); ++i) {
            if (attempts[i].betterForAttackerThan(attempts[best])) {
                best = i;
            }
        }
        const AttemptReport& chosen = attempts[best];
        const Verdict& verdict = chosen.verdict;
        const QuorumPolicy& policy = selection.policy;
        std::vector<std::string> placementWarnings;
        for (const PerspectiveReport& report : chosen.perspectives) {
            const Asn host = report.perspective.hostAsn;
            const bool victim = host == chosen.target.origin;
            const bool adversary = host == graph.asnOf(setup->attack.attacker);
            if (report.observation.inheritsHostRouting && (victim || adversary)) {
                placementWarnings.push_back(
                    PlacementWarning::text({}, report.perspective, victim, adversary));
            }
        }
        const std::vector<ComplianceViolation> violations =
            ComplianceChecker::check(selection.ca, policy);
        if (!violations.empty()) {
            err << "warning: "
                << StudyCompliance::warning(selection.ca.name, policy.label(),
                                            StudyCompliance::codesOf(violations))
                << "\n";
        }

        if (format == "json") {
            nlohmann::json primary = nullptr;
            nlohmann::json remotes = nlohmann::json::array();
            nlohmann::json corroboratingIds = nlohmann::json::array();
            for (const PerspectiveReport& report : chosen.perspectives) {
                if (report.primary) {
                    primary = perspectiveJson(report, graph);
                } else {
                    remotes.push_back(perspectiveJson(report, graph));
                    if (report.observation.outcome == Outcome::Attacker) {
                        corroboratingIds.push_back(report.perspective.id);
                    }
                }
            }
            nlohmann::json attemptSummaries = nlohmann::json::array();
            for (const AttemptReport& attempt : attempts) {
                attemptSummaries.push_back(
                    {{"target", attempt.target.role},
                     {"asn", attempt.target.origin},
                     {"prefix_length", attempt.target.prefixLength},
                     {"issued_to_attacker", attempt.verdict.issuedToAttacker},
                     {"corroborating", attempt.verdict.corroborating}});
            }
            const nlohmann::json result = {
                {"topology", setup->topologyPath},
                {"attack", toString(setup->attack.type)},
                {"attacker", graph.asnOf(setup->attack.attacker)},
                {"method", toString(*method)},
                {"target",
                 {{"role", chosen.target.role},
                  {"asn", chosen.target.origin},
                  {"prefix_length", chosen.target.prefixLength}}},
                {"attempts", attemptSummaries},
                {"ca", selection.ca.name},
                {"date", formatIsoDate(selection.date)},
                {"policy",
                 {{"name", policy.name},
                  {"phase",
                   policy.phase.empty() ? nlohmann::json(nullptr) : nlohmann::json(policy.phase)},
                  {"source", policy.source},
                  {"blocking", policy.blocking}}},
                {"tie_break", setup->tieBreak.toString()},
                {"region_model", region.loaded.placement.model().label()},
                {"placement_warnings", placementWarnings},
                {"rov_adopters", setup->rov.adopterCount()},
                {"victim_has_roa", setup->attack.victimHasRoa},
                {"compliant", violations.empty()},
                {"violations", StudyCompliance::codesOf(violations)},
                {"primary", primary},
                {"remotes", remotes},
                {"corroborating", verdict.corroborating},
                {"corroborating_remotes", corroboratingIds},
                {"corroborating_rirs", verdict.corroboratingRirs},
                {"required", verdict.required},
                {"required_rirs", verdict.requiredRirs},
                {"issued_to_attacker", verdict.issuedToAttacker},
                {"legitimate_issuance_blocked", verdict.legitimateIssuanceBlocked},
                {"reason", verdict.reason},
            };
            out << result.dump(2) << "\n";
        } else {
            out << "Topology:  " << setup->topologyPath << " (" << graph.nodeCount()
                << " ASes), tie-break " << setup->tieBreak.toString() << ", "
                << setup->rov.adopterCount() << " ROV adopters\n";
            out << "Attack:    " << toString(setup->attack.type) << " hijack by AS"
                << graph.asnOf(setup->attack.attacker) << " of the " << chosen.target.role
                << " prefix (AS" << chosen.target.origin << ", /" << chosen.target.prefixLength
                << "), method " << toString(*method) << "\n";
            if (attempts.size() > 1) {
                out << "           (the attacker tried " << attempts.size()
                    << " target prefixes and this one serves it best)\n";
            }
            for (const std::string& note : skipped) {
                out << "           (skipped: " << note << ")\n";
            }
            out << "CA:        " << selection.ca.name << "; " << region.describe() << "\n";
            out << "Policy:    " << policy.label() << (policy.blocking ? "" : ", non-blocking")
                << " on " << formatIsoDate(selection.date)
                << "\n           source: " << policy.source << "\n\n";
            std::size_t idWidth = 12;
            for (const PerspectiveReport& report : chosen.perspectives) {
                idWidth = std::max(idWidth, report.perspective.id.size());
            }
            out << std::left << std::setw(8) << "role" << std::setw(static_cast<int>(idWidth) + 2)
                << "perspective" << std::setw(10) << "AS" << std::setw(8) << "RIR" << std::setw(14)
                << "outcome"
                << "route\n";
            for (const PerspectiveReport& report : chosen.perspectives) {
                out << std::left << std::setw(8) << (report.primary ? "primary" : "remote")
                    << std::setw(static_cast<int>(idWidth) + 2) << report.perspective.id
                    << std::setw(10) << report.perspective.hostAsn << std::setw(8)
                    << (report.primary ? "-" : std::string(toString(report.perspective.rir)))
                    << std::setw(14) << toString(report.observation.outcome)
                    << describePerspectiveRoute(report, graph) << "\n";
            }
            out << "\nQuorum:    " << verdict.corroborating << " of "
                << Corroboration::countOf(verdict.remotes, "remote perspective")
                << (verdict.corroborating == 1 ? " corroborates" : " corroborate")
                << " the attacker (" << verdict.required << " required)";
            if (verdict.requiredRirs > 0) {
                out << ", spanning " << Corroboration::countOf(verdict.corroboratingRirs, "RIR")
                    << " (" << verdict.requiredRirs << " required)";
            }
            out << "\n";
            out << "Verdict:   certificate "
                << (verdict.issuedToAttacker ? "ISSUED to the attacker" : "REFUSED to the attacker")
                << "\n           " << verdict.reason << "\n";
            out << "Owner:     legitimate issuance during the attack "
                << (verdict.legitimateIssuanceBlocked ? "BLOCKED" : "still possible") << " ("
                << verdict.reachingVictim << " of "
                << Corroboration::countOf(verdict.remotes, "remote")
                << (verdict.reachingVictim == 1 ? " reaches" : " reach") << " the victim"
                << (verdict.primaryUsed
                        ? std::string(", primary ") +
                              (verdict.primaryReachesVictim ? "reaches" : "does not reach") + " it"
                        : std::string())
                << ")\n";
            for (const std::string& warning : placementWarnings) {
                out << "Warning:   " << warning << "\n";
            }
        }
        out.flush();
        return 0;
    } catch (...) {
        return CommandErrors::report("verdict", err);
    }
}

}  // namespace mpicsim::cli
