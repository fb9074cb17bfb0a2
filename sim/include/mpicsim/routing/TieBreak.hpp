#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// The last step of the decision process, between routes equal in relationship and length.
class TieBreak {
  public:
    enum class Kind : std::uint8_t {
        LowestAsn,  // the lower next-hop ASN wins
        Random,     // the lower seeded hash of the next-hop ASN wins (see randomKey)
        Md5,        // the larger MD5 digest of the next hop's decimal ASN wins, as in the
                    // artifact of the 2023 Princeton MPIC study
    };

    static TieBreak lowestAsn() { return TieBreak(Kind::LowestAsn, 0); }
    static TieBreak random(std::uint64_t seed) { return TieBreak(Kind::Random, seed); }
    static TieBreak md5() { return TieBreak(Kind::Md5, 0); }
    // "lowest-asn", "random:SEED" or "md5"; throws std::invalid_argument otherwise.
    static TieBreak fromString(std::string_view text);
    // The spellings fromString accepts, for usage texts and suggestions.
    static constexpr std::array<std::string_view, 3> kSpellings = {"lowest-asn", "random:SEED",
                                                                   "md5"};

    Kind kind() const { return kind_; }
    std::uint64_t seed() const { return seed_; }
    std::string toString() const;

    // True when a route via `a` beats an otherwise equal route via `b` (a != b).
    bool prefers(Asn a, Asn b) const;

    // splitmix64(splitmix64(seed) ^ asn): the Random policy's key (lower wins).
    static std::uint64_t randomKey(std::uint64_t seed, Asn asn);
    // MD5 of the decimal ASN string, computed with OpenSSL's libcrypto.
    static std::array<std::uint8_t, 16> md5Digest(Asn asn);

  private:
    TieBreak(Kind kind, std::uint64_t seed) : kind_(kind), seed_(seed) {}

    Kind kind_;
    std::uint64_t seed_;
};

}  // namespace mpicsim
