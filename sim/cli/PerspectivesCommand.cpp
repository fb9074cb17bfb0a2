#include "PerspectivesCommand.hpp"

#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "CommandErrors.hpp"
#include "CommandLine.hpp"
#include "RegionModelOption.hpp"
#include "mpicsim/io/CaidaReader.hpp"

namespace mpicsim::cli {
namespace {

bool isCaidaLink(const AsGraph& graph, Asn a, Asn b) {
    const auto first = graph.nodeOf(a);
    const auto second = graph.nodeOf(b);
    return first && second && graph.linkSource(*first, *second).has_value();
}

}  // namespace

std::string PerspectivesCommand::usage() {
    return "usage: mpicsim perspectives --topology FILE\n" + RegionModelOption::usageLines() +
           "         [--catalog FILE] [--exclude-mlp-only] [--format text|json]\n"
           "Every catalog perspective as the region model places it on the topology: the node it\n"
           "routes from (its cloud's AS, or its own node), its RIR and city, and its neighbours\n"
           "with their roles. A neighbour whose link to the cloud's AS is not in the topology\n"
           "(the backbone link, or one a measured file adds) is marked. The text form ends with\n"
           "how many distinct neighbour sets each cloud's regions have.\n";
}

int PerspectivesCommand::run(const std::vector<std::string>& arguments, std::ostream& out,
                             std::ostream& err) {
    try {
        std::set<std::string> valueOptions = RegionModelOption::valueOptions();
        valueOptions.insert({"--topology", "--format", "--catalog"});
        const CommandLine line(arguments, valueOptions, {"--exclude-mlp-only"});
        const std::string format = line.choice("--format", {"text", "json"}, "text");
        const std::string topologyPath = line.required("--topology");
        CaidaReader::Options readOptions;
        readOptions.includeMlpOnlyLinks = !line.flag("--exclude-mlp-only");
        const AsGraph graph = CaidaReader::readFile(topologyPath, readOptions);
        const PerspectiveCatalog catalog = line.catalog();
        const RegionModelOption region =
            RegionModelOption::load(line, topologyPath, graph, catalog);
        if (!region.loaded.notice.empty()) {
            err << "mpicsim perspectives: note: " << region.loaded.notice << "\n";
        }
        std::vector<Perspective> placed = catalog.perspectives();
        region.loaded.placement.place(placed);

        if (format == "json") {
            nlohmann::json list = nlohmann::json::array();
            for (const Perspective& perspective : placed) {
                nlohmann::json neighbours = nlohmann::json::array();
                for (const PerspectiveLink& link : perspective.neighbours) {
                    neighbours.push_back(
                        {{"asn", link.neighbour},
                         {"role", toString(link.role)},
                         {"caida_link", isCaidaLink(graph, perspective.hostAsn, link.neighbour)}});
                }
                list.push_back({{"id", perspective.id},
                                {"provider", perspective.provider},
                                {"asn", perspective.hostAsn},
                                {"node", perspective.hasOwnNode() ? "own" : "host"},
                                {"rir", toString(perspective.rir)},
                                {"city", perspective.city},
                                {"country", perspective.country},
                                {"neighbours", neighbours}});
            }
            const nlohmann::json result = {
                {"topology", topologyPath},
                {"region_model", region.loaded.placement.model().label()},
                {"organisations_file", region.organisationsFile.empty()
                                           ? nlohmann::json(nullptr)
                                           : nlohmann::json(region.organisationsFile)},
                {"perspectives", list}};
            out << result.dump(2) << "\n";
            out.flush();
            return 0;
        }

        out << "Topology:  " << topologyPath << " (" << graph.nodeCount() << " ASes)\n";
        out << "Placement: " << region.describe() << "\n\n";
        std::size_t idWidth = 12;
        for (const Perspective& perspective : placed) {
            idWidth = std::max(idWidth, perspective.id.size());
        }
        out << std::left << std::setw(static_cast<int>(idWidth) + 2) << "perspective"
            << std::setw(10) << "AS" << std::setw(8) << "RIR" << std::setw(16) << "city"
            << "node\n";
        struct CloudSets {
            Asn asn = 0;
            std::size_t regions = 0;
            std::set<std::vector<Asn>> distinct;
        };
        std::map<std::string, CloudSets> clouds;
        for (const Perspective& perspective : placed) {
            std::map<PerspectiveLink::Role, std::size_t> byRole;
            std::vector<Asn> set;
            std::size_t outsideCaida = 0;
            for (const PerspectiveLink& link : perspective.neighbours) {
                ++byRole[link.role];
                set.push_back(link.neighbour);
                outsideCaida += isCaidaLink(graph, perspective.hostAsn, link.neighbour) ? 0 : 1;
            }
            CloudSets& cloud = clouds[perspective.provider];
            cloud.asn = perspective.hostAsn;
            ++cloud.regions;
            cloud.distinct.insert(set);
            out << std::left << std::setw(static_cast<int>(idWidth) + 2) << perspective.id
                << std::setw(10) << perspective.hostAsn << std::setw(8) << toString(perspective.rir)
                << std::setw(16) << perspective.city;
            if (!perspective.hasOwnNode()) {
                out << "routes as host AS" << perspective.hostAsn << "\n";
                continue;
            }
            out << "own node: " << byRole[PerspectiveLink::Role::Provider] << " providers, "
                << byRole[PerspectiveLink::Role::Peer] << " peers, "
                << byRole[PerspectiveLink::Role::Customer] << " customers";
            if (outsideCaida > 0) {
                out << " (" << outsideCaida << " not a CAIDA link of AS" << perspective.hostAsn
                    << ")";
            }
            out << "\n";
        }
        out << "\nDistinct neighbour sets per cloud:\n";
        for (const auto& [provider, cloud] : clouds) {
            out << "  " << std::left << std::setw(14) << (provider.empty() ? "-" : provider) << "AS"
                << std::setw(8) << cloud.asn << cloud.regions << " perspectives, "
                << cloud.distinct.size() << " distinct neighbour set"
                << (cloud.distinct.size() == 1 ? "" : "s") << "\n";
        }
        out.flush();
        return 0;
    } catch (...) {
        return CommandErrors::report("perspectives", err);
    }
}

}  // namespace mpicsim::cli
