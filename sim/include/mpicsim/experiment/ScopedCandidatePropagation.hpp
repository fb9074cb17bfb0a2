#pragma once

#include <memory>
#include <vector>

#include "mpicsim/experiment/CandidatePropagation.hpp"
#include "mpicsim/mpic/PerspectiveObserver.hpp"
#include "mpicsim/mpic/PlacedPerspective.hpp"
#include "mpicsim/routing/PropagationScope.hpp"
#include "mpicsim/routing/Propagator.hpp"
#include "mpicsim/routing/RovDeployment.hpp"
#include "mpicsim/routing/TieBreakRanking.hpp"

namespace mpicsim {

// CandidatePropagation restricted to what the candidates observe: the Propagator computes
// routes only in the provider closure of the ASes the candidates sit in or attach to (see
// PropagationScope), and each candidate's outcome is read off them by
// PerspectiveObserver::outcomeOf. Equal to FullGraphCandidatePropagation, faster.
class ScopedCandidatePropagation : public CandidatePropagation {
  public:
    // One ROV deployment per ROV setting of the study, in its order. The graph must outlive this.
    ScopedCandidatePropagation(const AsGraph& graph, const TieBreak& tieBreak,
                               std::vector<RovDeployment> rovDeployments,
                               std::vector<PlacedPerspective> candidates);
    ~ScopedCandidatePropagation() override;

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
    std::unique_ptr<PropagationScope> scope_;
};

}  // namespace mpicsim
