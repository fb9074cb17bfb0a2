#pragma once

#include <map>
#include <string>

#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// What a summary needs beyond trials.csv: the study's name, the victims' weights (absent
// victims weigh 1), each ROV setting's share of adopting ASes, and each CA's remote count.
struct SummaryContext {
    std::string scenario;
    std::map<Asn, double> victimWeights;
    std::map<std::string, double> rovFractions;
    std::map<std::string, int> remotesByCa;
};

}  // namespace mpicsim
