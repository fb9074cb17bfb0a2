#include "ResilienceCommand.hpp"

#include <charconv>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "CommandErrors.hpp"
#include "CommandLine.hpp"
#include "UsageError.hpp"
#include "mpicsim/common/DeterministicRandom.hpp"
#include "mpicsim/experiment/AbsentAsns.hpp"
#include "mpicsim/experiment/ResilienceCalculator.hpp"
#include "mpicsim/io/AsnListReader.hpp"
#include "mpicsim/io/AsnWeightReader.hpp"
#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"

namespace mpicsim::cli {
namespace {

struct WeightedAses {
    std::vector<NodeIndex> nodes;
    std::vector<double> weights;
};

std::string formatNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6f", value);
    return text;
}

// A weight file is a JSON object or a CSV whose first line is "asn,weight"; anything else is a
// list of ASNs.
bool looksLikeWeights(const std::string& text) {
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return false;
    }
    if (text[first] == '{') {
        return true;
    }
    std::string line = text.substr(first, text.find('\n', first) - first);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
        line.pop_back();
    }
    return line == "asn,weight";
}

// Leaves out the ASes of a list the topology lacks, with a warning, or fails with --strict.
void reportAbsent(const std::string& listName, std::vector<Asn> missing, bool strict,
                  std::ostream& err) {
    if (missing.empty()) {
        return;
    }
    const AbsentAsns absent(listName, std::move(missing));
    if (strict) {
        throw UsageError(absent.summary() + " (--strict)");
    }
    err << absent.warning() << "\n";
}

// `allowAll`: the sources and adversaries, where "all" and N:SEED are allowed. Absent ASes of a
// weight file or of the sources are left out; an absent victim or adversary is an error.
WeightedAses resolve(const AsGraph& graph, const std::string& option, const std::string& argument,
                     bool allowAll, bool strict, std::ostream& err) {
    WeightedAses result;
    if (allowAll && argument == "all") {
        for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
            result.nodes.push_back(v);
            result.weights.push_back(1);
        }
        return result;
    }
    if (const auto colon = argument.find(':');
        allowAll && colon != std::string::npos && argument.front() != '@') {
        const long long count = CommandLine::toInteger(option, argument.substr(0, colon));
        const long long seed = CommandLine::toInteger(option, argument.substr(colon + 1));
        if (count < 1 || seed < 0) {
            throw UsageError("option " + option + " N:SEED needs N >= 1 and SEED >= 0");
        }
        DeterministicRandom random(static_cast<std::uint64_t>(seed));
        for (std::uint32_t index : random.sample(static_cast<std::uint32_t>(graph.nodeCount()),
                                                 static_cast<std::uint32_t>(count))) {
            result.nodes.push_back(index);
            result.weights.push_back(1);
        }
        return result;
    }
    if (argument.starts_with('@')) {
        const std::string path = argument.substr(1);
        const std::string text = InputFile::read(path);
        if (looksLikeWeights(text)) {
            std::vector<Asn> missing;
            double absentWeight = 0;
            for (const auto& [asn, weight] : AsnWeightReader::parse(text, path)) {
                if (const auto node = graph.nodeOf(asn)) {
                    result.nodes.push_back(*node);
                    result.weights.push_back(weight);
                } else {
                    missing.push_back(asn);
                    absentWeight += weight;
                }
            }
            reportAbsent("option " + option + " " + path + " (total weight " +
                             formatNumber(absentWeight) + " absent)",
                         std::move(missing), strict, err);
            return result;
        }
    }
    std::vector<bool> listed(graph.nodeCount(), false);
    std::vector<Asn> missing;
    for (Asn asn : AsnListReader::fromArgument(argument)) {
        const auto node = graph.nodeOf(asn);
        if (!node && option == "--sources") {
            missing.push_back(asn);
            continue;
        }
        if (!node) {
            throw UsageError("option " + option + ": AS" + std::to_string(asn) +
                             " is not in the topology");
        }
        if (!listed[*node]) {  // an ASN listed twice counts once
            listed[*node] = true;
            result.nodes.push_back(*node);
            result.weights.push_back(1);
        }
    }
    reportAbsent("option " + option, std::move(missing), strict, err);
    return result;
}

}  // namespace

