#include "mpicsim/routing/TieBreak.hpp"

#include <openssl/evp.h>

#include <charconv>
#include <stdexcept>

namespace mpicsim {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

}  // namespace

TieBreak TieBreak::fromString(std::string_view text) {
    if (text == "lowest-asn") {
        return lowestAsn();
    }
    if (text == "md5") {
        return md5();
    }
    constexpr std::string_view kRandomPrefix = "random:";
    if (text.starts_with(kRandomPrefix)) {
        const std::string_view digits = text.substr(kRandomPrefix.size());
        std::uint64_t seed = 0;
        auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), seed);
        if (!digits.empty() && error == std::errc() && end == digits.data() + digits.size()) {
            return random(seed);
        }
        throw std::invalid_argument("tie-break '" + std::string(text) +
                                    "': the seed must be an unsigned 64-bit integer");
    }
    std::string expected;
    for (std::string_view spelling : kSpellings) {
        expected += (expected.empty() ? "" : spelling == kSpellings.back() ? " or " : ", ");
        expected += spelling;
    }
    throw std::invalid_argument("unknown tie-break '" + std::string(text) + "' (expected " +
                                expected + ")");
}

std::string TieBreak::toString() const {
    switch (kind_) {
        case Kind::LowestAsn:
            return "lowest-asn";
        case Kind::Random:
            return "random:" + std::to_string(seed_);
        case Kind::Md5:
            return "md5";
    }
    return "lowest-asn";
}

bool TieBreak::prefers(Asn a, Asn b) const {
    switch (kind_) {
        case Kind::LowestAsn:
            return a < b;
        case Kind::Random: {
            const std::uint64_t keyA = randomKey(seed_, a);
            const std::uint64_t keyB = randomKey(seed_, b);
            return keyA != keyB ? keyA < keyB : a < b;
        }
        case Kind::Md5: {
            const auto digestA = md5Digest(a);
            const auto digestB = md5Digest(b);
            return digestA != digestB ? digestA > digestB : a < b;
        }
    }
    return a < b;
}

std::uint64_t TieBreak::randomKey(std::uint64_t seed, Asn asn) {
    return splitmix64(splitmix64(seed) ^ asn);
}

std::array<std::uint8_t, 16> TieBreak::md5Digest(Asn asn) {
    char text[16];
    auto [end, error] = std::to_chars(text, text + sizeof text, asn);
    (void)error;
    std::array<std::uint8_t, 16> digest{};
    unsigned int length = 0;
    if (EVP_Digest(text, static_cast<std::size_t>(end - text), digest.data(), &length, EVP_md5(),
                   nullptr) != 1 ||
        length != digest.size()) {
        throw std::runtime_error("OpenSSL could not compute an MD5 digest");
    }
    return digest;
}

}  // namespace mpicsim
