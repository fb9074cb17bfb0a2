#include "mpicsim/io/PerspectiveCatalogReader.hpp"

#include "EmbeddedData.hpp"
#include "JsonFields.hpp"
#include "PerspectiveJson.hpp"
#include "mpicsim/io/InputFile.hpp"

namespace mpicsim {

PerspectiveCatalog PerspectiveCatalogReader::parse(std::string_view text,
                                                   const std::string& sourceName) {
    const nlohmann::json document = detail::JsonFields::parse(text, sourceName);
    const detail::JsonFields root(document, "", sourceName);
    root.allowOnly({"schema", "description", "perspectives"});
    if (!root.has("perspectives") || !root.at("perspectives").is_array()) {
        root.fail("perspectives", "expected an array of perspective objects");
    }
    std::vector<Perspective> perspectives;
    const nlohmann::json& list = root.at("perspectives");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string pointer = "/perspectives/" + std::to_string(i);
        Perspective perspective = detail::parsePerspective(list[i], pointer, sourceName);
        for (std::size_t j = 0; j < perspectives.size(); ++j) {
            if (perspectives[j].id == perspective.id) {
                throw InputError(sourceName, 0,
                                 "at " + pointer + "/id: perspective id '" + perspective.id +
                                     "' is already used at /perspectives/" + std::to_string(j));
            }
        }
        perspectives.push_back(std::move(perspective));
    }
    return PerspectiveCatalog(std::move(perspectives));
}

PerspectiveCatalog PerspectiveCatalogReader::readFile(const std::filesystem::path& path) {
    return parse(InputFile::read(path), path.string());
}

const PerspectiveCatalog& PerspectiveCatalogReader::builtIn() {
    static const PerspectiveCatalog catalog =
        parse(detail::embeddedPerspectiveCatalog(), "topology_data/perspectives.json");
    return catalog;
}

}  // namespace mpicsim
