#include "mpicsim/io/ScenarioReader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "CaConfigurationJson.hpp"
#include "JsonFields.hpp"
#include "mpicsim/io/AdoptionScoreReader.hpp"
#include "mpicsim/io/AsnWeightReader.hpp"
#include "mpicsim/io/CaConfigurationReader.hpp"
#include "mpicsim/io/ClosestMatch.hpp"
#include "mpicsim/io/DataDirectory.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"
#include "mpicsim/topology/TopologyGenerator.hpp"

namespace mpicsim {
namespace {

using detail::JsonFields;

// Attempts per validation request a study may sweep (the BR set no limit; this keeps sweeps sane).
constexpr std::int64_t kMostAttempts = 64;

// The names of every value of an enumeration, in the order of its table.
template <typename Enum, std::size_t Count>
std::vector<std::string_view> namesOf(const std::array<Enum, Count>& values) {
    std::vector<std::string_view> names;
    for (Enum value : values) {
        names.push_back(toString(value));
    }
    return names;
}

class ScenarioParser {
  public:
    ScenarioParser(std::string source, std::filesystem::path base,
                   const PerspectiveCatalog& catalog, std::chrono::year_month_day today)
        : source_(std::move(source)), base_(std::move(base)), catalog_(catalog), today_(today) {}

    Scenario parse(const nlohmann::json& document) {
        const JsonFields root(document, "", source_);
        root.allowOnly({"name",
                        "description",
                        "topology",
                        "seed",
                        "tie_break",
                        "method",
                        "attacks",
                        "prefix_length",
                        "ca_configurations",
                        "policies",
                        "br_dates",
                        "rov",
                        "victims",
                        "adversaries",
                        "optimize",
                        "sweep",
                        "nameservers",
                        "attempts",
                        "region_model",
                        "roa"});
        Scenario scenario;
        scenario.name = root.requiredString("name");
        for (const char* block : {"optimize", "sweep"}) {
            if (root.has(block)) {
                scenario.otherCommandBlocks.emplace_back(block);
            }
        }
        scenario.description = root.optionalString("description").value_or("");
        scenario.seed = static_cast<std::uint64_t>(
            root.optionalInteger("seed", 0, std::numeric_limits<std::int64_t>::max()).value_or(1));
        parseTopology(root, scenario);
        parseRegionModel(root, scenario);
        scenario.catalog = catalog_;
        if (const auto tieBreak = root.optionalString("tie_break")) {
            try {
                scenario.tieBreak = TieBreak::fromString(*tieBreak);
            } catch (const std::invalid_argument& error) {
                root.fail("tie_break", error.what());
            }
        }
        parseMethods(root, scenario);
        parseNameservers(root, scenario);
        parseAttempts(root, scenario);
        forEachOf(
            root, "attacks", "\"equally-specific\"",
            [&](const nlohmann::json& value, const std::string& pointer) {
                const auto type = value.is_string() ? attackTypeFromString(value.get<std::string>())
                                                    : std::nullopt;
                if (!type) {
                    fail(pointer,
                         "expected none, equally-specific, subprefix or forged-origin, got " +
                             JsonFields::shortDump(value) +
                             (value.is_string() ? ClosestMatch::suggestion(value.get<std::string>(),
                                                                           namesOf(kAllAttackTypes))
                                                : std::string()));
                }
                scenario.attacks.push_back(*type);
            });
        forEachOf(
            root, "prefix_length", "22",
            [&](const nlohmann::json& value, const std::string& pointer) {
                if (!value.is_number_integer() || value.get<int>() < 1 || value.get<int>() > 24) {
                    fail(pointer, "expected a prefix length from 1 to 24, got " +
                                      JsonFields::shortDump(value));
                }
                scenario.prefixLengths.push_back(value.get<int>());
            });
        if (!root.has("ca_configurations")) {
            root.failHere("missing required key 'ca_configurations' (presets or CA objects)");
        }
        forEachOf(
            root, "ca_configurations", "",
            [&](const nlohmann::json& value, const std::string& pointer) {
                if (value.is_string()) {
                    const std::string name = value.get<std::string>();
                    if (!CaConfigurationReader::isPreset(name)) {
                        fail(pointer, "unknown CA preset \"" + name + "\"" +
                                          ClosestMatch::suggestion(
                                              name, CaConfigurationReader::presetNames()));
                    }
                    scenario.cas.push_back(CaConfigurationReader::preset(name, catalog_, today_));
                } else {
                    scenario.cas.push_back(parseStudyCaConfiguration(value, pointer));
                }
                if (scenario.cas.back().name.find_first_of(",\n") != std::string::npos) {
                    fail(pointer,
                         "a CA configuration name used in a study cannot contain a comma "
                         "or a line break (it becomes a CSV field): \"" +
                             scenario.cas.back().name + "\"");
                }
                for (std::size_t i = 0; i + 1 < scenario.cas.size(); ++i) {
                    if (scenario.cas[i].name == scenario.cas.back().name) {
                        fail(pointer, "CA configuration name \"" + scenario.cas.back().name +
                                          "\" is used twice");
                    }
                }
            });
        parsePolicies(root, scenario);
        forEachOf(root, "rov", "\"none\"",
                  [&](const nlohmann::json& value, const std::string& pointer) {
                      scenario.rovSettings.push_back(parseRov(value, pointer));
                  });
        parseRoaSettings(root, scenario);
        scenario.victims = parseSelection(root, "victims");
        scenario.adversaries = parseSelection(root, "adversaries");
        if (scenario.adversaries.kind == AsSelection::Kind::Weighted) {
            root.fail("adversaries", "a weight file selects victims, not adversaries");
        }
        return scenario;
    }