const char* ResilienceCommand::usage() {
    return "usage: mpicsim resilience --topology FILE --victims ASN,...|@FILE\n"
           "         [--sources all|ASN,...|@FILE|N:SEED] [--adversaries all|N:SEED]\n"
           "         [--format csv|json] [--exclude-mlp-only] [--strict]\n"
           "Per-victim resilience under the independent semantics (Lad et al., DSN 2007): each\n"
           "origin announces alone; for source v, victim t and adversary a,\n"
           "beta = p(v,t) / (p(v,t) + p(v,a)) over v's equally most-preferred paths (1 or 0\n"
           "when one route is strictly better). Prints per victim the mean of beta over sources\n"
           "and adversaries, then the mean over victims. Means over victims and over sources\n"
           "are weighted when their @FILE maps each ASN to a weight (a JSON object, or CSV\n"
           "starting with the line 'asn,weight'). ASes of a weight file or of --sources that the\n"
           "topology lacks are left out with a warning; --strict makes them errors.\n"
           "Defaults: --sources all, --adversaries all. Cost: one propagation per victim and\n"
           "per adversary, plus sources x adversaries bookkeeping: sample one of them for large\n"
           "victim sets.\n";
}

int ResilienceCommand::run(const std::vector<std::string>& arguments, std::ostream& out,
                           std::ostream& err) {
    try {
        const CommandLine line(
            arguments, {"--topology", "--victims", "--sources", "--adversaries", "--format"},
            {"--exclude-mlp-only", "--strict"});
        const std::string format = line.choice("--format", {"csv", "json"}, "csv");
        CaidaReader::Options options;
        options.includeMlpOnlyLinks = !line.flag("--exclude-mlp-only");
        const std::string victimsArgument = line.required("--victims");
        const bool strict = line.flag("--strict");
        const AsGraph graph = CaidaReader::readFile(line.required("--topology"), options);
        const WeightedAses victims =
            resolve(graph, "--victims", victimsArgument, false, strict, err);
        const WeightedAses sources =
            resolve(graph, "--sources", line.value("--sources").value_or("all"), true, strict, err);
        const WeightedAses adversaries = resolve(
            graph, "--adversaries", line.value("--adversaries").value_or("all"), true, strict, err);
        if (victims.nodes.empty()) {
            throw UsageError("no victim is in the topology");
        }
        const ResilienceCalculator calculator(graph, sources.nodes, adversaries.nodes,
                                              sources.weights);
        const auto results = calculator.compute(victims.nodes);

        std::vector<bool> isSource(graph.nodeCount(), false);
        std::vector<bool> isAdversary(graph.nodeCount(), false);
        for (NodeIndex v : sources.nodes) {
            isSource[v] = true;
        }
        for (NodeIndex v : adversaries.nodes) {
            isAdversary[v] = true;
        }
        double weighted = 0;
        double totalWeight = 0;
        nlohmann::json rows = nlohmann::json::array();
        std::string csv = "victim,resilience,sources,adversaries\n";
        for (std::size_t i = 0; i < results.size(); ++i) {
            const auto& result = results[i];
            const std::size_t sourceCount =
                sources.nodes.size() - (isSource[result.victim] ? 1 : 0);
            const std::size_t adversaryCount =
                adversaries.nodes.size() - (isAdversary[result.victim] ? 1 : 0);
            if (result.pairs > 0) {
                weighted += victims.weights[i] * result.resilience;
                totalWeight += victims.weights[i];
            }
            const Asn asn = graph.asnOf(result.victim);
            csv += std::to_string(asn) + "," + formatNumber(result.resilience) + "," +
                   std::to_string(sourceCount) + "," + std::to_string(adversaryCount) + "\n";
            rows.push_back({{"victim", asn},
                            {"resilience", result.resilience},
                            {"weight", victims.weights[i]},
                            {"pairs", result.pairs},
                            {"sources", sourceCount},
                            {"adversaries", adversaryCount}});
        }
        const double summary = totalWeight > 0 ? weighted / totalWeight : 0.0;
        if (format == "csv") {
            out << csv << "summary," << formatNumber(summary) << ",,\n";
        } else {
            out << nlohmann::json({{"semantics", "independent"},
                                   {"victims", rows},
                                   {"summary", summary},
                                   {"sources", sources.nodes.size()},
                                   {"adversaries", adversaries.nodes.size()}})
                       .dump(2)
                << "\n";
        }
        return 0;
    } catch (...) {
        return CommandErrors::report("resilience", err);
    }
}

}  // namespace mpicsim::cli
