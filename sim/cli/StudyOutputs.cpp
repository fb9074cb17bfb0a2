#include "StudyOutputs.hpp"

#include <fstream>

#include "mpicsim/analysis/ResultSummary.hpp"
#include "mpicsim/io/InputError.hpp"

namespace mpicsim::cli {

std::vector<std::filesystem::path> StudyOutputs::write(const std::filesystem::path& outDir,
                                                       const Scenario& scenario,
                                                       const TrialPlan& plan, const AsGraph& graph,
                                                       const Plotter& plotter) {
    SummaryContext context;
    context.scenario = scenario.name;
    for (std::size_t i = 0; i < plan.victims().size(); ++i) {
        context.victimWeights[graph.asnOf(plan.victims()[i])] = plan.victimWeights()[i];
    }
    for (std::size_t i = 0; i < scenario.rovSettings.size(); ++i) {
        context.rovFractions[scenario.rovSettings[i].label] =
            graph.nodeCount() == 0 ? 0.0
                                   : static_cast<double>(plan.rovDeployments()[i].adopterCount()) /
                                         static_cast<double>(graph.nodeCount());
    }
    for (const CaConfiguration& ca : scenario.cas) {
        context.remotesByCa[ca.name] = static_cast<int>(ca.remotes.size());
    }
    const Summary summary = ResultSummary::fromTrialsCsv(outDir / "trials.csv", context);
    std::vector<std::filesystem::path> written;
    auto save = [&](const std::filesystem::path& path, const std::string& content) {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << content;
        if (!out) {
            throw InputError(path.string(), 0, "cannot write");
        }
        written.push_back(path);
    };
    save(outDir / "summary.json", ResultSummary::toJson(summary));
    save(outDir / "summary.csv", ResultSummary::toCsv(summary));
    if (plotter) {
        for (const auto& path : plotter(summary, outDir / "plots")) {
            written.push_back(path);
        }
    }
    return written;
}

}  // namespace mpicsim::cli
