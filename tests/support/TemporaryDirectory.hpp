#pragma once

#include <filesystem>
#include <string>

namespace mpicsim::test {

// A fresh directory under the system's temporary directory, removed with everything in it when
// the object goes out of scope; its name starts with `prefix` and is unique to the process.
class TemporaryDirectory {
  public:
    explicit TemporaryDirectory(const std::string& prefix);
    ~TemporaryDirectory();
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // Writes `text` to the file `name` in the directory and returns its path.
    std::filesystem::path write(const std::string& name, const std::string& text) const;

  private:
    std::filesystem::path path_;
};

}  // namespace mpicsim::test
