#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "mpicsim/topology/AsOrganisations.hpp"

namespace mpicsim {

// Reads CAIDA's AS-to-organisation file (YYYYMMDD.as-org2info.txt, plain, gzip or bzip2; see
// https://www.caida.org/catalog/datasets/as-organizations/). Two sections, each opened by a
// comment line: "# format:org_id|changed|org_name|country|source" (one organisation a line) and
// "# format:aut|changed|aut_name|org_id|opaque_id|source" (one AS a line). Every AS gets its
// organisation's id, name and country and its own line's `source`. Names may contain '|': the
// fields after the name are counted from the end. Other comments are skipped. Every problem (a
// line before any section, too few fields, a bad ASN, an AS of an organisation not listed, no
// AS at all) is an InputError naming the file and line.
class AsOrganisationReader {
  public:
    static AsOrganisations readFile(const std::filesystem::path& path);
    static AsOrganisations parse(std::string_view text, const std::string& sourceName);
};

}  // namespace mpicsim
