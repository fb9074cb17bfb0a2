#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "mpicsim/mpic/CaConfiguration.hpp"
#include "mpicsim/mpic/PerspectiveCatalog.hpp"
#include "mpicsim/mpic/QuorumPolicy.hpp"

namespace mpicsim::detail {

// A CA configuration object at `pointer` (see CaConfigurationReader).
CaConfiguration parseCaConfiguration(const nlohmann::json& document, const std::string& pointer,
                                     const std::string& source, const PerspectiveCatalog& catalog,
                                     std::chrono::year_month_day today);
// A perspective named by catalog id (unknown ids are named, with the closest known one) or
// given as an inline object.
Perspective resolvePerspective(const nlohmann::json& value, const std::string& pointer,
                               const std::string& source, const PerspectiveCatalog& catalog);
// A policy: a name, {"name", "date"}, or a custom rule. With `remotes`, a custom quorum is
// checked against that number of remote perspectives.
QuorumPolicy parsePolicy(const nlohmann::json& value, const std::string& pointer,
                         const std::string& source, std::chrono::year_month_day today,
                         std::optional<int> remotes);

}  // namespace mpicsim::detail
