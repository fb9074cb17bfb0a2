#pragma once

#include <optional>
#include <vector>

#include "mpicsim/mpic/DomainTargets.hpp"
#include "mpicsim/mpic/Perspective.hpp"
#include "mpicsim/mpic/PerspectiveObservation.hpp"
#include "mpicsim/mpic/Verdict.hpp"

namespace mpicsim {

struct PerspectiveReport {
    Perspective perspective;
    bool primary = false;
    PerspectiveObservation observation;
};

// One hijack attempt against one target prefix: every perspective's outcome and the verdict.
struct AttemptReport {
    PrefixTarget target;
    std::vector<PerspectiveReport> perspectives;  // the primary first, if any
    Verdict verdict;

    // Whether this attempt serves the attacker better (Verdict::betterForAttackerThan).
    bool betterForAttackerThan(const AttemptReport& other) const {
        return verdict.betterForAttackerThan(other.verdict);
    }
};

}  // namespace mpicsim
