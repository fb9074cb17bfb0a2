#include "mpicsim/experiment/ResilienceCalculator.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "mpicsim/experiment/IndependentRoutes.hpp"

namespace mpicsim {

ResilienceCalculator::ResilienceCalculator(const AsGraph& graph, std::vector<NodeIndex> sources,
                                           std::vector<NodeIndex> adversaries,
                                           std::vector<double> sourceWeights)
    : graph_(graph),
      sources_(std::move(sources)),
      adversaries_(std::move(adversaries)),
      sourceWeights_(std::move(sourceWeights)),
      isAdversary_(graph.nodeCount(), false),
      noRouteAdversaries_(sources_.size(), 0) {
    if (sourceWeights_.empty()) {
        sourceWeights_.assign(sources_.size(), 1.0);
    }
    if (sourceWeights_.size() != sources_.size()) {
        throw std::invalid_argument("one weight per source is needed");
    }
    std::vector<bool> isSource(graph.nodeCount(), false);
    for (std::size_t s = 0; s < sources_.size(); ++s) {
        if (sources_[s] >= graph.nodeCount() || isSource[sources_[s]] ||
            !(sourceWeights_[s] >= 0)) {
            throw std::invalid_argument(
                "sources must be distinct nodes of the graph with weights >= 0");
        }
        isSource[sources_[s]] = true;
    }
    for (NodeIndex adversary : adversaries_) {
        if (adversary >= graph.nodeCount() || isAdversary_[adversary]) {
            throw std::invalid_argument("adversaries must be distinct nodes of the graph");
        }
        isAdversary_[adversary] = true;
    }
    std::vector<std::map<std::pair<std::uint32_t, double>, double>> histograms(sources_.size());
    IndependentRoutes routes(graph);
    for (NodeIndex adversary : adversaries_) {
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
    entryBegin_.reserve(sources_.size() + 1);
    for (std::size_t s = 0; s < sources_.size(); ++s) {
        entryBegin_.push_back(entries_.size());
        for (const auto& [keyAndPaths, count] : histograms[s]) {
            entries_.push_back({keyAndPaths.first, keyAndPaths.second, count});
        }
        histograms[s].clear();
    }
    entryBegin_.push_back(entries_.size());
    worseFrom_.assign(entries_.size(), 0);
    withRoute_.assign(sources_.size(), 0);
    for (std::size_t s = 0; s < sources_.size(); ++s) {
        double adversariesFromHere = 0;
        for (std::size_t i = entryBegin_[s + 1]; i-- > entryBegin_[s];) {
            adversariesFromHere += entries_[i].adversaries;
            worseFrom_[i] = adversariesFromHere;
        }
        withRoute_[s] = adversariesFromHere;
    }
}

std::vector<ResilienceCalculator::VictimResult> ResilienceCalculator::compute(
    const std::vector<NodeIndex>& victims) const {
    std::vector<VictimResult> results;
    results.reserve(victims.size());
    IndependentRoutes routes(graph_);
    for (NodeIndex victim : victims) {
        routes.run(victim);
        double betaSum = 0;
        double weightSum = 0;
        double pairs = 0;
        for (std::size_t s = 0; s < sources_.size(); ++s) {
            const NodeIndex source = sources_[s];
            if (source == victim) {
                continue;
            }
            const Entry* begin = entries_.data() + entryBegin_[s];
            const Entry* end = entries_.data() + entryBegin_[s + 1];
            const double withRoute = withRoute_[s];
            const double weight = sourceWeights_[s];
            if (!routes.hasRoute(source)) {
                // beta = 0 against every adversary the source reaches; pairs reaching neither
                // origin are left out. The victim as its own adversary is in neither count:
                // it has no route to itself from here, so it sits in noRouteAdversaries_.
                weightSum += weight * withRoute;
                pairs += withRoute;
                continue;
            }
            const std::uint32_t key = routes.preferenceKey(source);
            const double paths = routes.pathCount(source);
            // beta = 1 against unreachable adversaries and those reached by worse routes.
            const Entry* tie = std::lower_bound(
                begin, end, key, [](const Entry& entry, std::uint32_t k) { return entry.key < k; });
            const Entry* worse = tie;
            double sum = noRouteAdversaries_[s];
            for (; worse != end && worse->key == key; ++worse) {
                sum += worse->adversaries * paths / (paths + worse->paths);
            }
            sum +=
                worse == end ? 0.0 : worseFrom_[static_cast<std::size_t>(worse - entries_.data())];
            double count = noRouteAdversaries_[s] + withRoute;
            if (isAdversary_[victim]) {
                // Remove a = t: at this source it has exactly the victim's own route.
                sum -= 0.5;
                count -= 1;
            }
            betaSum += weight * sum;
            weightSum += weight * count;
            pairs += count;
        }
        results.push_back({victim, weightSum > 0 ? betaSum / weightSum : 0.0, pairs});
    }
    return results;
}

}  // namespace mpicsim
