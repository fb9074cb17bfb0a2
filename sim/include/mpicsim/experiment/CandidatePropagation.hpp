#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "mpicsim/routing/Attack.hpp"
#include "mpicsim/routing/Outcome.hpp"

namespace mpicsim {

// One propagation of a trial unit, answered only where a set of candidate perspectives asks:
// where each candidate's validation ends. OutcomeMatrixBuilder calls it once per unit, from
// several threads, each with its own Scratch; any propagator that can answer this (full graph or
// restricted to the candidates' provider closure) can stand behind it.
class CandidatePropagation {
  public:
    // Per-thread working memory, reused across units.
    class Scratch {
      public:
        virtual ~Scratch() = default;
    };

    virtual ~CandidatePropagation() = default;
    virtual std::size_t candidateCount() const = 0;
    virtual std::unique_ptr<Scratch> newScratch() const = 0;
    // Writes the outcome at candidate i into outcomes[i] (outcomes.size() == candidateCount()).
    virtual void outcomes(const Attack& attack, std::uint32_t rovIndex, Scratch& scratch,
                          std::span<Outcome> outcomes) const = 0;
};

}  // namespace mpicsim
