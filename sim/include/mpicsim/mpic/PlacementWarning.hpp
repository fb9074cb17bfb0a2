#pragma once

#include <string>

#include "mpicsim/mpic/Perspective.hpp"

namespace mpicsim {

// The one sentence `verdict`, `run` and the GUI print when a perspective sits in (routes as)
// the AS of a victim or an adversary: such a perspective reaches that AS whatever the routing,
// so the result rests on where the perspective was placed.
class PlacementWarning {
  public:
    static std::string text(const std::string& ca, const Perspective& perspective, bool victim,
                            bool adversary);
};

}  // namespace mpicsim
