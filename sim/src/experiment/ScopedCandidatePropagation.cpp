#include "mpicsim/experiment/ScopedCandidatePropagation.hpp"

#include "mpicsim/routing/PropagationWorkspace.hpp"
#include "mpicsim/routing/RoutingOutcome.hpp"

namespace mpicsim {
namespace {

class ScopedScratch : public CandidatePropagation::Scratch {
  public:
    RoutingOutcome routing;
    PropagationWorkspace propagation;
};

// The ASes the candidates route as (their hosts) or receive routes from (their attachments).
std::vector<NodeIndex> observedBy(const std::vector<PlacedPerspective>& candidates) {
    std::vector<NodeIndex> observed;
    for (const PlacedPerspective& candidate : candidates) {
        if (!candidate.hasOwnNode()) {
            observed.push_back(candidate.hostNode());
        }
        for (const auto& [neighbour, role] : candidate.attachments()) {
            observed.push_back(neighbour);
        }
    }
    return observed;
}

}  // namespace

ScopedCandidatePropagation::ScopedCandidatePropagation(const AsGraph& graph,
                                                       const TieBreak& tieBreak,
                                                       std::vector<RovDeployment> rovDeployments,
                                                       std::vector<PlacedPerspective> candidates)
    : ranking_(graph, tieBreak),
      rovDeployments_(std::move(rovDeployments)),
      candidates_(std::move(candidates)),
      scope_(std::make_unique<PropagationScope>(graph, observedBy(candidates_))) {
    for (const RovDeployment& rov : rovDeployments_) {
        propagators_.push_back(std::make_unique<Propagator>(graph, ranking_, rov));
        observers_.emplace_back(rov);
    }
}

ScopedCandidatePropagation::~ScopedCandidatePropagation() = default;

std::unique_ptr<CandidatePropagation::Scratch> ScopedCandidatePropagation::newScratch() const {
    return std::make_unique<ScopedScratch>();
}

void ScopedCandidatePropagation::outcomes(const Attack& attack, std::uint32_t rovIndex,
                                          Scratch& scratch, std::span<Outcome> outcomes) const {
    auto& own = static_cast<ScopedScratch&>(scratch);
    propagators_[rovIndex]->run(attack, *scope_, own.routing, own.propagation);
    const PerspectiveObserver& observer = observers_[rovIndex];
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
        outcomes[i] = observer.outcomeOf(own.routing, candidates_[i]);
    }
}

}  // namespace mpicsim
