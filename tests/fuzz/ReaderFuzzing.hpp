#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mpicsim::test {

// What each fuzz_<reader> executable feeds its input to, shared with FuzzRegressionTest so that
// every saved crash is replayed by ctest. A reader may reject its input only with an
// InputError; any other exception, a crash or a sanitizer report is a finding.
class ReaderFuzzing {
  public:
    // The readers fuzzed, each the name of a fuzz_<reader> executable and of its corpus folder
    // tests/fuzz/corpus/<reader>/.
    static std::vector<std::string> readers();
    // Throws std::invalid_argument for an unknown reader; lets through anything the reader
    // throws except InputError.
    static void feed(std::string_view reader, std::string_view input);
};

}  // namespace mpicsim::test
