#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mpicsim/mpic/Perspective.hpp"
#include "mpicsim/mpic/QuorumPolicy.hpp"

namespace mpicsim {

// The `optimize` block of a scenario: choose `remotes` remote perspectives (and, optionally, the
// primary) among candidates so as to minimise attacker success under a quorum policy, subject to
// placement constraints. The scenario's units (victims × adversaries × attacks × ROV) are the
// sample; a held-out sample of fresh victims and adversaries checks the choice.
struct OptimizationSpec {
    enum class Objective : std::uint8_t {
        AttackerSuccess,          // the share of units where the adversary gets a certificate
        WeightedAttackerSuccess,  // the same, each unit weighted by its victim's weight
        MedianResilience,         // maximise the median over victims of 1 - their success rate
    };
    struct Candidate {
        Perspective perspective;
        bool fromCatalog = false;  // named by catalog id (reported by id) or given inline
    };

    std::vector<Candidate> candidates;  // the remote candidates, in order
    // The primary: one fixed candidate, or several to choose from.
    std::vector<Candidate> primaryChoices;
    std::size_t remotes = 0;
    QuorumPolicy policy;
    Objective objective = Objective::AttackerSuccess;

    // Constraints.
    std::optional<std::chrono::year_month_day> brDate;  // BR 3.2.2.9 compliance on this date
    std::optional<std::size_t> maxPerProvider;          // remotes of one cloud provider
    std::vector<std::string> required;                  // candidate ids every set contains
    std::vector<std::string> excluded;                  // candidate ids no set contains
    std::optional<double> maxLegitimateBlockedRate;

    // Search.
    std::uint64_t exactLimit = 200'000;  // enumerate every set when there are at most this many
    std::size_t restarts = 8;
    std::uint64_t seed = 1;
    std::size_t runnersUp = 5;
    std::uint64_t holdoutSeed = 2;  // seeds the held-out sample of victims and adversaries
};

constexpr const char* toString(OptimizationSpec::Objective objective) {
    switch (objective) {
        case OptimizationSpec::Objective::AttackerSuccess:
            return "attacker-success";
        case OptimizationSpec::Objective::WeightedAttackerSuccess:
            return "weighted-attacker-success";
        case OptimizationSpec::Objective::MedianResilience:
            return "median-resilience";
    }
    return "attacker-success";
}

}  // namespace mpicsim
