#pragma once

#include <stdexcept>

namespace mpicsim::cli {

// A command line or input the user must correct; the command exits with status 2.
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace mpicsim::cli
