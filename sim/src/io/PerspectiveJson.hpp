#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "mpicsim/mpic/Perspective.hpp"

namespace mpicsim::detail {

// One perspective object of a catalog or an inline CA-configuration entry.
Perspective parsePerspective(const nlohmann::json& value, const std::string& pointer,
                             const std::string& source);

// A perspective's "neighbours" array of {"asn", "role"} objects at `pointer`.
std::vector<PerspectiveLink> parseNeighbours(const nlohmann::json& list, const std::string& pointer,
                                             const std::string& source);

}  // namespace mpicsim::detail
