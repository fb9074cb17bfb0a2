#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// What a summary needs beyond trials.csv: the study's name, the victims' weights (absent
// victims weigh 1), each ROV setting's share of adopting ASes, each CA's remote count and the
// compliance of each configuration × policy pair.
struct SummaryContext {
    std::string scenario;
    std::map<Asn, double> victimWeights;
    std::map<std::string, double> rovFractions;
    std::map<std::string, int> remotesByCa;
    // Per CA: the ASes its perspectives sit in (route as); a trial whose victim or adversary is
    // one of them is counted in SummaryGroup::placementTrials.
    std::map<std::string, std::vector<Asn>> hostAsesByCa;
    // (CA configuration, policy label) -> codes of the compliance rules the pair breaks; a pair
    // not listed is compliant.
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> violations;
};

}  // namespace mpicsim
