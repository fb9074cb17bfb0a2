#include "mpicsim/experiment/FullGraphCandidatePropagation.hpp"

#include "mpicsim/routing/PropagationWorkspace.hpp"
#include "mpicsim/routing/RoutingOutcome.hpp"

namespace mpicsim {
namespace {

class FullGraphScratch : public CandidatePropagation::Scratch {
  public:
    RoutingOutcome routing;
    PropagationWorkspace propagation;
};

}  // namespace

FullGraphCandidatePropagation::FullGraphCandidatePropagation(
    const AsGraph& graph, const TieBreak& tieBreak, std::vector<RovDeployment> rovDeployments,
    std::vector<PlacedPerspective> candidates)
    : ranking_(graph, tieBreak),
      rovDeployments_(std::move(rovDeployments)),
      candidates_(std::move(candidates)) {
    for (const RovDeployment& rov : rovDeployments_) {
        propagators_.push_back(std::make_unique<Propagator>(graph, ranking_, rov));
        observers_.emplace_back(rov);
    }
}

FullGraphCandidatePropagation::~FullGraphCandidatePropagation() = default;

std::unique_ptr<CandidatePropagation::Scratch> FullGraphCandidatePropagation::newScratch() const {
    return std::make_unique<FullGraphScratch>();
}

void FullGraphCandidatePropagation::outcomes(const Attack& attack, std::uint32_t rovIndex,
                                             Scratch& scratch, std::span<Outcome> outcomes) const {
    auto& own = static_cast<FullGraphScratch&>(scratch);
    propagators_[rovIndex]->run(attack, own.routing, own.propagation);
    const PerspectiveObserver& observer = observers_[rovIndex];
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
        outcomes[i] = observer.outcomeOf(own.routing, candidates_[i]);
    }
}

}  // namespace mpicsim
