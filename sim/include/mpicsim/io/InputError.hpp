#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace mpicsim {

// Bad or unreadable input, with the file (or "command line") and, where it applies, the line.
// what() reads "FILE:LINE: message" or "FILE: message".
class InputError : public std::runtime_error {
  public:
    InputError(const std::string& source, std::size_t line, const std::string& message)
        : std::runtime_error(describe(source, line, message)), source_(source), line_(line) {}

    const std::string& source() const { return source_; }
    std::size_t line() const { return line_; }  // 0 when the error is not about one line

  private:
    static std::string describe(const std::string& source, std::size_t line,
                                const std::string& message);

    std::string source_;
    std::size_t line_;
};

}  // namespace mpicsim
