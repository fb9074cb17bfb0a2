#pragma once

#include <atomic>
#include <cstdint>

namespace mpicsim {

// A number no earlier call in this process returned (never 0): it tells objects apart where an
// address could be reused by a later object.
inline std::uint64_t nextInstanceId() {
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace mpicsim
