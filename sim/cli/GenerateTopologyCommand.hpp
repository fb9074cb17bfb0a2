#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace mpicsim::cli {

// `mpicsim generate-topology --ases N --seed S --out FILE`: a synthetic Internet-like
// topology in CAIDA serial-2 format.
class GenerateTopologyCommand {
  public:
    static int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);
    static const char* usage();
    // The comment lines at the top of the file, so that a study on {"synthetic": ...} can
    // record the SHA-256 of exactly the file this command writes.
    static std::vector<std::string> fileComments(std::size_t ases, std::uint64_t seed);
};

}  // namespace mpicsim::cli
