#include "mpicsim/io/InputFile.hpp"

#include <bzlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "mpicsim/io/InputError.hpp"

namespace mpicsim {
namespace {

std::string bunzip(const std::string& compressed, const std::string& sourceName) {
    std::string output;
    output.resize(compressed.size() * 6 + 4096);
    std::size_t produced = 0;
    std::size_t consumed = 0;
    // A .bz2 file may hold several concatenated streams (pbzip2 writes them); read them all.
    while (consumed < compressed.size()) {
        bz_stream stream{};
        if (BZ2_bzDecompressInit(&stream, 0, 0) != BZ_OK) {
            throw InputError(sourceName, 0, "cannot initialise bzip2 decompression");
        }
        stream.next_in = const_cast<char*>(compressed.data() + consumed);
        stream.avail_in = static_cast<unsigned>(compressed.size() - consumed);
        int status = BZ_OK;
        while (status == BZ_OK) {
            if (produced == output.size()) {
                output.resize(output.size() * 2);
            }
            stream.next_out = output.data() + produced;
            stream.avail_out = static_cast<unsigned>(output.size() - produced);
            status = BZ2_bzDecompress(&stream);
            produced = output.size() - stream.avail_out;
            if (status == BZ_OK && stream.avail_in == 0 && stream.avail_out != 0) {
                BZ2_bzDecompressEnd(&stream);
                throw InputError(sourceName, 0, "bzip2 data ends early (truncated file?)");
            }
        }
        const std::size_t streamEnd = compressed.size() - stream.avail_in;
        BZ2_bzDecompressEnd(&stream);
        if (status != BZ_STREAM_END) {
            throw InputError(sourceName, 0,
                             "corrupt bzip2 data (libbz2 error " + std::to_string(status) + ")");
        }
        consumed = streamEnd;
        if (compressed.compare(consumed, 3, "BZh") != 0) {
            break;  // trailing bytes that are not another stream are ignored, as bzip2 does
        }
    }
    output.resize(produced);
    return output;
}

}  // namespace

std::string InputFile::read(const std::filesystem::path& path) {
    const std::string name = path.string();
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        throw InputError(name, 0, "is a directory, not a file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(name, 0, std::string("cannot open: ") + std::strerror(errno));
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        throw InputError(name, 0, "read error");
    }
    std::string bytes = std::move(buffer).str();
    if (bytes.compare(0, 3, "BZh") == 0) {
        return bunzip(bytes, name);
    }
    return bytes;
}

}  // namespace mpicsim
