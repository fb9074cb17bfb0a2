#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "mpicsim/mpic/Rir.hpp"
#include "mpicsim/routing/AttackType.hpp"
#include "mpicsim/routing/Outcome.hpp"
#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// Where the validation of every candidate perspective ends in every trial unit of a study, as
// two bit planes per candidate: bit u of the adversary plane is set when the candidate's traffic
// reaches the adversary in unit u, bit u of the victim plane when it reaches the victim; neither
// means nowhere. A deployment reads only the planes of its members, 64 units per word.
class OutcomeMatrix {
  public:
    struct Candidate {
        std::string id;  // catalog id, or the inline perspective's id
        Asn asn = 0;     // host AS
        Rir rir = Rir::Arin;
        std::string provider;  // "aws", "gcp", ... or empty
    };
    // One trial unit, laid out as it is stored in the matrix file (16 bytes, little-endian).
    struct Unit {
        Asn victim = 0;
        Asn adversary = 0;
        float victimWeight = 1;
        std::uint8_t attack = 0;  // AttackType
        std::uint8_t rovIndex = 0;
        std::uint8_t prefixLength = 0;
        std::uint8_t victimWithoutRoa = 0;  // 1: the victim holds no ROA (its ROA setting)
    };
    enum class Plane : std::uint8_t { Adversary = 0, Victim = 1 };

    // A matrix with every outcome "nowhere", to be filled with set().
    OutcomeMatrix(std::vector<Candidate> candidates, std::vector<Unit> units);
    // A matrix over storage held by `keeper` (a memory-mapped file): `words` holds the planes in
    // the order of planeWords().
    OutcomeMatrix(std::vector<Candidate> candidates, std::span<const Unit> units,
                  std::span<const std::uint64_t> words, std::shared_ptr<const void> keeper);
    OutcomeMatrix(OutcomeMatrix&&) noexcept = default;
    OutcomeMatrix& operator=(OutcomeMatrix&&) noexcept = default;
    OutcomeMatrix(const OutcomeMatrix&) = delete;
    OutcomeMatrix& operator=(const OutcomeMatrix&) = delete;

    const std::vector<Candidate>& candidates() const { return candidates_; }
    std::span<const Unit> units() const { return units_; }
    std::size_t unitCount() const { return units_.size(); }
    std::size_t candidateCount() const { return candidates_.size(); }
    std::size_t wordsPerPlane() const { return wordsPerPlane_; }
    // Every plane, candidate by candidate (adversary plane, then victim plane).
    std::span<const std::uint64_t> planeWords() const { return words_; }
    const std::uint64_t* plane(std::size_t candidate, Plane plane) const {
        return words_.data() + (candidate * 2 + static_cast<std::size_t>(plane)) * wordsPerPlane_;
    }
    Outcome outcome(std::size_t unit, std::size_t candidate) const;
    // Only on a matrix made with the first constructor. Units sharing a word (u / 64) must not be
    // set from different threads at once.
    void set(std::size_t unit, std::size_t candidate, Outcome outcome);
    // Only on a matrix made with the first constructor: puts the plane words of `block` (a
    // matrix of the units of this one's words firstWord onwards, as OutcomeMatrixBuilder::
    // buildWords makes it; candidate by candidate, as planeWords()) in place. Throws
    // std::invalid_argument when they do not fit.
    void setWords(std::size_t firstWord, std::span<const std::uint64_t> block);
    // The bits of the last word that stand for units (all ones when units fill it).
    std::uint64_t lastWordMask() const;

    // The distinct victims in order of first appearance, each unit's victim among them, and
    // each victim's weight.
    const std::vector<Asn>& victims() const { return victims_; }
    const std::vector<std::uint32_t>& unitVictims() const { return unitVictims_; }
    const std::vector<double>& victimWeights() const { return victimWeights_; }

  private:
    void indexVictims();

    std::vector<Candidate> candidates_;
    std::vector<Unit> ownedUnits_;
    std::vector<std::uint64_t> ownedWords_;
    std::span<const Unit> units_;
    std::span<const std::uint64_t> words_;
    std::shared_ptr<const void> keeper_;
    std::size_t wordsPerPlane_ = 0;
    std::vector<Asn> victims_;
    std::vector<std::uint32_t> unitVictims_;
    std::vector<double> victimWeights_;
};

}  // namespace mpicsim