  private:
    [[noreturn]] void fail(const std::string& pointer, const std::string& message) const {
        throw InputError(source_, 0, "at " + pointer + ": " + message);
    }

    // `method`: one validation method or an array of them (an axis).
    void parseMethods(const JsonFields& root, Scenario& scenario) {
        scenario.methods.clear();
        forEachOf(root, "method", "\"http-01\"",
                  [&](const nlohmann::json& value, const std::string& pointer) {
                      const auto method = value.is_string()
                                              ? validationMethodFromString(value.get<std::string>())
                                              : std::nullopt;
                      if (!method) {
                          fail(pointer,
                               "expected http-01, tls-alpn-01, website, dns-01 or dns-change, "
                               "got " +
                                   JsonFields::shortDump(value) +
                                   (value.is_string()
                                        ? ClosestMatch::suggestion(value.get<std::string>(),
                                                                   namesOf(kAllValidationMethods))
                                        : std::string()));
                      }
                      if (std::find(scenario.methods.begin(), scenario.methods.end(), *method) !=
                          scenario.methods.end()) {
                          fail(pointer,
                               "method " + std::string(toString(*method)) + " appears twice");
                      }
                      scenario.methods.push_back(*method);
                  });
    }

    // `nameservers`: "same-as-host", {"list": [...]}, {"per_victim": {"ASN": [...]}},
    // {"weights": {"ASN": W, ...}, "count": N, "seed": S} or {"sample": N, "seed": S}.
    void parseNameservers(const JsonFields& root, Scenario& scenario) const {
        NameserverSetting& setting = scenario.nameservers;
        setting.pointer = root.pointerTo("nameservers");
        if (!root.has("nameservers")) {
            return;
        }
        const nlohmann::json& value = root.at("nameservers");
        if (value.is_string() && value.get<std::string>() == "same-as-host") {
            return;
        }
        const JsonFields fields(value, setting.pointer, source_);
        auto seed = [&] {
            setting.seed = static_cast<std::uint64_t>(
                fields.optionalInteger("seed", 0, std::numeric_limits<std::int64_t>::max())
                    .value_or(1));
        };
        if (value.is_object() && fields.has("list")) {
            fields.allowOnly({"list"});
            setting.kind = NameserverSetting::Kind::List;
            setting.asns = asnArray(fields, "list", true);
        } else if (value.is_object() && fields.has("per_victim")) {
            fields.allowOnly({"per_victim"});
            setting.kind = NameserverSetting::Kind::PerVictim;
            const JsonFields map(fields.at("per_victim"), fields.pointerTo("per_victim"), source_);
            if (!fields.at("per_victim").is_object() || fields.at("per_victim").empty()) {
                fields.fail("per_victim",
                            "expected an object mapping victim ASNs to arrays of "
                            "nameserver ASNs, got " +
                                JsonFields::shortDump(fields.at("per_victim")));
            }
            for (const auto& [key, list] : fields.at("per_victim").items()) {
                const Asn victim = asnKey(map, key);
                setting.perVictim[victim] = asnArray(map, key, true);
            }
        } else if (value.is_object() && fields.has("weights")) {
            fields.allowOnly({"weights", "count", "seed"});
            setting.kind = NameserverSetting::Kind::Weighted;
            const nlohmann::json& weights = fields.at("weights");
            if (!weights.is_object() || weights.empty()) {
                fields.fail("weights",
                            "expected an object mapping nameserver ASNs to weights, "
                            "got " +
                                JsonFields::shortDump(weights));
            }
            const JsonFields map(weights, fields.pointerTo("weights"), source_);
            for (const auto& [key, weight] : weights.items()) {
                setting.asns.push_back(asnKey(map, key));
                if (!weight.is_number() || !(weight.get<double>() > 0) ||
                    !std::isfinite(weight.get<double>())) {
                    map.fail(key,
                             "expected a positive weight, got " + JsonFields::shortDump(weight));
                }
                setting.weights.push_back(weight.get<double>());
            }
            setting.count = static_cast<std::size_t>(
                fields.optionalInteger("count", 1, static_cast<std::int64_t>(setting.asns.size()))
                    .value_or(1));
            seed();
        } else if (value.is_object() && fields.has("sample")) {
            fields.allowOnly({"sample", "seed"});
            setting.kind = NameserverSetting::Kind::Sample;
            setting.count = static_cast<std::size_t>(fields.requiredInteger("sample", 1, 64));
            seed();
        } else {
            fields.failHere(
                "expected \"same-as-host\", {\"list\": [ASN, ...]}, {\"per_victim\": {\"ASN\": "
                "[ASN, ...]}}, {\"weights\": {\"ASN\": W, ...}, \"count\": N, \"seed\": S} or "
                "{\"sample\": N, \"seed\": S}, got " +
                JsonFields::shortDump(value));
        }
    }

