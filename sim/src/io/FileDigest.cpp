#include "mpicsim/io/FileDigest.hpp"

#include <openssl/evp.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

#include "mpicsim/io/InputError.hpp"

namespace mpicsim {
namespace {

struct ContextDeleter {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

class Sha256 {
  public:
    Sha256() : context_(EVP_MD_CTX_new()) {
        if (!context_ || EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr) != 1) {
            throw std::runtime_error("OpenSSL cannot start a SHA-256 digest");
        }
    }
    void update(const void* data, std::size_t size) {
        EVP_DigestUpdate(context_.get(), data, size);
    }
    std::string hex() {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_DigestFinal_ex(context_.get(), digest, &length);
        static const char* const kDigits = "0123456789abcdef";
        std::string text;
        for (unsigned int i = 0; i < length; ++i) {
            text += kDigits[digest[i] >> 4];
            text += kDigits[digest[i] & 15];
        }
        return text;
    }

  private:
    std::unique_ptr<EVP_MD_CTX, ContextDeleter> context_;
};

}  // namespace

std::string FileDigest::sha256OfFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(path.string(), 0, std::string("cannot open: ") + std::strerror(errno));
    }
    Sha256 digest;
    char buffer[1 << 16];
    while (in) {
        in.read(buffer, sizeof buffer);
        digest.update(buffer, static_cast<std::size_t>(in.gcount()));
    }
    return digest.hex();
}

std::string FileDigest::sha256(std::string_view bytes) {
    Sha256 digest;
    digest.update(bytes.data(), bytes.size());
    return digest.hex();
}

}  // namespace mpicsim
