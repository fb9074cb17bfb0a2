#include "mpicsim/io/CaidaReader.hpp"

#include <algorithm>
#include <array>

#include "AsnParsing.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "mpicsim/topology/TopologyError.hpp"

namespace mpicsim {
namespace {

struct NumberedLink {
    std::uint64_t pair;  // the two ASNs, smaller first
    std::uint32_t line;
    AsLink link;
};

std::string_view trimTrailingSpace(std::string_view text) {
    while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

std::string describe(const AsLink& link) {
    return std::to_string(link.first) + "|" + std::to_string(link.second) + "|" +
           (link.type == LinkType::ProviderToCustomer ? "-1" : "0");
}

class CaidaParser {
  public:
    CaidaParser(std::string sourceName, const CaidaReader::Options& options)
        : sourceName_(std::move(sourceName)), options_(options) {}

    AsGraph parse(std::string_view text) {
        metadata_.sourceName = sourceName_;
        std::uint32_t lineNumber = 0;
        while (!text.empty()) {
            const std::size_t newline = text.find('\n');
            const std::string_view line = trimTrailingSpace(text.substr(0, newline));
            text =
                newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
            ++lineNumber;
            if (line.empty()) {
                continue;
            }
            if (line.front() == '#') {
                parseComment(line, lineNumber);
            } else {
                parseLink(line, lineNumber);
            }
        }
        return build();
    }

  private:
    [[noreturn]] void fail(std::uint32_t line, const std::string& message) const {
        throw InputError(sourceName_, line, message);
    }

    void parseComment(std::string_view line, std::uint32_t lineNumber) {
        constexpr std::string_view kClique = "# input clique:";
        constexpr std::string_view kIxp = "# IXP ASes:";
        if (line.starts_with(kClique)) {
            metadata_.inputClique = parseAsnList(line.substr(kClique.size()), lineNumber);
        } else if (line.starts_with(kIxp)) {
            metadata_.ixpAses = parseAsnList(line.substr(kIxp.size()), lineNumber);
        }
    }

    std::vector<Asn> parseAsnList(std::string_view text, std::uint32_t lineNumber) const {
        std::vector<Asn> asns;
        std::size_t position = 0;
        while (position < text.size()) {
            const std::size_t end = text.find_first_of(" \t", position);
            const std::string_view token = text.substr(position, end - position);
            position = end == std::string_view::npos ? text.size() : end + 1;
            if (token.empty()) {
                continue;
            }
            std::string problem;
            const auto asn = detail::parseAsn(token, problem);
            if (!asn) {
                fail(lineNumber, problem);
            }
            asns.push_back(*asn);
        }
        return asns;
    }

    void parseLink(std::string_view line, std::uint32_t lineNumber) {
        std::array<std::string_view, 5> fields;
        std::size_t fieldCount = 0;
        std::size_t position = 0;
        while (true) {
            const std::size_t bar = line.find('|', position);
            if (fieldCount < fields.size()) {
                fields[fieldCount] = line.substr(position, bar - position);
            }
            ++fieldCount;
            if (bar == std::string_view::npos) {
                break;
            }
            position = bar + 1;
        }
        if (fieldCount != 3 && fieldCount != 4) {
            fail(lineNumber,
                 "expected 3 fields (serial-1: AS|AS|rel) or 4 fields (serial-2: "
                 "AS|AS|rel|source) separated by '|', found " +
                     std::to_string(fieldCount));
        }
        const int serial = fieldCount == 3 ? 1 : 2;
        if (metadata_.caidaSerial == 0) {
            metadata_.caidaSerial = serial;
            firstLinkLine_ = lineNumber;
        } else if (metadata_.caidaSerial != serial) {
            fail(lineNumber, "found " + std::to_string(fieldCount) + " fields, but line " +
                                 std::to_string(firstLinkLine_) + " made this a serial-" +
                                 std::to_string(metadata_.caidaSerial) + " file with " +
                                 std::to_string(metadata_.caidaSerial == 1 ? 3 : 4) +
                                 " fields per line");
        }

        AsLink link;
        std::string problem;
        const auto first = detail::parseAsn(fields[0], problem);
        if (!first) {
            fail(lineNumber, "first AS: " + problem);
        }
        const auto second = detail::parseAsn(fields[1], problem);
        if (!second) {
            fail(lineNumber, "second AS: " + problem);
        }
        link.first = *first;
        link.second = *second;
        if (fields[2] == "-1") {
            link.type = LinkType::ProviderToCustomer;
        } else if (fields[2] == "0") {
            link.type = LinkType::PeerToPeer;
        } else {
            fail(lineNumber, "unknown relationship code '" + std::string(fields[2]) +
                                 "' (expected -1 for provider-customer or 0 for peers)");
        }
        if (serial == 2) {
            const std::string_view source = fields[3];
            if (source == "bgp") {
                link.source = LinkSource::Bgp;
            } else if (source == "mlp") {
                link.source = LinkSource::Mlp;
            } else if (source == "bgp,mlp" || source == "mlp,bgp") {
                link.source = LinkSource::BgpAndMlp;
            } else {
                fail(lineNumber, "unknown link source '" + std::string(source) +
                                     "' (expected bgp, mlp or bgp,mlp)");
            }
        }
        if (link.first == link.second) {
            fail(lineNumber, "self-link: AS" + std::to_string(link.first) + " is linked to itself");
        }
        const Asn low = std::min(link.first, link.second);
        const Asn high = std::max(link.first, link.second);
        links_.push_back({(std::uint64_t{low} << 32) | high, lineNumber, link});
    }

    AsGraph build() {
        std::stable_sort(
            links_.begin(), links_.end(),
            [](const NumberedLink& a, const NumberedLink& b) { return a.pair < b.pair; });
        std::vector<AsLink> links;
        links.reserve(links_.size());
        for (std::size_t i = 0; i < links_.size(); ++i) {
            if (i > 0 && links_[i].pair == links_[i - 1].pair) {
                const NumberedLink& earlier = links_[i - 1];
                const NumberedLink& later = links_[i];
                const bool sameRelationship = earlier.link.type == later.link.type &&
                                              (earlier.link.first == later.link.first ||
                                               later.link.type == LinkType::PeerToPeer);
                if (sameRelationship) {
                    // The same relationship again: one link, seen wherever either line says.
                    links.back().source =
                        static_cast<LinkSource>(static_cast<std::uint8_t>(links.back().source) |
                                                static_cast<std::uint8_t>(later.link.source));
                    ++metadata_.duplicateLinesIgnored;
                    continue;
                }
                fail(later.line,
                     "AS" + std::to_string(later.link.first) + " and AS" +
                         std::to_string(later.link.second) +
                         " are given two different relationships: '" + describe(earlier.link) +
                         "' on line " + std::to_string(earlier.line) + " and '" +
                         describe(later.link) + "' on line " + std::to_string(later.line));
            }
            links.push_back(links_[i].link);
        }
        if (!options_.includeMlpOnlyLinks) {
            const auto kept = std::remove_if(links.begin(), links.end(), [](const AsLink& link) {
                return link.source == LinkSource::Mlp;
            });
            metadata_.mlpOnlyLinksExcluded = static_cast<std::size_t>(links.end() - kept);
            links.erase(kept, links.end());
        }
        links_.clear();
        links_.shrink_to_fit();
        if (links.empty()) {
            throw InputError(sourceName_, 0, "no AS relationships found");
        }
        try {
            return AsGraph::fromLinks(links, std::move(metadata_));
        } catch (const TopologyError& error) {
            throw InputError(sourceName_, 0, error.what());
        }
    }

    std::string sourceName_;
    CaidaReader::Options options_;
    AsGraphMetadata metadata_;
    std::uint32_t firstLinkLine_ = 0;
    std::vector<NumberedLink> links_;
};

}  // namespace

AsGraph CaidaReader::readFile(const std::filesystem::path& path, const Options& options) {
    return readText(InputFile::read(path), path.string(), options);
}

AsGraph CaidaReader::readText(std::string_view text, const std::string& sourceName,
                              const Options& options) {
    return CaidaParser(sourceName, options).parse(text);
}

}  // namespace mpicsim
