#include "mpicsim/mpic/MpicEvaluator.hpp"

#include <stdexcept>

#include "mpicsim/mpic/Corroboration.hpp"

namespace mpicsim {

MpicEvaluator::MpicEvaluator(const AsGraph& graph, const RovDeployment& rov,
                             const CaConfiguration& ca, QuorumPolicy policy)
    : observer_(rov), policy_(std::move(policy)) {
    if (policy_.primaryRequired && !ca.primary) {
        throw std::invalid_argument("policy " + policy_.label() +
                                    " needs a primary perspective; CA configuration '" + ca.name +
                                    "' has none");
    }
    hasPrimary_ = ca.primary.has_value() && policy_.primaryRequired;
    if (hasPrimary_) {
        placed_.emplace_back(graph, *ca.primary);
    }
    for (const Perspective& remote : ca.remotes) {
        placed_.emplace_back(graph, remote);
    }
}

AttemptReport MpicEvaluator::evaluate(const RoutingOutcome& routing,
                                      const PrefixTarget& target) const {
    AttemptReport report;
    report.target = target;
    std::optional<Outcome> primary;
    std::vector<RemoteResult> remotes;
    for (std::size_t i = 0; i < placed_.size(); ++i) {
        PerspectiveReport perspective;
        perspective.perspective = placed_[i].perspective();
        perspective.primary = hasPrimary_ && i == 0;
        perspective.observation = observer_.observe(routing, placed_[i]);
        if (perspective.primary) {
            primary = perspective.observation.outcome;
        } else {
            remotes.push_back({perspective.observation.outcome, perspective.perspective.rir});
        }
        report.perspectives.push_back(std::move(perspective));
    }
    report.verdict = Corroboration::decide(policy_, primary, remotes);
    return report;
}

Verdict MpicEvaluator::decide(const RoutingOutcome& routing,
                              std::vector<RemoteResult>& scratch) const {
    scratch.clear();
    std::optional<Outcome> primary;
    for (std::size_t i = 0; i < placed_.size(); ++i) {
        const Outcome outcome = observer_.outcomeOf(routing, placed_[i]);
        if (hasPrimary_ && i == 0) {
            primary = outcome;
        } else {
            scratch.push_back({outcome, placed_[i].perspective().rir});
        }
    }
    return Corroboration::decide(policy_, primary, scratch, false);
}

}  // namespace mpicsim
