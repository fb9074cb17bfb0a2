#include "mpicsim/analysis/ResultSummary.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <sstream>
#include <tuple>
#include <vector>

#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"

namespace mpicsim {
namespace {

struct VictimTally {
    long long adversaries = 0;
    long long failures = 0;  // adversaries that did not obtain a certificate
};

struct GroupTally {
    SummaryGroup group;
    long long blocked = 0;
    std::map<Asn, VictimTally> victims;
};

std::vector<std::string_view> splitCsv(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        fields.push_back(line.substr(start, comma - start));
        if (comma == std::string_view::npos) {
            return fields;
        }
        start = comma + 1;
    }
}

long long toNumber(std::string_view text, const std::string& source, std::size_t line) {
    long long value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        throw InputError(source, line, "expected a number, got '" + std::string(text) + "'");
    }
    return value;
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

Summary ResultSummary::fromTrialsCsv(const std::filesystem::path& trials,
                                     const SummaryContext& context) {
    const std::string source = trials.string();
    const std::string text = InputFile::read(trials);
    std::vector<GroupTally> groups;
    std::map<std::tuple<std::string, std::string, std::string, std::string, int>, std::size_t>
        groupIndex;
    std::size_t lineNumber = 0;
    std::string_view rest = text;
    while (!rest.empty()) {
        const std::size_t newline = rest.find('\n');
        const std::string_view line = rest.substr(0, newline);
        rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
        ++lineNumber;
        if (lineNumber == 1 || line.empty()) {
            continue;
        }
        const std::vector<std::string_view> fields = splitCsv(line);
        if (fields.size() != 11) {
            throw InputError(source, lineNumber,
                             "expected 11 fields, found " + std::to_string(fields.size()));
        }
        const auto prefixLength = static_cast<int>(toNumber(fields[2], source, lineNumber));
        const auto key =
            std::make_tuple(std::string(fields[5]), std::string(fields[6]), std::string(fields[1]),
                            std::string(fields[0]), prefixLength);
        auto [found, inserted] = groupIndex.emplace(key, groups.size());
        if (inserted) {
            GroupTally tally;
            tally.group.ca = std::get<0>(key);
            tally.group.policy = std::get<1>(key);
            tally.group.attack = std::get<2>(key);
            tally.group.rov = std::get<3>(key);
            tally.group.prefixLength = prefixLength;
            const auto fraction = context.rovFractions.find(tally.group.rov);
            tally.group.rovFraction =
                fraction == context.rovFractions.end() ? 0.0 : fraction->second;
            const auto remotes = context.remotesByCa.find(tally.group.ca);
            tally.group.remotes = remotes == context.remotesByCa.end() ? 0 : remotes->second;
            tally.group.required = static_cast<int>(toNumber(fields[10], source, lineNumber));
            tally.group.allowedNonCorroborations =
                std::max(tally.group.remotes - tally.group.required, 0);
            groups.push_back(std::move(tally));
        }
        GroupTally& tally = groups[found->second];
        const long long issued = toNumber(fields[7], source, lineNumber);
        const long long blocked = toNumber(fields[8], source, lineNumber);
        const Asn victim = static_cast<Asn>(toNumber(fields[3], source, lineNumber));
        ++tally.group.trials;
        tally.group.attackerSuccesses += issued;
        tally.blocked += blocked;
        VictimTally& victimTally = tally.victims[victim];
        ++victimTally.adversaries;
        victimTally.failures += 1 - issued;
    }

    Summary summary;
    summary.scenario = context.scenario;
    for (GroupTally& tally : groups) {
        SummaryGroup& group = tally.group;
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
            const auto weight = context.victimWeights.find(asn);
            weights(i) = weight == context.victimWeights.end() ? 1.0 : weight->second;
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
           "resilience_weighted_median\n";
    for (const SummaryGroup& group : summary.groups) {
        out << group.ca << ',' << group.policy << ',' << group.attack << ',' << group.rov << ','
            << group.rovFraction << ',' << group.prefixLength << ',' << group.remotes << ','
            << group.allowedNonCorroborations << ',' << group.required << ',' << group.trials << ','
            << group.attackerSuccesses << ',' << group.attackerSuccessRate << ',' << group.ci95Low
            << ',' << group.ci95High << ',' << group.legitimateBlockedRate << ',' << group.victims
            << ',' << group.resilienceMean << ',' << group.resilienceMedian << ','
            << group.resilienceWeightedMedian << '\n';
    }
    return out.str();
}

}  // namespace mpicsim
