#include "mpicsim/experiment/TopologyProfile.hpp"

#include "mpicsim/common/DeterministicRandom.hpp"
#include "mpicsim/routing/Propagator.hpp"

namespace mpicsim {

TopologyProfile TopologyProfile::compute(const AsGraph& graph, std::uint64_t seed) {
    TopologyProfile profile;
    profile.structure = TopologyStats::compute(graph);
    const std::size_t n = graph.nodeCount();
    if (n == 0) {
        return profile;
    }
    const TieBreakRanking ranking(graph, TieBreak::lowestAsn());
    const RovDeployment rov = RovDeployment::none(n);
    const Propagator propagator(graph, ranking, rov);
    RoutingOutcome outcome;
    PropagationWorkspace workspace;
    DeterministicRandom random(seed);
    double lengthSum = 0;
    double lengthCount = 0;
    for (std::size_t i = 0; i < kSampleOrigins; ++i) {
        Attack attack;
        attack.type = AttackType::None;
        attack.victim = static_cast<NodeIndex>(random.below(n));
        propagator.run(attack, outcome, workspace);
        for (NodeIndex v = 0; v < n; ++v) {
            if (v != attack.victim && outcome.hasRoute(v, PrefixSlot::VictimPrefix)) {
                lengthSum += RouteKey::pathLength(outcome.key(v, PrefixSlot::VictimPrefix));
                lengthCount += 1;
            }
        }
    }
    profile.meanPathLength = lengthCount > 0 ? lengthSum / lengthCount : 0;
    if (n >= 2) {
        double shareSum = 0;
        for (std::size_t i = 0; i < kSamplePairs; ++i) {
            Attack attack;
            attack.type = AttackType::EquallySpecific;
            attack.victim = static_cast<NodeIndex>(random.below(n));
            do {
                attack.attacker = static_cast<NodeIndex>(random.below(n));
            } while (attack.attacker == attack.victim);
            propagator.run(attack, outcome, workspace);
            std::size_t captured = 0;
            for (Outcome o : outcome.outcomes()) {
                captured += o == Outcome::Attacker ? 1 : 0;
            }
            shareSum += static_cast<double>(captured) / static_cast<double>(n);
        }
        profile.meanHijackShare = shareSum / static_cast<double>(kSamplePairs);
    }
    return profile;
}

std::vector<std::pair<std::string, double>> TopologyProfile::figures() const {
    std::vector<std::pair<std::string, double>> figures = structure.figures();
    figures.emplace_back("mean_path_length", meanPathLength);
    figures.emplace_back("mean_hijack_share", meanHijackShare);
    return figures;
}

}  // namespace mpicsim
