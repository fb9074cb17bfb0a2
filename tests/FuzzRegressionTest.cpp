// Every fuzz corpus input and every input a fuzzer once crashed on, fed to its reader again: a
// reader may reject an input only with an InputError (ReaderFuzzing::feed lets anything else
// through), and under the sanitizers of the debug preset it must not touch memory it does not
// own. scripts/fuzz.sh copies new crashes into tests/fuzz/regressions/<reader>/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz/ReaderFuzzing.hpp"
#include "mpicsim/io/AsnWeightReader.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"

namespace mpicsim {
namespace {

namespace fs = std::filesystem;

std::string bytesOf(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return std::move(bytes).str();
}

// Feeds every file of tests/fuzz/<kind>/<reader>/ and returns how many there were.
std::size_t replay(const std::string& kind) {
    std::size_t count = 0;
    for (const std::string& reader : test::ReaderFuzzing::readers()) {
        const fs::path folder = fs::path(MPICSIM_FUZZ_DIR) / kind / reader;
        if (!fs::is_directory(folder)) {
            continue;
        }
        for (const auto& entry : fs::directory_iterator(folder)) {
            if (!entry.is_regular_file() || entry.path().filename().string().starts_with('.')) {
                continue;
            }
            SCOPED_TRACE(entry.path().string());
            EXPECT_NO_THROW(test::ReaderFuzzing::feed(reader, bytesOf(entry.path())));
            ++count;
        }
    }
    return count;
}

TEST(FuzzRegression, EveryReaderHasASeedCorpus) {
    for (const std::string& reader : test::ReaderFuzzing::readers()) {
        const fs::path folder = fs::path(MPICSIM_FUZZ_DIR) / "corpus" / reader;
        EXPECT_TRUE(fs::is_directory(folder) && !fs::is_empty(folder)) << folder;
    }
}

TEST(FuzzRegression, SeedCorporaAreReadOrRejectedCleanly) {
    EXPECT_GT(replay("corpus"), 0u);
}

TEST(FuzzRegression, InputsThatOnceCrashedAreReadOrRejectedCleanly) {
    const std::size_t count = replay("regressions");
    if (count == 0) {
        GTEST_SKIP() << "no fuzzer finding saved in tests/fuzz/regressions/";
    }
}

// fuzz_scenario and fuzz_asn_weights found it: nlohmann::json throws out_of_range, not
// parse_error, for a number beyond a double's range, and it escaped the readers.
TEST(FuzzRegression, AJsonNumberTooLargeForADoubleIsAnInputError) {
    try {
        AsnWeightReader::parse("{\"13335\": 534E534}", "w.json");
        ADD_FAILURE() << "accepted";
    } catch (const InputError& error) {
        EXPECT_STREQ(error.what(), "w.json: invalid JSON: number overflow parsing '534E534'");
    }
    EXPECT_THROW(
        ScenarioReader::parse("8E8002063551959", "s.json", "/", PerspectiveCatalogReader::builtIn(),
                              std::chrono::year_month_day{}),
        InputError);
}

TEST(FuzzRegression, AnUnknownReaderIsAnError) {
    EXPECT_THROW(test::ReaderFuzzing::feed("no-such-reader", ""), std::invalid_argument);
}

}  // namespace
}  // namespace mpicsim
