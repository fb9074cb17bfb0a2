#include "mpicsim/common/DeterministicRandom.hpp"

#include <algorithm>
#include <numeric>

namespace mpicsim {

std::vector<std::uint32_t> DeterministicRandom::sample(std::uint32_t n, std::uint32_t count) {
    std::vector<std::uint32_t> indices(n);
    std::iota(indices.begin(), indices.end(), 0u);
    count = std::min(count, n);
    for (std::uint32_t i = 0; i < count; ++i) {
        const auto j = static_cast<std::uint32_t>(i + below(n - i));
        std::swap(indices[i], indices[j]);
    }
    indices.resize(count);
    std::sort(indices.begin(), indices.end());
    return indices;
}

double DeterministicRandom::unitHash(std::uint64_t seed, std::uint64_t item) {
    DeterministicRandom first(seed);
    DeterministicRandom second(first.next() ^ item);
    return static_cast<double>(second.next() >> 11) * 0x1.0p-53;
}

}  // namespace mpicsim
