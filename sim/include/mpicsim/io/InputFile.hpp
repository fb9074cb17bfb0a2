#pragma once

#include <filesystem>
#include <string>

namespace mpicsim {

// Whole-file input for the readers: the bytes of a file, decompressed when they are bzip2
// (recognised by the "BZh" magic, whatever the file is called). Throws InputError naming the
// file when it cannot be opened or decompressed.
class InputFile {
  public:
    static std::string read(const std::filesystem::path& path);
};

}  // namespace mpicsim
