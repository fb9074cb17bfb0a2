#include "mpicsim/io/CaConfigurationReader.hpp"

#include "CaConfigurationJson.hpp"
#include "EmbeddedData.hpp"
#include "JsonFields.hpp"
#include "PerspectiveJson.hpp"
#include "mpicsim/io/ClosestMatch.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"

namespace mpicsim {
namespace {

using detail::JsonFields;

const char* const kPresetsSource = "topology_data/ca-presets.json";

}  // namespace

namespace detail {

Perspective resolvePerspective(const nlohmann::json& value, const std::string& pointer,
                               const std::string& source, const PerspectiveCatalog& catalog) {
    if (value.is_string()) {
        const std::string id = value.get<std::string>();
        const Perspective* found = catalog.find(id);
        if (found == nullptr) {
            throw InputError(source, 0,
                             "at " + pointer + ": unknown perspective id '" + id +
                                 "' (not in the perspective catalog; see "
                                 "'mpicsim check-ca --list-perspectives')" +
                                 ClosestMatch::suggestion(id, catalog.ids()));
        }
        return *found;
    }
    if (value.is_object()) {
        return detail::parsePerspective(value, pointer, source);
    }
    throw InputError(source, 0,
                     "at " + pointer +
                         ": expected a catalog id (string) or a perspective object, got " +
                         JsonFields::typeName(value) + " " + JsonFields::shortDump(value));
}

QuorumPolicy parsePolicy(const nlohmann::json& value, const std::string& pointer,
                         const std::string& source, std::chrono::year_month_day today,
                         std::optional<int> remotes) {
    auto named = [&](const std::string& name, std::chrono::year_month_day date,
                     const std::string& where) {
        if (!QuorumPolicyTable::knows(name)) {
            throw InputError(source, 0,
                             "at " + where + ": unknown policy '" + name + "' (expected " +
                                 QuorumPolicyTable::names() + " or custom)" +
                                 ClosestMatch::suggestion(name, QuorumPolicyTable::nameList()));
        }
        const auto policy = QuorumPolicyTable::lookup(name, date);
        if (!policy) {
            throw InputError(source, 0,
                             "at " + where + ": policy '" + name + "' is not yet in force on " +
                                 formatIsoDate(date));
        }
        return *policy;
    };
    if (value.is_string()) {
        return named(value.get<std::string>(), today, pointer);
    }
    const JsonFields fields(value, pointer, source);
    const std::string name = fields.requiredString("name");
    if (name != "custom") {
        fields.allowOnly({"name", "date"});
        std::chrono::year_month_day date = today;
        if (const auto text = fields.optionalString("date")) {
            const auto parsed = parseIsoDate(*text);
            if (!parsed) {
                fields.fail("date", "expected a date YYYY-MM-DD, got \"" + *text + "\"");
            }
            date = *parsed;
        }
        return named(name, date, fields.pointerTo("name"));
    }
    fields.allowOnly({"name", "minimum_remotes", "allowed_non_corroborations",
                      "required_corroborations", "primary_required", "minimum_rirs", "blocking",
                      "description"});
    QuorumPolicy policy;
    policy.name = "custom";
    policy.source = fields.optionalString("description").value_or("user-defined in " + source);
    policy.minimumRemotes =
        static_cast<int>(fields.optionalInteger("minimum_remotes", 0, 1000).value_or(0));
    policy.primaryRequired = fields.optionalBool("primary_required").value_or(true);
    policy.minimumCorroboratingRirs =
        static_cast<int>(fields.optionalInteger("minimum_rirs", 0, 5).value_or(0));
    policy.blocking = fields.optionalBool("blocking").value_or(true);
    const auto allowed = fields.optionalInteger("allowed_non_corroborations", 0, 1000);
    const auto required = fields.optionalInteger("required_corroborations", 0, 1000);
    if (allowed && required) {
        fields.failHere("give allowed_non_corroborations or required_corroborations, not both");
    }
    if (required) {
        policy.failureRule = QuorumPolicy::FailureRule::RequiredFixed;
        policy.ruleValue = static_cast<int>(*required);
        if (remotes && *required > *remotes) {
            fields.fail("required_corroborations",
                        "the quorum of " + std::to_string(*required) +
                            " is larger than the number of remote perspectives (" +
                            std::to_string(*remotes) + ")");
        }
    } else if (allowed) {
        policy.failureRule = QuorumPolicy::FailureRule::AllowedFixed;
        policy.ruleValue = static_cast<int>(*allowed);
        if (remotes && *remotes > 0 && *allowed >= *remotes) {
            fields.fail("allowed_non_corroborations",
                        std::to_string(*allowed) + " allowed non-corroborations out of " +
                            std::to_string(*remotes) +
                            " remotes would let every remote fail; the quorum must be at least 1");
        }
    } else {
        policy.failureRule = QuorumPolicy::FailureRule::BrTable;
    }
    if (remotes && policy.minimumCorroboratingRirs > std::max(*remotes, 1)) {
        fields.fail("minimum_rirs", "cannot require " +
                                        std::to_string(policy.minimumCorroboratingRirs) +
                                        " RIRs from " + std::to_string(*remotes) + " remotes");
    }
    return policy;
}

CaConfiguration parseCaConfiguration(const nlohmann::json& document, const std::string& pointer,
                                     const std::string& source, const PerspectiveCatalog& catalog,
                                     std::chrono::year_month_day today) {
    const JsonFields fields(document, pointer, source);
    fields.allowOnly({"name", "description", "primary", "remotes", "policy"});
    CaConfiguration ca;
    ca.name = fields.requiredString("name");
    ca.description = fields.optionalString("description").value_or("");
    std::vector<std::pair<std::string, std::string>> seen;  // id, pointer
    auto remember = [&](const Perspective& perspective, const std::string& where) {
        for (const auto& [id, firstWhere] : seen) {
            if (id == perspective.id) {
                throw InputError(source, 0,
                                 "at " + where + ": perspective '" + perspective.id +
                                     "' is listed twice (also at " + firstWhere + ")");
            }
        }
        seen.emplace_back(perspective.id, where);
    };
    if (fields.has("primary") && !fields.at("primary").is_null()) {
        ca.primary =
            resolvePerspective(fields.at("primary"), fields.pointerTo("primary"), source, catalog);
        remember(*ca.primary, fields.pointerTo("primary"));
    }
    if (!fields.has("remotes")) {
        fields.failHere("missing required key 'remotes' (an array of perspectives)");
    }
    const nlohmann::json& remotes = fields.at("remotes");
    if (!remotes.is_array()) {
        fields.fail("remotes",
                    "expected an array of perspectives, got " + JsonFields::typeName(remotes));
    }
    for (std::size_t i = 0; i < remotes.size(); ++i) {
        const std::string where = fields.pointerTo("remotes") + "/" + std::to_string(i);
        ca.remotes.push_back(resolvePerspective(remotes[i], where, source, catalog));
        remember(ca.remotes.back(), where);
    }
    if (fields.has("policy")) {
        ca.policy = parsePolicy(fields.at("policy"), fields.pointerTo("policy"), source, today,
                                static_cast<int>(ca.remotes.size()));
        if (ca.policy->primaryRequired && !ca.primary) {
            fields.fail("primary", "policy " + ca.policy->label() +
                                       " needs a primary perspective; give \"primary\"");
        }
    }
    return ca;
}

}  // namespace detail

namespace {

const nlohmann::json& presetDocument() {
    static const nlohmann::json document =
        JsonFields::parse(detail::embeddedCaPresets(), kPresetsSource);
    return document;
}

}  // namespace

CaConfiguration CaConfigurationReader::parse(std::string_view text, const std::string& sourceName,
                                             const PerspectiveCatalog& catalog,
                                             std::chrono::year_month_day today) {
    return detail::parseCaConfiguration(JsonFields::parse(text, sourceName), "", sourceName,
                                        catalog, today);
}

CaConfiguration CaConfigurationReader::readFile(const std::filesystem::path& path,
                                                const PerspectiveCatalog& catalog,
                                                std::chrono::year_month_day today) {
    return parse(InputFile::read(path), path.string(), catalog, today);
}

std::vector<std::string> CaConfigurationReader::presetNames() {
    std::vector<std::string> names;
    for (const auto& preset : presetDocument().at("presets")) {
        names.push_back(preset.at("name").get<std::string>());
    }
    return names;
}

bool CaConfigurationReader::isPreset(std::string_view name) {
    for (const std::string& preset : presetNames()) {
        if (preset == name) {
            return true;
        }
    }
    return false;
}

CaConfiguration CaConfigurationReader::preset(std::string_view name,
                                              const PerspectiveCatalog& catalog,
                                              std::chrono::year_month_day today) {
    const nlohmann::json& presets = presetDocument().at("presets");
    for (std::size_t i = 0; i < presets.size(); ++i) {
        if (presets[i].at("name").get<std::string>() == name) {
            return detail::parseCaConfiguration(presets[i], "/presets/" + std::to_string(i),
                                                kPresetsSource, catalog, today);
        }
    }
    throw InputError("command line", 0, "unknown CA preset '" + std::string(name) + "'");
}

}  // namespace mpicsim
