#pragma once

#include <cstdint>
#include <vector>

namespace mpicsim {

// A splitmix64 stream: the same seed gives the same numbers on every platform and standard
// library (unlike std:: distributions), which keeps study plans reproducible.
class DeterministicRandom {
  public:
    explicit DeterministicRandom(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, bound), without modulo bias.
    std::uint64_t below(std::uint64_t bound) {
        const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % bound);
        std::uint64_t value = next();
        while (value >= limit) {
            value = next();
        }
        return value % bound;
    }
    // Uniform in [0, 1), with 53 random bits.
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // `count` distinct indices of [0, n), in ascending order.
    std::vector<std::uint32_t> sample(std::uint32_t n, std::uint32_t count);

    // A stable per-item value in [0, 1): the same (seed, item) always gives the same number.
    static double unitHash(std::uint64_t seed, std::uint64_t item);

  private:
    std::uint64_t state_;
};

}  // namespace mpicsim
