#pragma once

#include <string>
#include <string_view>

namespace mpicsim {

// One reference token of a JSON Pointer, escaped as RFC 6901 section 3 requires: "~" is written
// "~0" and "/" is written "~1", so that a member named "a/b" is not read as two levels.
inline std::string escapeJsonPointerToken(std::string_view token) {
    std::string escaped;
    escaped.reserve(token.size());
    for (const char c : token) {
        if (c == '~') {
            escaped += "~0";
        } else if (c == '/') {
            escaped += "~1";
        } else {
            escaped += c;
        }
    }
    return escaped;
}

}  // namespace mpicsim
