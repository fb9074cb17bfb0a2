#include "mpicsim/io/InputError.hpp"

namespace mpicsim {

std::string InputError::describe(const std::string& source, std::size_t line,
                                 const std::string& message) {
    std::string text = source;
    if (line > 0) {
        text.append(":").append(std::to_string(line));
    }
    text.append(": ").append(message);
    return text;
}

}  // namespace mpicsim
