#include "CaSelection.hpp"

#include <algorithm>
#include <filesystem>

#include "OptionChoices.hpp"
#include "UsageError.hpp"
#include "mpicsim/io/AsnListReader.hpp"
#include "mpicsim/io/CaConfigurationReader.hpp"
#include "mpicsim/io/ClosestMatch.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"

namespace mpicsim::cli {
namespace {

// "ASN:RIR" inline, "ASN" (primary only, RIR ARIN unless given) or a catalog id.
Perspective perspectiveFromArgument(const std::string& option, const std::string& text,
                                    const PerspectiveCatalog& catalog, bool rirRequired) {
    if (const Perspective* found = catalog.find(text)) {
        return *found;
    }
    const auto colon = text.find(':');
    const std::string asnText = text.substr(0, colon);
    const bool numeric =
        !asnText.empty() &&
        std::all_of(asnText.begin(), asnText.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!numeric) {
        throw UsageError("option " + option + ": '" + text +
                         "' is neither a catalog perspective id nor ASN:RIR" +
                         ClosestMatch::suggestion(text, catalog.ids()));
    }
    Perspective perspective;
    perspective.hostAsn = AsnListReader::parse(asnText, "option " + option).front();
    perspective.id = "AS" + asnText;
    if (colon == std::string::npos) {
        if (rirRequired) {
            throw UsageError("option " + option + " '" + text +
                             "': give the remote's RIR as ASN:RIR (" +
                             OptionChoices::joined(OptionChoices::rirs(), ", ") + ")");
        }
        return perspective;
    }
    const std::string rirName = text.substr(colon + 1);
    const auto rir = rirFromString(rirName);
    if (!rir) {
        throw UsageError("option " + option + " '" + text + "': unknown RIR '" + rirName + "' (" +
                         OptionChoices::alternatives(OptionChoices::rirs()) + ")" +
                         ClosestMatch::suggestion(rirName, OptionChoices::rirs()));
    }
    perspective.rir = *rir;
    return perspective;
}

}  // namespace

std::set<std::string> CaSelection::valueOptions() {
    return {"--ca", "--primary", "--policy", "--br-date", "--catalog"};
}

std::set<std::string> CaSelection::repeatableOptions() {
    return {"--remote"};
}

std::string CaSelection::usageLines() {
    return "         (--ca PRESET|FILE | --primary ASN|ID --remote ASN:RIR|ID [--remote ...])\n"
           "         [--policy " +
           OptionChoices::joined(OptionChoices::policies(), "|") +
           "]\n"
           "         [--br-date YYYY-MM-DD] [--catalog FILE]\n";
}

std::string CaSelection::usageNotes() {
    return "Presets: " + OptionChoices::joined(OptionChoices::caPresets(), ", ") +
           ".\n"
           "RIRs (--remote ASN:RIR): " +
           OptionChoices::joined(OptionChoices::rirs(), ", ") +
           ".\n"
           "--br-date picks the phase of a phased policy (default today).\n";
}

std::chrono::year_month_day CaSelection::today() {
    return std::chrono::year_month_day{
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

CaSelection CaSelection::load(const CommandLine& line) {
    CaSelection selection;
    selection.date = today();
    if (const auto text = line.value("--br-date")) {
        const auto date = parseIsoDate(*text);
        if (!date) {
            throw UsageError("option --br-date expects a date YYYY-MM-DD, got '" + *text + "'");
        }
        selection.date = *date;
        selection.dateGiven = true;
    }
    selection.catalog = line.value("--catalog")
                            ? PerspectiveCatalogReader::readFile(*line.value("--catalog"))
                            : PerspectiveCatalogReader::builtIn();

    const auto caArgument = line.value("--ca");
    const std::vector<std::string> remotes = line.values("--remote");
    if (caArgument && (line.value("--primary") || !remotes.empty())) {
        throw UsageError("give either --ca, or --primary and --remote, not both");
    }
    if (caArgument) {
        if (CaConfigurationReader::isPreset(*caArgument)) {
            selection.ca =
                CaConfigurationReader::preset(*caArgument, selection.catalog, selection.date);
        } else if (std::filesystem::exists(*caArgument)) {
            selection.ca =
                CaConfigurationReader::readFile(*caArgument, selection.catalog, selection.date);
        } else {
            const std::vector<std::string> presets = OptionChoices::caPresets();
            throw UsageError("option --ca: '" + *caArgument + "' is neither a preset (" +
                             OptionChoices::joined(presets, ", ") + ") nor an existing file" +
                             ClosestMatch::suggestion(*caArgument, presets));
        }
    } else {
        if (remotes.empty() && !line.value("--primary")) {
            throw UsageError(
                "name the CA's perspectives: --ca PRESET|FILE, or --primary ASN "
                "and --remote ASN:RIR (repeatable)");
        }
        selection.ca.name = "command line";
        if (const auto primary = line.value("--primary")) {
            selection.ca.primary =
                perspectiveFromArgument("--primary", *primary, selection.catalog, false);
        }
        for (const std::string& remote : remotes) {
            Perspective perspective =
                perspectiveFromArgument("--remote", remote, selection.catalog, true);
            const bool duplicate =
                (selection.ca.primary && selection.ca.primary->id == perspective.id) ||
                std::any_of(selection.ca.remotes.begin(), selection.ca.remotes.end(),
                            [&](const Perspective& p) { return p.id == perspective.id; });
            if (duplicate) {
                throw UsageError("option --remote: perspective '" + perspective.id +
                                 "' is given twice");
            }
            selection.ca.remotes.push_back(std::move(perspective));
        }
    }

    if (const auto policyName = line.value("--policy")) {
        if (!QuorumPolicyTable::knows(*policyName)) {
            throw UsageError("option --policy: unknown policy '" + *policyName + "' (expected " +
                             QuorumPolicyTable::names() + ")" +
                             ClosestMatch::suggestion(*policyName, OptionChoices::policies()));
        }
        const auto policy = QuorumPolicyTable::lookup(*policyName, selection.date);
        if (!policy) {
            throw UsageError("policy '" + *policyName + "' has no phase in force on " +
                             formatIsoDate(selection.date));
        }
        selection.policy = *policy;
    } else if (selection.ca.policy && !selection.dateGiven) {
        selection.policy = *selection.ca.policy;
    } else {
        const std::string name =
            selection.ca.policy && (selection.ca.policy->name == "br" ||
                                    selection.ca.policy->name == "cabf-proposal-2023")
                ? selection.ca.policy->name
                : "br";
        const auto policy = QuorumPolicyTable::lookup(name, selection.date);
        if (!policy) {
            throw UsageError("no phase of '" + name + "' is in force on " +
                             formatIsoDate(selection.date) + " (the first starts 2025-03-15)");
        }
        selection.policy = *policy;
    }
    if (selection.policy.primaryRequired && !selection.ca.primary) {
        throw UsageError("policy " + selection.policy.label() +
                         " needs a primary perspective: give --primary or a CA with one");
    }
    return selection;
}

}  // namespace mpicsim::cli
