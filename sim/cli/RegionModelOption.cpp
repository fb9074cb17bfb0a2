#include "RegionModelOption.hpp"

#include <filesystem>

#include "UsageError.hpp"
#include "mpicsim/io/AsOrganisationReader.hpp"

namespace mpicsim::cli {

std::set<std::string> RegionModelOption::valueOptions() {
    return {"--region-model", "--org-info"};
}

std::string RegionModelOption::usageLines() {
    return "         [--region-model cloud-as|regional|regional+backbone|FILE] [--org-info FILE]\n";
}

RegionModelOption RegionModelOption::load(const CommandLine& line, const std::string& topologyPath,
                                          const AsGraph& graph, const PerspectiveCatalog& catalog) {
    std::optional<RegionModel> requested;
    if (const auto text = line.value("--region-model")) {
        if (*text == "cloud-as") {
            requested = RegionModel::cloudAs();
        } else if (*text == "regional" || *text == "regional+backbone") {
            requested = RegionModel::regional(*text == "regional+backbone");
        } else if (std::filesystem::is_regular_file(*text)) {
            requested = RegionModel::measured(*text);
        } else {
            throw CommandLine::notOneOf("--region-model",
                                        {"cloud-as", "regional", "regional+backbone", "FILE"},
                                        *text);
        }
    }
    RegionModelOption option;
    std::optional<std::filesystem::path> file;
    if (const auto given = line.value("--org-info")) {
        if (!std::filesystem::is_regular_file(*given)) {
            throw UsageError("option --org-info: no such file '" + *given + "'");
        }
        file = *given;
    } else {
        file = RegionPlacementLoader::organisationsFileFor(topologyPath);
    }
    AsOrganisations organisations;
    const bool needed = !requested || requested->kind == RegionModel::Kind::Regional;
    if (file && needed) {
        organisations = AsOrganisationReader::readFile(*file);
        option.organisationsFile = file->string();
    }
    option.loaded = RegionPlacementLoader::load(requested, graph, organisations, topologyPath,
                                                catalog, "option --region-model");
    return option;
}

std::string RegionModelOption::describe() const {
    std::string text = "region model " + loaded.placement.model().label();
    if (!organisationsFile.empty()) {
        text += " (organisations: " + organisationsFile + ")";
    }
    return text;
}

}  // namespace mpicsim::cli
