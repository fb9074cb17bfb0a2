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

    // Everything added so far, as JSON, and the inverse: a run that keeps no trials.csv
    // checkpoints it to resume from. The state holds one tally per group and per victim in a
    // group (never per trial): its size is bounded by groups × victims, whatever the number of
    // adversaries. restoreState throws InputError (naming `source`) on a malformed state.
    std::string state() const;
    void restoreState(std::string_view state, const std::string& source);

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
    // (ca, policy, attack, rov, prefix length, roa, method, attempts) -> index into groups_
    using GroupKey = std::tuple<std::string, std::string, std::string, std::string, int,
                                std::string, std::string, int>;

    // (combination within the record, ROV index, attack, prefix length, ROA index, method) ->
    // index into groups_: records of one study list their verdicts in the same order, so this
    // finds a group without comparing names.
    using FastKey = std::tuple<std::size_t, std::uint32_t, int, int, std::uint32_t, int>;

    std::size_t groupOf(const TrialRecord& record, std::size_t verdictIndex);

    SummaryContext context_;
    std::vector<GroupTally> groups_;
    std::map<GroupKey, std::size_t, std::less<>> groupIndex_;
    std::map<FastKey, std::size_t> fastIndex_;
};

}  // namespace mpicsim
