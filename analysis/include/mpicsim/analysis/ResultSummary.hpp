#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <utility>

#include "mpicsim/analysis/Summary.hpp"
#include "mpicsim/analysis/SummaryContext.hpp"

namespace mpicsim {

// Turns a study's trial records into summary groups: the attacker's success rate with a Wilson
// 95% interval, the rate at which the owner's issuance is blocked, and per-victim resilience
// (the share of adversaries that fail to obtain a certificate) with its mean, median, weighted
// median and CDF.
class ResultSummary {
  public:
    // Reads trials.csv (header as ExperimentRunner::header()); throws InputError naming the line.
    static Summary fromTrialsCsv(const std::filesystem::path& trials,
                                 const SummaryContext& context);

    static std::string toJson(const Summary& summary);
    static std::string toCsv(const Summary& summary);

    // Wilson score interval for a binomial proportion at 95% (z = 1.959964).
    static std::pair<double, double> wilsonInterval(long long successes, long long trials);
    // The smallest value whose cumulative weight reaches half of the total.
    static double weightedMedian(std::span<const double> values, std::span<const double> weights);
    static double median(std::span<const double> values);
};

}  // namespace mpicsim
