#include "mpicsim/analysis/ResultSummary.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <sstream>
#include <tuple>
#include <vector>

#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/TrialsCsv.hpp"
#include "mpicsim/routing/Attack.hpp"

namespace mpicsim {

struct ResultSummary::GroupTally {
    struct VictimTally {
        long long adversaries = 0;
        long long failures = 0;  // adversaries that did not obtain a certificate
    };
    SummaryGroup group;
    long long blocked = 0;
    std::vector<Asn> hostAses;  // SummaryContext::hostAsesByCa of the group's CA
    std::map<Asn, VictimTally> victims;
    std::map<std::string, long long, std::less<>> hijackedTargets;
};

namespace {

// "web host:120;nameserver 2:30": each target hijacked, with how often, by name.
std::string hijackedTargetsText(const SummaryGroup& group) {
    std::string text;
    for (const auto& [target, count] : group.hijackedTargets) {
        text += (text.empty() ? "" : ";") + target + ":" + std::to_string(count);
    }
    return text;
}

nlohmann::json hijackedTargetsJson(const SummaryGroup& group) {
    nlohmann::json targets = nlohmann::json::object();
    for (const auto& [target, count] : group.hijackedTargets) {
        targets[target] = count;
    }
    return targets;
}

}  // namespace

std::pair<double, double> ResultSummary::wilsonInterval(long long successes, long long trials) {
    if (trials <= 0) {
        return {0.0, 1.0};
    }
    constexpr double z = 1.959963984540054;
    const double n = static_cast<double>(trials);
    const double p = static_cast<double>(successes) / n;
    const double denominator = 1 + z * z / n;
    const double centre = (p + z * z / (2 * n)) / denominator;
    const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator;
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

double ResultSummary::median(std::span<const double> values) {
    if (values.empty()) {
        return 0;
    }
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    const std::size_t middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

double ResultSummary::weightedMedian(std::span<const double> values,
                                     std::span<const double> weights) {
    if (values.empty()) {
        return 0;
    }
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    double cumulative = 0;
    for (std::size_t index : order) {
        cumulative += weights[index];
        if (cumulative >= total / 2) {
            return values[index];
        }
    }
    return values[order.back()];
}

ResultSummary::ResultSummary(SummaryContext context) : context_(std::move(context)) {}

ResultSummary::~ResultSummary() = default;

void ResultSummary::add(std::span<const TrialRecord> records) {
    for (const TrialRecord& record : records) {
        add(record);
    }
}

std::size_t ResultSummary::groupOf(const TrialRecord& record, std::size_t verdictIndex) {
    const FastKey fastKey(verdictIndex, record.rovIndex, static_cast<int>(record.attack),
                          record.prefixLength, record.roaIndex, static_cast<int>(record.method));
    const auto known = fastIndex_.find(fastKey);
    if (known != fastIndex_.end()) {
        const SummaryGroup& group = groups_[known->second].group;
        const CombinationVerdict& verdict = record.verdicts[verdictIndex];
        if (group.ca == verdict.ca && group.policy == verdict.policy &&
            group.rov == record.rovLabel && group.roa == record.roaLabel &&
            group.attempts == verdict.attempts) {
            return known->second;
        }
    }
    const CombinationVerdict& verdict = record.verdicts[verdictIndex];
    const std::string_view attack = toString(record.attack);
    const std::string_view method = toString(record.method);
    const auto key =
        std::make_tuple(verdict.ca, verdict.policy, attack, record.rovLabel, record.prefixLength,
                        record.roaLabel, method, verdict.attempts);
    auto found = groupIndex_.find(key);
    if (found == groupIndex_.end()) {
        GroupTally tally;
        tally.group.ca = verdict.ca;
        tally.group.policy = verdict.policy;
        tally.group.attack = attack;
        tally.group.rov = record.rovLabel;
        tally.group.prefixLength = record.prefixLength;
        tally.group.roa = record.roaLabel;
        const auto violations =
            context_.violations.find(std::make_pair(tally.group.ca, tally.group.policy));
        if (violations != context_.violations.end()) {
            tally.group.violations = violations->second;
            tally.group.compliant = violations->second.empty();
        }
        if (Attack{.type = record.attack, .victimPrefixLength = record.prefixLength}
                .subprefixFiltered()) {
            tally.group.note = Attack::kFilteredSubprefixNote;
        }
        tally.group.method = method;
        tally.group.attempts = verdict.attempts;
        const auto fraction = context_.rovFractions.find(tally.group.rov);
        tally.group.rovFraction = fraction == context_.rovFractions.end() ? 0.0 : fraction->second;
        const auto remotes = context_.remotesByCa.find(tally.group.ca);
        tally.group.remotes = remotes == context_.remotesByCa.end() ? 0 : remotes->second;
        tally.group.required = verdict.required;
        tally.group.allowedNonCorroborations =
            std::max(tally.group.remotes - tally.group.required, 0);
        if (const auto hosts = context_.hostAsesByCa.find(tally.group.ca);
            hosts != context_.hostAsesByCa.end()) {
            tally.hostAses = hosts->second;
        }
        found = groupIndex_
                    .emplace(GroupKey(tally.group.ca, tally.group.policy, tally.group.attack,
                                      tally.group.rov, tally.group.prefixLength, tally.group.roa,
                                      tally.group.method, tally.group.attempts),
                             groups_.size())
                    .first;
        groups_.push_back(std::move(tally));
    }
    fastIndex_[fastKey] = found->second;
    return found->second;
}

void ResultSummary::add(const TrialRecord& record) {
    for (std::size_t k = 0; k < record.verdicts.size(); ++k) {
        const CombinationVerdict& verdict = record.verdicts[k];
        GroupTally& tally = groups_[groupOf(record, k)];
        const int issued = verdict.issuedToAttacker ? 1 : 0;
        ++tally.group.trials;
        tally.group.attackerSuccesses += issued;
        tally.blocked += verdict.legitimateIssuanceBlocked ? 1 : 0;
        for (Asn host : tally.hostAses) {
            if (host == record.victim || host == record.adversary) {
                ++tally.group.placementTrials;
                break;
            }
        }
        GroupTally::VictimTally& victimTally = tally.victims[record.victim];
        ++victimTally.adversaries;
        victimTally.failures += 1 - issued;
        const auto target = tally.hijackedTargets.find(verdict.hijackedTarget);
        if (target != tally.hijackedTargets.end()) {
            ++target->second;
        } else {
            tally.hijackedTargets.emplace(std::string(verdict.hijackedTarget), 1);
        }
    }
}

std::string ResultSummary::state() const {
    nlohmann::json groups = nlohmann::json::array();
    for (const GroupTally& tally : groups_) {
        nlohmann::json victims = nlohmann::json::array();
        for (const auto& [asn, victim] : tally.victims) {
            victims.push_back({asn, victim.adversaries, victim.failures});
        }
        const SummaryGroup& group = tally.group;
        groups.push_back({{"ca", group.ca},
                          {"policy", group.policy},
                          {"attack", group.attack},
                          {"rov", group.rov},
                          {"prefix_length", group.prefixLength},
                          {"roa", group.roa},
                          {"required", group.required},
                          {"trials", group.trials},
                          {"attacker_successes", group.attackerSuccesses},
                          {"blocked", tally.blocked},
                          {"placement_trials", group.placementTrials},
                          {"victims", victims},
                          {"method", group.method},
                          {"attempts", group.attempts},
                          {"hijacked_targets", tally.hijackedTargets}});
    }
    return nlohmann::json({{"groups", groups}}).dump();
}

void ResultSummary::restoreState(std::string_view state, const std::string& source) {
    groups_.clear();
    groupIndex_.clear();
    fastIndex_.clear();
    try {
        const nlohmann::json parsed = nlohmann::json::parse(state);
        for (const nlohmann::json& saved : parsed.at("groups")) {
            // A record's names are views: these strings hold them while the group is made.
            const std::string rov = saved.at("rov").get<std::string>();
            const std::string ca = saved.at("ca").get<std::string>();
            const std::string policy = saved.at("policy").get<std::string>();
            const std::string roa = saved.at("roa").get<std::string>();
            const std::string method = saved.at("method").get<std::string>();
            TrialRecord record;
            record.roaLabel = roa;
            record.method = validationMethodFromString(method).value();
            record.attack = attackTypeFromString(saved.at("attack").get<std::string>()).value();
            record.rovLabel = rov;
            record.prefixLength = saved.at("prefix_length").get<int>();
            CombinationVerdict verdict;
            verdict.ca = ca;
            verdict.policy = policy;
            verdict.required = saved.at("required").get<int>();
            verdict.attempts = saved.at("attempts").get<int>();
            record.verdicts = {verdict};
            GroupTally& tally = groups_[groupOf(record, 0)];
            tally.group.trials = saved.at("trials").get<long long>();
            tally.group.attackerSuccesses = saved.at("attacker_successes").get<long long>();
            tally.blocked = saved.at("blocked").get<long long>();
            tally.group.placementTrials = saved.value("placement_trials", 0LL);
            for (const nlohmann::json& victim : saved.at("victims")) {
                tally.victims[victim.at(0).get<Asn>()] = {victim.at(1).get<long long>(),
                                                          victim.at(2).get<long long>()};
            }
            for (const auto& [target, count] : saved.at("hijacked_targets").items()) {
                tally.hijackedTargets[target] = count.get<long long>();
            }
        }
    } catch (const std::exception& error) {
        throw InputError(source, 0, std::string("unreadable summary state: ") + error.what());
    }
    fastIndex_.clear();  // the restored groups are found by name until records arrive
}

Summary ResultSummary::fromTrialsCsv(const std::filesystem::path& trials,
                                     const SummaryContext& context) {
    ResultSummary summary(context);
    TrialsCsv::readFile(trials, [&](const TrialRecord& record) { summary.add(record); });
    return summary.summary();
}

Summary ResultSummary::summary() const {
    Summary summary;
    summary.scenario = context_.scenario;
    for (const GroupTally& tally : groups_) {
        SummaryGroup group = tally.group;
        group.hijackedTargets.assign(tally.hijackedTargets.begin(), tally.hijackedTargets.end());
        group.attackerSuccessRate =
            group.trials == 0
                ? 0.0
                : static_cast<double>(group.attackerSuccesses) / static_cast<double>(group.trials);
        std::tie(group.ci95Low, group.ci95High) =
            wilsonInterval(group.attackerSuccesses, group.trials);
        group.legitimateBlockedRate = group.trials == 0 ? 0.0
                                                        : static_cast<double>(tally.blocked) /
                                                              static_cast<double>(group.trials);
        const auto victimCount = static_cast<Eigen::Index>(tally.victims.size());
        Eigen::ArrayXd resilience(victimCount);
        Eigen::ArrayXd weights(victimCount);
        Eigen::Index i = 0;
        for (const auto& [asn, victimTally] : tally.victims) {
            resilience(i) = static_cast<double>(victimTally.failures) /
                            static_cast<double>(victimTally.adversaries);
            const auto weight = context_.victimWeights.find(asn);
            weights(i) = weight == context_.victimWeights.end() ? 1.0 : weight->second;
            ++i;
        }
        group.victims = victimCount;
        if (victimCount > 0) {
            group.resilienceMean = resilience.mean();
            const std::span<const double> values(resilience.data(),
                                                 static_cast<std::size_t>(victimCount));
            group.resilienceMedian = median(values);
            group.resilienceWeightedMedian = weightedMedian(
                values,
                std::span<const double>(weights.data(), static_cast<std::size_t>(victimCount)));
            std::vector<double> sorted(values.begin(), values.end());
            std::sort(sorted.begin(), sorted.end());
            for (std::size_t k = 0; k < sorted.size(); ++k) {
                if (k + 1 == sorted.size() || sorted[k + 1] != sorted[k]) {
                    group.resilienceCdf.emplace_back(
                        sorted[k], static_cast<double>(k + 1) / static_cast<double>(sorted.size()));
                }
            }
        }
        summary.groups.push_back(std::move(group));
    }
    return summary;
}

std::string ResultSummary::toJson(const Summary& summary) {
    nlohmann::json groups = nlohmann::json::array();
    for (const SummaryGroup& group : summary.groups) {
        nlohmann::json cdf = nlohmann::json::array();
        for (const auto& [value, share] : group.resilienceCdf) {
            cdf.push_back({value, share});
        }
        groups.push_back({
            {"ca", group.ca},
            {"policy", group.policy},
            {"attack", group.attack},
            {"rov", group.rov},
            {"rov_fraction", group.rovFraction},
            {"prefix_length", group.prefixLength},
            {"remotes", group.remotes},
            {"allowed_non_corroborations", group.allowedNonCorroborations},
            {"required", group.required},
            {"trials", group.trials},
            {"attacker_successes", group.attackerSuccesses},
            {"attacker_success_rate", group.attackerSuccessRate},
            {"ci95_low", group.ci95Low},
            {"ci95_high", group.ci95High},
            {"legitimate_blocked_rate", group.legitimateBlockedRate},
            {"victims", group.victims},
            {"resilience_mean", group.resilienceMean},
            {"resilience_median", group.resilienceMedian},
            {"resilience_weighted_median", group.resilienceWeightedMedian},
            {"resilience_cdf", cdf},
            {"roa", group.roa},
            {"compliant", group.compliant},
            {"violations", group.violations},
            {"note", group.note},
            {"trials_with_perspective_in_victim_or_adversary_as", group.placementTrials},
            {"method", group.method},
            {"attempts", group.attempts},
            {"hijacked_targets", hijackedTargetsJson(group)},
        });
    }
    return nlohmann::json({{"scenario", summary.scenario}, {"groups", groups}}).dump(2) + "\n";
}

std::string ResultSummary::toCsv(const Summary& summary) {
    std::ostringstream out;
    out.precision(10);
    out << "ca,policy,attack,rov,rov_fraction,prefix_length,remotes,allowed_non_corroborations,"
           "required,trials,attacker_successes,attacker_success_rate,ci95_low,ci95_high,"
           "legitimate_blocked_rate,victims,resilience_mean,resilience_median,"
           "resilience_weighted_median,roa,compliant,violations,note,"
           "trials_with_perspective_in_victim_or_adversary_as,method,attempts,hijacked_target\n";
    for (const SummaryGroup& group : summary.groups) {
        out << group.ca << ',' << group.policy << ',' << group.attack << ',' << group.rov << ','
            << group.rovFraction << ',' << group.prefixLength << ',' << group.remotes << ','
            << group.allowedNonCorroborations << ',' << group.required << ',' << group.trials << ','
            << group.attackerSuccesses << ',' << group.attackerSuccessRate << ',' << group.ci95Low
            << ',' << group.ci95High << ',' << group.legitimateBlockedRate << ',' << group.victims
            << ',' << group.resilienceMean << ',' << group.resilienceMedian << ','
            << group.resilienceWeightedMedian << ',' << group.roa << ','
            << (group.compliant ? "true" : "false") << ',';
        for (std::size_t v = 0; v < group.violations.size(); ++v) {
            out << (v == 0 ? "" : ";") << group.violations[v];
        }
        out << ',' << group.note << ',' << group.placementTrials << ',' << group.method << ','
            << group.attempts << ',' << hijackedTargetsText(group) << '\n';
    }
    return out.str();
}

}  // namespace mpicsim
