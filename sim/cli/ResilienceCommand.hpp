#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mpicsim::cli {

// `mpicsim resilience`: per-victim resilience under the independent semantics (see
// ResilienceCalculator), as CSV `victim,resilience,sources,adversaries` ending with
// `summary,<weighted mean over victims>,,`, or as JSON.
class ResilienceCommand {
  public:
    static int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);
    static const char* usage();
};

}  // namespace mpicsim::cli
