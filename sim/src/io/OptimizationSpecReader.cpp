#include "mpicsim/io/OptimizationSpecReader.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "CaConfigurationJson.hpp"
#include "JsonFields.hpp"
#include "mpicsim/io/ClosestMatch.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"

namespace mpicsim {
namespace {

using detail::JsonFields;

constexpr std::array<OptimizationSpec::Objective, 3> kObjectives = {
    OptimizationSpec::Objective::AttackerSuccess,
    OptimizationSpec::Objective::WeightedAttackerSuccess,
    OptimizationSpec::Objective::MedianResilience};

class SpecParser {
  public:
    SpecParser(std::string source, const PerspectiveCatalog& catalog,
               std::chrono::year_month_day today)
        : source_(std::move(source)), catalog_(catalog), today_(today) {}

    OptimizationSpec parse(const nlohmann::json& document, const Scenario& scenario) {
        const JsonFields root(document, "", source_);
        if (!root.has("optimize")) {
            root.failHere("missing the 'optimize' block that `mpicsim optimize` reads");
        }
        const JsonFields block(root.at("optimize"), "/optimize", source_);
        block.allowOnly({"candidates", "primary", "remotes", "policy", "objective", "constraints",
                         "exact_limit", "restarts", "seed", "runners_up", "holdout_seed"});
        OptimizationSpec spec;
        spec.seed = scenario.seed;
        spec.holdoutSeed = scenario.seed + 1;
        parseCandidates(block, spec);
        parsePrimary(block, spec);
        spec.remotes = static_cast<std::size_t>(block.requiredInteger("remotes", 1, 127));
        if (spec.remotes > spec.candidates.size()) {
            block.fail("remotes", "cannot choose " + std::to_string(spec.remotes) +
                                      " remotes from " + std::to_string(spec.candidates.size()) +
                                      " candidates");
        }
        if (!block.has("policy")) {
            block.failHere("missing required key 'policy' (the quorum rule to optimise under)");
        }
        spec.policy = detail::parsePolicy(block.at("policy"), block.pointerTo("policy"), source_,
                                          today_, static_cast<int>(spec.remotes));
        if (spec.policy.primaryRequired && spec.primaryChoices.empty()) {
            block.failHere("the policy needs a primary perspective: give 'primary'");
        }
        if (const auto objective = block.optionalString("objective")) {
            std::vector<std::string_view> names;
            bool found = false;
            for (OptimizationSpec::Objective each : kObjectives) {
                names.push_back(toString(each));
                if (*objective == toString(each)) {
                    spec.objective = each;
                    found = true;
                }
            }
            if (!found) {
                block.fail("objective",
                           "expected attacker-success, weighted-attacker-success or "
                           "median-resilience, got \"" +
                               *objective + "\"" + ClosestMatch::suggestion(*objective, names));
            }
        }
        parseConstraints(block, spec);
        constexpr std::int64_t kLargest = std::numeric_limits<std::int64_t>::max();
        spec.exactLimit = static_cast<std::uint64_t>(
            block.optionalInteger("exact_limit", 0, kLargest).value_or(200'000));
        spec.restarts =
            static_cast<std::size_t>(block.optionalInteger("restarts", 1, 10'000).value_or(8));
        spec.seed = static_cast<std::uint64_t>(block.optionalInteger("seed", 0, kLargest)
                                                   .value_or(static_cast<std::int64_t>(spec.seed)));
        spec.runnersUp =
            static_cast<std::size_t>(block.optionalInteger("runners_up", 0, 1000).value_or(5));
        spec.holdoutSeed =
            static_cast<std::uint64_t>(block.optionalInteger("holdout_seed", 0, kLargest)
                                           .value_or(static_cast<std::int64_t>(spec.holdoutSeed)));
        return spec;
    }

  private:
    OptimizationSpec::Candidate candidateAt(const nlohmann::json& value,
                                            const std::string& pointer) const {
        return {detail::resolvePerspective(value, pointer, source_, catalog_), value.is_string()};
    }

    void parseCandidates(const JsonFields& block, OptimizationSpec& spec) const {
        if (!block.has("candidates")) {
            block.failHere(
                "missing required key 'candidates' (an array of catalog ids or perspective "
                "objects, \"catalog\", or {\"catalog\": {\"providers\": [...]}})");
        }
        const nlohmann::json& value = block.at("candidates");
        const std::string pointer = block.pointerTo("candidates");
        if (value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                spec.candidates.push_back(candidateAt(value[i], pointer + "/" + std::to_string(i)));
            }
        } else if (value.is_string() && value.get<std::string>() == "catalog") {
            for (const Perspective& perspective : catalog_.perspectives()) {
                spec.candidates.push_back({perspective, true});
            }
        } else {
            const JsonFields fields(value, pointer, source_);
            fields.allowOnly({"catalog"});
            const JsonFields filter(fields.at("catalog"), fields.pointerTo("catalog"), source_);
            filter.allowOnly({"providers", "rirs"});
            const std::set<std::string> providers = stringSet(filter, "providers");
            const std::set<std::string> rirs = stringSet(filter, "rirs");
            for (const Perspective& perspective : catalog_.perspectives()) {
                if ((providers.empty() || providers.contains(perspective.provider)) &&
                    (rirs.empty() || rirs.contains(std::string(toString(perspective.rir))))) {
                    spec.candidates.push_back({perspective, true});
                }
            }
        }
        if (spec.candidates.empty()) {
            block.fail("candidates", "no candidate perspective is left");
        }
        std::set<std::string> seen;
        for (const auto& candidate : spec.candidates) {
            if (!seen.insert(candidate.perspective.id).second) {
                block.fail("candidates",
                           "candidate \"" + candidate.perspective.id + "\" is listed twice");
            }
        }
    }

    std::set<std::string> stringSet(const JsonFields& fields, std::string_view member) const {
        std::set<std::string> values;
        if (!fields.has(member)) {
            return values;
        }
        const nlohmann::json& list = fields.at(member);
        if (!list.is_array()) {
            fields.fail(member, "expected an array of strings, got " + JsonFields::shortDump(list));
        }
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (!list[i].is_string()) {
                throw InputError(source_, 0,
                                 "at " + fields.pointerTo(member) + "/" + std::to_string(i) +
                                     ": expected a string, got " + JsonFields::shortDump(list[i]));
            }
            values.insert(list[i].get<std::string>());
        }
        return values;
    }

    void parsePrimary(const JsonFields& block, OptimizationSpec& spec) const {
        if (!block.has("primary")) {
            return;
        }
        const nlohmann::json& value = block.at("primary");
        const std::string pointer = block.pointerTo("primary");
        if (value.is_object() && value.contains("choose_from")) {
            const JsonFields fields(value, pointer, source_);
            fields.allowOnly({"choose_from"});
            const nlohmann::json& list = fields.at("choose_from");
            if (!list.is_array() || list.empty()) {
                fields.fail("choose_from",
                            "expected a non-empty array of catalog ids or "
                            "perspective objects");
            }
            for (std::size_t i = 0; i < list.size(); ++i) {
                spec.primaryChoices.push_back(candidateAt(
                    list[i], fields.pointerTo("choose_from") + "/" + std::to_string(i)));
            }
        } else {
            spec.primaryChoices.push_back(candidateAt(value, pointer));
        }
    }

    std::vector<std::string> candidateIds(const JsonFields& fields, std::string_view member,
                                          const OptimizationSpec& spec) const {
        std::vector<std::string> ids;
        if (!fields.has(member)) {
            return ids;
        }
        std::vector<std::string> known;
        for (const auto& candidate : spec.candidates) {
            known.push_back(candidate.perspective.id);
        }
        const nlohmann::json& list = fields.at(member);
        if (!list.is_array()) {
            fields.fail(member,
                        "expected an array of candidate ids, got " + JsonFields::shortDump(list));
        }
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string pointer = fields.pointerTo(member) + "/" + std::to_string(i);
            if (!list[i].is_string()) {
                throw InputError(source_, 0,
                                 "at " + pointer + ": expected a candidate id, got " +
                                     JsonFields::shortDump(list[i]));
            }
            const std::string id = list[i].get<std::string>();
            if (std::find(known.begin(), known.end(), id) == known.end()) {
                throw InputError(source_, 0,
                                 "at " + pointer + ": \"" + id + "\" is not one of the " +
                                     std::to_string(known.size()) + " candidates" +
                                     ClosestMatch::suggestion(id, known));
            }
            ids.push_back(id);
        }
        return ids;
    }

    void parseConstraints(const JsonFields& block, OptimizationSpec& spec) const {
        if (!block.has("constraints")) {
            return;
        }
        const JsonFields fields(block.at("constraints"), block.pointerTo("constraints"), source_);
        fields.allowOnly(
            {"br_date", "max_per_provider", "required", "excluded", "max_legitimate_blocked_rate"});
        if (const auto text = fields.optionalString("br_date")) {
            spec.brDate = parseIsoDate(*text);
            if (!spec.brDate) {
                fields.fail("br_date", "expected a date YYYY-MM-DD, got \"" + *text + "\"");
            }
            if (!QuorumPolicyTable::lookup("br", *spec.brDate)) {
                fields.fail("br_date", "no BR phase is in force on " + *text +
                                           " (the first starts 2025-03-15)");
            }
        }
        if (const auto most = fields.optionalInteger("max_per_provider", 1, 127)) {
            spec.maxPerProvider = static_cast<std::size_t>(*most);
        }
        spec.required = candidateIds(fields, "required", spec);
        spec.excluded = candidateIds(fields, "excluded", spec);
        for (const std::string& id : spec.required) {
            if (std::find(spec.excluded.begin(), spec.excluded.end(), id) != spec.excluded.end()) {
                fields.fail("excluded", "\"" + id + "\" is both required and excluded");
            }
        }
        if (spec.required.size() > spec.remotes) {
            fields.fail("required", std::to_string(spec.required.size()) +
                                        " required candidates do not fit in " +
                                        std::to_string(spec.remotes) + " remotes");
        }
        if (spec.candidates.size() - spec.excluded.size() < spec.remotes) {
            fields.fail("excluded", "excluding " + std::to_string(spec.excluded.size()) + " of " +
                                        std::to_string(spec.candidates.size()) +
                                        " candidates leaves fewer than " +
                                        std::to_string(spec.remotes) + " remotes");
        }
        if (const auto ceiling = fields.optionalNumber("max_legitimate_blocked_rate")) {
            if (!(*ceiling >= 0 && *ceiling <= 1)) {
                fields.fail("max_legitimate_blocked_rate", "expected a rate from 0 to 1");
            }
            spec.maxLegitimateBlockedRate = *ceiling;
        }
    }

    std::string source_;
    const PerspectiveCatalog& catalog_;
    std::chrono::year_month_day today_;
};

}  // namespace

OptimizationSpec OptimizationSpecReader::parse(std::string_view text, const std::string& sourceName,
                                               const Scenario& scenario,
                                               const PerspectiveCatalog& catalog,
                                               std::chrono::year_month_day today) {
    return SpecParser(sourceName, catalog, today)
        .parse(JsonFields::parse(text, sourceName), scenario);
}

OptimizationSpec OptimizationSpecReader::readFile(const std::filesystem::path& path,
                                                  const Scenario& scenario,
                                                  const PerspectiveCatalog& catalog,
                                                  std::chrono::year_month_day today) {
    return parse(InputFile::read(path), path.string(), scenario, catalog, today);
}

}  // namespace mpicsim
