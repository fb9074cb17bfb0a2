#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace mpicsim {

// SHA-256 (OpenSSL libcrypto) as lowercase hex, of a file's raw bytes or of a string.
class FileDigest {
  public:
    static std::string sha256OfFile(const std::filesystem::path& path);  // throws InputError
    static std::string sha256(std::string_view bytes);
};

}  // namespace mpicsim
