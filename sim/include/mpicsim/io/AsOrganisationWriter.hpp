#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "mpicsim/topology/AsOrganisations.hpp"

namespace mpicsim {

// Writes an AS-to-organisation table in CAIDA's as-org2info format: the given description
// lines as comments, then the organisations ("# format:org_id|changed|org_name|country|source",
// one line per organisation, by org_id) and the ASes ("# format:aut|changed|aut_name|org_id|
// opaque_id|source", by ASN). The table has no dates, AS names or opaque ids: those fields are
// left empty, as CAIDA's file leaves them for some registries.
class AsOrganisationWriter {
  public:
    // Throws std::invalid_argument when a field holds '|' or a line break, or when two ASes
    // name one org_id with different names, countries or sources.
    static void write(std::ostream& out, const AsOrganisations& organisations,
                      const std::vector<std::string>& descriptionLines);
    // As CaidaWriter::writeFile: a temporary file beside `path`, renamed when complete.
    static void writeFile(const std::filesystem::path& path, const AsOrganisations& organisations,
                          const std::vector<std::string>& descriptionLines);
};

}  // namespace mpicsim
