#include "mpicsim/experiment/PerspectiveCandidatePropagation.hpp"

#include "mpicsim/routing/PropagationWorkspace.hpp"
#include "mpicsim/routing/RoutingOutcome.hpp"

namespace mpicsim {
namespace {

class ScopedScratch : public CandidatePropagation::Scratch {
  public:
    RoutingOutcome routing;
    PropagationWorkspace propagation;
};

}  // namespace

PerspectiveCandidatePropagation::PerspectiveCandidatePropagation(
    const AsGraph& graph, const TieBreak& tieBreak, std::vector<RovDeployment> rovDeployments,
    std::vector<PlacedPerspective> candidates, PropagationMode mode)
    : ranking_(graph, tieBreak),
      rovDeployments_(std::move(rovDeployments)),
      candidates_(std::move(candidates)) {
    if (mode == PropagationMode::Scoped) {
        std::vector<NodeIndex> observed;
        for (const PlacedPerspective& candidate : candidates_) {
            candidate.appendObservedNodes(observed);
        }
        scope_ = std::make_unique<PropagationScope>(graph, std::move(observed));
    }
    for (const RovDeployment& rov : rovDeployments_) {
        propagators_.push_back(std::make_unique<Propagator>(graph, ranking_, rov));
        observers_.emplace_back(rov);
    }
}

PerspectiveCandidatePropagation::~PerspectiveCandidatePropagation() = default;

std::unique_ptr<CandidatePropagation::Scratch> PerspectiveCandidatePropagation::newScratch() const {
    return std::make_unique<ScopedScratch>();
}

void PerspectiveCandidatePropagation::outcomes(const Attack& attack, std::uint32_t rovIndex,
                                               Scratch& scratch,
                                               std::span<Outcome> outcomes) const {
    auto& own = static_cast<ScopedScratch&>(scratch);
    if (scope_) {
        propagators_[rovIndex]->run(attack, *scope_, own.routing, own.propagation);
    } else {
        propagators_[rovIndex]->run(attack, own.routing, own.propagation);
    }
    const PerspectiveObserver& observer = observers_[rovIndex];
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
        outcomes[i] = observer.outcomeOf(own.routing, candidates_[i]);
    }
}

}  // namespace mpicsim
