#pragma once

#include <cstdint>
#include <string_view>

namespace mpicsim {

// Where an AS's traffic for the victim's address ends up (the data-plane result).
enum class Outcome : std::uint8_t {
    Victim = 0,
    Attacker = 1,
    Disconnected = 2,  // no route, or a forwarding loop
};

constexpr std::string_view toString(Outcome outcome) {
    switch (outcome) {
        case Outcome::Victim:
            return "victim";
        case Outcome::Attacker:
            return "attacker";
        case Outcome::Disconnected:
            return "disconnected";
    }
    return "disconnected";
}

}  // namespace mpicsim
