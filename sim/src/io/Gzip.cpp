#include "mpicsim/io/Gzip.hpp"

#include <zlib.h>

#include <stdexcept>

#include "mpicsim/io/InputError.hpp"

namespace mpicsim {

std::string Gzip::compressMember(std::string_view text) {
    z_stream stream{};
    constexpr int kGzipWindowBits = 15 + 16;  // a gzip header and trailer around deflate data
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("gzip: deflateInit2 failed");
    }
    std::string out(deflateBound(&stream, static_cast<uLong>(text.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (status != Z_STREAM_END) {
        throw std::runtime_error("gzip: deflate did not finish");
    }
    return out;
}

std::string Gzip::readFile(const std::filesystem::path& path) {
    gzFile file = gzopen(path.c_str(), "rb");
    if (file == nullptr) {
        throw InputError(path.string(), 0, "cannot open");
    }
    std::string text;
    char buffer[1 << 16];
    while (true) {
        const int read = gzread(file, buffer, sizeof buffer);
        if (read < 0) {
            int code = 0;
            const std::string message = gzerror(file, &code);
            gzclose(file);
            throw InputError(path.string(), 0, "not a readable gzip file: " + message);
        }
        if (read == 0) {
            break;
        }
        text.append(buffer, static_cast<std::size_t>(read));
    }
    gzclose(file);
    return text;
}

}  // namespace mpicsim
