#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "mpicsim/mpic/MeasuredAttachments.hpp"
#include "mpicsim/mpic/PerspectiveCatalog.hpp"
#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// Reads measured per-region neighbour sets (schema in topology_data/README.md):
//   {"schema": "mpicsim-region-attachments/1",
//    "regions": {"aws:us-east-1": [{"asn": 174, "role": "provider"}, ...], ...}}
// Every region must be a catalog perspective id, every list non-empty and every ASN in the
// topology; any other problem is an InputError naming the file and the JSON Pointer.
class MeasuredAttachmentReader {
  public:
    static MeasuredAttachments parse(std::string_view text, const std::string& sourceName,
                                     const PerspectiveCatalog& catalog, const AsGraph& graph);
    static MeasuredAttachments readFile(const std::filesystem::path& path,
                                        const PerspectiveCatalog& catalog, const AsGraph& graph);
};

}  // namespace mpicsim
