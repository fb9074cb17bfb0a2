#include "mpicsim/io/AsOrganisationReader.hpp"

#include <fstream>
#include <unordered_map>
#include <vector>

#include "AsnParsing.hpp"
#include "mpicsim/io/Gzip.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"

namespace mpicsim {
namespace {

std::vector<std::string_view> splitFields(std::string_view line) {
    std::vector<std::string_view> fields;
    for (;;) {
        const std::size_t bar = line.find('|');
        fields.push_back(line.substr(0, bar));
        if (bar == std::string_view::npos) {
            return fields;
        }
        line.remove_prefix(bar + 1);
    }
}

bool isGzip(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[2] = {0, 0};
    in.read(magic, 2);
    return in.gcount() == 2 && static_cast<unsigned char>(magic[0]) == 0x1f &&
           static_cast<unsigned char>(magic[1]) == 0x8b;
}

}  // namespace

AsOrganisations AsOrganisationReader::readFile(const std::filesystem::path& path) {
    return parse(isGzip(path) ? Gzip::readFile(path) : InputFile::read(path), path.string());
}

AsOrganisations AsOrganisationReader::parse(std::string_view text, const std::string& sourceName) {
    enum class Section { None, Organisations, Ases };
    struct PendingAs {
        Asn asn;
        std::string orgId;
        std::string source;
        std::size_t line;
    };
    Section section = Section::None;
    std::unordered_map<std::string, AsOrganisation> organisations;
    std::vector<PendingAs> ases;
    std::size_t lineNumber = 0;
    while (!text.empty()) {
        const std::size_t newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
        ++lineNumber;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
            line.remove_suffix(1);
        }
        if (line.empty()) {
            continue;
        }
        if (line.front() == '#') {
            if (line.starts_with("# format:org_id|")) {
                section = Section::Organisations;
            } else if (line.starts_with("# format:aut|")) {
                section = Section::Ases;
            }
            continue;
        }
        const std::vector<std::string_view> fields = splitFields(line);
        const std::size_t n = fields.size();
        switch (section) {
            case Section::None:
                throw InputError(sourceName, lineNumber,
                                 "data before any '# format:' line: not a CAIDA as-org2info file");
            case Section::Organisations: {
                if (n < 5) {
                    throw InputError(sourceName, lineNumber,
                                     "expected org_id|changed|org_name|country|source, got " +
                                         std::to_string(n) + " fields");
                }
                if (fields[0].empty()) {
                    throw InputError(sourceName, lineNumber, "empty org_id");
                }
                AsOrganisation organisation;
                organisation.orgId = std::string(fields[0]);
                const std::size_t nameBegin = fields[0].size() + fields[1].size() + 2;
                const std::size_t nameLength =
                    line.size() - nameBegin - fields[n - 2].size() - fields[n - 1].size() - 2;
                organisation.orgName = std::string(line.substr(nameBegin, nameLength));
                organisation.country = std::string(fields[n - 2]);
                organisation.source = std::string(fields[n - 1]);
                organisations[organisation.orgId] = std::move(organisation);
                break;
            }
            case Section::Ases: {
                if (n < 6) {
                    throw InputError(sourceName, lineNumber,
                                     "expected aut|changed|aut_name|org_id|opaque_id|source, got " +
                                         std::to_string(n) + " fields");
                }
                std::string problem;
                const auto asn = detail::parseAsn(fields[0], problem);
                if (!asn) {
                    throw InputError(sourceName, lineNumber, problem);
                }
                ases.push_back(
                    {*asn, std::string(fields[n - 3]), std::string(fields[n - 1]), lineNumber});
                break;
            }
        }
    }
    if (ases.empty()) {
        throw InputError(
            sourceName, 0,
            "no AS lines (a '# format:aut|...' section): not a CAIDA as-org2info file");
    }
    AsOrganisations table;
    for (PendingAs& as : ases) {
        const auto found = organisations.find(as.orgId);
        if (found == organisations.end()) {
            throw InputError(sourceName, as.line,
                             "AS" + std::to_string(as.asn) + " names organisation '" + as.orgId +
                                 "', which the file does not list");
        }
        AsOrganisation organisation = found->second;
        organisation.source = std::move(as.source);
        table.set(as.asn, std::move(organisation));
    }
    return table;
}

}  // namespace mpicsim
