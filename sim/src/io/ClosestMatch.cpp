#include "mpicsim/io/ClosestMatch.hpp"

#include <algorithm>
#include <vector>

namespace mpicsim {
namespace {

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::size_t ClosestMatch::editDistance(std::string_view a, std::string_view b) {
    const std::size_t columns = b.size() + 1;
    // Three rows of the dynamic-programming table: two back (for swaps), one back, current.
    std::vector<std::size_t> twoBack(columns);
    std::vector<std::size_t> previous(columns);
    std::vector<std::size_t> current(columns);
    for (std::size_t j = 0; j < columns; ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j < columns; ++j) {
            const bool same = lower(a[i - 1]) == lower(b[j - 1]);
            current[j] =
                std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
                lower(a[i - 2]) == lower(b[j - 1])) {
                current[j] = std::min(current[j], twoBack[j - 2] + 1);
            }
        }
        std::swap(twoBack, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

bool ClosestMatch::closeEnough(std::string_view typed, std::string_view candidate,
                               std::size_t distance) {
    const std::size_t longer = std::max(typed.size(), candidate.size());
    return distance <= std::max<std::size_t>(1, longer / 3);
}

}  // namespace mpicsim
