#include "mpicsim/experiment/OutcomeMatrix.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

namespace mpicsim {

OutcomeMatrix::OutcomeMatrix(std::vector<Candidate> candidates, std::vector<Unit> units)
    : candidates_(std::move(candidates)),
      ownedUnits_(std::move(units)),
      wordsPerPlane_((ownedUnits_.size() + 63) / 64) {
    ownedWords_.assign(candidates_.size() * 2 * wordsPerPlane_, 0);
    units_ = ownedUnits_;
    words_ = ownedWords_;
    indexVictims();
}

OutcomeMatrix::OutcomeMatrix(std::vector<Candidate> candidates, std::span<const Unit> units,
                             std::span<const std::uint64_t> words,
                             std::shared_ptr<const void> keeper)
    : candidates_(std::move(candidates)),
      units_(units),
      words_(words),
      keeper_(std::move(keeper)),
      wordsPerPlane_((units.size() + 63) / 64) {
    if (words_.size() != candidates_.size() * 2 * wordsPerPlane_) {
        throw std::invalid_argument("outcome matrix: " + std::to_string(words_.size()) +
                                    " plane words for " + std::to_string(candidates_.size()) +
                                    " candidates and " + std::to_string(units_.size()) + " units");
    }
    indexVictims();
}

Outcome OutcomeMatrix::outcome(std::size_t unit, std::size_t candidate) const {
    const std::uint64_t bit = std::uint64_t{1} << (unit % 64);
    if ((plane(candidate, Plane::Adversary)[unit / 64] & bit) != 0) {
        return Outcome::Attacker;
    }
    if ((plane(candidate, Plane::Victim)[unit / 64] & bit) != 0) {
        return Outcome::Victim;
    }
    return Outcome::Disconnected;
}

void OutcomeMatrix::set(std::size_t unit, std::size_t candidate, Outcome outcome) {
    if (ownedWords_.empty() && !words_.empty()) {
        throw std::logic_error("outcome matrix: a mapped matrix is read-only");
    }
    const std::uint64_t bit = std::uint64_t{1} << (unit % 64);
    for (Plane which : {Plane::Adversary, Plane::Victim}) {
        std::uint64_t& word =
            ownedWords_[(candidate * 2 + static_cast<std::size_t>(which)) * wordsPerPlane_ +
                        unit / 64];
        const bool wanted = (which == Plane::Adversary && outcome == Outcome::Attacker) ||
                            (which == Plane::Victim && outcome == Outcome::Victim);
        word = wanted ? (word | bit) : (word & ~bit);
    }
}

void OutcomeMatrix::setWords(std::size_t firstWord, std::span<const std::uint64_t> block) {
    if (ownedWords_.empty() && !words_.empty()) {
        throw std::logic_error("outcome matrix: a mapped matrix is read-only");
    }
    const std::size_t planes = candidates_.size() * 2;
    const std::size_t count = planes == 0 ? 0 : block.size() / planes;
    if (count * planes != block.size() || firstWord + count > wordsPerPlane_) {
        throw std::invalid_argument("outcome matrix: " + std::to_string(block.size()) +
                                    " plane words do not fit from word " +
                                    std::to_string(firstWord) + " of " +
                                    std::to_string(candidates_.size()) + " candidates' planes of " +
                                    std::to_string(wordsPerPlane_) + " words");
    }
    for (std::size_t plane = 0; plane < planes; ++plane) {
        std::copy_n(
            block.begin() + static_cast<std::ptrdiff_t>(plane * count), count,
            ownedWords_.begin() + static_cast<std::ptrdiff_t>(plane * wordsPerPlane_ + firstWord));
    }
}

std::uint64_t OutcomeMatrix::lastWordMask() const {
    const std::size_t used = units_.size() % 64;
    return used == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << used) - 1;
}

void OutcomeMatrix::indexVictims() {
    std::unordered_map<Asn, std::uint32_t> index;
    unitVictims_.reserve(units_.size());
    for (const Unit& unit : units_) {
        const auto [it, added] =
            index.try_emplace(unit.victim, static_cast<std::uint32_t>(victims_.size()));
        if (added) {
            victims_.push_back(unit.victim);
            victimWeights_.push_back(unit.victimWeight);
        }
        unitVictims_.push_back(it->second);
    }
}

}  // namespace mpicsim