    // A member name that must be an ASN (the keys of per-victim and weight maps).
    Asn asnKey(const JsonFields& map, const std::string& key) const {
        std::uint64_t asn = 0;
        const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), asn);
        if (key.empty() || error != std::errc() || end != key.data() + key.size() || asn == 0 ||
            asn > 4294967295ull) {
            map.fail(key, "expected an ASN (1 to 4294967295) as the key, got \"" + key + "\"");
        }
        return static_cast<Asn>(asn);
    }

    // `attempts`: validation attempts per request, 1 or more, or an array of them (an axis).
    void parseAttempts(const JsonFields& root, Scenario& scenario) {
        scenario.attempts.clear();
        forEachOf(root, "attempts", "1",
                  [&](const nlohmann::json& value, const std::string& pointer) {
                      if (!value.is_number_integer() || value.get<std::int64_t>() < 1 ||
                          value.get<std::int64_t>() > kMostAttempts) {
                          fail(pointer, "expected a number of attempts from 1 to " +
                                            std::to_string(kMostAttempts) + ", got " +
                                            JsonFields::shortDump(value));
                      }
                      const int attempts = value.get<int>();
                      if (std::find(scenario.attempts.begin(), scenario.attempts.end(), attempts) !=
                          scenario.attempts.end()) {
                          fail(pointer, std::to_string(attempts) + " attempts appear twice");
                      }
                      scenario.attempts.push_back(attempts);
                  });
    }

