#include "mpicsim/io/MeasuredAttachmentReader.hpp"

#include "JsonFields.hpp"
#include "PerspectiveJson.hpp"
#include "mpicsim/io/ClosestMatch.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "mpicsim/io/JsonPointer.hpp"

namespace mpicsim {

MeasuredAttachments MeasuredAttachmentReader::parse(std::string_view text,
                                                    const std::string& sourceName,
                                                    const PerspectiveCatalog& catalog,
                                                    const AsGraph& graph) {
    const nlohmann::json document = detail::JsonFields::parse(text, sourceName);
    const detail::JsonFields root(document, "", sourceName);
    root.allowOnly({"schema", "description", "regions"});
    if (const auto schema = root.optionalString("schema");
        schema && *schema != "mpicsim-region-attachments/1") {
        root.fail("schema", "expected \"mpicsim-region-attachments/1\", got \"" + *schema + "\"");
    }
    if (!root.has("regions") || !root.at("regions").is_object()) {
        root.fail("regions",
                  "expected an object mapping catalog perspective ids to neighbour arrays");
    }
    MeasuredAttachments attachments;
    attachments.source = sourceName;
    for (const auto& [id, list] : root.at("regions").items()) {
        const std::string pointer = root.pointerTo("regions") + "/" + escapeJsonPointerToken(id);
        if (!catalog.find(id)) {
            throw InputError(sourceName, 0,
                             "at " + pointer + ": '" + id + "' is not a catalog perspective id" +
                                 ClosestMatch::suggestion(id, catalog.ids()));
        }
        std::vector<PerspectiveLink> neighbours =
            detail::parseNeighbours(list, pointer, sourceName);
        if (neighbours.empty()) {
            throw InputError(sourceName, 0,
                             "at " + pointer + ": a region needs at least one neighbour");
        }
        for (std::size_t i = 0; i < neighbours.size(); ++i) {
            if (!graph.contains(neighbours[i].neighbour)) {
                throw InputError(
                    sourceName, 0,
                    "at " + pointer + "/" + std::to_string(i) + "/asn: AS" +
                        std::to_string(neighbours[i].neighbour) + " is not in the topology" +
                        (graph.metadata().sourceName.empty() ? std::string()
                                                             : " " + graph.metadata().sourceName));
            }
            for (std::size_t j = 0; j < i; ++j) {
                if (neighbours[j].neighbour == neighbours[i].neighbour) {
                    throw InputError(sourceName, 0,
                                     "at " + pointer + "/" + std::to_string(i) + "/asn: AS" +
                                         std::to_string(neighbours[i].neighbour) +
                                         " is already listed at " + pointer + "/" +
                                         std::to_string(j));
                }
            }
        }
        attachments.neighboursById[id] = std::move(neighbours);
    }
    return attachments;
}

MeasuredAttachments MeasuredAttachmentReader::readFile(const std::filesystem::path& path,
                                                       const PerspectiveCatalog& catalog,
                                                       const AsGraph& graph) {
    return parse(InputFile::read(path), path.string(), catalog, graph);
}

}  // namespace mpicsim
