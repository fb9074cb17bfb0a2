#include "RegionModelOption.hpp"

#include <filesystem>
#include <tuple>

#include "UsageError.hpp"

namespace mpicsim::cli {

std::set<std::string> RegionModelOption::valueOptions() {
    return {"--region-model", "--org-info"};
}

std::string RegionModelOption::usageLines() {
    return "         [--region-model cloud-as|regional|regional+backbone|FILE] [--org-info FILE]\n";
}

namespace {

std::optional<RegionModel> requestedModel(const CommandLine& line) {
    const auto text = line.value("--region-model");
    if (!text) {
        return std::nullopt;
    }
    if (*text == "cloud-as") {
        return RegionModel::cloudAs();
    }
    if (*text == "regional" || *text == "regional+backbone") {
        return RegionModel::regional(*text == "regional+backbone");
    }
    if (std::filesystem::is_regular_file(*text)) {
        return RegionModel::measured(*text);
    }
    throw CommandLine::notOneOf("--region-model",
                                {"cloud-as", "regional", "regional+backbone", "FILE"}, *text);
}

std::optional<std::filesystem::path> organisationsOption(const CommandLine& line) {
    const auto given = line.value("--org-info");
    if (given && !std::filesystem::is_regular_file(*given)) {
        throw UsageError("option --org-info: no such file '" + *given + "'");
    }
    return given ? std::optional<std::filesystem::path>(*given) : std::nullopt;
}

}  // namespace

void RegionModelOption::override(const CommandLine& line, Scenario& scenario) {
    if (const auto model = requestedModel(line)) {
        scenario.regionModel = model;
    }
    if (const auto file = organisationsOption(line)) {
        if (scenario.syntheticTopology) {
            throw UsageError("option --org-info: a synthetic topology brings its own table");
        }
        scenario.organisationsPath = file->string();
    }
}

RegionModelOption RegionModelOption::load(const CommandLine& line, const std::string& topologyPath,
                                          const AsGraph& graph, const PerspectiveCatalog& catalog) {
    const std::optional<RegionModel> requested = requestedModel(line);
    RegionModelOption option;
    AsOrganisations organisations;
    std::tie(organisations, option.organisationsFile) =
        RegionPlacementLoader::organisationsFor(requested, topologyPath, organisationsOption(line));
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
