#include "mpicsim/io/AsnListReader.hpp"

#include "AsnParsing.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"

namespace mpicsim {

std::vector<Asn> AsnListReader::parse(std::string_view text, const std::string& sourceName,
                                      bool fromFile) {
    std::vector<Asn> asns;
    std::size_t lineNumber = 0;
    const bool numberLines = fromFile || text.find('\n') != std::string_view::npos;
    while (!text.empty()) {
        const std::size_t newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
        ++lineNumber;
        line = line.substr(0, line.find('#'));
        std::size_t position = 0;
        while (position < line.size()) {
            const std::size_t tokenEnd = line.find_first_of(", \t\r", position);
            const std::string_view token = line.substr(position, tokenEnd - position);
            position = tokenEnd == std::string_view::npos ? line.size() : tokenEnd + 1;
            if (token.empty()) {
                continue;
            }
            std::string problem;
            const std::string_view digits = token.starts_with("AS") ? token.substr(2) : token;
            const auto asn = detail::parseAsn(digits, problem);
            if (!asn) {
                throw InputError(sourceName, numberLines ? lineNumber : 0, problem);
            }
            asns.push_back(*asn);
        }
    }
    return asns;
}

std::vector<Asn> AsnListReader::readFile(const std::filesystem::path& path) {
    return parse(InputFile::read(path), path.string(), true);
}

std::vector<Asn> AsnListReader::fromArgument(std::string_view argument) {
    if (argument.starts_with('@')) {
        return readFile(std::filesystem::path(std::string(argument.substr(1))));
    }
    return parse(argument, "command line");
}

}  // namespace mpicsim
