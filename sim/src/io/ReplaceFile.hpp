#pragma once

#include <filesystem>
#include <fstream>
#include <system_error>

#include "mpicsim/io/InputError.hpp"

namespace mpicsim {

// Writes `path` through `write(std::ostream&)` into a temporary file beside it and renames it,
// so that an interrupted run never leaves a truncated file. Throws InputError when the file
// cannot be written.
template <typename Write>
void replaceFile(const std::filesystem::path& path, Write write) {
    std::filesystem::path temporary = path;
    temporary += ".partial";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) {
            throw InputError(path.string(), 0, "cannot open for writing");
        }
        write(out);
        out.flush();
        if (!out) {
            throw InputError(path.string(), 0, "writing failed (disk full?)");
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        throw InputError(path.string(), 0, "cannot move the written file into place");
    }
}

}  // namespace mpicsim
