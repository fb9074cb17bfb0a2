#pragma once

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
};

}  // namespace mpicsim::cli
