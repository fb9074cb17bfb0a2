#pragma once

#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "mpicsim/analysis/Summary.hpp"
#include "mpicsim/analysis/SummaryContext.hpp"
#include "mpicsim/experiment/TrialRecord.hpp"

namespace mpicsim {

// Turns a study's trial records into summary groups: the attacker's success rate with a Wilson
// 95% interval, the rate at which the owner's issuance is blocked, and per-victim resilience
// (the share of adversaries that fail to obtain a certificate) with its mean, median, weighted
// median and CDF. Groups appear in the order their first verdict was added.
class ResultSummary {
  public:
    explicit ResultSummary(SummaryContext context);
    ~ResultSummary();

    void add(const TrialRecord& record);
    void add(std::span<const TrialRecord> records);
    Summary summary() const;

    // Reads trials.csv (see TrialsCsv); throws InputError naming the file and line.
    static Summary fromTrialsCsv(const std::filesystem::path& trials,
                                 const SummaryContext& context);

    static std::string toJson(const Summary& summary);
    static std::string toCsv(const Summary& summary);

    // Wilson score interval for a binomial proportion at 95% (z = 1.959964).
    static std::pair<double, double> wilsonInterval(long long successes, long long trials);
    // The smallest value whose cumulative weight reaches half of the total.
    static double weightedMedian(std::span<const double> values, std::span<const double> weights);
    static double median(std::span<const double> values);

  private:
    struct GroupTally;
    // (ca, policy, attack, rov, prefix length) -> index into groups_
    using GroupKey = std::tuple<std::string, std::string, std::string, std::string, int>;

    SummaryContext context_;
    std::vector<GroupTally> groups_;
    std::map<GroupKey, std::size_t, std::less<>> groupIndex_;
};

}  // namespace mpicsim
