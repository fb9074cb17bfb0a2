#include "mpicsim/mpic/Rir.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace mpicsim {

std::optional<Rir> rirFromString(std::string_view text) {
    std::string upper(text);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (upper == "RIPE NCC" || upper == "RIPENCC" || upper == "RIPE-NCC") {
        return Rir::Ripe;
    }
    for (Rir rir : kAllRirs) {
        if (toString(rir) == upper) {
            return rir;
        }
    }
    return std::nullopt;
}

}  // namespace mpicsim
