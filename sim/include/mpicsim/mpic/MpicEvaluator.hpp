#pragma once

#include <vector>

#include "mpicsim/mpic/AttemptReport.hpp"
#include "mpicsim/mpic/CaConfiguration.hpp"
#include "mpicsim/mpic/PerspectiveObserver.hpp"
#include "mpicsim/mpic/PlacedPerspective.hpp"
#include "mpicsim/mpic/QuorumPolicy.hpp"
#include "mpicsim/mpic/RemoteResult.hpp"
#include "mpicsim/routing/RoutingOutcome.hpp"

namespace mpicsim {

// Applies one CA configuration and quorum policy to trials on one graph. Placing the
// perspectives happens once; each trial only reads the routing outcome.
class MpicEvaluator {
  public:
    // Throws std::invalid_argument when a perspective's AS is not in the graph.
    MpicEvaluator(const AsGraph& graph, const RovDeployment& rov, const CaConfiguration& ca,
                  QuorumPolicy policy);

    AttemptReport evaluate(const RoutingOutcome& routing, const PrefixTarget& target) const;
    // The verdict alone, without reason or explanations; `scratch` is reused across calls.
    Verdict decide(const RoutingOutcome& routing, std::vector<RemoteResult>& scratch) const;
    std::size_t remoteCount() const { return placed_.size() - (hasPrimary_ ? 1 : 0); }
    const QuorumPolicy& policy() const { return policy_; }

  private:
    PerspectiveObserver observer_;
    std::vector<PlacedPerspective> placed_;  // the primary first, if it is used
    bool hasPrimary_ = false;
    QuorumPolicy policy_;
};

}  // namespace mpicsim
