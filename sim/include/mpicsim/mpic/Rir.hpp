#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mpicsim {

// The five Regional Internet Registries, whose service regions the BR's diversity rule counts.
enum class Rir : std::uint8_t { Arin, Ripe, Apnic, Lacnic, Afrinic };

inline constexpr std::array<Rir, 5> kAllRirs = {Rir::Arin, Rir::Ripe, Rir::Apnic, Rir::Lacnic,
                                                Rir::Afrinic};

constexpr std::string_view toString(Rir rir) {
    switch (rir) {
        case Rir::Arin:
            return "ARIN";
        case Rir::Ripe:
            return "RIPE";
        case Rir::Apnic:
            return "APNIC";
        case Rir::Lacnic:
            return "LACNIC";
        case Rir::Afrinic:
            return "AFRINIC";
    }
    return "ARIN";
}

// ARIN, RIPE (or "RIPE NCC"), APNIC, LACNIC, AFRINIC, in any case.
std::optional<Rir> rirFromString(std::string_view text);

}  // namespace mpicsim
