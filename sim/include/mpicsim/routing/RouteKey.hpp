#pragma once

#include <cstdint>

#include "mpicsim/routing/Outcome.hpp"
#include "mpicsim/routing/RouteAttributes.hpp"

namespace mpicsim {

// A route packed into one word so that the preferred of two routes is the smaller key:
//   bits 63..62  RouteClass
//   bits 61..34  AS path length
//   bits 33..2   tie rank of the next hop (distinct per neighbour, so ties are total)
//   bits  1..0   data-plane tag: the Outcome of traffic forwarded on this route
// The tag sits below the tie rank and never decides between two neighbours' routes.
class RouteKey {
  public:
    static constexpr std::uint64_t kNone = ~std::uint64_t{0};
    static constexpr int kClassShift = 62;
    static constexpr int kLengthShift = 34;
    static constexpr int kTieShift = 2;
    static constexpr std::uint64_t kLengthMask = ((std::uint64_t{1} << 28) - 1) << kLengthShift;
    static constexpr std::uint64_t kTagMask = 3;
    static constexpr std::uint32_t kOriginTieRank = 0xFFFFFFFFu;

    static constexpr std::uint64_t pack(RouteClass routeClass, std::uint32_t pathLength,
                                        std::uint32_t nextHopTieRank, Outcome tag) {
        return (std::uint64_t{static_cast<std::uint8_t>(routeClass)} << kClassShift) |
               (std::uint64_t{pathLength} << kLengthShift) |
               (std::uint64_t{nextHopTieRank} << kTieShift) |
               std::uint64_t{static_cast<std::uint8_t>(tag)};
    }
    static constexpr std::uint64_t pack(const RouteAttributes& attributes, Outcome tag) {
        return pack(attributes.routeClass, attributes.pathLength, attributes.nextHopTieRank, tag);
    }

    static constexpr RouteClass routeClass(std::uint64_t key) {
        return static_cast<RouteClass>(key >> kClassShift);
    }
    static constexpr std::uint32_t pathLength(std::uint64_t key) {
        return static_cast<std::uint32_t>((key & kLengthMask) >> kLengthShift);
    }
    static constexpr std::uint32_t nextHopTieRank(std::uint64_t key) {
        return static_cast<std::uint32_t>(key >> kTieShift);
    }
    static constexpr Outcome tag(std::uint64_t key) { return static_cast<Outcome>(key & kTagMask); }
    static constexpr RouteAttributes attributes(std::uint64_t key) {
        return {routeClass(key), pathLength(key), nextHopTieRank(key)};
    }
};

}  // namespace mpicsim