    // A CA object of a study may hold a pool: "remotes_per_attempt" (fewer than its remotes)
    // and "cohort" ("fixed", "rotate" or "random:SEED"), read here; the rest as any CA object.
    CaConfiguration parseStudyCaConfiguration(const nlohmann::json& value,
                                              const std::string& pointer) const {
        if (!value.is_object() ||
            (!value.contains("remotes_per_attempt") && !value.contains("cohort"))) {
            return detail::parseCaConfiguration(value, pointer, source_, catalog_, today_);
        }
        nlohmann::json rest = value;
        rest.erase("remotes_per_attempt");
        rest.erase("cohort");
        CaConfiguration ca = detail::parseCaConfiguration(rest, pointer, source_, catalog_, today_);
        const JsonFields fields(value, pointer, source_);
        if (ca.remotes.size() > CohortRule::kMaxPool) {
            fields.fail("remotes", "a pool holds at most " + std::to_string(CohortRule::kMaxPool) +
                                       " remote perspectives, got " +
                                       std::to_string(ca.remotes.size()));
        }
        if (fields.has("remotes_per_attempt")) {
            const nlohmann::json& count = fields.at("remotes_per_attempt");
            if (!count.is_number_integer() || count.get<std::int64_t>() < 1 ||
                count.get<std::int64_t>() > static_cast<std::int64_t>(ca.remotes.size())) {
                fields.fail("remotes_per_attempt",
                            "the pool (" + std::to_string(ca.remotes.size()) +
                                " remotes) is smaller than the cohort: expected 1 to " +
                                std::to_string(ca.remotes.size()) + " remotes per attempt, got " +
                                JsonFields::shortDump(count));
            }
            ca.remotesPerAttempt = static_cast<std::size_t>(count.get<std::int64_t>());
        }
        if (const auto cohort = fields.optionalString("cohort")) {
            const auto rule = CohortRule::fromString(*cohort);
            if (!rule) {
                fields.fail("cohort",
                            "expected fixed, rotate or random:SEED, got \"" + *cohort + "\"");
            }
            ca.cohortRule = *rule;
        }
        return ca;
    }

    // Calls `each` for the member's value, or for every element when it is an array (a sweep).
    template <typename Each>
    void forEachOf(const JsonFields& fields, std::string_view member, const char* defaultJson,
                   Each each) {
        const std::string pointer = fields.pointerTo(member);
        if (!fields.has(member)) {
            if (*defaultJson != '\0') {
                each(nlohmann::json::parse(defaultJson), pointer);
            }
            return;
        }
        const nlohmann::json& value = fields.at(member);
        if (value.is_array()) {
            if (value.empty()) {
                fail(pointer, "expected at least one value, got an empty array");
            }
            for (std::size_t i = 0; i < value.size(); ++i) {
                each(value[i], pointer + "/" + std::to_string(i));
            }
        } else {
            each(value, pointer);
        }
    }

    // "data:REST" names REST in the data directory (DataDirectory), where users keep data.
    std::string resolvePath(const std::string& path) const {
        if (path.starts_with("data:")) {
            try {
                return (DataDirectory::locate().path / path.substr(5)).lexically_normal().string();
            } catch (const DataDirectory::SnapshotNotFound& noDataDirectory) {
                throw InputError(source_, 0, noDataDirectory.what());
            }
        }
        const std::filesystem::path given(path);
        return given.is_absolute() ? path : (base_ / given).lexically_normal().string();
    }

