#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "mpicsim/experiment/CombinationVerdict.hpp"
#include "mpicsim/mpic/ValidationMethod.hpp"
#include "mpicsim/routing/AttackType.hpp"
#include "mpicsim/routing/Outcome.hpp"
#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// One trial unit of a study (one propagation) and what it decided: the verdict of every CA
// configuration × policy, and where the validation of every placed perspective ended. The views
// point into storage that outlives the record: the scenario and runner for records from
// ExperimentRunner, the text being read for records from TrialsCsv.
struct TrialRecord {
    std::uint32_t rovIndex = 0;  // the scenario's ROV setting (TrialsCsv: in order of appearance)
    std::string_view rovLabel;
    std::uint32_t roaIndex = 0;  // the scenario's ROA setting (TrialsCsv: in order of appearance)
    std::string_view roaLabel = "all";
    AttackType attack = AttackType::EquallySpecific;
    int prefixLength = 0;  // the victim's prefix
    Asn victim = 0;
    Asn adversary = 0;
    ValidationMethod method = ValidationMethod::Http01;
    // ExperimentRunner: per combination in combinations() order, one per value of the
    // scenario's attempts axis. Empty when every target of the method lies in the adversary's
    // own AS (nothing to hijack: the unit counts in no summary).
    std::vector<CombinationVerdict> verdicts;
    // Per CA configuration, at ExperimentRunner::perspectiveBlocks(): the primary's outcome (if
    // the configuration has one), then each remote's (every remote of a pool). With several
    // targets, one such run of outcomes per target hijacked, in targets order (those in the
    // adversary's AS left out). Empty for records read from trials.csv.
    std::vector<Outcome> perspectiveOutcomes;
};

}  // namespace mpicsim
