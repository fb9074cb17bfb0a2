#include "DurableFile.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>

#include "mpicsim/io/InputError.hpp"

namespace mpicsim {

void DurableFile::write(const std::filesystem::path& path, const std::string& content) {
    const std::filesystem::path temporary = path.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << content;
        out.flush();
        if (!out) {
            throw InputError(temporary.string(), 0, "cannot write");
        }
    }
    const int fd = ::open(temporary.c_str(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    std::filesystem::rename(temporary, path);
}

}  // namespace mpicsim
