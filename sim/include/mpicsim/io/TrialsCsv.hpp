#pragma once

#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "mpicsim/experiment/TrialRecord.hpp"

namespace mpicsim {

// The one definition of trials.csv, a study's record of every trial:
//
//     rov,attack,prefix_length,victim,adversary,ca,policy,issued,legitimate_blocked,
//     corroborating,required,roa,method,attempts,hijacked_target
//
// one row per trial unit × CA configuration × policy × attempts, in the runner's order; `issued`
// and `legitimate_blocked` are 0 or 1; `hijacked_target` is "web host" or "nameserver K". The
// perspectives' outcomes are not in the file: records read back carry the unit and its verdicts
// only.
class TrialsCsv {
  public:
    using RecordHandler = std::function<void(const TrialRecord&)>;

    static std::string_view header();  // with its newline
    // Appends the rows of each record, one per verdict.
    static void appendRows(std::span<const TrialRecord> records, std::string& out);

    // Calls onRecord once per trial unit (consecutive rows of one unit form one record). The
    // first line is the header and is skipped, as are empty lines. The record's views live until
    // onRecord returns. Throws InputError naming `sourceName` and the line of a malformed row.
    static void parse(std::string_view text, const std::string& sourceName,
                      const RecordHandler& onRecord);
    static void readFile(const std::filesystem::path& path, const RecordHandler& onRecord);
};

}  // namespace mpicsim
