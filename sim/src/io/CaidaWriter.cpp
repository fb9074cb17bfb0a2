#include "mpicsim/io/CaidaWriter.hpp"

#include "ReplaceFile.hpp"

namespace mpicsim {
namespace {

const char* sourceName(LinkSource source) {
    switch (source) {
        case LinkSource::Bgp:
            return "bgp";
        case LinkSource::Mlp:
            return "mlp";
        case LinkSource::BgpAndMlp:
            return "bgp,mlp";
    }
    return "bgp";
}

}  // namespace

void CaidaWriter::write(std::ostream& out, const std::vector<AsLink>& links,
                        const AsGraphMetadata& metadata,
                        const std::vector<std::string>& descriptionLines) {
    for (const std::string& line : descriptionLines) {
        out << "# " << line << "\n";
    }
    if (!metadata.inputClique.empty()) {
        out << "# input clique:";
        for (const Asn asn : metadata.inputClique) {
            out << ' ' << asn;
        }
        out << "\n";
    }
    for (const AsLink& link : links) {
        out << link.first << '|' << link.second << '|'
            << (link.type == LinkType::ProviderToCustomer ? "-1" : "0") << '|'
            << sourceName(link.source) << "\n";
    }
}

void CaidaWriter::writeFile(const std::filesystem::path& path, const std::vector<AsLink>& links,
                            const AsGraphMetadata& metadata,
                            const std::vector<std::string>& descriptionLines) {
    replaceFile(path, [&](std::ostream& out) { write(out, links, metadata, descriptionLines); });
}

}  // namespace mpicsim
