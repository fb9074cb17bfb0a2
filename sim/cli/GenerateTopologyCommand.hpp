#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace mpicsim::cli {

// `mpicsim generate-topology --ases N --seed S --out FILE`: a synthetic Internet-like
// topology in CAIDA serial-2 format, and its AS-to-organisation table in CAIDA's as-org2info
// format beside it (organisationFile).
class GenerateTopologyCommand {
  public:
    static int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);
    static const char* usage();
    // The comment lines at the top of the file, so that a study on {"synthetic": ...} can
    // record the SHA-256 of exactly the file this command writes.
    static std::vector<std::string> fileComments(std::size_t ases, std::uint64_t seed);
    // Where the AS-to-organisation file goes: DIR/NAME.as-org2info.txt for a topology file
    // DIR/NAME.as-rel2.txt, NAME.as-rel.txt or NAME.txt (each optionally .bz2); any other name
    // gets .as-org2info.txt appended.
    static std::filesystem::path organisationFile(const std::filesystem::path& topologyFile);
};

}  // namespace mpicsim::cli
