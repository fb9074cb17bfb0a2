#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "mpicsim/experiment/OutcomeMatrix.hpp"

namespace mpicsim {

// The outcome matrix as a file in a results directory (format in scenarios/README.md,
// "outcome-matrix.bin"): a magic line, a JSON header naming the candidates, the units and the
// topology's SHA-256, the unit table and the bit planes. Read by memory-mapping it.
class OutcomeMatrixFile {
  public:
    static constexpr char kMagic[8] = {'M', 'P', 'I', 'C', 'M', 'T', 'X', '1'};

    struct Header {
        std::string topologySha256;
        std::string scenario;
        // How cloud regions were attached (RegionModel::label); files older than the field were
        // all built under "cloud-as".
        std::string regionModel = "cloud-as";
    };

    // Writes atomically (a temporary file renamed into place); throws InputError on failure.
    static void write(const std::filesystem::path& path, const OutcomeMatrix& matrix,
                      const Header& header);
    // Maps the file. Throws InputError naming the file when it is not a matrix, is truncated, or
    // (with `expectedTopologySha256`) was built on another topology.
    static OutcomeMatrix read(const std::filesystem::path& path,
                              const std::optional<std::string>& expectedTopologySha256,
                              Header* header = nullptr);
};

}  // namespace mpicsim
