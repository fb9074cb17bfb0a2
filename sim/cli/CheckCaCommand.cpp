#include "CheckCaCommand.hpp"

#include <iomanip>
#include <nlohmann/json.hpp>

#include "CaSelection.hpp"
#include "CommandErrors.hpp"
#include "mpicsim/io/CaConfigurationReader.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/mpic/ComplianceChecker.hpp"
#include "mpicsim/mpic/Corroboration.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"

namespace mpicsim::cli {
namespace {

nlohmann::json perspectiveJson(const Perspective& perspective) {
    nlohmann::json json = {{"id", perspective.id},
                           {"asn", perspective.hostAsn},
                           {"rir", toString(perspective.rir)},
                           {"provider", perspective.provider},
                           {"region", perspective.regionCode},
                           {"city", perspective.city},
                           {"country", perspective.country}};
    if (perspective.location) {
        json["latitude"] = perspective.location->latitude;
        json["longitude"] = perspective.location->longitude;
    }
    return json;
}

}  // namespace

std::string CheckCaCommand::usage() {
    return "usage: mpicsim check-ca\n" + CaSelection::usageLines() +
           "         [--format text|json]\n"
           "       mpicsim check-ca --list-perspectives | --list-presets [--format text|json]\n"
           "Lists every rule of TLS BR 3.2.2.9 (or the chosen policy) that the CA configuration\n"
           "breaks on the date: too few remotes, perspectives under 500 km apart, remotes not\n"
           "distinct from the primary, RIR diversity impossible to meet, an impossible quorum.\n" +
           CaSelection::usageNotes() + "Exit status: 0 compliant, 1 not compliant, 2 error.\n";
}

int CheckCaCommand::run(const std::vector<std::string>& arguments, std::ostream& out,
                        std::ostream& err) {
    try {
        std::set<std::string> valueOptions = CaSelection::valueOptions();
        valueOptions.insert("--format");
        const CommandLine line(arguments, valueOptions, {"--list-perspectives", "--list-presets"},
                               CaSelection::repeatableOptions());
        const std::string format = line.choice("--format", {"text", "json"}, "text");
        if (line.flag("--list-presets")) {
            const auto names = CaConfigurationReader::presetNames();
            if (format == "json") {
                out << nlohmann::json(names).dump(2) << "\n";
            } else {
                for (const std::string& name : names) {
                    out << name << "\n";
                }
            }
            return 0;
        }
        if (line.flag("--list-perspectives")) {
            const PerspectiveCatalog catalog =
                line.value("--catalog")
                    ? PerspectiveCatalogReader::readFile(*line.value("--catalog"))
                    : PerspectiveCatalogReader::builtIn();
            if (format == "json") {
                nlohmann::json list = nlohmann::json::array();
                for (const Perspective& perspective : catalog.perspectives()) {
                    list.push_back(perspectiveJson(perspective));
                }
                out << list.dump(2) << "\n";
            } else {
                for (const Perspective& perspective : catalog.perspectives()) {
                    out << std::left << std::setw(34) << perspective.id << std::setw(8)
                        << toString(perspective.rir) << std::setw(9) << perspective.hostAsn
                        << perspective.city << ", " << perspective.country << "\n";
                }
            }
            return 0;
        }
        const CaSelection selection = CaSelection::load(line);
        const std::vector<ComplianceViolation> violations =
            ComplianceChecker::check(selection.ca, selection.policy);
        const QuorumPolicy& policy = selection.policy;
        const int remotes = static_cast<int>(selection.ca.remotes.size());
        if (format == "json") {
            nlohmann::json list = nlohmann::json::array();
            for (const ComplianceViolation& violation : violations) {
                list.push_back({{"rule", violation.rule}, {"message", violation.message}});
            }
            nlohmann::json remoteList = nlohmann::json::array();
            for (const Perspective& remote : selection.ca.remotes) {
                remoteList.push_back(perspectiveJson(remote));
            }
            const nlohmann::json result = {
                {"ca", selection.ca.name},
                {"date", formatIsoDate(selection.date)},
                {"policy",
                 {{"name", policy.name},
                  {"phase",
                   policy.phase.empty() ? nlohmann::json(nullptr) : nlohmann::json(policy.phase)},
                  {"source", policy.source}}},
                {"primary", selection.ca.primary ? perspectiveJson(*selection.ca.primary)
                                                 : nlohmann::json(nullptr)},
                {"remotes", remoteList},
                {"required", policy.requiredCorroborations(remotes)},
                {"required_rirs", policy.requiredRirs(remotes)},
                {"compliant", violations.empty()},
                {"violations", list},
            };
            out << result.dump(2) << "\n";
        } else {
            out << "CA:      " << selection.ca.name << " (" << remotes << " remote perspectives"
                << (selection.ca.primary ? ", primary " + selection.ca.primary->id : "") << ")\n";
            out << "Policy:  " << policy.label() << " on " << formatIsoDate(selection.date)
                << "\n         source: " << policy.source << "\n";
            out << "Quorum:  " << policy.requiredCorroborations(remotes) << " of "
                << Corroboration::countOf(remotes, "remote") << " must corroborate";
            if (policy.requiredRirs(remotes) > 0) {
                out << ", spanning " << Corroboration::countOf(policy.requiredRirs(remotes), "RIR");
            }
            out << (policy.blocking ? "" : " (non-blocking)") << "\n\n";
            if (violations.empty()) {
                out << "COMPLIANT: no rule is broken.\n";
            } else {
                out << "NOT COMPLIANT: " << violations.size() << " violation"
                    << (violations.size() == 1 ? "" : "s") << "\n";
                for (const ComplianceViolation& violation : violations) {
                    out << "  - [" << violation.rule << "] " << violation.message << "\n";
                }
            }
        }
        out.flush();
        return violations.empty() ? 0 : 1;
    } catch (...) {
        return CommandErrors::report("check-ca", err);
    }
}

}  // namespace mpicsim::cli
