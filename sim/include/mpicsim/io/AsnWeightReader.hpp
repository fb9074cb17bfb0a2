#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// Weight maps ASN -> weight (e.g. domains hosted per AS): a JSON object {"13335": 1234, ...}
// or CSV lines "asn,weight" (an optional header line "asn,weight"; "#" comments). Entries keep
// the file's order. Errors are InputErrors naming the file and the line or JSON Pointer: a bad
// ASN, a negative or non-numeric weight, an ASN given twice.
class AsnWeightReader {
  public:
    using Entries = std::vector<std::pair<Asn, double>>;

    static Entries parse(std::string_view text, const std::string& sourceName);
    static Entries readFile(const std::filesystem::path& path);
};

}  // namespace mpicsim
