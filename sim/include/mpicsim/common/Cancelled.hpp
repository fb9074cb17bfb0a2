#pragma once

#include <stdexcept>

namespace mpicsim {

// Thrown by a long computation (matrix build, placement search) whose stop flag was set: it
// stopped early and has no result.
class Cancelled : public std::runtime_error {
  public:
    Cancelled() : std::runtime_error("cancelled") {}
};

}  // namespace mpicsim
