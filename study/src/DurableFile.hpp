#pragma once

#include <filesystem>
#include <string>

namespace mpicsim {

// Files that must survive a crash whole or not at all.
class DurableFile {
  public:
    // A temporary file, fsync, rename; throws InputError when it cannot be written.
    static void write(const std::filesystem::path& path, const std::string& content);
};

}  // namespace mpicsim
