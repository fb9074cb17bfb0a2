#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mpicsim::cli {

// `mpicsim check-ca`: every BR 3.2.2.9 rule a CA configuration breaks on a date. Exit status
// 0 when compliant, 1 when not, 2 after a clear error.
class CheckCaCommand {
  public:
    static int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);
    static std::string usage();
};

}  // namespace mpicsim::cli
