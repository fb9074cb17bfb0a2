#include "mpicsim/mpic/PlacementWarning.hpp"

namespace mpicsim {

std::string PlacementWarning::text(const std::string& ca, const Perspective& perspective,
                                   bool victim, bool adversary) {
    const std::string whose = victim && adversary ? "a victim and an adversary"
                              : victim            ? "a victim"
                                                  : "an adversary";
    return "placement: " + (ca.empty() ? std::string() : ca + ": ") + "perspective " +
           perspective.id + " routes as AS" + std::to_string(perspective.hostAsn) + ", the AS of " +
           whose + ", so it reaches that AS whatever the routing: the result " +
           "rests on placement";
}

}  // namespace mpicsim
