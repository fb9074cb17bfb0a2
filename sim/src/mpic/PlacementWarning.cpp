#include "mpicsim/mpic/PlacementWarning.hpp"

namespace mpicsim {

std::string PlacementWarning::text(const std::string& ca, const Perspective& perspective,
                                   bool victim, bool adversary) {
    const std::string whose = victim && adversary ? "a victim's and an adversary's"
                              : victim            ? "the victim's"
                                                  : "the adversary's";
    const std::string reaches = victim && adversary ? "that victim or adversary"
                                : victim            ? "the victim"
                                                    : "the adversary";
    return "placement: " + (ca.empty() ? std::string() : ca + ": ") + "perspective " +
           perspective.id + " routes as AS" + std::to_string(perspective.hostAsn) + ", " + whose +
           " own AS, so it reaches " + reaches +
           " whatever the routing: this result rests on placement";
}

}  // namespace mpicsim
