#include "LessonFile.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/JsonPointer.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"

namespace mpicsim::gui {
namespace {

using nlohmann::json;

constexpr int kFormatVersion = 1;

std::string typeName(const json& value) {
    return value.is_null() ? "null" : value.type_name();
}

// One JSON object being read, with the pointer to it for error messages.
class Fields {
  public:
    Fields(const json& object, std::string pointer, const std::string& source)
        : object_(object), pointer_(std::move(pointer)), source_(source) {
        if (!object_.is_object()) {
            fail("", "expected an object, found " + typeName(object_));
        }
    }

    [[noreturn]] void fail(const std::string& key, const std::string& message) const {
        const std::string at =
            key.empty() ? pointer_ : pointer_ + "/" + escapeJsonPointerToken(key);
        throw InputError(source_, 0, "at " + (at.empty() ? std::string("/") : at) + ": " + message);
    }

    void allowOnly(std::initializer_list<const char*> keys) const {
        for (const auto& [key, value] : object_.items()) {
            bool known = false;
            for (const char* allowed : keys) {
                known = known || key == allowed;
            }
            if (!known) {
                fail(key, "unknown key");
            }
        }
    }

    bool has(const char* key) const { return object_.contains(key) && !object_[key].is_null(); }
    const json& at(const char* key) const { return object_[key]; }
    std::string pointerTo(const std::string& key) const {
        return pointer_ + "/" + escapeJsonPointerToken(key);
    }

    Asn asn(const json& value, const std::string& key) const {
        if (!value.is_number_unsigned() || value.get<std::uint64_t>() > 0xFFFFFFFFu) {
            fail(key, "expected an AS number, found " + value.dump());
        }
        return static_cast<Asn>(value.get<std::uint64_t>());
    }
    std::optional<Asn> optionalAsn(const char* key) const {
        return has(key) ? std::optional<Asn>(asn(at(key), key)) : std::nullopt;
    }
    std::vector<Asn> asnList(const char* key) const {
        std::vector<Asn> asns;
        if (!has(key)) {
            return asns;
        }
        if (!at(key).is_array()) {
            fail(key, "expected an array of AS numbers, found " + typeName(at(key)));
        }
        for (std::size_t i = 0; i < at(key).size(); ++i) {
            const Asn value = asn(at(key)[i], std::string(key) + "/" + std::to_string(i));
            for (Asn earlier : asns) {
                if (earlier == value) {
                    fail(std::string(key) + "/" + std::to_string(i),
                         "AS" + std::to_string(value) + " appears twice");
                }
            }
            asns.push_back(value);
        }
        return asns;
    }
    std::string string(const char* key, const std::string& fallback) const {
        if (!has(key)) {
            return fallback;
        }
        if (!at(key).is_string()) {
            fail(key, "expected a string, found " + typeName(at(key)));
        }
        return at(key).get<std::string>();
    }

    const std::string& source() const { return source_; }

