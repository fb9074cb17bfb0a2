#include "mpicsim/study/TopologySource.hpp"

#include <sstream>
#include <tuple>

#include "mpicsim/io/AsOrganisationWriter.hpp"
#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/CaidaWriter.hpp"
#include "mpicsim/io/FileDigest.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/RegionPlacementLoader.hpp"
#include "mpicsim/topology/TopologyGenerator.hpp"

namespace mpicsim {
namespace {

// The two files `mpicsim generate-topology` writes, one after the other.
std::string syntheticSha256(const TopologyGenerator::Result& generated,
                            const Scenario::SyntheticTopology& synthetic) {
    std::ostringstream text;
    CaidaWriter::write(text, generated.links, generated.metadata,
                       TopologySource::syntheticFileComments(synthetic.ases, synthetic.seed));
    AsOrganisationWriter::write(
        text, generated.organisations,
        TopologySource::syntheticOrganisationComments(synthetic.ases, synthetic.seed));
    return FileDigest::sha256(text.str());
}

}  // namespace

std::vector<std::string> TopologySource::syntheticFileComments(std::size_t ases,
                                                               std::uint64_t seed) {
    return {"synthetic AS-relationship topology written by mpicsim generate-topology",
            "ases " + std::to_string(ases) + ", seed " + std::to_string(seed) +
                "; not measured data: a model calibrated on CAIDA AS Relationships",
            "format: CAIDA serial-2, <provider>|<customer>|-1|<source> and "
            "<peer>|<peer>|0|<source>"};
}

std::vector<std::string> TopologySource::syntheticOrganisationComments(std::size_t ases,
                                                                       std::uint64_t seed) {
    return {"synthetic AS-to-organisation table written by mpicsim generate-topology",
            "ases " + std::to_string(ases) + ", seed " + std::to_string(seed) +
                "; not measured data: registries and countries drawn to match CAIDA's "
                "as-org2info shares, the catalog's host ASes with their real organisations"};
}

std::string TopologySource::syntheticCommand(const Scenario::SyntheticTopology& synthetic) {
    return "mpicsim generate-topology --ases " + std::to_string(synthetic.ases) + " --seed " +
           std::to_string(synthetic.seed);
}

TopologySource::Loaded TopologySource::load(const Scenario& scenario) {
    if (const auto& synthetic = scenario.syntheticTopology) {
        auto generated = TopologyGenerator::generate(synthetic->ases, synthetic->seed);
        std::string sha = syntheticSha256(generated, *synthetic);
        return {generated.graph(), std::move(sha), std::move(generated.organisations)};
    }
    CaidaReader::Options readOptions;
    readOptions.includeMlpOnlyLinks = !scenario.excludeMlpOnly;
    std::string sha = FileDigest::sha256OfFile(scenario.topologyPath);
    Loaded loaded{
        CaidaReader::readFile(scenario.topologyPath, readOptions), std::move(sha), {}, {}};
    std::tie(loaded.organisations, loaded.organisationsFile) = organisations(scenario);
    return loaded;
}

std::pair<AsOrganisations, std::string> TopologySource::organisations(const Scenario& scenario) {
    if (scenario.syntheticTopology) {
        return {};
    }
    return RegionPlacementLoader::organisationsFor(
        scenario.regionModel, scenario.topologyPath,
        scenario.organisationsPath.empty()
            ? std::nullopt
            : std::optional<std::filesystem::path>(scenario.organisationsPath));
}

RegionPlacementLoader::Loaded TopologySource::regionPlacement(const Scenario& scenario,
                                                              const AsGraph& graph,
                                                              const AsOrganisations& organisations,
                                                              const std::string& source) {
    const std::string topologyName = scenario.syntheticTopology
                                         ? syntheticCommand(*scenario.syntheticTopology)
                                         : scenario.topologyPath;
    const PerspectiveCatalog& catalog = scenario.catalog.perspectives().empty()
                                            ? PerspectiveCatalogReader::builtIn()
                                            : scenario.catalog;
    return RegionPlacementLoader::load(scenario.regionModel, graph, organisations, topologyName,
                                       catalog, source);
}

std::string TopologySource::sha256(const Scenario& scenario) {
    if (const auto& synthetic = scenario.syntheticTopology) {
        return syntheticSha256(TopologyGenerator::generate(synthetic->ases, synthetic->seed),
                               *synthetic);
    }
    return FileDigest::sha256OfFile(scenario.topologyPath);
}

}  // namespace mpicsim
