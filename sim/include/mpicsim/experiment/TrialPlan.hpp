#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mpicsim/experiment/AbsentAsns.hpp"
#include "mpicsim/experiment/NameserverPlacement.hpp"
#include "mpicsim/experiment/RoaCoverage.hpp"
#include "mpicsim/experiment/Scenario.hpp"
#include "mpicsim/routing/Attack.hpp"
#include "mpicsim/routing/RovDeployment.hpp"
#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// One propagation of a study: it answers every CA configuration and policy.
struct TrialUnit {
    std::uint32_t roaIndex;
    std::uint32_t rovIndex;
    std::uint32_t attackIndex;
    std::uint32_t prefixIndex;
    NodeIndex victim;
    NodeIndex adversary;
    std::uint32_t methodIndex;
    std::uint32_t victimIndex;  // into victims()
};

// A scenario resolved against a graph: the concrete victims, adversaries and ROV adopters, and
// the trial units in a fixed order, cut into shards of consecutive units. The same scenario and
// graph always give the same plan, so shards can be computed anywhere, in any order.
class TrialPlan {
  public:
    static constexpr std::size_t kDefaultShardSize = 64;

    // Throws std::invalid_argument naming a listed victim, adversary or nameserver absent from
    // the graph (see NameserverPlacement);
    // absent ASes of ROV lists and weight files are left out and reported by absentAsns().
    TrialPlan(const AsGraph& graph, const Scenario& scenario,
              std::size_t shardSize = kDefaultShardSize);

    const std::vector<NodeIndex>& victims() const { return victims_; }
    const std::vector<double>& victimWeights() const { return victimWeights_; }
    const std::vector<NodeIndex>& adversaries() const { return adversaries_; }
    const std::vector<RovDeployment>& rovDeployments() const { return rovDeployments_; }
    // One per scenario ROA setting, in order.
    const std::vector<RoaCoverage>& roaCoverages() const { return roaCoverages_; }
    const std::vector<AbsentAsns>& absentAsns() const { return absentAsns_; }

    std::uint64_t unitCount() const { return unitCount_; }
    std::uint64_t shardCount() const { return (unitCount_ + shardSize_ - 1) / shardSize_; }
    std::size_t shardSize() const { return shardSize_; }
    TrialUnit unit(std::uint64_t index) const;
    // The hijack a unit runs: its attack, victim prefix length and the victim's ROA from the
    // scenario's axes.
    Attack attack(const TrialUnit& unit) const { return attack(unit, unit.victim); }
    // The same hijack aimed at one of the unit's targets (the prefix `target` originates, with
    // the ROA the unit's ROA setting gives `target`).
    Attack attack(const TrialUnit& unit, NodeIndex target) const;

    // The ASes whose prefixes the unit's validation method contacts: the victim's nameservers
    // for a DNS method when they are elsewhere, else the victim (the web host) alone.
    std::span<const NodeIndex> targets(const TrialUnit& unit) const;
    // What the unit's k-th target is: "web host" or "nameserver K" (1-based, in targets order).
    std::string_view targetLabel(const TrialUnit& unit, std::size_t k) const;
    // Whether every unit's only target is its victim (the web host or nameservers beside it).
    bool targetsOnlyVictims() const;

  private:
    const Scenario& scenario_;
    std::unique_ptr<NameserverPlacement> nameservers_;
    std::vector<std::string> targetLabels_;  // "web host", "nameserver 1", ...
    std::vector<NodeIndex> victims_;
    std::vector<double> victimWeights_;
    std::vector<NodeIndex> adversaries_;
    std::vector<bool> adversaryIsVictim_;
    std::vector<std::uint64_t> pairsBefore_;  // victim-adversary pairs before each victim
    std::uint64_t pairsPerSweepPoint_ = 0;
    std::vector<std::int64_t> adversaryPositionOfVictim_;
    std::vector<RovDeployment> rovDeployments_;
    std::vector<RoaCoverage> roaCoverages_;
    std::vector<AbsentAsns> absentAsns_;
    std::uint64_t unitCount_ = 0;
    std::size_t shardSize_;
};

}  // namespace mpicsim
