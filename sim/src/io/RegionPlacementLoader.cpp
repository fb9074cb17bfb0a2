#include "mpicsim/io/RegionPlacementLoader.hpp"

#include <algorithm>
#include <regex>
#include <vector>

#include "mpicsim/io/AsOrganisationReader.hpp"
#include "mpicsim/io/DataDirectory.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/MeasuredAttachmentReader.hpp"

namespace mpicsim {
namespace {

constexpr const char* kOrganisationSuffixes[] = {".as-org2info.txt", ".as-org2info.txt.gz"};

bool sameFolder(const std::filesystem::path& a, const std::filesystem::path& b) {
    std::error_code error;
    return std::filesystem::equivalent(a, b, error) && !error;
}

bool inDataDirectory(const std::filesystem::path& folder) {
    try {
        const std::filesystem::path data = DataDirectory::locate().path;
        return sameFolder(folder, data) || sameFolder(folder, data / "caida");
    } catch (const DataDirectory::SnapshotNotFound&) {
        return false;
    }
}

}  // namespace

std::optional<std::filesystem::path> RegionPlacementLoader::organisationsFileFor(
    const std::filesystem::path& topology) {
    const std::filesystem::path folder =
        topology.has_parent_path() ? topology.parent_path() : std::filesystem::path(".");
    std::string name = topology.filename().string();
    if (name.ends_with(".bz2")) {
        name.resize(name.size() - 4);
    }
    for (const char* suffix : {".as-rel2.txt", ".as-rel.txt", ".txt"}) {
        if (name.ends_with(suffix)) {
            name.resize(name.size() - std::string_view(suffix).size());
            break;
        }
    }
    std::error_code error;
    for (const char* suffix : kOrganisationSuffixes) {
        const std::filesystem::path sibling = folder / (name + suffix);
        if (std::filesystem::is_regular_file(sibling, error)) {
            return sibling;
        }
    }
    static const std::regex snapshotDate("^([0-9]{8})\\..*");
    std::smatch date;
    const std::string filename = topology.filename().string();
    if (!std::regex_match(filename, date, snapshotDate) || !inDataDirectory(folder)) {
        return std::nullopt;
    }
    static const std::regex organisationName("^([0-9]{8})\\.as-org2info\\.txt(\\.gz)?$");
    std::vector<std::pair<std::string, std::filesystem::path>> found;  // (date, file)
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        const std::string entryName = entry.path().filename().string();
        std::smatch match;
        if (entry.is_regular_file(error) && std::regex_match(entryName, match, organisationName)) {
            found.emplace_back(match[1].str(), entry.path());
        }
    }
    if (found.empty()) {
        return std::nullopt;
    }
    std::sort(found.begin(), found.end());
    std::optional<std::filesystem::path> chosen;
    for (const auto& [fileDate, path] : found) {
        if (fileDate <= date[1].str()) {
            chosen = path;  // the newest not newer than the snapshot, since `found` is sorted
        }
    }
    return chosen ? chosen : found.front().second;
}

std::pair<AsOrganisations, std::string> RegionPlacementLoader::organisationsFor(
    const std::optional<RegionModel>& requested, const std::filesystem::path& topology,
    const std::optional<std::filesystem::path>& given) {
    if (requested && requested->kind != RegionModel::Kind::Regional) {
        return {};
    }
    const std::optional<std::filesystem::path> file =
        given ? given : organisationsFileFor(topology);
    if (!file) {
        return {};
    }
    return {AsOrganisationReader::readFile(*file), file->string()};
}

RegionPlacementLoader::Loaded RegionPlacementLoader::load(
    const std::optional<RegionModel>& requested, const AsGraph& graph,
    const AsOrganisations& organisations, const std::string& topologyName,
    const PerspectiveCatalog& catalog, const std::string& requestedBy) {
    if (!requested) {
        if (organisations.empty()) {
            return {RegionPlacement::cloudAs(),
                    "no AS-to-organisation table found for " + topologyName +
                        ": every cloud region routes as its cloud's AS (region model cloud-as); "
                        "put NAME.as-org2info.txt beside the topology or give one to use the "
                        "regional model"};
        }
        return {RegionPlacement::regional(graph, organisations, catalog, {}), {}};
    }
    switch (requested->kind) {
        case RegionModel::Kind::CloudAs:
            return {RegionPlacement::cloudAs(), {}};
        case RegionModel::Kind::Regional: {
            if (organisations.empty()) {
                throw InputError(requestedBy, 0,
                                 "region model " + requested->label() +
                                     " needs an AS-to-organisation table, and none was found for " +
                                     topologyName +
                                     " (put NAME.as-org2info.txt beside it, or give one)");
            }
            RegionalAttachment::Options options;
            options.backbone = requested->backbone;
            return {RegionPlacement::regional(graph, organisations, catalog, options), {}};
        }
        case RegionModel::Kind::Measured:
            return {RegionPlacement::measured(
                        MeasuredAttachmentReader::readFile(requested->measuredFile, catalog, graph),
                        requested->measuredFile),
                    {}};
    }
    return {RegionPlacement::cloudAs(), {}};
}

}  // namespace mpicsim
