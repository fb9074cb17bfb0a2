#include "mpicsim/io/AsnWeightReader.hpp"

#include <charconv>
#include <cmath>
#include <unordered_map>

#include "AsnParsing.hpp"
#include "JsonFields.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "mpicsim/io/JsonPointer.hpp"

namespace mpicsim {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

}  // namespace

AsnWeightReader::Entries AsnWeightReader::parse(std::string_view text,
                                                const std::string& sourceName) {
    Entries entries;
    std::unordered_map<Asn, std::string> seenAt;
    auto add = [&](Asn asn, double weight, const std::string& where, std::size_t line) {
        const auto [found, inserted] = seenAt.emplace(asn, where);
        if (!inserted) {
            throw InputError(sourceName, line,
                             (line == 0 ? "at " + where + ": " : std::string()) + "AS" +
                                 std::to_string(asn) + " is given twice (also at " + found->second +
                                 ")");
        }
        entries.emplace_back(asn, weight);
    };
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && text[first] == '{') {
        const nlohmann::json document = detail::JsonFields::parse(text, sourceName);
        for (const auto& item : document.items()) {
            const std::string pointer = '/' + escapeJsonPointerToken(item.key());
            std::string problem;
            std::string_view key = item.key();
            if (key.starts_with("AS")) {
                key.remove_prefix(2);
            }
            const auto asn = detail::parseAsn(key, problem);
            if (!asn) {
                throw InputError(sourceName, 0, "at " + pointer + ": " + problem);
            }
            if (!item.value().is_number() || item.value().get<double>() < 0) {
                throw InputError(sourceName, 0,
                                 "at " + pointer + ": expected a weight >= 0, got " +
                                     detail::JsonFields::shortDump(item.value()));
            }
            add(*asn, item.value().get<double>(), pointer, 0);
        }
        return entries;
    }
    std::size_t lineNumber = 0;
    while (!text.empty()) {
        const std::size_t newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
        ++lineNumber;
        line = trim(line.substr(0, line.find('#')));
        if (line.empty() || (entries.empty() && line == "asn,weight")) {
            continue;
        }
        const std::size_t comma = line.find(',');
        if (comma == std::string_view::npos ||
            line.find(',', comma + 1) != std::string_view::npos) {
            throw InputError(sourceName, lineNumber, "expected 'asn,weight'");
        }
        std::string problem;
        const auto asn = detail::parseAsn(trim(line.substr(0, comma)), problem);
        if (!asn) {
            throw InputError(sourceName, lineNumber, problem);
        }
        const std::string_view weightText = trim(line.substr(comma + 1));
        double weight = 0;
        auto [end, error] =
            std::from_chars(weightText.data(), weightText.data() + weightText.size(), weight);
        if (weightText.empty() || error != std::errc() ||
            end != weightText.data() + weightText.size() || !(weight >= 0) ||
            !std::isfinite(weight)) {
            throw InputError(sourceName, lineNumber,
                             "expected a weight >= 0, got '" + std::string(weightText) + "'");
        }
        add(*asn, weight, "line " + std::to_string(lineNumber), lineNumber);
    }
    return entries;
}

AsnWeightReader::Entries AsnWeightReader::readFile(const std::filesystem::path& path) {
    return parse(InputFile::read(path), path.string());
}

}  // namespace mpicsim
