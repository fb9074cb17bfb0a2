#include "mpicsim/analysis/SummaryReader.hpp"

#include <nlohmann/json.hpp>

#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "mpicsim/io/JsonPointer.hpp"

namespace mpicsim {
namespace {

class GroupFields {
  public:
    GroupFields(const nlohmann::json& object, std::string pointer, const std::string& source)
        : object_(object), pointer_(std::move(pointer)), source_(source) {}

    [[noreturn]] void fail(const std::string& key, const std::string& message) const {
        throw InputError(source_, 0,
                         "at " + pointer_ + '/' + escapeJsonPointerToken(key) + ": " + message);
    }
    const nlohmann::json& at(const std::string& key) const {
        if (!object_.contains(key)) {
            throw InputError(source_, 0, "at " + pointer_ + ": missing key '" + key + "'");
        }
        return object_.at(key);
    }
    std::string text(const std::string& key) const {
        const auto& value = at(key);
        if (!value.is_string()) {
            fail(key, std::string("expected a string, got ") + value.type_name());
        }
        return value.get<std::string>();
    }
    double number(const std::string& key) const {
        const auto& value = at(key);
        if (!value.is_number()) {
            fail(key, std::string("expected a number, got ") + value.type_name());
        }
        return value.get<double>();
    }
    bool has(const std::string& key) const { return object_.contains(key); }
    long long integer(const std::string& key) const {
        const auto& value = at(key);
        if (!value.is_number_integer()) {
            fail(key, std::string("expected an integer, got ") + value.type_name());
        }
        return value.get<long long>();
    }

  private:
    const nlohmann::json& object_;
    std::string pointer_;
    const std::string& source_;
};

// The validation method, attempts and targets hijacked of a group (summary.json from before
// they were written holds none: http-01, one attempt, the web host).
void readTargetsAndAttempts(const GroupFields& fields, SummaryGroup& group) {
    if (!fields.has("method")) {
        group.hijackedTargets = {{"web host", group.trials}};
        return;
    }
    group.method = fields.text("method");
    group.attempts = static_cast<int>(fields.integer("attempts"));
    const auto& targets = fields.at("hijacked_targets");
    if (!targets.is_object()) {
        fields.fail("hijacked_targets", "expected an object mapping targets to counts");
    }
    for (const auto& [target, count] : targets.items()) {
        if (!count.is_number_integer()) {
            fields.fail("hijacked_targets/" + target, "expected a count");
        }
        group.hijackedTargets.emplace_back(target, count.get<long long>());
    }
}

}  // namespace

Summary SummaryReader::parse(std::string_view text, const std::string& sourceName) {
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& error) {
        throw InputError(sourceName, 0, std::string("invalid JSON: ") + error.what());
    }
    if (!document.is_object() || !document.contains("groups") || !document["groups"].is_array()) {
        throw InputError(sourceName, 0, "at /groups: expected an array of summary groups");
    }
    Summary summary;
    if (document.contains("scenario") && document["scenario"].is_string()) {
        summary.scenario = document["scenario"].get<std::string>();
    }
    const auto& groups = document["groups"];
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const std::string pointer = "/groups/" + std::to_string(i);
        if (!groups[i].is_object()) {
            throw InputError(sourceName, 0, "at " + pointer + ": expected an object");
        }
        const GroupFields fields(groups[i], pointer, sourceName);
        SummaryGroup group;
        group.ca = fields.text("ca");
        group.policy = fields.text("policy");
        group.attack = fields.text("attack");
        group.rov = fields.text("rov");
        group.rovFraction = fields.number("rov_fraction");
        group.prefixLength = static_cast<int>(fields.integer("prefix_length"));
        group.remotes = static_cast<int>(fields.integer("remotes"));
        group.allowedNonCorroborations =
            static_cast<int>(fields.integer("allowed_non_corroborations"));
        group.required = static_cast<int>(fields.integer("required"));
        group.trials = fields.integer("trials");
        group.attackerSuccesses = fields.integer("attacker_successes");
        group.attackerSuccessRate = fields.number("attacker_success_rate");
        group.ci95Low = fields.number("ci95_low");
        group.ci95High = fields.number("ci95_high");
        group.legitimateBlockedRate = fields.number("legitimate_blocked_rate");
        group.victims = fields.integer("victims");
        group.resilienceMean = fields.number("resilience_mean");
        group.resilienceMedian = fields.number("resilience_median");
        group.resilienceWeightedMedian = fields.number("resilience_weighted_median");
        if (groups[i].contains("trials_with_perspective_in_victim_or_adversary_as")) {
            group.placementTrials =
                fields.integer("trials_with_perspective_in_victim_or_adversary_as");
        }
        const auto& cdf = fields.at("resilience_cdf");
        if (!cdf.is_array()) {
            fields.fail("resilience_cdf", "expected an array of [resilience, share] pairs");
        }
        for (std::size_t k = 0; k < cdf.size(); ++k) {
            if (!cdf[k].is_array() || cdf[k].size() != 2 || !cdf[k][0].is_number() ||
                !cdf[k][1].is_number()) {
                fields.fail("resilience_cdf/" + std::to_string(k),
                            "expected a [resilience, share] pair of numbers");
            }
            group.resilienceCdf.emplace_back(cdf[k][0].get<double>(), cdf[k][1].get<double>());
        }
        group.roa = fields.text("roa");
        const auto& compliant = fields.at("compliant");
        if (!compliant.is_boolean()) {
            fields.fail("compliant",
                        std::string("expected true or false, got ") + compliant.type_name());
        }
        group.compliant = compliant.get<bool>();
        const auto& violations = fields.at("violations");
        if (!violations.is_array()) {
            fields.fail("violations", "expected an array of rule codes");
        }
        for (std::size_t k = 0; k < violations.size(); ++k) {
            if (!violations[k].is_string()) {
                fields.fail("violations/" + std::to_string(k), "expected a rule code");
            }
            group.violations.push_back(violations[k].get<std::string>());
        }
        group.note = fields.text("note");
        readTargetsAndAttempts(fields, group);
        summary.groups.push_back(std::move(group));
    }
    return summary;
}

Summary SummaryReader::readFile(const std::filesystem::path& path) {
    return parse(InputFile::read(path), path.string());
}

}  // namespace mpicsim
