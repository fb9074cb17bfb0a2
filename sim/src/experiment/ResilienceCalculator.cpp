#include "mpicsim/experiment/ResilienceCalculator.hpp"

#include <algorithm>
#include <map>

#include "mpicsim/experiment/IndependentRoutes.hpp"

namespace mpicsim {

ResilienceCalculator::ResilienceCalculator(const AsGraph& graph, std::vector<NodeIndex> sources,
                                           std::vector<NodeIndex> adversaries)
    : graph_(graph),
      sources_(std::move(sources)),
      adversaries_(std::move(adversaries)),
      isAdversary_(graph.nodeCount(), false),
      bySource_(sources_.size()),
      noRouteAdversaries_(sources_.size(), 0) {
    std::vector<std::map<std::pair<std::uint32_t, double>, double>> histograms(sources_.size());
    IndependentRoutes routes(graph);
    for (NodeIndex adversary : adversaries_) {
        isAdversary_[adversary] = true;
        routes.run(adversary);
        for (std::size_t s = 0; s < sources_.size(); ++s) {
            const NodeIndex source = sources_[s];
            if (source == adversary) {
                continue;  // a = v is left out
            }
            if (!routes.hasRoute(source)) {
                noRouteAdversaries_[s] += 1;
            } else {
                histograms[s][{routes.preferenceKey(source), routes.pathCount(source)}] += 1;
            }
        }
    }
    for (std::size_t s = 0; s < sources_.size(); ++s) {
        for (const auto& [keyAndPaths, count] : histograms[s]) {
            bySource_[s].push_back({keyAndPaths.first, keyAndPaths.second, count});
        }
    }
}

std::vector<ResilienceCalculator::VictimResult> ResilienceCalculator::compute(
    const std::vector<NodeIndex>& victims) const {
    std::vector<VictimResult> results;
    IndependentRoutes routes(graph_);
    for (NodeIndex victim : victims) {
        routes.run(victim);
        double betaSum = 0;
        double pairs = 0;
        for (std::size_t s = 0; s < sources_.size(); ++s) {
            const NodeIndex source = sources_[s];
            if (source == victim) {
                continue;
            }
            const std::vector<Entry>& entries = bySource_[s];
            double withRoute = 0;
            for (const Entry& entry : entries) {
                withRoute += entry.adversaries;
            }
            if (!routes.hasRoute(source)) {
                // beta = 0 against every adversary the source reaches; pairs reaching neither
                // origin are left out. The victim as its own adversary is in neither count:
                // it has no route to itself from here, so it sits in noRouteAdversaries_.
                pairs += withRoute;
                continue;
            }
            const std::uint32_t key = routes.preferenceKey(source);
            const double paths = routes.pathCount(source);
            double sum = noRouteAdversaries_[s];  // beta = 1 against unreachable adversaries
            double count = noRouteAdversaries_[s] + withRoute;
            for (const Entry& entry : entries) {
                if (entry.key > key) {
                    sum += entry.adversaries;
                } else if (entry.key == key) {
                    sum += entry.adversaries * paths / (paths + entry.paths);
                }
            }
            if (isAdversary_[victim]) {
                // Remove a = t: at this source it has exactly the victim's own route.
                sum -= 0.5;
                count -= 1;
            }
            betaSum += sum;
            pairs += count;
        }
        results.push_back({victim, pairs > 0 ? betaSum / pairs : 0.0, pairs});
    }
    return results;
}

}  // namespace mpicsim
