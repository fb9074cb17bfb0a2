#pragma once

#include <memory>
#include <vector>

#include "mpicsim/experiment/CandidatePropagation.hpp"
#include "mpicsim/experiment/PropagationMode.hpp"
#include "mpicsim/mpic/PerspectiveObserver.hpp"
#include "mpicsim/mpic/PlacedPerspective.hpp"
#include "mpicsim/routing/PropagationScope.hpp"
#include "mpicsim/routing/Propagator.hpp"
#include "mpicsim/routing/RovDeployment.hpp"
#include "mpicsim/routing/TieBreakRanking.hpp"

namespace mpicsim {

// CandidatePropagation for placed perspectives: each trial is propagated (PropagationMode::Scoped:
// only in the provider closure of the ASes the candidates sit in or attach to, see
// PropagationScope; Full: over the whole graph, as the oracle), and each candidate's outcome is
// read off it by PerspectiveObserver::outcomeOf. Both modes give the same outcomes.
class PerspectiveCandidatePropagation : public CandidatePropagation {
  public:
    // One ROV deployment per ROV setting of the study, in its order. The graph must outlive this.
    PerspectiveCandidatePropagation(const AsGraph& graph, const TieBreak& tieBreak,
                                    std::vector<RovDeployment> rovDeployments,
                                    std::vector<PlacedPerspective> candidates,
                                    PropagationMode mode = PropagationMode::Scoped);
    ~PerspectiveCandidatePropagation() override;

    std::size_t candidateCount() const override { return candidates_.size(); }
    std::unique_ptr<Scratch> newScratch() const override;
    void outcomes(const Attack& attack, std::uint32_t rovIndex, Scratch& scratch,
                  std::span<Outcome> outcomes) const override;

  private:
    TieBreakRanking ranking_;
    std::vector<RovDeployment> rovDeployments_;  // never resized: the propagators refer to them
    std::vector<std::unique_ptr<Propagator>> propagators_;
    std::vector<PerspectiveObserver> observers_;
    std::vector<PlacedPerspective> candidates_;
    std::unique_ptr<PropagationScope> scope_;  // null: full propagation
};

}  // namespace mpicsim
