#include "mpicsim/experiment/TrialPlan.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "mpicsim/common/DeterministicRandom.hpp"
#include "mpicsim/topology/CustomerCone.hpp"

namespace mpicsim {
namespace {

constexpr std::uint64_t kVictimSalt = 0x76696374696d73ull;   // "victims"
constexpr std::uint64_t kAdversarySalt = 0x616476657273ull;  // "advers"

NodeIndex nodeOrThrow(const AsGraph& graph, Asn asn, const std::string& what) {
    const auto node = graph.nodeOf(asn);
    if (!node) {
        throw std::invalid_argument(what + ": AS" + std::to_string(asn) +
                                    " is not in the topology");
    }
    return *node;
}

void select(const AsGraph& graph, const AsSelection& selection, std::uint64_t seed,
            const std::string& what, std::vector<NodeIndex>& nodes, std::vector<double>& weights,
            std::vector<AbsentAsns>& absent) {
    const auto n = static_cast<std::uint32_t>(graph.nodeCount());
    nodes.clear();
    weights.clear();
    DeterministicRandom random(selection.seed.value_or(seed));
    switch (selection.kind) {
        case AsSelection::Kind::All:
            nodes.resize(n);
            std::iota(nodes.begin(), nodes.end(), NodeIndex{0});
            break;
        case AsSelection::Kind::Sample:
            for (std::uint32_t index :
                 random.sample(n, static_cast<std::uint32_t>(selection.sampleSize))) {
                nodes.push_back(index);
            }
            break;
        case AsSelection::Kind::List:
            for (Asn asn : selection.asns) {
                nodes.push_back(nodeOrThrow(graph, asn, what));
            }
            break;
        case AsSelection::Kind::Weighted: {
            std::vector<NodeIndex> present;
            std::vector<double> presentWeights;
            std::vector<Asn> missing;
            for (std::size_t i = 0; i < selection.asns.size(); ++i) {
                if (const auto node = graph.nodeOf(selection.asns[i])) {
                    present.push_back(*node);
                    presentWeights.push_back(selection.weights[i]);
                } else {
                    missing.push_back(selection.asns[i]);
                }
            }
            if (!missing.empty()) {
                absent.emplace_back(what + " weights", std::move(missing));
            }
            if (selection.sampleSize > 0 && selection.sampleSize < present.size()) {
                for (std::uint32_t index :
                     random.sample(static_cast<std::uint32_t>(present.size()),
                                   static_cast<std::uint32_t>(selection.sampleSize))) {
                    nodes.push_back(present[index]);
                    weights.push_back(presentWeights[index]);
                }
            } else {
                nodes = std::move(present);
                weights = std::move(presentWeights);
            }
            break;
        }
    }
    // Listed ASes keep the order given; the other selections are in ASN order.
    if (selection.kind != AsSelection::Kind::List) {
        std::vector<std::size_t> order(nodes.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return graph.asnOf(nodes[a]) < graph.asnOf(nodes[b]);
        });
        std::vector<NodeIndex> sortedNodes;
        std::vector<double> sortedWeights;
        for (std::size_t i : order) {
            sortedNodes.push_back(nodes[i]);
            if (!weights.empty()) {
                sortedWeights.push_back(weights[i]);
            }
        }
        nodes = std::move(sortedNodes);
        weights = std::move(sortedWeights);
    }
    std::vector<bool> seen(graph.nodeCount(), false);
    for (NodeIndex node : nodes) {
        if (seen[node]) {
            throw std::invalid_argument(what + ": AS" + std::to_string(graph.asnOf(node)) +
                                        " is listed twice");
        }
        seen[node] = true;
    }
    if (weights.empty()) {
        weights.assign(nodes.size(), 1.0);
    }
}

RovDeployment resolveRov(const AsGraph& graph, const RovSetting& setting,
                         const std::vector<std::uint32_t>& coneSizes,
                         std::vector<AbsentAsns>& absent) {
    const std::size_t n = graph.nodeCount();
    std::vector<NodeIndex> adopters;
    switch (setting.kind) {
        case RovSetting::Kind::None:
            break;
        case RovSetting::Kind::List: {
            std::vector<Asn> missing;
            for (Asn asn : setting.asns) {
                if (const auto node = graph.nodeOf(asn)) {
                    adopters.push_back(*node);
                } else {
                    missing.push_back(asn);
                }
            }
            if (!missing.empty()) {
                absent.emplace_back("ROV setting " + setting.label, std::move(missing));
            }
            break;
        }
        case RovSetting::Kind::RandomFraction:
            // Each AS adopts when its own seeded hash falls below the fraction, so a larger
            // fraction with the same seed adopts a superset.
            for (NodeIndex v = 0; v < n; ++v) {
                if (DeterministicRandom::unitHash(setting.seed, graph.asnOf(v)) <
                    setting.fraction) {
                    adopters.push_back(v);
                }
            }
            break;
        case RovSetting::Kind::TopCone: {
            std::vector<NodeIndex> order(n);
            std::iota(order.begin(), order.end(), NodeIndex{0});
            std::sort(order.begin(), order.end(), [&](NodeIndex a, NodeIndex b) {
                return coneSizes[a] != coneSizes[b] ? coneSizes[a] > coneSizes[b]
                                                    : graph.asnOf(a) < graph.asnOf(b);
            });
            order.resize(std::min(setting.top, n));
            adopters = std::move(order);
            break;
        }
    }
    return RovDeployment::of(n, adopters);
}

}  // namespace

