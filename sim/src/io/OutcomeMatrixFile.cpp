#include "mpicsim/io/OutcomeMatrixFile.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bit>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "mpicsim/io/InputError.hpp"

namespace mpicsim {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the outcome matrix file is little-endian and mapped as is");
static_assert(sizeof(OutcomeMatrix::Unit) == 16);

constexpr std::size_t kPrologueBytes = 16;  // magic, then the header's length (u64)

std::size_t paddedTo8(std::size_t bytes) {
    return (bytes + 7) / 8 * 8;
}

// A read-only mapping of a whole file, unmapped when the last matrix using it is gone.
class Mapping {
  public:
    Mapping(void* data, std::size_t size) : data_(data), size_(size) {}
    ~Mapping() {
        if (data_ != nullptr) {
            ::munmap(data_, size_);
        }
    }
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
    const char* bytes() const { return static_cast<const char*>(data_); }
    std::size_t size() const { return size_; }

  private:
    void* data_;
    std::size_t size_;
};

std::shared_ptr<Mapping> mapFile(const std::filesystem::path& path) {
    const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) {
        throw InputError(path.string(), 0, std::string("cannot open: ") + std::strerror(errno));
    }
    struct stat status {};
    if (::fstat(descriptor, &status) != 0) {
        ::close(descriptor);
        throw InputError(path.string(), 0, std::string("cannot stat: ") + std::strerror(errno));
    }
    const auto size = static_cast<std::size_t>(status.st_size);
    void* data = nullptr;
    if (size > 0) {
        data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, descriptor, 0);
        if (data == MAP_FAILED) {
            ::close(descriptor);
            throw InputError(path.string(), 0,
                             std::string("cannot memory-map: ") + std::strerror(errno));
        }
    }
    ::close(descriptor);
    return std::make_shared<Mapping>(data, size);
}

}  // namespace

void OutcomeMatrixFile::write(const std::filesystem::path& path, const OutcomeMatrix& matrix,
                              const Header& header) {
    nlohmann::json json;
    json["format"] = "mpicsim outcome matrix";
    json["version"] = 1;
    json["topology_sha256"] = header.topologySha256;
    json["scenario"] = header.scenario;
    json["region_model"] = header.regionModel;
    json["units"] = matrix.unitCount();
    json["words_per_plane"] = matrix.wordsPerPlane();
    json["candidates"] = nlohmann::json::array();
    for (const OutcomeMatrix::Candidate& candidate : matrix.candidates()) {
        json["candidates"].push_back({{"id", candidate.id},
                                      {"asn", candidate.asn},
                                      {"rir", std::string(toString(candidate.rir))},
                                      {"provider", candidate.provider}});
    }
    std::string text = json.dump();
    const std::uint64_t headerLength = text.size();
    text.resize(paddedTo8(text.size()), ' ');

    const std::filesystem::path temporary = path.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(kMagic, sizeof kMagic);
        out.write(reinterpret_cast<const char*>(&headerLength), sizeof headerLength);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        const auto units = matrix.units();
        out.write(reinterpret_cast<const char*>(units.data()),
                  static_cast<std::streamsize>(units.size_bytes()));
        const auto words = matrix.planeWords();
        out.write(reinterpret_cast<const char*>(words.data()),
                  static_cast<std::streamsize>(words.size_bytes()));
        out.flush();
        if (!out) {
            throw InputError(temporary.string(), 0, "cannot write the outcome matrix");
        }
    }
    std::filesystem::rename(temporary, path);
}

OutcomeMatrix OutcomeMatrixFile::read(const std::filesystem::path& path,
                                      const std::optional<std::string>& expectedTopologySha256,
                                      Header* header) {
    const std::string source = path.string();
    const std::shared_ptr<Mapping> mapping = mapFile(path);
    if (mapping->size() < kPrologueBytes ||
        std::memcmp(mapping->bytes(), kMagic, sizeof kMagic) != 0) {
        throw InputError(source, 0,
                         "not an mpicsim outcome matrix (it does not start with \"MPICMTX1\")");
    }
    std::uint64_t headerLength = 0;
    std::memcpy(&headerLength, mapping->bytes() + sizeof kMagic, sizeof headerLength);
    if (headerLength > mapping->size() - kPrologueBytes) {
        throw InputError(source, 0,
                         "truncated: the header alone needs " +
                             std::to_string(kPrologueBytes + headerLength) +
                             " bytes, the file has " + std::to_string(mapping->size()));
    }
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(mapping->bytes() + kPrologueBytes,
                                     mapping->bytes() + kPrologueBytes + headerLength);
    } catch (const nlohmann::json::exception& error) {
        throw InputError(source, 0, std::string("unreadable header: ") + error.what());
    }
    std::vector<OutcomeMatrix::Candidate> candidates;
    std::size_t unitCount = 0;
    Header read;
    try {
        if (json.at("version").get<int>() != 1) {
            throw InputError(source, 0,
                             "outcome matrix version " + json.at("version").dump() +
                                 " is not supported (this mpicsim reads version 1)");
        }
        read.topologySha256 = json.at("topology_sha256").get<std::string>();
        read.scenario = json.at("scenario").get<std::string>();
        read.regionModel = json.value("region_model", std::string("cloud-as"));
        unitCount = json.at("units").get<std::size_t>();
        for (const auto& entry : json.at("candidates")) {
            OutcomeMatrix::Candidate candidate;
            candidate.id = entry.at("id").get<std::string>();
            candidate.asn = entry.at("asn").get<Asn>();
            candidate.rir = rirFromString(entry.at("rir").get<std::string>()).value_or(Rir::Arin);
            candidate.provider = entry.at("provider").get<std::string>();
            candidates.push_back(std::move(candidate));
        }
    } catch (const nlohmann::json::exception& error) {
        throw InputError(source, 0, std::string("bad header: ") + error.what());
    }
    if (expectedTopologySha256 && *expectedTopologySha256 != read.topologySha256) {
        throw InputError(source, 0,
                         "was built on another topology (SHA-256 " + read.topologySha256 +
                             "), not on this study's (SHA-256 " + *expectedTopologySha256 +
                             "); build it again");
    }
    const std::size_t unitsOffset = kPrologueBytes + paddedTo8(headerLength);
    const std::size_t wordsPerPlane = (unitCount + 63) / 64;
    const std::size_t wordCount = candidates.size() * 2 * wordsPerPlane;
    const std::size_t wordsOffset = unitsOffset + unitCount * sizeof(OutcomeMatrix::Unit);
    const std::size_t expected = wordsOffset + wordCount * sizeof(std::uint64_t);
    if (mapping->size() != expected) {
        throw InputError(source, 0,
                         std::string(mapping->size() < expected ? "truncated" : "too long") + ": " +
                             std::to_string(candidates.size()) + " candidates × " +
                             std::to_string(unitCount) + " units need " + std::to_string(expected) +
                             " bytes, the file has " + std::to_string(mapping->size()));
    }
    if (header != nullptr) {
        *header = read;
    }
    const auto* units =
        reinterpret_cast<const OutcomeMatrix::Unit*>(mapping->bytes() + unitsOffset);
    const auto* words = reinterpret_cast<const std::uint64_t*>(mapping->bytes() + wordsOffset);
    return OutcomeMatrix(std::move(candidates), std::span(units, unitCount),
                         std::span(words, wordCount), mapping);
}

}  // namespace mpicsim
