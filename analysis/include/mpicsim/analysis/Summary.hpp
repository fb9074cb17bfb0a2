#pragma once

#include <string>
#include <vector>

#include "mpicsim/analysis/SummaryGroup.hpp"

namespace mpicsim {

struct Summary {
    std::string scenario;
    std::vector<SummaryGroup> groups;
};

}  // namespace mpicsim
