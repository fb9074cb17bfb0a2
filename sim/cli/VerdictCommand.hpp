#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mpicsim::cli {

// `mpicsim verdict`: one hijack attempt against a CA configuration under a quorum policy:
// each perspective's outcome and the decision step behind it, the quorum count, the verdict
// and its reason, as text or JSON. Exit status 0, or 2 after a clear error.
class VerdictCommand {
  public:
    static int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);
    static std::string usage();
};

}  // namespace mpicsim::cli
