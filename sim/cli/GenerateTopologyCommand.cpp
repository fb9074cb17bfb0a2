#include "GenerateTopologyCommand.hpp"

#include <string_view>

#include "CommandErrors.hpp"
#include "CommandLine.hpp"
#include "UsageError.hpp"
#include "mpicsim/io/AsOrganisationWriter.hpp"
#include "mpicsim/io/CaidaWriter.hpp"
#include "mpicsim/study/TopologySource.hpp"
#include "mpicsim/topology/TopologyGenerator.hpp"

namespace mpicsim::cli {

const char* GenerateTopologyCommand::usage() {
    return "usage: mpicsim generate-topology --ases N --seed S --out FILE\n"
           "Writes a synthetic Internet-like AS topology of N ASes (10 to 200000) in CAIDA\n"
           "serial-2 format: a tier-1 peering clique, a provider-customer hierarchy without\n"
           "cycles, heavy-tailed degrees and customer cones, mostly stub ASes. Its shape is\n"
           "calibrated on CAIDA's 2025-09-01 snapshot (78643 ASes) and 2016-11-01 snapshot\n"
           "(55809 ASes); compare with 'mpicsim topology-stats'. From 1000 ASes up it contains\n"
           "the perspective catalog's host ASes (16509, 15169, 8075, 20473, 13649) and AS174\n"
           "and AS3356, shaped like the real ones. Beside FILE (NAME.as-rel2.txt, NAME.as-rel.txt\n"
           "or NAME.txt) it writes NAME.as-org2info.txt: every AS's organisation, registry and\n"
           "country in CAIDA's as-org2info format. The same N and S always give the same files.\n";
}

std::vector<std::string> GenerateTopologyCommand::fileComments(std::size_t ases,
                                                               std::uint64_t seed) {
    return TopologySource::syntheticFileComments(ases, seed);
}

std::filesystem::path GenerateTopologyCommand::organisationFile(
    const std::filesystem::path& topologyFile) {
    std::string name = topologyFile.filename().string();
    auto strip = [&name](std::string_view suffix) {
        if (name.size() > suffix.size() && name.ends_with(suffix)) {
            name.resize(name.size() - suffix.size());
            return true;
        }
        return false;
    };
    strip(".bz2");
    const bool stripped = strip(".as-rel2.txt") || strip(".as-rel.txt") || strip(".txt");
    if (!stripped) {
        name = topologyFile.filename().string();
    }
    return topologyFile.parent_path() / (name + ".as-org2info.txt");
}

int GenerateTopologyCommand::run(const std::vector<std::string>& arguments, std::ostream& out,
                                 std::ostream& err) {
    try {
        const CommandLine options(arguments, {"--ases", "--seed", "--out"}, {});
        const long long ases = CommandLine::toInteger("--ases", options.required("--ases"));
        const long long seed = CommandLine::toInteger("--seed", options.required("--seed"));
        const std::string file = options.required("--out");
        if (ases < static_cast<long long>(TopologyGenerator::kMinAses) ||
            ases > static_cast<long long>(TopologyGenerator::kMaxAses)) {
            throw UsageError("option --ases expects 10 to 200000, got " + std::to_string(ases));
        }
        if (seed < 0) {
            throw UsageError("option --seed expects a non-negative integer, got " +
                             std::to_string(seed));
        }
        const auto result = TopologyGenerator::generate(static_cast<std::size_t>(ases),
                                                        static_cast<std::uint64_t>(seed));
        std::size_t peerLinks = 0;
        for (const AsLink& link : result.links) {
            peerLinks += link.type == LinkType::PeerToPeer ? 1 : 0;
        }
        CaidaWriter::writeFile(
            file, result.links, result.metadata,
            fileComments(static_cast<std::size_t>(ases), static_cast<std::uint64_t>(seed)));
        out << "wrote " << file << ": " << ases << " ASes, " << result.links.size() << " links ("
            << result.links.size() - peerLinks << " provider-customer, " << peerLinks << " peer)\n";
        const std::filesystem::path organisations = organisationFile(file);
        AsOrganisationWriter::writeFile(
            organisations, result.organisations,
            TopologySource::syntheticOrganisationComments(static_cast<std::size_t>(ases),
                                                          static_cast<std::uint64_t>(seed)));
        out << "wrote " << organisations.string() << ": the organisation, registry and country of "
            << result.organisations.size() << " ASes\n";
        return 0;
    } catch (...) {
        return CommandErrors::report("generate-topology", err);
    }
}

}  // namespace mpicsim::cli