    void parseTopology(const JsonFields& root, Scenario& scenario) const {
        if (!root.has("topology")) {
            root.failHere(
                "missing required key 'topology' ({\"caida\": \"FILE\"} or "
                "{\"synthetic\": {\"ases\": N, \"seed\": S}})");
        }
        const JsonFields topology(root.at("topology"), "/topology", source_);
        topology.allowOnly({"caida", "synthetic", "exclude_mlp_only", "org_info"});
        if (topology.has("caida") == topology.has("synthetic")) {
            topology.failHere("give exactly one of 'caida' (a file) and 'synthetic'");
        }
        if (topology.has("synthetic")) {
            const JsonFields synthetic(topology.at("synthetic"), topology.pointerTo("synthetic"),
                                       source_);
            synthetic.allowOnly({"ases", "seed"});
            Scenario::SyntheticTopology spec;
            spec.ases = static_cast<std::size_t>(synthetic.requiredInteger(
                "ases", static_cast<std::int64_t>(TopologyGenerator::kMinAses),
                static_cast<std::int64_t>(TopologyGenerator::kMaxAses)));
            spec.seed = static_cast<std::uint64_t>(
                synthetic.requiredInteger("seed", 0, std::numeric_limits<std::int64_t>::max()));
            scenario.syntheticTopology = spec;
        } else {
            const std::string caida = topology.requiredString("caida");
            if (const auto date = parseIsoDate(caida)) {
                try {
                    scenario.topologyPath = DataDirectory::caidaSnapshot(*date).string();
                } catch (const DataDirectory::SnapshotNotFound& notFound) {
                    topology.fail("caida", notFound.what());
                }
            } else {
                scenario.topologyPath = resolvePath(caida);
            }
        }
        scenario.excludeMlpOnly = topology.optionalBool("exclude_mlp_only").value_or(false);
        if (const auto organisations = topology.optionalString("org_info")) {
            if (scenario.syntheticTopology) {
                topology.fail("org_info", "a synthetic topology brings its own table");
            }
            scenario.organisationsPath = resolvePath(*organisations);
        }
    }

    // "cloud-as" | "regional" | "regional+backbone" | {"model": "regional", "backbone": bool}
    // | {"file": "PATH"}
    void parseRegionModel(const JsonFields& root, Scenario& scenario) const {
        if (!root.has("region_model")) {
            return;
        }
        const nlohmann::json& value = root.at("region_model");
        const std::string pointer = root.pointerTo("region_model");
        if (value.is_string()) {
            const std::string name = value.get<std::string>();
            if (name == "cloud-as") {
                scenario.regionModel = RegionModel::cloudAs();
            } else if (name == "regional" || name == "regional+backbone") {
                scenario.regionModel = RegionModel::regional(name == "regional+backbone");
            } else {
                fail(pointer,
                     "expected \"cloud-as\", \"regional\", \"regional+backbone\", "
                     "{\"model\": \"regional\", \"backbone\": BOOL} or {\"file\": "
                     "\"PATH\"}, got \"" +
                         name + "\"" +
                         ClosestMatch::suggestion(name,
                                                  std::vector<std::string>{"cloud-as", "regional",
                                                                           "regional+backbone"}));
            }
            return;
        }
        const JsonFields fields(value, pointer, source_);
        fields.allowOnly({"model", "backbone", "file"});
        if (fields.has("file")) {
            if (fields.has("model") || fields.has("backbone")) {
                fields.failHere("give either {\"file\": PATH} or {\"model\", \"backbone\"}");
            }
            scenario.regionModel =
                RegionModel::measured(resolvePath(fields.requiredString("file")));
            return;
        }
        const std::string model = fields.requiredString("model");
        const bool backbone = fields.optionalBool("backbone").value_or(false);
        if (model == "cloud-as" && !backbone) {
            scenario.regionModel = RegionModel::cloudAs();
        } else if (model == "regional") {
            scenario.regionModel = RegionModel::regional(backbone);
        } else {
            fields.fail("model",
                        model == "cloud-as"
                            ? "the backbone switch applies to \"regional\" only"
                            : "expected \"cloud-as\" or \"regional\", got \"" + model + "\"");
        }
    }

