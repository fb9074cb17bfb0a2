#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mpicsim {

enum class AttackType : std::uint8_t {
    None,             // the victim announces its prefix alone
    EquallySpecific,  // the attacker originates the victim's prefix
    Subprefix,        // the attacker originates a prefix one bit longer
    ForgedOrigin,     // the attacker announces the victim's prefix with path "attacker victim"
};

inline constexpr std::array<AttackType, 4> kAllAttackTypes = {
    AttackType::None, AttackType::EquallySpecific, AttackType::Subprefix, AttackType::ForgedOrigin};

constexpr std::string_view toString(AttackType type) {
    switch (type) {
        case AttackType::None:
            return "none";
        case AttackType::EquallySpecific:
            return "equally-specific";
        case AttackType::Subprefix:
            return "subprefix";
        case AttackType::ForgedOrigin:
            return "forged-origin";
    }
    return "none";
}

constexpr std::optional<AttackType> attackTypeFromString(std::string_view name) {
    for (AttackType type : kAllAttackTypes) {
        if (toString(type) == name) {
            return type;
        }
    }
    return std::nullopt;
}

}  // namespace mpicsim
