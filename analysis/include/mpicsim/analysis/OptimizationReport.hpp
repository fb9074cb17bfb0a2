#pragma once

#include <optional>
#include <string>

#include "mpicsim/analysis/PlacementOptimizer.hpp"
#include "mpicsim/experiment/OptimizationSpec.hpp"

namespace mpicsim {

// The files `mpicsim optimize` writes: optimize.json (keys best, runners_up, restarts,
// candidates, constraints; format in README.md) and the CSV of every set evaluated.
class OptimizationReport {
  public:
    // `holdoutRate`: the best set's attacker success on the held-out units; without one,
    // `holdoutNote` says why (best.holdout_note).
    static std::string toJson(const PlacementOptimizer::Result& result,
                              const PlacementOptimizer& optimizer, const OptimizationSpec& spec,
                              const OutcomeMatrix& matrix, std::optional<double> holdoutRate,
                              const std::string& holdoutNote = {});
    // Header `primary,remotes,attacker_success_rate,legitimate_blocked_rate,objective,feasible`;
    // remotes are separated by ';'.
    static std::string toCsv(const PlacementOptimizer::Result& result,
                             const PlacementOptimizer& optimizer, const OutcomeMatrix& matrix);
};

}  // namespace mpicsim
