#pragma once

#include <cstdint>
#include <string_view>

namespace mpicsim {

// The relationship over which a route was learned, in order of preference.
enum class RouteClass : std::uint8_t {
    Origin = 0,  // the AS announces the prefix itself
    Customer = 1,
    Peer = 2,
    Provider = 3,
};

constexpr std::string_view toString(RouteClass routeClass) {
    switch (routeClass) {
        case RouteClass::Origin:
            return "origin";
        case RouteClass::Customer:
            return "customer";
        case RouteClass::Peer:
            return "peer";
        case RouteClass::Provider:
            return "provider";
    }
    return "provider";
}

}  // namespace mpicsim
