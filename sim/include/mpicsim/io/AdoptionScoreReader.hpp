#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// ROV adoption measurements as they are published (RoVista, APNIC, ...): a CSV file whose first
// line names its columns, one of them `asn` and one the adoption score; other columns are
// ignored. The adopters are the ASes whose score is at least the threshold; a row with an empty
// score (not measured) adopts nothing. Column names are matched without regard to case, and
// fields may be quoted ("..."). Errors are InputErrors naming the file and line: no header,
// a missing column, a row with another number of fields, a bad ASN or score, an ASN given twice.
class AdoptionScoreReader {
  public:
    static std::vector<Asn> adopters(std::string_view text, const std::string& sourceName,
                                     const std::string& scoreColumn, double threshold);
    static std::vector<Asn> readAdopters(const std::filesystem::path& path,
                                         const std::string& scoreColumn, double threshold);
};

}  // namespace mpicsim
