#pragma once

#include <cstdint>
#include <string_view>

namespace mpicsim {

// The step of the decision process that set the chosen route apart from the best other
// route the AS received (compare FRRouting's bgp_path_selection_reason).
enum class DecisionStep : std::uint8_t {
    NoRoute,       // nothing usable was received
    Origin,        // the AS announces the prefix itself
    OnlyRoute,     // a single usable route was received
    Relationship,  // customer over peer over provider
    PathLength,    // shorter AS path
    TieBreak,      // the tie-break policy
};

constexpr std::string_view toString(DecisionStep step) {
    switch (step) {
        case DecisionStep::NoRoute:
            return "no-route";
        case DecisionStep::Origin:
            return "origin";
        case DecisionStep::OnlyRoute:
            return "only-route";
        case DecisionStep::Relationship:
            return "relationship";
        case DecisionStep::PathLength:
            return "path-length";
        case DecisionStep::TieBreak:
            return "tie-break";
    }
    return "no-route";
}

}  // namespace mpicsim
