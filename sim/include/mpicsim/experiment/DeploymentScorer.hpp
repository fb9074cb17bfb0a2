#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "mpicsim/experiment/OutcomeMatrix.hpp"
#include "mpicsim/mpic/QuorumPolicy.hpp"
#include "mpicsim/mpic/Verdict.hpp"

namespace mpicsim {

// Scores deployments (a primary and remotes chosen among a matrix's candidates) under one quorum
// policy from the outcome matrix alone, 64 units per step.
//
// The verdict is Corroboration::decide's: decide reads the remotes only through four numbers
// (how many reach the adversary and how many RIRs they span, how many reach the victim and how
// many RIRs they span), so the scorer asks decide once for a representative of every
// (primary outcome, count, RIR count) class of each deployment size and evaluates the answers as
// bit-sliced counters over the members' planes. decideUnit() asks decide about one unit's actual
// outcomes; tests hold the two equal.
class DeploymentScorer {
  public:
    static constexpr std::size_t kMaxRemotes = 127;
    static constexpr std::size_t kMaxThermometer = 4;

    struct Deployment {
        std::optional<std::size_t> primary;  // candidate index
        std::vector<std::size_t> remotes;    // candidate indices
    };
    struct Score {
        std::uint64_t units = 0;
        std::uint64_t issued = 0;   // units where the adversary obtains a certificate
        std::uint64_t blocked = 0;  // units where the owner's issuance is blocked
    };

    // For deployments of up to `maxRemotes` remotes (at most kMaxRemotes).
    DeploymentScorer(const OutcomeMatrix& matrix, QuorumPolicy policy, std::size_t maxRemotes);

    const QuorumPolicy& policy() const { return policy_; }
    const OutcomeMatrix& matrix() const { return matrix_; }

    // Throws std::invalid_argument for a candidate index out of range or too many remotes.
    Score score(const Deployment& deployment, bool withBlocked = true) const;
    // One word per 64 units (bit u % 64 of word u / 64), bits past the last unit cleared;
    // `blocked` may be null.
    void verdictWords(const Deployment& deployment, std::vector<std::uint64_t>& issued,
                      std::vector<std::uint64_t>* blocked) const;
    // Corroboration::decide on the outcomes of one unit, with its reason.
    Verdict decideUnit(const Deployment& deployment, std::size_t unit) const;

  private:
    struct Interval {
        int low;
        int high;
        bool operator==(const Interval&) const = default;
    };
    // Which (primary class, RIR count, count) classes make one side of the verdict true.
    struct SideRule {
        bool usesRirs = false;
        // Per primary class: true or false whatever the remotes' outcomes (nullopt: it depends).
        std::array<std::optional<bool>, 4> constant;
        // [primary class: adversary, victim, nowhere, no primary][RIR count] -> counts
        std::array<std::array<std::vector<Interval>, 6>, 4> counts;
        // The same rule as evaluated per word: per primary class the terms "thresholds[low] <=
        // count < thresholds[high] and rirLow <= RIR count < rirHigh" (the RIR bounds are 0 and
        // 6 unless usesRirs), one per interval; "count >= thresholds[i]" is computed once per
        // word.
        struct Term {
            std::uint8_t low;
            std::uint8_t high;
            std::uint8_t rirLow;
            std::uint8_t rirHigh;
        };
        std::vector<int> thresholds;
        std::array<std::vector<Term>, 4> terms;
        // How "count >= threshold" is taken per word: a thermometer (bit d: at least d) of the
        // remotes that reach the plane's end (Ones) or of those that do not (Zeros), `depth`
        // deep, when the thresholds need one at most kMaxThermometer deep; else bit-sliced
        // counters.
        enum class Counting : std::uint8_t { Sliced, Ones, Zeros };
        Counting counting = Counting::Sliced;
        std::size_t depth = 0;
    };
    struct SizeRule {
        SideRule issued;   // over the adversary planes
        SideRule blocked;  // over the victim planes
    };
    struct Members;

    SizeRule ruleFor(int remotes) const;
    Members membersOf(const Deployment& deployment) const;
    std::uint64_t sideWord(const Members& members, const SideRule& rule, OutcomeMatrix::Plane plane,
                           std::size_t word,
                           const std::array<std::uint64_t, 4>& primaryMasks) const;
    std::array<std::uint64_t, 4> primaryMasks(const Members& members, std::size_t word) const;

    const OutcomeMatrix& matrix_;
    QuorumPolicy policy_;
    std::vector<SizeRule> rules_;  // by number of remotes
};

}  // namespace mpicsim
