#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mpicsim::cli {

// `mpicsim routes`: every AS's data-plane outcome and AS path for one victim and attack, as
// CSV (asn,outcome,as_path) or JSON (adds the route's prefix, class, next hop and decision
// step). Returns the exit status: 0, or 2 after writing a clear error to `err`.
class RoutesCommand {
  public:
    static int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);
    static std::string usage();
};

}  // namespace mpicsim::cli
