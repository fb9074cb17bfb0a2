#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "mpicsim/topology/AsGraph.hpp"

namespace mpicsim {

// Reads CAIDA AS-relationship files: serial-1 ("a|b|rel") and serial-2 ("a|b|rel|source"),
// plain text or bzip2-compressed (recognised by content, not by name). rel -1: a is a
// provider of b; 0: a and b are peers. Header lines "# input clique:" and "# IXP ASes:" are
// kept as graph metadata; other comments are skipped. Every problem is an InputError naming
// the file and line. A link given again with the same relationship (a repeated line, a peer
// link written the other way round, or a serial-2 link once as "bgp" and once as "mlp") is
// counted in duplicateLinesIgnored and kept once, with the sources combined.
class CaidaReader {
  public:
    struct Options {
        bool includeMlpOnlyLinks = true;  // false: drop serial-2 links seen only as "mlp"
    };

    static AsGraph readFile(const std::filesystem::path& path, const Options& options);
    static AsGraph readFile(const std::filesystem::path& path) { return readFile(path, {}); }
    static AsGraph readText(std::string_view text, const std::string& sourceName,
                            const Options& options);
    static AsGraph readText(std::string_view text, const std::string& sourceName) {
        return readText(text, sourceName, {});
    }
};

}  // namespace mpicsim