    void parsePolicies(const JsonFields& root, Scenario& scenario) {
        forEachOf(root, "policies", "\"own\"",
                  [&](const nlohmann::json& value, const std::string& pointer) {
                      PolicyChoice choice;
                      if (value.is_string() && value.get<std::string>() == "own") {
                          choice.label = "own";
                      } else {
                          choice.policy =
                              detail::parsePolicy(value, pointer, source_, today_, std::nullopt);
                          choice.label = labelOf(*choice.policy, value);
                      }
                      scenario.policies.push_back(std::move(choice));
                  });
        if (root.has("br_dates")) {
            if (!root.has("policies")) {
                scenario.policies.clear();  // the dates replace the default "own"
            }
            forEachOf(
                root, "br_dates", "", [&](const nlohmann::json& value, const std::string& pointer) {
                    const auto date =
                        value.is_string() ? parseIsoDate(value.get<std::string>()) : std::nullopt;
                    if (!date) {
                        fail(pointer,
                             "expected a date YYYY-MM-DD, got " + JsonFields::shortDump(value));
                    }
                    const auto policy = QuorumPolicyTable::lookup("br", *date);
                    if (!policy) {
                        fail(pointer, "no BR phase is in force on " + formatIsoDate(*date) +
                                          " (the first starts 2025-03-15)");
                    }
                    scenario.policies.push_back({*policy, "br@" + formatIsoDate(*date)});
                });
        }
        for (std::size_t i = 0; i < scenario.policies.size(); ++i) {
            for (std::size_t j = 0; j < i; ++j) {
                if (scenario.policies[i].label == scenario.policies[j].label) {
                    fail("/policies",
                         "policy \"" + scenario.policies[i].label + "\" appears twice");
                }
            }
        }
    }

    static std::string labelOf(const QuorumPolicy& policy, const nlohmann::json& value) {
        if (policy.name != "custom") {
            return policy.label();
        }
        std::string label = "custom(";
        switch (policy.failureRule) {
            case QuorumPolicy::FailureRule::AllowedFixed:
                label += "allowed=" + std::to_string(policy.ruleValue);
                break;
            case QuorumPolicy::FailureRule::RequiredFixed:
                label += "required=" + std::to_string(policy.ruleValue);
                break;
            default:
                label += "br-table";
        }
        if (policy.minimumCorroboratingRirs > 1) {
            label += ";rirs=" + std::to_string(policy.minimumCorroboratingRirs);
        }
        if (!policy.primaryRequired) {
            label += ";no-primary";
        }
        if (!policy.blocking) {
            label += ";non-blocking";
        }
        (void)value;
        return label + ")";
    }

