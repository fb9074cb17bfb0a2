#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mpicsim {

// Which remote perspectives of a CA's pool validate in each attempt (a retry is a new attempt):
//   fixed        the first `cohortSize` of the pool, in every attempt;
//   rotate       the pool shuffled with a seed derived from the domain, cut into
//                pool / cohortSize disjoint cohorts; attempt i uses cohort (i - 1) mod their
//                number (open-mpic's coordinator: domain-seeded cohorts, cycled on retry);
//   random:SEED  a fresh uniform draw of `cohortSize` remotes per attempt, seeded by
//                (SEED, domain, attempt).
// With a cohort as large as the pool, every rule gives the whole pool.
class CohortRule {
  public:
    enum class Kind : std::uint8_t { Fixed, Rotate, Random };

    // A configuration's remotes are counted on one 64-bit word.
    static constexpr std::size_t kMaxPool = 64;

    CohortRule() = default;
    static CohortRule fixed() { return CohortRule(Kind::Fixed, 0); }
    static CohortRule rotate() { return CohortRule(Kind::Rotate, 0); }
    static CohortRule random(std::uint64_t seed) { return CohortRule(Kind::Random, seed); }
    // "fixed", "rotate" or "random:SEED"; nullopt for anything else.
    static std::optional<CohortRule> fromString(std::string_view text);
    std::string toString() const;

    Kind kind() const { return kind_; }
    std::uint64_t seed() const { return seed_; }

    // Bit r set: pool remote r validates in `attempt` (1, 2, ...) for `domain` (a study uses the
    // victim's ASN). A pure function of its arguments. Needs 1 <= cohortSize <= poolSize <= 64.
    std::uint64_t cohort(std::size_t poolSize, std::size_t cohortSize, std::uint64_t domain,
                         int attempt) const;

    friend bool operator==(const CohortRule&, const CohortRule&) = default;

  private:
    CohortRule(Kind kind, std::uint64_t seed) : kind_(kind), seed_(seed) {}

    Kind kind_ = Kind::Fixed;
    std::uint64_t seed_ = 0;
};

}  // namespace mpicsim
