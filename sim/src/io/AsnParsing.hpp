#pragma once

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

#include "mpicsim/topology/AsLink.hpp"

namespace mpicsim::detail {

// A decimal 32-bit ASN other than the reserved AS0, or nullopt with `problem` set.
inline std::optional<Asn> parseAsn(std::string_view token, std::string& problem) {
    if (token.empty()) {
        problem = "empty ASN";
        return std::nullopt;
    }
    for (char c : token) {
        if (c < '0' || c > '9') {
            problem = std::string(token);
            problem.insert(problem.begin(), '\'');
            problem += "' is not a decimal ASN";
            return std::nullopt;
        }
    }
    unsigned long long value = 0;
    auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (error != std::errc() || end != token.data() + token.size() || value > 0xFFFFFFFFull) {
        problem.assign("ASN ").append(token).append(
            " is out of range (32-bit ASNs end at 4294967295)");
        return std::nullopt;
    }
    if (value == 0) {
        problem = "AS0 is reserved (RFC 7607) and cannot be a node";
        return std::nullopt;
    }
    return static_cast<Asn>(value);
}

}  // namespace mpicsim::detail
