#include "mpicsim/io/CaidaWriter.hpp"

#include <fstream>
#include <system_error>

#include "mpicsim/io/InputError.hpp"

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
    std::filesystem::path temporary = path;
    temporary += ".partial";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) {
            throw InputError(path.string(), 0, "cannot open for writing");
        }
        write(out, links, metadata, descriptionLines);
        out.flush();
        if (!out) {
            throw InputError(path.string(), 0, "writing failed (disk full?)");
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        throw InputError(path.string(), 0, "cannot move the written file into place");
    }
}

}  // namespace mpicsim
