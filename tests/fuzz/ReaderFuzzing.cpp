#include "ReaderFuzzing.hpp"

#include <chrono>
#include <stdexcept>

#include "mpicsim/io/AdoptionScoreReader.hpp"
#include "mpicsim/io/AsOrganisationReader.hpp"
#include "mpicsim/io/AsnListReader.hpp"
#include "mpicsim/io/AsnWeightReader.hpp"
#include "mpicsim/io/CaConfigurationReader.hpp"
#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"

namespace mpicsim::test {
namespace {

using namespace std::chrono;

constexpr year_month_day kToday{year{2026}, month{6}, day{1}};
// Relative paths in a fuzzed scenario resolve here, so that they name no file.
constexpr const char* kNoSuchFolder = "/nonexistent-mpicsim-fuzz-folder";

void readCaida(std::string_view input) {
    CaidaReader::Options options;
    const AsGraph withMlp = CaidaReader::readText(input, "fuzz", options);
    options.includeMlpOnlyLinks = false;
    const AsGraph withoutMlp = CaidaReader::readText(input, "fuzz", options);
    if (withoutMlp.nodeCount() > withMlp.nodeCount()) {
        throw std::logic_error("leaving out mlp-only links added ASes");
    }
}

}  // namespace

std::vector<std::string> ReaderFuzzing::readers() {
    return {"caida",       "scenario",        "ca_configuration", "asn_list",
            "asn_weights", "adoption_scores", "as_org2info"};
}

void ReaderFuzzing::feed(std::string_view reader, std::string_view input) {
    try {
        if (reader == "caida") {
            readCaida(input);
        } else if (reader == "scenario") {
            ScenarioReader::parse(input, "fuzz", kNoSuchFolder, PerspectiveCatalogReader::builtIn(),
                                  kToday);
        } else if (reader == "ca_configuration") {
            CaConfigurationReader::parse(input, "fuzz", PerspectiveCatalogReader::builtIn(),
                                         kToday);
        } else if (reader == "asn_list") {
            AsnListReader::parse(input, "fuzz", true);
        } else if (reader == "asn_weights") {
            AsnWeightReader::parse(input, "fuzz");
        } else if (reader == "adoption_scores") {
            AdoptionScoreReader::adopters(input, "fuzz", "score", 0.5);
        } else if (reader == "as_org2info") {
            AsOrganisationReader::parse(input, "fuzz");
        } else {
            throw std::invalid_argument("no fuzzed reader is called " + std::string(reader));
        }
    } catch (const InputError&) {
        // Rejecting bad input with a message is what a reader should do.
    }
}

}  // namespace mpicsim::test