    std::vector<Asn> asnArray(const JsonFields& fields, std::string_view member,
                              bool nonEmpty) const {
        const nlohmann::json& list = fields.at(member);
        if (!list.is_array() || (nonEmpty && list.empty())) {
            fields.fail(member, std::string("expected ") + (nonEmpty ? "a non-empty" : "an") +
                                    " array of ASNs, got " + JsonFields::shortDump(list));
        }
        std::vector<Asn> asns;
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (!list[i].is_number_unsigned() || list[i].get<std::uint64_t>() == 0 ||
                list[i].get<std::uint64_t>() > 4294967295ull) {
                fail(fields.pointerTo(member) + "/" + std::to_string(i),
                     "expected an ASN (1 to 4294967295), got " + JsonFields::shortDump(list[i]));
            }
            asns.push_back(static_cast<Asn>(list[i].get<std::uint64_t>()));
        }
        return asns;
    }

    // A share chosen by a seeded hash: `member` from 0 to 1, "seed" (default 1), and "label"
    // (default "PREFIX:SHARE").
    struct SeededShare {
        double fraction = 0;
        std::uint64_t seed = 1;
        std::string label;
    };
    static SeededShare seededShare(const JsonFields& fields, std::string_view member,
                                   const std::string& ofWhat, const char* labelPrefix) {
        SeededShare share;
        share.fraction = fields.requiredNumber(member);
        if (!(share.fraction >= 0 && share.fraction <= 1)) {
            fields.fail(member, "expected a share" + ofWhat + " from 0 to 1, got " +
                                    JsonFields::shortDump(fields.at(member)));
        }
        share.seed = static_cast<std::uint64_t>(
            fields.optionalInteger("seed", 0, std::numeric_limits<std::int64_t>::max())
                .value_or(1));
        char text[64];
        std::snprintf(text, sizeof text, "%s:%g", labelPrefix, share.fraction);
        share.label = fields.optionalString("label").value_or(text);
        return share;
    }

    RovSetting parseRov(const nlohmann::json& value, const std::string& pointer) const {
        RovSetting setting;
        if (value.is_string() && value.get<std::string>() == "none") {
            setting.label = "none";
            return setting;
        }
        const JsonFields fields(value, pointer, source_);
        if (fields.has("list")) {
            fields.allowOnly({"list", "label"});
            setting.kind = RovSetting::Kind::List;
            setting.asns = asnArray(fields, "list", false);
            setting.label = fields.optionalString("label").value_or(
                "list:" + std::to_string(setting.asns.size()));
        } else if (fields.has("csv")) {
            fields.allowOnly({"csv", "column", "threshold", "label"});
            setting.kind = RovSetting::Kind::List;
            const std::string column = fields.optionalString("column").value_or("score");
            const double threshold = fields.requiredNumber("threshold");
            const std::filesystem::path path = resolvePath(fields.requiredString("csv"));
            setting.asns = AdoptionScoreReader::readAdopters(path, column, threshold);
            char text[32];
            std::snprintf(text, sizeof text, "%g", threshold);
            setting.label = fields.optionalString("label").value_or("csv:" + path.stem().string() +
                                                                    ">=" + text);
        } else if (fields.has("random_fraction")) {
            fields.allowOnly({"random_fraction", "seed", "label"});
            setting.kind = RovSetting::Kind::RandomFraction;
            const SeededShare share = seededShare(fields, "random_fraction", "", "random");
            setting.fraction = share.fraction;
            setting.seed = share.seed;
            setting.label = share.label;
        } else if (fields.has("top_cone")) {
            fields.allowOnly({"top_cone", "label"});
            setting.kind = RovSetting::Kind::TopCone;
            setting.top =
                static_cast<std::size_t>(fields.requiredInteger("top_cone", 0, 10'000'000));
            setting.label =
                fields.optionalString("label").value_or("top-cone:" + std::to_string(setting.top));
        } else {
            fields.failHere(
                "expected \"none\", {\"list\": [...]}, {\"csv\": FILE, \"threshold\": T}, "
                "{\"random_fraction\": F, \"seed\": S} or {\"top_cone\": N}");
        }
        if (setting.label.find(',') != std::string::npos) {
            fields.fail("label", "a label cannot contain a comma");
        }
        return setting;
    }

    // "roa": which victims hold a ROA; an axis like "rov" (an array sweeps it).
    void parseRoaSettings(const JsonFields& root, Scenario& scenario) {
        scenario.roaSettings.clear();
        forEachOf(root, "roa", "\"all\"",
                  [&](const nlohmann::json& value, const std::string& pointer) {
                      scenario.roaSettings.push_back(parseRoa(value, pointer));
                      for (std::size_t i = 0; i + 1 < scenario.roaSettings.size(); ++i) {
                          if (scenario.roaSettings[i].label == scenario.roaSettings.back().label) {
                              fail(pointer, "ROA setting \"" + scenario.roaSettings.back().label +
                                                "\" appears twice");
                          }
                      }
                  });
    }

    RoaSetting parseRoa(const nlohmann::json& value, const std::string& pointer) const {
        RoaSetting setting;
        if (value.is_string() &&
            (value.get<std::string>() == "all" || value.get<std::string>() == "none")) {
            setting.label = value.get<std::string>();
            setting.kind = setting.label == "all" ? RoaSetting::Kind::All : RoaSetting::Kind::None;
            return setting;
        }
        constexpr const char* kExpected =
            "expected \"all\", \"none\", {\"fraction\": F, \"seed\": S} or "
            "{\"list\": [ASN, ...]}";
        if (!value.is_object()) {
            fail(pointer, std::string(kExpected) + ", got " + JsonFields::shortDump(value));
        }
        const JsonFields fields(value, pointer, source_);
        if (fields.has("fraction")) {
            fields.allowOnly({"fraction", "seed", "label"});
            setting.kind = RoaSetting::Kind::Fraction;
            const SeededShare share = seededShare(fields, "fraction", " of victims", "fraction");
            setting.fraction = share.fraction;
            setting.seed = share.seed;
            setting.label = share.label;
        } else if (fields.has("list")) {
            fields.allowOnly({"list", "label"});
            setting.kind = RoaSetting::Kind::List;
            setting.asns = asnArray(fields, "list", false);
            setting.label = fields.optionalString("label").value_or(
                "list:" + std::to_string(setting.asns.size()));
        } else {
            fields.failHere(kExpected);
        }
        if (setting.label.find_first_of(",\n") != std::string::npos) {
            fields.fail("label", "a label cannot contain a comma or a line break");
        }
        return setting;
    }

    AsSelection parseSelection(const JsonFields& root, std::string_view member) const {
        AsSelection selection;
        if (!root.has(member)) {
            root.failHere("missing required key '" + std::string(member) +
                          "' (\"all\", {\"sample\": N}, {\"list\": [...]}" +
                          (member == "victims" ? std::string(", {\"weights\": FILE}") : "") + ")");
        }
        const nlohmann::json& value = root.at(member);
        const std::string pointer = root.pointerTo(member);
        if (value.is_string() && value.get<std::string>() == "all") {
            return selection;
        }
        const JsonFields fields(value, pointer, source_);
        fields.allowOnly({"sample", "seed", "list", "weights"});
        if (const auto seed =
                fields.optionalInteger("seed", 0, std::numeric_limits<std::int64_t>::max())) {
            selection.seed = static_cast<std::uint64_t>(*seed);
        }
        if (fields.has("list")) {
            selection.kind = AsSelection::Kind::List;
            selection.asns = asnArray(fields, "list", true);
        } else if (fields.has("weights")) {
            selection.kind = AsSelection::Kind::Weighted;
            const std::string path = resolvePath(fields.requiredString("weights"));
            for (const auto& [asn, weight] : AsnWeightReader::readFile(path)) {
                selection.asns.push_back(asn);
                selection.weights.push_back(weight);
            }
            if (const auto sample = fields.optionalInteger("sample", 1, 100'000'000)) {
                selection.sampleSize = static_cast<std::size_t>(*sample);
            }
        } else if (fields.has("sample")) {
            selection.kind = AsSelection::Kind::Sample;
            selection.sampleSize =
                static_cast<std::size_t>(fields.requiredInteger("sample", 1, 100'000'000));
        } else {
            fields.failHere(
                "expected \"all\", {\"sample\": N}, {\"list\": [...]} or "
                "{\"weights\": FILE}");
        }
        return selection;
    }

    std::string source_;
    std::filesystem::path base_;
    const PerspectiveCatalog& catalog_;
    std::chrono::year_month_day today_;
};

}  // namespace

Scenario ScenarioReader::parse(std::string_view text, const std::string& sourceName,
                               const std::filesystem::path& baseDirectory,
                               const PerspectiveCatalog& catalog,
                               std::chrono::year_month_day today) {
    return ScenarioParser(sourceName, baseDirectory, catalog, today)
        .parse(JsonFields::parse(text, sourceName));
}

Scenario ScenarioReader::readFile(const std::filesystem::path& path,
                                  const PerspectiveCatalog& catalog,
                                  std::chrono::year_month_day today) {
    return parse(InputFile::read(path), path.string(), path.parent_path(), catalog, today);
}

}  // namespace mpicsim
