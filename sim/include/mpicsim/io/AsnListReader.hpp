#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// Lists of ASNs as users write them: "174,3356 1299" on the command line, or a file with
// ASNs separated by commas, spaces or newlines and "#" comments. Throws InputError naming
// the source (and line) of a token that is not a 32-bit ASN.
class AsnListReader {
  public:
    // `fromFile`: errors name the line (a file), not only the source (a typed list).
    static std::vector<Asn> parse(std::string_view text, const std::string& sourceName,
                                  bool fromFile = false);
    static std::vector<Asn> readFile(const std::filesystem::path& path);
    // "@FILE" reads the file; anything else is parsed as a list typed on the command line.
    static std::vector<Asn> fromArgument(std::string_view argument);
};

}  // namespace mpicsim
