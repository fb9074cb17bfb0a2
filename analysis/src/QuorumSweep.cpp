#include "mpicsim/analysis/QuorumSweep.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "mpicsim/analysis/ResultSummary.hpp"
#include "mpicsim/experiment/DeploymentScorer.hpp"
#include "mpicsim/io/InputError.hpp"

namespace mpicsim {

std::vector<Perspective> QuorumSweep::matrixPerspectives(const QuorumSweepSpec& spec) {
    std::vector<Perspective> perspectives = spec.remotes;
    if (spec.primary) {
        perspectives.push_back(*spec.primary);
    }
    return perspectives;
}

std::vector<OutcomeMatrix::Candidate> QuorumSweep::matrixCandidates(const QuorumSweepSpec& spec) {
    std::vector<OutcomeMatrix::Candidate> candidates;
    for (const Perspective& perspective : matrixPerspectives(spec)) {
        candidates.push_back(
            {perspective.id, perspective.hostAsn, perspective.rir, perspective.provider});
    }
    return candidates;
}

std::vector<QuorumSweep::Row> QuorumSweep::compute(const OutcomeMatrix& matrix,
                                                   const QuorumSweepSpec& spec) {
    std::vector<Row> rows;
    for (const QuorumPolicy& phase : spec.phases) {
        const std::size_t first = rows.size();
        for (std::size_t n = spec.fromRemotes; n <= spec.remotes.size(); ++n) {
            DeploymentScorer::Deployment deployment;
            if (spec.primary) {
                deployment.primary = spec.remotes.size();
            }
            for (std::size_t r = 0; r < n; ++r) {
                deployment.remotes.push_back(r);
            }
            for (int allowed = 0; allowed < static_cast<int>(n); ++allowed) {
                QuorumPolicy policy = phase;
                policy.failureRule = QuorumPolicy::FailureRule::AllowedFixed;
                policy.ruleValue = allowed;
                const DeploymentScorer scorer(matrix, policy, n);
                const auto score = scorer.score(deployment, true);
                Row row;
                row.phase = phase.phase;
                row.remotes = static_cast<int>(n);
                row.allowed = allowed;
                row.required = policy.requiredCorroborations(static_cast<int>(n));
                row.units = score.units;
                row.attackerSuccesses = score.issued;
                row.legitimateBlocked = score.blocked;
                const auto units = static_cast<double>(std::max<std::uint64_t>(score.units, 1));
                row.attackerSuccessRate = static_cast<double>(score.issued) / units;
                row.legitimateBlockedRate = static_cast<double>(score.blocked) / units;
                std::tie(row.successLow, row.successHigh) = ResultSummary::wilsonInterval(
                    static_cast<long long>(score.issued), static_cast<long long>(score.units));
                std::tie(row.blockedLow, row.blockedHigh) = ResultSummary::wilsonInterval(
                    static_cast<long long>(score.blocked), static_cast<long long>(score.units));
                rows.push_back(row);
            }
        }
        for (std::size_t i = first; i < rows.size(); ++i) {
            bool dominated = false;
            for (std::size_t j = first; j < rows.size() && !dominated; ++j) {
                const Row& a = rows[j];
                const Row& b = rows[i];
                dominated = a.attackerSuccesses <= b.attackerSuccesses &&
                            a.legitimateBlocked <= b.legitimateBlocked &&
                            (a.attackerSuccesses < b.attackerSuccesses ||
                             a.legitimateBlocked < b.legitimateBlocked);
            }
            rows[i].pareto = !dominated;
        }
    }
    return rows;
}

std::string QuorumSweep::toCsv(const std::vector<Row>& rows) {
    std::string csv =
        "phase,remotes,allowed_non_corroborations,required,units,attacker_successes,"
        "attacker_success_rate,ci95_low,ci95_high,legitimate_blocked,legitimate_blocked_rate,"
        "blocked_ci95_low,blocked_ci95_high,pareto\n";
    char line[512];
    for (const Row& row : rows) {
        std::snprintf(line, sizeof line,
                      "%s,%d,%d,%d,%llu,%llu,%.10f,%.10f,%.10f,%llu,%.10f,%.10f,%.10f,%s\n",
                      row.phase.c_str(), row.remotes, row.allowed, row.required,
                      static_cast<unsigned long long>(row.units),
                      static_cast<unsigned long long>(row.attackerSuccesses),
                      row.attackerSuccessRate, row.successLow, row.successHigh,
                      static_cast<unsigned long long>(row.legitimateBlocked),
                      row.legitimateBlockedRate, row.blockedLow, row.blockedHigh,
                      row.pareto ? "true" : "false");
        csv += line;
    }
    return csv;
}

std::string QuorumSweep::toJson(const std::vector<Row>& rows, const QuorumSweepSpec& spec) {
    nlohmann::json json;
    json["primary"] = spec.primary ? nlohmann::json(spec.primary->id) : nlohmann::json(nullptr);
    json["remotes"] = nlohmann::json::array();
    for (const Perspective& remote : spec.remotes) {
        json["remotes"].push_back(remote.id);
    }
    json["rows"] = nlohmann::json::array();
    for (const Row& row : rows) {
        json["rows"].push_back({{"phase", row.phase},
                                {"remotes", row.remotes},
                                {"allowed_non_corroborations", row.allowed},
                                {"required", row.required},
                                {"units", row.units},
                                {"attacker_successes", row.attackerSuccesses},
                                {"attacker_success_rate", row.attackerSuccessRate},
                                {"ci95", {row.successLow, row.successHigh}},
                                {"legitimate_blocked", row.legitimateBlocked},
                                {"legitimate_blocked_rate", row.legitimateBlockedRate},
                                {"blocked_ci95", {row.blockedLow, row.blockedHigh}},
                                {"pareto", row.pareto}});
    }
    return json.dump(2) + "\n";
}

std::vector<QuorumSweep::Row> QuorumSweep::fromJson(const std::string& text,
                                                    const std::string& source) {
    std::vector<Row> rows;
    try {
        for (const auto& entry : nlohmann::json::parse(text).at("rows")) {
            Row row;
            row.phase = entry.at("phase").get<std::string>();
            row.remotes = entry.at("remotes").get<int>();
            row.allowed = entry.at("allowed_non_corroborations").get<int>();
            row.required = entry.at("required").get<int>();
            row.units = entry.at("units").get<std::uint64_t>();
            row.attackerSuccesses = entry.at("attacker_successes").get<std::uint64_t>();
            row.attackerSuccessRate = entry.at("attacker_success_rate").get<double>();
            row.successLow = entry.at("ci95").at(0).get<double>();
            row.successHigh = entry.at("ci95").at(1).get<double>();
            row.legitimateBlocked = entry.at("legitimate_blocked").get<std::uint64_t>();
            row.legitimateBlockedRate = entry.at("legitimate_blocked_rate").get<double>();
            row.blockedLow = entry.at("blocked_ci95").at(0).get<double>();
            row.blockedHigh = entry.at("blocked_ci95").at(1).get<double>();
            row.pareto = entry.at("pareto").get<bool>();
            rows.push_back(row);
        }
    } catch (const nlohmann::json::exception& error) {
        throw InputError(source, 0, std::string("not a quorum-sweep.json: ") + error.what());
    }
    return rows;
}

}  // namespace mpicsim
