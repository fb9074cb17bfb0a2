#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace mpicsim {

// "Did you mean ...?" for a name the user typed among the names a table knows: the known name
// fewest edits away (inserting, deleting or replacing a character, or swapping two neighbours;
// letter case ignored), offered only when it is close enough to be a slip of the fingers: at
// most a third of the longer name's length in edits, and at least one.
class ClosestMatch {
  public:
    template <typename Names>
    static std::optional<std::string> find(std::string_view typed, const Names& known) {
        std::optional<std::string> best;
        std::size_t bestDistance = std::numeric_limits<std::size_t>::max();
        for (const auto& name : known) {
            const std::string_view candidate(name);
            if (candidate == typed) {
                return std::nullopt;
            }
            const std::size_t distance = editDistance(typed, candidate);
            if (distance < bestDistance && closeEnough(typed, candidate, distance)) {
                best = std::string(candidate);
                bestDistance = distance;
            }
        }
        return best;
    }

    // " — did you mean 'NAME'?", or "" when no known name is close.
    template <typename Names>
    static std::string suggestion(std::string_view typed, const Names& known) {
        const std::optional<std::string> match = find(typed, known);
        return match ? " \u2014 did you mean '" + *match + "'?" : std::string();
    }

    // Optimal string alignment distance, ignoring ASCII letter case.
    static std::size_t editDistance(std::string_view a, std::string_view b);

  private:
    static bool closeEnough(std::string_view typed, std::string_view candidate,
                            std::size_t distance);
};

}  // namespace mpicsim
