#include "RunCommand.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "CaSelection.hpp"
#include "CommandErrors.hpp"
#include "CommandLine.hpp"
#include "GenerateTopologyCommand.hpp"
#include "StudyOutputs.hpp"
#include "UsageError.hpp"
#include "mpicsim/experiment/ExperimentRunner.hpp"
#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/CaidaWriter.hpp"
#include "mpicsim/io/FileDigest.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"
#include "mpicsim/topology/TopologyGenerator.hpp"

namespace mpicsim::cli {
namespace {

std::atomic<bool> interrupted{false};

extern "C" void onInterrupt(int) {
    interrupted.store(true);
}

std::string utcNow() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

// Writes a file atomically: a temporary file, fsync, rename.
void writeDurably(const std::filesystem::path& path, const std::string& content) {
    const std::filesystem::path temporary = path.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << content;
        out.flush();
        if (!out) {
            throw InputError(temporary.string(), 0, "cannot write");
        }
    }
    const int fd = ::open(temporary.c_str(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    std::filesystem::rename(temporary, path);
}

class ProgressBar {
  public:
    ProgressBar(std::ostream& err, std::uint64_t total, std::uint64_t done)
        : err_(err),
          total_(total),
          start_(done),
          enabled_(::isatty(STDERR_FILENO) == 1),
          began_(std::chrono::steady_clock::now()) {}

    void update(std::uint64_t done, std::uint64_t trialsPerShard) {
        if (!enabled_) {
            return;
        }
        const auto now = std::chrono::steady_clock::now();
        if (done < total_ && now - lastDrawn_ < std::chrono::milliseconds(200)) {
            return;
        }
        lastDrawn_ = now;
        const double seconds = std::chrono::duration<double>(now - began_).count();
        const double rate = seconds > 0 ? static_cast<double>(done - start_) / seconds : 0;
        const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : 0;
        const int width = 30;
        const int filled = total_ == 0 ? width : static_cast<int>(width * done / total_);
        char line[160];
        std::snprintf(
            line, sizeof line,
            "\r[%s%s] %5.1f%%  %llu/%llu shards  %.0f trials/s  ETA %02d:%02d:%02d ",
            std::string(static_cast<std::size_t>(filled), '#').c_str(),
            std::string(static_cast<std::size_t>(width - filled), '.').c_str(),
            total_ == 0 ? 100.0 : 100.0 * static_cast<double>(done) / static_cast<double>(total_),
            static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_),
            rate * static_cast<double>(trialsPerShard), static_cast<int>(eta) / 3600,
            static_cast<int>(eta) / 60 % 60, static_cast<int>(eta) % 60);
        err_ << line << std::flush;
    }
    void finish() {
        if (enabled_) {
            err_ << "\n";
        }
    }

  private:
    std::ostream& err_;
    std::uint64_t total_;
    std::uint64_t start_;
    bool enabled_;
    std::chrono::steady_clock::time_point began_;
    std::chrono::steady_clock::time_point lastDrawn_{};
};

}  // namespace

const char* RunCommand::usage() {
    return "usage: mpicsim run SCENARIO.json --out DIR [--threads N] [--resume] [--no-plots]\n"
           "         [--catalog FILE]\n"
           "Runs the study a scenario file describes (see scenarios/README.md). Trials stream to\n"
           "DIR/trials.csv; an interrupted run (Ctrl-C, or even kill -9) continues with --resume\n"
           "and ends with the same files as an uninterrupted one. DIR/summary.csv, summary.json\n"
           "and plots/ are written at the end. --threads defaults to every core; the results do\n"
           "not depend on it.\n";
}

int RunCommand::run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
                    const StudyOutputs::Plotter& plotter) {
    try {
        if (arguments.empty() || arguments[0].starts_with("--")) {
            throw UsageError("missing the scenario file");
        }
        const std::filesystem::path scenarioPath = arguments[0];
        const CommandLine line({arguments.begin() + 1, arguments.end()},
                               {"--out", "--threads", "--catalog"}, {"--resume", "--no-plots"});
        const std::filesystem::path outDir = line.required("--out");
        const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
        const long long threads = CommandLine::toInteger(
            "--threads", line.value("--threads").value_or(std::to_string(hardware)));
        if (threads < 1 || threads > 1024) {
            throw UsageError("option --threads expects 1 to 1024, got " + std::to_string(threads));
        }
        const PerspectiveCatalog catalog =
            line.value("--catalog") ? PerspectiveCatalogReader::readFile(*line.value("--catalog"))
                                    : PerspectiveCatalogReader::builtIn();
        const auto today = CaSelection::today();
        const std::string scenarioText = InputFile::read(scenarioPath);
        const Scenario scenario = ScenarioReader::readFile(scenarioPath, catalog, today);
        const std::string scenarioSha = FileDigest::sha256(scenarioText);

        std::string topologySha;
        nlohmann::json topologySource;
        const AsGraph graph = [&] {
            if (const auto& synthetic = scenario.syntheticTopology) {
                const auto generated =
                    TopologyGenerator::generate(synthetic->ases, synthetic->seed);
                std::ostringstream text;
                CaidaWriter::write(
                    text, generated.links, generated.metadata,
                    GenerateTopologyCommand::fileComments(synthetic->ases, synthetic->seed));
                topologySha = FileDigest::sha256(text.str());
                topologySource = {{"ases", synthetic->ases},
                                  {"seed", synthetic->seed},
                                  {"command", "mpicsim generate-topology --ases " +
                                                  std::to_string(synthetic->ases) + " --seed " +
                                                  std::to_string(synthetic->seed)}};
                return generated.graph();
            }
            CaidaReader::Options readOptions;
            readOptions.includeMlpOnlyLinks = !scenario.excludeMlpOnly;
            topologySha = FileDigest::sha256OfFile(scenario.topologyPath);
            return CaidaReader::readFile(scenario.topologyPath, readOptions);
        }();
        std::unique_ptr<TrialPlan> plan;
        std::unique_ptr<ExperimentRunner> runner;
        try {
            plan = std::make_unique<TrialPlan>(graph, scenario);
            runner = std::make_unique<ExperimentRunner>(graph, scenario, *plan);
        } catch (const std::invalid_argument& error) {
            throw InputError(scenarioPath.string(), 0, error.what());
        }
        if (runner->combinations().empty()) {
            std::string reasons;
            for (const std::string& note : runner->skipped()) {
                reasons += "; " + note;
            }
            throw InputError(scenarioPath.string(), 0,
                             "no CA configuration × policy combination can be evaluated" + reasons);
        }
        for (const std::string& note : runner->skipped()) {
            err << "mpicsim run: note: skipped " << note << "\n";
        }

        std::filesystem::create_directories(outDir);
        const std::filesystem::path trialsPath = outDir / "trials.csv";
        const std::filesystem::path progressPath = outDir / "progress.json";
        const std::filesystem::path manifestPath = outDir / "manifest.json";
        std::uint64_t firstShard = 0;
        std::uint64_t validBytes = 0;
        nlohmann::json manifest;
        if (std::filesystem::exists(trialsPath)) {
            if (!line.flag("--resume")) {
                throw UsageError(outDir.string() +
                                 " already holds a run; add --resume to continue it, or choose "
                                 "another --out");
            }
            try {
                manifest = nlohmann::json::parse(InputFile::read(manifestPath));
                const auto progress = nlohmann::json::parse(InputFile::read(progressPath));
                if (manifest.at("scenario_sha256") != scenarioSha ||
                    manifest.at("topology").at("sha256") != topologySha) {
                    throw UsageError(
                        "cannot resume: the scenario or the topology changed since "
                        "the run in " +
                        outDir.string() + " started");
                }
                firstShard = progress.at("shards_done").get<std::uint64_t>();
                validBytes = progress.at("bytes").get<std::uint64_t>();
            } catch (const nlohmann::json::exception& error) {
                throw InputError(outDir.string(), 0,
                                 std::string("cannot resume: unreadable manifest.json or "
                                             "progress.json: ") +
                                     error.what());
            }
            if (std::filesystem::file_size(trialsPath) < validBytes) {
                throw InputError(trialsPath.string(), 0,
                                 "cannot resume: the file is shorter than progress.json says");
            }
            std::filesystem::resize_file(trialsPath, validBytes);
            manifest["resumed_at"].push_back(utcNow());
            err << "mpicsim run: resuming at shard " << firstShard << " of " << plan->shardCount()
                << "\n";
        } else {
            manifest = {
                {"mpicsim_version", MPICSIM_VERSION},
                {"scenario_file", scenarioPath.string()},
                {"scenario_sha256", scenarioSha},
                {"scenario", nlohmann::json::parse(scenarioText)},
                {"topology",
                 {{scenario.syntheticTopology ? "synthetic" : "path",
                   scenario.syntheticTopology ? topologySource
                                              : nlohmann::json(scenario.topologyPath)},
                  {"sha256", topologySha},
                  {"ases", graph.nodeCount()},
                  {"links", graph.linkCount()},
                  {"exclude_mlp_only", scenario.excludeMlpOnly}}},
                {"seed", scenario.seed},
                {"date_for_undated_policies", formatIsoDate(today)},
                {"victims", plan->victims().size()},
                {"adversaries", plan->adversaries().size()},
                {"trial_units", plan->unitCount()},
                {"shard_size", plan->shardSize()},
                {"shards", plan->shardCount()},
                {"started_at", utcNow()},
            };
            nlohmann::json combinations = nlohmann::json::array();
            for (const auto& combination : runner->combinations()) {
                combinations.push_back({{"ca", scenario.cas[combination.caIndex].name},
                                        {"policy", combination.policyLabel},
                                        {"policy_source", combination.policy.source}});
            }
            manifest["combinations"] = combinations;
            manifest["skipped"] = runner->skipped();
            std::ofstream(trialsPath, std::ios::binary | std::ios::trunc)
                << ExperimentRunner::header();
            validBytes = ExperimentRunner::header().size();
            writeDurably(progressPath,
                         nlohmann::json({{"shards_done", 0}, {"bytes", validBytes}}).dump() + "\n");
        }
        manifest["threads"] = threads;
        manifest["status"] = "running";
        writeDurably(manifestPath, manifest.dump(2) + "\n");

        std::FILE* trials = std::fopen(trialsPath.c_str(), "ab");
        if (trials == nullptr) {
            throw InputError(trialsPath.string(), 0, "cannot open for appending");
        }
        interrupted.store(false);
        std::signal(SIGINT, onInterrupt);
        std::signal(SIGTERM, onInterrupt);
        ProgressBar bar(err, plan->shardCount(), firstShard);
        const std::uint64_t trialsPerShard = plan->shardSize() * runner->combinations().size();
        std::uint64_t completed = firstShard;
        try {
            completed = runner->run(
                static_cast<std::size_t>(threads), firstShard,
                [&](std::uint64_t shard, std::string_view rows) {
                    if (std::fwrite(rows.data(), 1, rows.size(), trials) != rows.size() ||
                        std::fflush(trials) != 0 || ::fsync(::fileno(trials)) != 0) {
                        throw InputError(trialsPath.string(), 0, "write failed");
                    }
                    validBytes += rows.size();
                    writeDurably(
                        progressPath,
                        nlohmann::json({{"shards_done", shard + 1}, {"bytes", validBytes}}).dump() +
                            "\n");
                    bar.update(shard + 1, trialsPerShard);
                },
                &interrupted);
        } catch (...) {
            std::fclose(trials);
            std::signal(SIGINT, SIG_DFL);
            std::signal(SIGTERM, SIG_DFL);
            throw;
        }
        std::fclose(trials);
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        bar.finish();
        if (completed < plan->shardCount()) {
            err << "mpicsim run: interrupted after " << completed << " of " << plan->shardCount()
                << " shards; continue with: mpicsim run " << scenarioPath.string() << " --out "
                << outDir.string() << " --resume\n";
            return 130;
        }

        manifest["finished_at"] = utcNow();
        manifest["status"] = "complete";
        writeDurably(manifestPath, manifest.dump(2) + "\n");
        const std::vector<std::filesystem::path> written =
            StudyOutputs::write(outDir, scenario, *plan, graph,
                                line.flag("--no-plots") ? StudyOutputs::Plotter() : plotter);
        out << "mpicsim run: " << plan->unitCount() << " trials × " << runner->combinations().size()
            << " configuration/policy pairs done\n";
        for (const auto& path : written) {
            out << "  " << path.string() << "\n";
        }
        return 0;
    } catch (...) {
        return CommandErrors::report("run", err);
    }
}

}  // namespace mpicsim::cli
