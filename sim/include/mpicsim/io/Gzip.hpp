#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace mpicsim {

// gzip (RFC 1952) for files written in pieces: each piece is one complete gzip member, so a file
// cut back after any member is still a valid gzip file, and gzip readers (gunzip, zcat, this
// class) read the members one after another as one text.
class Gzip {
  public:
    static std::string compressMember(std::string_view text);
    // The text of every member of a gzip file. Throws InputError naming the file when it cannot
    // be read or is not gzip.
    static std::string readFile(const std::filesystem::path& path);
};

}  // namespace mpicsim
