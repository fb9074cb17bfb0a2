#include "mpicsim/mpic/CohortRule.hpp"

#include <array>
#include <charconv>
#include <numeric>

#include "mpicsim/common/DeterministicRandom.hpp"

namespace mpicsim {
namespace {

constexpr std::uint64_t kRotateSalt = 0x726f74617465ull;  // "rotate"

std::uint64_t allBelow(std::size_t count) {
    return count >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1;
}

}  // namespace

std::optional<CohortRule> CohortRule::fromString(std::string_view text) {
    if (text == "fixed") {
        return fixed();
    }
    if (text == "rotate") {
        return rotate();
    }
    constexpr std::string_view kRandom = "random:";
    if (text.starts_with(kRandom)) {
        const std::string_view digits = text.substr(kRandom.size());
        std::uint64_t seed = 0;
        const auto [end, error] =
            std::from_chars(digits.data(), digits.data() + digits.size(), seed);
        if (!digits.empty() && error == std::errc() && end == digits.data() + digits.size()) {
            return random(seed);
        }
    }
    return std::nullopt;
}

std::string CohortRule::toString() const {
    switch (kind_) {
        case Kind::Fixed:
            return "fixed";
        case Kind::Rotate:
            return "rotate";
        case Kind::Random:
            return "random:" + std::to_string(seed_);
    }
    return "fixed";
}

std::uint64_t CohortRule::cohort(std::size_t poolSize, std::size_t cohortSize, std::uint64_t domain,
                                 int attempt) const {
    if (cohortSize >= poolSize) {
        return allBelow(poolSize);
    }
    const auto pool = static_cast<std::uint32_t>(poolSize);
    switch (kind_) {
        case Kind::Fixed:
            return allBelow(cohortSize);
        case Kind::Rotate: {
            // Fisher-Yates over the pool with the domain's own stream; cohort c is the shuffled
            // positions [c * cohortSize, (c + 1) * cohortSize). Leftover remotes (pool not a
            // multiple of the cohort) are never used, as in open-mpic.
            std::array<std::uint32_t, kMaxPool> order{};
            std::iota(order.begin(), order.begin() + pool, 0u);
            DeterministicRandom stream(DeterministicRandom(kRotateSalt ^ domain).next());
            for (std::uint32_t i = pool - 1; i > 0; --i) {
                std::swap(order[i], order[stream.below(i + 1)]);
            }
            const std::size_t cohorts = poolSize / cohortSize;
            const std::size_t first =
                (static_cast<std::size_t>(attempt - 1) % cohorts) * cohortSize;
            std::uint64_t bits = 0;
            for (std::size_t k = first; k < first + cohortSize; ++k) {
                bits |= std::uint64_t{1} << order[k];
            }
            return bits;
        }
        case Kind::Random: {
            // A partial Fisher-Yates draw: the first cohortSize positions after the swaps.
            std::array<std::uint32_t, kMaxPool> order{};
            std::iota(order.begin(), order.begin() + pool, 0u);
            DeterministicRandom stream(DeterministicRandom(seed_ ^ domain).next() ^
                                       static_cast<std::uint64_t>(attempt));
            std::uint64_t bits = 0;
            for (std::uint32_t i = 0; i < cohortSize; ++i) {
                std::swap(order[i], order[i + stream.below(pool - i)]);
                bits |= std::uint64_t{1} << order[i];
            }
            return bits;
        }
    }
    return allBelow(cohortSize);
}

}  // namespace mpicsim