  private:
    const json& object_;
    std::string pointer_;
    const std::string& source_;
};

void parseTableRule(const Fields& fields, ClassroomSetup& setup) {
    setup.policyName = fields.string("policy", "br");
    if (setup.policyName == "custom") {
        fields.fail("policy",
                    "a custom rule is an object: {\"name\": \"custom\", "
                    "\"allowed_non_corroborations\": N, \"minimum_rirs\": N, "
                    "\"primary_required\": true, \"blocking\": true}");
    }
    if (!QuorumPolicyTable::knows(setup.policyName)) {
        fields.fail("policy", "unknown policy \"" + setup.policyName + "\" (expected " +
                                  QuorumPolicyTable::names() + ")");
    }
    const bool phased = setup.policyName == "br" || setup.policyName == "cabf-proposal-2023";
    setup.policyPhase = fields.string("phase_date", phased ? "2026-12-15" : "");
    if (phased) {
        const auto date = parseIsoDate(setup.policyPhase);
        if (!date) {
            fields.fail("phase_date",
                        "expected a date YYYY-MM-DD, found \"" + setup.policyPhase + "\"");
        }
        const auto policy = QuorumPolicyTable::lookup(setup.policyName, *date);
        if (!policy) {
            fields.fail("phase_date",
                        setup.policyName + " is not yet in force on " + setup.policyPhase);
        }
        setup.policyPhase = policy->phase;
    } else if (!setup.policyPhase.empty()) {
        fields.fail("phase_date", setup.policyName + " has no phases");
    }
}

ClassroomSetup::CustomRule parseCustomRule(const Fields& fields) {
    const Fields rule(fields.at("policy"), fields.pointerTo("policy"), fields.source());
    rule.allowOnly(
        {"name", "allowed_non_corroborations", "minimum_rirs", "primary_required", "blocking"});
    if (rule.string("name", "") != "custom") {
        rule.fail("name", "expected \"custom\" (a rule of the table is given by its name alone)");
    }
    if (fields.has("phase_date")) {
        fields.fail("phase_date", "a custom rule has no phases");
    }
    auto count = [&](const char* key, int fallback, int most) {
        if (!rule.has(key)) {
            return fallback;
        }
        const json& value = rule.at(key);
        if (!value.is_number_integer() || value.get<long long>() < 0 ||
            value.get<long long>() > most) {
            rule.fail(key, "expected a whole number from 0 to " + std::to_string(most) +
                               ", found " + value.dump());
        }
        return static_cast<int>(value.get<long long>());
    };
    auto flag = [&](const char* key) {
        if (!rule.has(key)) {
            return true;
        }
        if (!rule.at(key).is_boolean()) {
            rule.fail(key, "expected true or false, found " + rule.at(key).dump());
        }
        return rule.at(key).get<bool>();
    };
    ClassroomSetup::CustomRule custom;
    custom.allowedNonCorroborations = count("allowed_non_corroborations", 1, 100);
    custom.minimumRirs = count("minimum_rirs", 0, 5);
    custom.primaryRequired = flag("primary_required");
    custom.blocking = flag("blocking");
    return custom;
}

ClassroomSetup parseStep(const json& value, const std::string& pointer, const std::string& source) {
    const Fields fields(value, pointer, source);
    fields.allowOnly({"caption", "victim", "attacker", "primary", "remotes", "remote_rirs", "rov",
                      "attack", "policy", "phase_date", "step", "explain", "positions"});
    ClassroomSetup setup;
    setup.caption = fields.string("caption", "");
    setup.victim = fields.optionalAsn("victim");
    setup.attacker = fields.optionalAsn("attacker");
    if (setup.victim && setup.victim == setup.attacker) {
        fields.fail("attacker", "the attacker cannot be the victim");
    }
    setup.primary = fields.optionalAsn("primary");
    setup.remotes = fields.asnList("remotes");
    for (std::size_t i = 0; i < setup.remotes.size(); ++i) {
        if (setup.remotes[i] == setup.primary) {
            fields.fail("remotes/" + std::to_string(i), "the primary cannot also be a remote");
        }
    }
    if (fields.has("remote_rirs")) {
        const Fields rirs(fields.at("remote_rirs"), fields.pointerTo("remote_rirs"), source);
        for (const auto& [key, rirValue] : fields.at("remote_rirs").items()) {
            char* end = nullptr;
            const unsigned long asn = std::strtoul(key.c_str(), &end, 10);
            if (key.empty() || *end != '\0' || asn > 0xFFFFFFFFul) {
                rirs.fail(key, "expected an AS number as the key");
            }
            const auto rir =
                rirValue.is_string() ? rirFromString(rirValue.get<std::string>()) : std::nullopt;
            if (!rir) {
                rirs.fail(
                    key, "expected ARIN, RIPE, APNIC, LACNIC or AFRINIC, found " + rirValue.dump());
            }
            setup.remoteRirs[static_cast<Asn>(asn)] = *rir;
        }
    }
    if (fields.has("positions")) {
        const Fields positions(fields.at("positions"), fields.pointerTo("positions"), source);
        for (const auto& [key, point] : fields.at("positions").items()) {
            char* end = nullptr;
            const unsigned long asn = std::strtoul(key.c_str(), &end, 10);
            if (key.empty() || *end != '\0' || asn > 0xFFFFFFFFul) {
                positions.fail(key, "expected an AS number as the key");
            }
            if (!point.is_array() || point.size() != 2 || !point[0].is_number() ||
                !point[1].is_number()) {
                positions.fail(key, "expected [x, y], found " + point.dump());
            }
            setup.positions[static_cast<Asn>(asn)] = {point[0].get<double>(),
                                                      point[1].get<double>()};
        }
    }
    setup.rovAdopters = fields.asnList("rov");
    const std::string attack = fields.string("attack", "equally-specific");
    const auto type = attackTypeFromString(attack);
    if (!type || *type == AttackType::None) {
        fields.fail("attack", "expected equally-specific, subprefix or forged-origin, found \"" +
                                  attack + "\"");
    }
    setup.attack = *type;
    if (fields.has("policy") && fields.at("policy").is_object()) {
        setup.customRule = parseCustomRule(fields);
        setup.policyName = "custom";
        setup.policyPhase.clear();
    } else {
        parseTableRule(fields, setup);
    }
    if (fields.has("step")) {
        const json& step = fields.at("step");
        if (!step.is_number_integer() || step.get<long long>() < -1 || step.get<long long>() > 3) {
            fields.fail("step", "expected a phase from -1 (not run) to 3, found " + step.dump());
        }
        setup.phase = static_cast<int>(step.get<long long>());
    }
    setup.explained = fields.optionalAsn("explain");
    return setup;
}

json stepJson(const ClassroomSetup& setup) {
    json step = json::object();
    if (!setup.caption.empty()) {
        step["caption"] = setup.caption;
    }
    auto optional = [](const std::optional<Asn>& asn) { return asn ? json(*asn) : json(nullptr); };
    step["victim"] = optional(setup.victim);
    step["attacker"] = optional(setup.attacker);
    step["primary"] = optional(setup.primary);
    step["remotes"] = setup.remotes;
    json rirs = json::object();
    for (const auto& [asn, rir] : setup.remoteRirs) {
        rirs[std::to_string(asn)] = std::string(toString(rir));
    }
    step["remote_rirs"] = rirs;
    step["rov"] = setup.rovAdopters;
    step["attack"] = std::string(toString(setup.attack));
    if (setup.policyName == "custom") {
        step["policy"] = {{"name", "custom"},
                          {"allowed_non_corroborations", setup.customRule.allowedNonCorroborations},
                          {"minimum_rirs", setup.customRule.minimumRirs},
                          {"primary_required", setup.customRule.primaryRequired},
                          {"blocking", setup.customRule.blocking}};
    } else {
        step["policy"] = setup.policyName;
    }
    if (!setup.policyPhase.empty()) {
        step["phase_date"] = setup.policyPhase;
    }
    step["step"] = setup.phase;
    if (setup.explained) {
        step["explain"] = *setup.explained;
    }
    if (!setup.positions.empty()) {
        json positions = json::object();
        for (const auto& [asn, point] : setup.positions) {
            positions[std::to_string(asn)] = {point.first, point.second};
        }
        step["positions"] = positions;
    }
    return step;
}

}  // namespace

Lesson LessonFile::parse(std::string_view text, const std::string& sourceName) {
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& error) {
        throw InputError(sourceName, 0, std::string("not valid JSON: ") + error.what());
    }
    const Fields fields(root, "", sourceName);
    fields.allowOnly({"mpicsim_lesson", "topology", "steps"});
    if (!fields.has("mpicsim_lesson") || fields.at("mpicsim_lesson") != kFormatVersion) {
        fields.fail("mpicsim_lesson", "expected 1 (the lesson format's version)");
    }
    Lesson lesson;
    lesson.topologyFolder = fields.string("topology", "");
    if (!fields.has("steps") || !fields.at("steps").is_array() || fields.at("steps").empty()) {
        fields.fail("steps", "expected a non-empty array of steps");
    }
    for (std::size_t i = 0; i < fields.at("steps").size(); ++i) {
        lesson.steps.push_back(
            parseStep(fields.at("steps")[i], "/steps/" + std::to_string(i), sourceName));
    }
    return lesson;
}

Lesson LessonFile::read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(path.string(), 0, "cannot open");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), path.string());
}

std::string LessonFile::format(const Lesson& lesson) {
    json root = {{"mpicsim_lesson", kFormatVersion}};
    if (!lesson.topologyFolder.empty()) {
        root["topology"] = lesson.topologyFolder;
    }
    root["steps"] = json::array();
    for (const ClassroomSetup& setup : lesson.steps) {
        root["steps"].push_back(stepJson(setup));
    }
    return root.dump(2) + "\n";
}

void LessonFile::write(const Lesson& lesson, const std::filesystem::path& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
        throw InputError(path.string(), 0, "cannot write");
    }
    out << format(lesson);
    if (!out.flush()) {
        throw InputError(path.string(), 0, "cannot write");
    }
}

}  // namespace mpicsim::gui
