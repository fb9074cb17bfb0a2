#include "mpicsim/analysis/OptimizationReport.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "mpicsim/analysis/ResultSummary.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"

namespace mpicsim {
namespace {

double rate(std::uint64_t count, std::uint64_t units) {
    return units == 0 ? 0 : static_cast<double>(count) / static_cast<double>(units);
}

// A catalog candidate by its id, an inline one as an object with its ASN and RIR.
nlohmann::json nameOf(const OptimizationSpec& spec, const OutcomeMatrix& matrix,
                      std::size_t candidate) {
    const OutcomeMatrix::Candidate& entry = matrix.candidates()[candidate];
    bool fromCatalog = false;
    if (candidate < spec.candidates.size()) {
        fromCatalog = spec.candidates[candidate].fromCatalog;
    } else {
        for (const auto& choice : spec.primaryChoices) {
            if (choice.perspective.id == entry.id) {
                fromCatalog = choice.fromCatalog;
            }
        }
    }
    if (fromCatalog) {
        return entry.id;
    }
    return {{"id", entry.id}, {"asn", entry.asn}, {"rir", std::string(toString(entry.rir))}};
}

nlohmann::json setJson(const PlacementOptimizer::Evaluation& evaluation,
                       const OptimizationSpec& spec, const OutcomeMatrix& matrix) {
    nlohmann::json json;
    json["primary"] = evaluation.deployment.primary
                          ? nameOf(spec, matrix, *evaluation.deployment.primary)
                          : nlohmann::json(nullptr);
    json["remotes"] = nlohmann::json::array();
    for (std::size_t remote : evaluation.deployment.remotes) {
        json["remotes"].push_back(nameOf(spec, matrix, remote));
    }
    const auto& score = evaluation.score;
    json["attacker_success_rate"] = rate(score.issued, score.units);
    const auto [low, high] = ResultSummary::wilsonInterval(static_cast<long long>(score.issued),
                                                           static_cast<long long>(score.units));
    json["ci95"] = {low, high};
    json["legitimate_blocked_rate"] = rate(score.blocked, score.units);
    return json;
}

std::string policyText(const QuorumPolicy& policy) {
    std::string text = policy.label();
    if (policy.name == "custom") {
        text += policy.failureRule == QuorumPolicy::FailureRule::RequiredFixed
                    ? " required=" + std::to_string(policy.ruleValue)
                : policy.failureRule == QuorumPolicy::FailureRule::AllowedFixed
                    ? " allowed=" + std::to_string(policy.ruleValue)
                    : " br-table";
        text += policy.primaryRequired ? " primary-required" : " no-primary";
    }
    return text;
}

}  // namespace

std::string OptimizationReport::toJson(const PlacementOptimizer::Result& result,
                                       const PlacementOptimizer& optimizer,
                                       const OptimizationSpec& spec, const OutcomeMatrix& matrix,
                                       std::optional<double> holdoutRate,
                                       const std::string& holdoutNote) {
    nlohmann::json json;
    nlohmann::json best = setJson(result.best, spec, matrix);
    best["holdout_attacker_success_rate"] =
        holdoutRate ? nlohmann::json(*holdoutRate) : nlohmann::json(nullptr);
    if (!holdoutRate && !holdoutNote.empty()) {
        best["holdout_note"] = holdoutNote;
    }
    json["best"] = best;
    json["runners_up"] = nlohmann::json::array();
    for (const auto& runnerUp : result.runnersUp) {
        json["runners_up"].push_back(setJson(runnerUp, spec, matrix));
    }
    json["restarts"] = {{"search", result.exact ? "exact" : "greedy+swap"},
                        {"count", result.restarts},
                        {"found_best", result.restartsFindingBest},
                        {"sets_evaluated", result.evaluated.size()},
                        {"objective", toString(spec.objective)},
                        {"best_objective", optimizer.reportedObjective(result.best)}};
    json["candidates"] = nlohmann::json::array();
    for (std::size_t i = 0; i < matrix.candidateCount(); ++i) {
        const auto& candidate = matrix.candidates()[i];
        json["candidates"].push_back({{"id", candidate.id},
                                      {"asn", candidate.asn},
                                      {"rir", std::string(toString(candidate.rir))},
                                      {"provider", candidate.provider},
                                      {"remote_candidate", i < spec.candidates.size()}});
    }
    nlohmann::json constraints;
    constraints["remotes"] = spec.remotes;
    constraints["policy"] = policyText(spec.policy);
    constraints["objective"] = toString(spec.objective);
    constraints["br_date"] =
        spec.brDate ? nlohmann::json(formatIsoDate(*spec.brDate)) : nlohmann::json(nullptr);
    constraints["max_per_provider"] =
        spec.maxPerProvider ? nlohmann::json(*spec.maxPerProvider) : nlohmann::json(nullptr);
    constraints["required"] = spec.required;
    constraints["excluded"] = spec.excluded;
    constraints["max_legitimate_blocked_rate"] =
        spec.maxLegitimateBlockedRate ? nlohmann::json(*spec.maxLegitimateBlockedRate)
                                      : nlohmann::json(nullptr);
    constraints["units"] = matrix.unitCount();
    json["constraints"] = constraints;
    return json.dump(2) + "\n";
}

std::string OptimizationReport::toCsv(const PlacementOptimizer::Result& result,
                                      const PlacementOptimizer& optimizer,
                                      const OutcomeMatrix& matrix) {
    std::string csv =
        "primary,remotes,attacker_success_rate,legitimate_blocked_rate,objective,"
        "feasible\n";
    char number[96];
    for (const auto& evaluation : result.evaluated) {
        if (evaluation.deployment.primary) {
            csv += matrix.candidates()[*evaluation.deployment.primary].id;
        }
        csv += ',';
        for (std::size_t i = 0; i < evaluation.deployment.remotes.size(); ++i) {
            csv += (i == 0 ? "" : ";") + matrix.candidates()[evaluation.deployment.remotes[i]].id;
        }
        std::snprintf(number, sizeof number, ",%.17g,%.17g,%.17g,",
                      rate(evaluation.score.issued, evaluation.score.units),
                      rate(evaluation.score.blocked, evaluation.score.units),
                      optimizer.reportedObjective(evaluation));
        csv += number;
        csv += evaluation.feasible ? "true\n" : "false\n";
    }
    return csv;
}

}  // namespace mpicsim
