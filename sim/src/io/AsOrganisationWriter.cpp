#include "mpicsim/io/AsOrganisationWriter.hpp"

#include <map>
#include <stdexcept>

#include "ReplaceFile.hpp"

namespace mpicsim {
namespace {

const std::string& field(const std::string& value, Asn asn) {
    if (value.find_first_of("|\r\n") != std::string::npos) {
        throw std::invalid_argument("AS" + std::to_string(asn) + ": '" + value +
                                    "' holds '|' or a line break");
    }
    return value;
}

}  // namespace

void AsOrganisationWriter::write(std::ostream& out, const AsOrganisations& organisations,
                                 const std::vector<std::string>& descriptionLines) {
    std::map<std::string, const AsOrganisation*> byOrgId;
    for (const auto& [asn, organisation] : organisations.entries()) {
        const auto [at, added] = byOrgId.emplace(field(organisation.orgId, asn), &organisation);
        if (!added && !(*at->second == organisation)) {
            throw std::invalid_argument("AS" + std::to_string(asn) + ": organisation " +
                                        organisation.orgId +
                                        " has another name, country or source elsewhere");
        }
        field(organisation.orgName, asn);
        field(organisation.country, asn);
        field(organisation.source, asn);
    }
    for (const std::string& line : descriptionLines) {
        out << "# " << line << "\n";
    }
    out << "# format:org_id|changed|org_name|country|source\n";
    for (const auto& [orgId, organisation] : byOrgId) {
        out << orgId << "||" << organisation->orgName << '|' << organisation->country << '|'
            << organisation->source << "\n";
    }
    out << "# format:aut|changed|aut_name|org_id|opaque_id|source\n";
    for (const auto& [asn, organisation] : organisations.entries()) {
        out << asn << "|||" << organisation.orgId << "||" << organisation.source << "\n";
    }
}

void AsOrganisationWriter::writeFile(const std::filesystem::path& path,
                                     const AsOrganisations& organisations,
                                     const std::vector<std::string>& descriptionLines) {
    replaceFile(path, [&](std::ostream& out) { write(out, organisations, descriptionLines); });
}

}  // namespace mpicsim