TrialPlan::TrialPlan(const AsGraph& graph, const Scenario& scenario, std::size_t shardSize)
    : scenario_(scenario), shardSize_(std::max<std::size_t>(shardSize, 1)) {
    select(graph, scenario.victims, scenario.seed ^ kVictimSalt, "victims", victims_,
           victimWeights_, absentAsns_);
    std::vector<double> unusedWeights;
    select(graph, scenario.adversaries, scenario.seed ^ kAdversarySalt, "adversaries", adversaries_,
           unusedWeights, absentAsns_);

    std::vector<std::uint32_t> coneSizes;
    for (const RovSetting& setting : scenario.rovSettings) {
        if (setting.kind == RovSetting::Kind::TopCone && coneSizes.empty()) {
            coneSizes = CustomerCone::sizes(graph);
        }
        rovDeployments_.push_back(resolveRov(graph, setting, coneSizes, absentAsns_));
    }
    for (const RoaSetting& setting : scenario.roaSettings) {
        roaCoverages_.push_back(RoaCoverage::resolve(graph, setting, absentAsns_));
    }

    std::vector<std::int64_t> positionInAdversaries(graph.nodeCount(), -1);
    for (std::size_t j = 0; j < adversaries_.size(); ++j) {
        positionInAdversaries[adversaries_[j]] = static_cast<std::int64_t>(j);
    }
    pairsBefore_.assign(victims_.size() + 1, 0);
    adversaryPositionOfVictim_.resize(victims_.size());
    for (std::size_t i = 0; i < victims_.size(); ++i) {
        adversaryPositionOfVictim_[i] = positionInAdversaries[victims_[i]];
        const std::uint64_t pairs =
            adversaries_.size() - (adversaryPositionOfVictim_[i] >= 0 ? 1u : 0u);
        pairsBefore_[i + 1] = pairsBefore_[i] + pairs;
    }
    pairsPerSweepPoint_ = pairsBefore_.back();
    const std::uint64_t sweepPoints = static_cast<std::uint64_t>(roaCoverages_.size()) *
                                      scenario.methods.size() * rovDeployments_.size() *
                                      scenario.attacks.size() * scenario.prefixLengths.size();
    nameservers_ = std::make_unique<NameserverPlacement>(graph, scenario.nameservers, victims_);
    targetLabels_.push_back("web host");
    for (std::size_t k = 1; k <= nameservers_->mostPerVictim(); ++k) {
        targetLabels_.push_back("nameserver " + std::to_string(k));
    }
    unitCount_ = sweepPoints * pairsPerSweepPoint_;
}

TrialUnit TrialPlan::unit(std::uint64_t index) const {
    const std::uint64_t sweepPoint = index / pairsPerSweepPoint_;
    const std::uint64_t pair = index % pairsPerSweepPoint_;
    const std::uint64_t prefixes = scenario_.prefixLengths.size();
    const std::uint64_t attacks = scenario_.attacks.size();
    const std::uint64_t rovs = rovDeployments_.size();
    const std::uint64_t methods = scenario_.methods.size();
    TrialUnit unit{};
    unit.prefixIndex = static_cast<std::uint32_t>(sweepPoint % prefixes);
    unit.attackIndex = static_cast<std::uint32_t>((sweepPoint / prefixes) % attacks);
    unit.rovIndex = static_cast<std::uint32_t>((sweepPoint / (prefixes * attacks)) % rovs);
    unit.methodIndex =
        static_cast<std::uint32_t>((sweepPoint / (prefixes * attacks * rovs)) % methods);
    unit.roaIndex = static_cast<std::uint32_t>(sweepPoint / (prefixes * attacks * rovs * methods));
    const auto victimIndex =
        static_cast<std::size_t>(std::upper_bound(pairsBefore_.begin(), pairsBefore_.end(), pair) -
                                 pairsBefore_.begin() - 1);
    std::uint64_t adversaryIndex = pair - pairsBefore_[victimIndex];
    const std::int64_t skip = adversaryPositionOfVictim_[victimIndex];
    if (skip >= 0 && adversaryIndex >= static_cast<std::uint64_t>(skip)) {
        ++adversaryIndex;
    }
    unit.victim = victims_[victimIndex];
    unit.adversary = adversaries_[adversaryIndex];
    unit.victimIndex = static_cast<std::uint32_t>(victimIndex);
    return unit;
}

std::span<const NodeIndex> TrialPlan::targets(const TrialUnit& unit) const {
    if (contactsNameservers(scenario_.methods[unit.methodIndex])) {
        const std::span<const NodeIndex> nameservers = nameservers_->of(unit.victimIndex);
        if (!nameservers.empty()) {
            return nameservers;
        }
    }
    return {&victims_[unit.victimIndex], 1};
}

std::string_view TrialPlan::targetLabel(const TrialUnit& unit, std::size_t k) const {
    const bool webHost = targets(unit).data() == &victims_[unit.victimIndex];
    return targetLabels_[webHost ? 0 : k + 1];
}

bool TrialPlan::targetsOnlyVictims() const {
    const bool dns =
        std::any_of(scenario_.methods.begin(), scenario_.methods.end(),
                    [](ValidationMethod method) { return contactsNameservers(method); });
    return !dns || nameservers_->mostPerVictim() == 0;
}

Attack TrialPlan::attack(const TrialUnit& unit, NodeIndex target) const {
    Attack attack;
    attack.type = scenario_.attacks[unit.attackIndex];
    attack.victim = target;
    attack.attacker = unit.adversary;
    attack.victimPrefixLength = scenario_.prefixLengths[unit.prefixIndex];
    attack.victimHasRoa = roaCoverages_[unit.roaIndex].covers(target);
    return attack;
}

}  // namespace mpicsim
