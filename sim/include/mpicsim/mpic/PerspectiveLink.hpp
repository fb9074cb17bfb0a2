#pragma once

#include <cstdint>
#include <string_view>

#include "mpicsim/routing/RouteClass.hpp"
#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim {

// A neighbour of a perspective that sits in its own node, and what that neighbour is to it.
struct PerspectiveLink {
    enum class Role : std::uint8_t { Provider, Peer, Customer };

    Asn neighbour = 0;
    Role role = Role::Provider;

    // The class the perspective learns this neighbour's routes under.
    static constexpr RouteClass receivedAs(Role role) {
        switch (role) {
            case Role::Provider:
                return RouteClass::Provider;
            case Role::Peer:
                return RouteClass::Peer;
            case Role::Customer:
                return RouteClass::Customer;
        }
        return RouteClass::Provider;
    }
};

constexpr std::string_view toString(PerspectiveLink::Role role) {
    switch (role) {
        case PerspectiveLink::Role::Provider:
            return "provider";
        case PerspectiveLink::Role::Peer:
            return "peer";
        case PerspectiveLink::Role::Customer:
            return "customer";
    }
    return "provider";
}

}  // namespace mpicsim
