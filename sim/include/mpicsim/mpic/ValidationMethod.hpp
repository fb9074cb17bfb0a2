#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mpicsim {

// Domain validation methods (TLS BR 3.2.2.4) by the server they make the CA contact.
enum class ValidationMethod : std::uint8_t {
    Http01,     // ACME http-01 (3.2.2.4.19): the web host
    TlsAlpn01,  // ACME tls-alpn-01 (3.2.2.4.20): the web host
    Website,    // Agreed-Upon Change to Website v2 (3.2.2.4.18): the web host
    Dns01,      // ACME dns-01 (3.2.2.4.7): the authoritative nameservers
    DnsChange,  // DNS Change (3.2.2.4.7): the authoritative nameservers
};

inline constexpr std::array<ValidationMethod, 5> kAllValidationMethods = {
    ValidationMethod::Http01, ValidationMethod::TlsAlpn01, ValidationMethod::Website,
    ValidationMethod::Dns01, ValidationMethod::DnsChange};

constexpr std::string_view toString(ValidationMethod method) {
    switch (method) {
        case ValidationMethod::Http01:
            return "http-01";
        case ValidationMethod::TlsAlpn01:
            return "tls-alpn-01";
        case ValidationMethod::Website:
            return "website";
        case ValidationMethod::Dns01:
            return "dns-01";
        case ValidationMethod::DnsChange:
            return "dns-change";
    }
    return "http-01";
}

constexpr std::optional<ValidationMethod> validationMethodFromString(std::string_view name) {
    for (ValidationMethod method : kAllValidationMethods) {
        if (toString(method) == name) {
            return method;
        }
    }
    return std::nullopt;
}

constexpr bool contactsNameservers(ValidationMethod method) {
    return method == ValidationMethod::Dns01 || method == ValidationMethod::DnsChange;
}

}  // namespace mpicsim
