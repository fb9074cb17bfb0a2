#include "mpicsim/io/AdoptionScoreReader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "AsnParsing.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"

namespace mpicsim {
namespace {

std::string_view trim(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

std::vector<std::string_view> splitFields(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        std::string_view field = trim(line.substr(start, comma - start));
        if (field.size() >= 2 && field.front() == '"' && field.back() == '"') {
            field = field.substr(1, field.size() - 2);
        }
        fields.push_back(field);
        if (comma == std::string_view::npos) {
            return fields;
        }
        start = comma + 1;
    }
}

bool sameName(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

std::optional<std::size_t> columnOf(const std::vector<std::string_view>& header,
                                    std::string_view name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (sameName(header[i], name)) {
            return i;
        }
    }
    return std::nullopt;
}

}  // namespace

std::vector<Asn> AdoptionScoreReader::adopters(std::string_view text, const std::string& sourceName,
                                               const std::string& scoreColumn, double threshold) {
    std::vector<Asn> adopting;
    std::unordered_map<Asn, std::size_t> lineOfAsn;
    std::vector<std::string_view> header;
    std::size_t asnIndex = 0;
    std::size_t scoreIndex = 0;
    std::size_t lineNumber = 0;
    while (!text.empty()) {
        const std::size_t newline = text.find('\n');
        std::string_view line = trim(text.substr(0, newline));
        text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
        ++lineNumber;
        if (line.empty() || line.front() == '#') {
            continue;
        }
        const std::vector<std::string_view> fields = splitFields(line);
        if (header.empty()) {
            header = fields;
            const auto asn = columnOf(header, "asn");
            const auto score = columnOf(header, scoreColumn);
            if (!asn || !score) {
                throw InputError(sourceName, lineNumber,
                                 "expected a header line naming the columns 'asn' and '" +
                                     scoreColumn + "', got '" + std::string(line) + "'");
            }
            asnIndex = *asn;
            scoreIndex = *score;
            continue;
        }
        if (fields.size() != header.size()) {
            throw InputError(sourceName, lineNumber,
                             "expected " + std::to_string(header.size()) + " fields, got " +
                                 std::to_string(fields.size()));
        }
        std::string problem;
        std::string_view asnText = fields[asnIndex];
        if (asnText.starts_with("AS")) {
            asnText.remove_prefix(2);
        }
        const auto asn = detail::parseAsn(asnText, problem);
        if (!asn) {
            throw InputError(sourceName, lineNumber, problem);
        }
        if (const auto [seen, inserted] = lineOfAsn.emplace(*asn, lineNumber); !inserted) {
            throw InputError(sourceName, lineNumber,
                             "AS" + std::to_string(*asn) + " is given twice (also on line " +
                                 std::to_string(seen->second) + ")");
        }
        const std::string_view scoreText = fields[scoreIndex];
        if (scoreText.empty()) {
            continue;
        }
        double score = 0;
        const auto [end, error] =
            std::from_chars(scoreText.data(), scoreText.data() + scoreText.size(), score);
        if (error != std::errc() || end != scoreText.data() + scoreText.size() ||
            !std::isfinite(score)) {
            throw InputError(sourceName, lineNumber,
                             "expected a number in column '" + scoreColumn + "', got '" +
                                 std::string(scoreText) + "'");
        }
        if (score >= threshold) {
            adopting.push_back(*asn);
        }
    }
    if (header.empty()) {
        throw InputError(
            sourceName, 0,
            "is empty: expected a header line naming the columns 'asn' and '" + scoreColumn + "'");
    }
    return adopting;
}

std::vector<Asn> AdoptionScoreReader::readAdopters(const std::filesystem::path& path,
                                                   const std::string& scoreColumn,
                                                   double threshold) {
    return adopters(InputFile::read(path), path.string(), scoreColumn, threshold);
}

}  // namespace mpicsim
