#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "Lesson.hpp"

namespace mpicsim::gui {

// Reads and writes lessons as JSON (schema in gui/README.md). Wrong types, unknown keys and bad
// values are InputErrors naming the file and the JSON Pointer of the value.
class LessonFile {
  public:
    static Lesson parse(std::string_view text, const std::string& sourceName);
    static Lesson read(const std::filesystem::path& path);
    static std::string format(const Lesson& lesson);
    static void write(const Lesson& lesson, const std::filesystem::path& path);
};

}  // namespace mpicsim::gui
