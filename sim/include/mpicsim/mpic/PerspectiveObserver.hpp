#pragma once

#include "mpicsim/mpic/PerspectiveObservation.hpp"
#include "mpicsim/mpic/PlacedPerspective.hpp"
#include "mpicsim/routing/DecisionExplainer.hpp"
#include "mpicsim/routing/RoutingOutcome.hpp"
#include "mpicsim/routing/RovDeployment.hpp"

namespace mpicsim {

// Reads a perspective's outcome off a trial. A perspective in an AS routes as that AS. One in
// its own node receives what its neighbours export to it (everything from a provider, own and
// customer routes from a peer or a customer), picks a route by the same decision process,
// forwards on the most specific prefix it holds, and announces nothing: the trial's other
// routes are untouched.
class PerspectiveObserver {
  public:
    explicit PerspectiveObserver(const RovDeployment& rov) : explainer_(rov) {}

    PerspectiveObservation observe(const RoutingOutcome& routing,
                                   const PlacedPerspective& perspective) const;
    // Only the outcome: no explanation, no allocation (for studies).
    Outcome outcomeOf(const RoutingOutcome& routing, const PlacedPerspective& perspective) const;

  private:
    DecisionExplainer explainer_;
};

}  // namespace mpicsim
