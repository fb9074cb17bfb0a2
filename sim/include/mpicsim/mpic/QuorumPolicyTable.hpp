#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mpicsim/mpic/QuorumPolicy.hpp"

namespace mpicsim {

// The normative quorum rules as one table of data, each row citing its source and the date
// it takes effect (see QuorumPolicyTable.cpp). Phased rules have one row per phase.
class QuorumPolicyTable {
  public:
    static std::span<const QuorumPolicy> rows();

    // The phase of a phased rule ("br", "cabf-proposal-2023") in force on `date`; nullopt
    // before its first phase. Unphased rules ignore the date.
    static std::optional<QuorumPolicy> lookup(std::string_view name,
                                              std::chrono::year_month_day date);
    static bool knows(std::string_view name);
    // Every row of one rule (each phase of a phased rule), in table order.
    static std::vector<QuorumPolicy> phases(std::string_view name);
    // Each rule's name once, in table order: br, cabf-proposal-2023, lets-encrypt-2020, ...
    static std::vector<std::string> nameList();
    // The same joined by ", ".
    static std::string names();
};

// "YYYY-MM-DD" as a valid calendar date, or nullopt.
std::optional<std::chrono::year_month_day> parseIsoDate(std::string_view text);
std::string formatIsoDate(std::chrono::year_month_day date);

}  // namespace mpicsim
