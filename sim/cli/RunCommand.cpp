#include "RunCommand.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "CaSelection.hpp"
#include "CommandErrors.hpp"
#include "CommandLine.hpp"
#include "RegionModelOption.hpp"
#include "UsageError.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"

namespace mpicsim::cli {
namespace {

std::atomic<bool> interrupted{false};

extern "C" void onInterrupt(int) {
    interrupted.store(true);
}

// While it lives, SIGINT and SIGTERM set `interrupted`: the run stops after a whole shard.
class InterruptHandlers {
  public:
    InterruptHandlers() {
        interrupted.store(false);
        std::signal(SIGINT, onInterrupt);
        std::signal(SIGTERM, onInterrupt);
    }
    ~InterruptHandlers() {
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
    }
    InterruptHandlers(const InterruptHandlers&) = delete;
    InterruptHandlers& operator=(const InterruptHandlers&) = delete;
};

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

// Above this many trials a run keeps no trials.csv unless asked to.
constexpr std::uint64_t kLargestStudyWithTrialsByDefault = 1'000'000;

}  // namespace

const char* RunCommand::usage() {
    return "usage: mpicsim run SCENARIO.json --out DIR [--threads N] [--resume] [--no-plots]\n"
           "         [--trials none|csv|csv.gz] [--catalog FILE] [--strict]\n"
           "         [--region-model cloud-as|regional|regional+backbone|FILE] [--org-info FILE]\n"
           "Runs the study a scenario file describes (see scenarios/README.md). Trials stream to\n"
           "DIR/trials.csv; an interrupted run (Ctrl-C, or even kill -9) continues with --resume\n"
           "and ends with the same files as an uninterrupted one. DIR/summary.csv, summary.json\n"
           "and plots/ are written at the end. --threads defaults to every core; the results do\n"
           "not depend on it. --trials csv.gz compresses trials.csv (one gzip member per shard);\n"
           "--trials none keeps no per-trial file (the summary is checkpointed every 2 s\n"
           "instead), the default above 1,000,000 trials. ASes of ROV lists and weight files\n"
           "that the topology lacks are left out with a warning (recorded in DIR/manifest.json);\n"
           "--strict makes them errors. A configuration/policy pair that breaks the policy's\n"
           "perspective rules (what check-ca checks) is run with a warning naming it \"not\n"
           "compliant\"; --strict refuses to run it.\n";
}

int RunCommand::run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
                    const StudySession::Plotter& plotter) {
    try {
        if (arguments.empty() || arguments[0].starts_with("--")) {
            throw UsageError("missing the scenario file");
        }
        const std::filesystem::path scenarioPath = arguments[0];
        const CommandLine line(
            {arguments.begin() + 1, arguments.end()},
            {"--out", "--threads", "--catalog", "--trials", "--region-model", "--org-info"},
            {"--resume", "--no-plots", "--strict"});
        const std::filesystem::path outDir = line.required("--out");
        const std::size_t threads = line.threads();
        const PerspectiveCatalog catalog = line.catalog();
        const auto today = CaSelection::today();
        const std::string scenarioText = InputFile::read(scenarioPath);
        Scenario scenario = ScenarioReader::readFile(scenarioPath, catalog, today);
        RegionModelOption::override(line, scenario);
        StudySession session(std::move(scenario), {scenarioPath, scenarioText, today});
        for (const AbsentAsns& absent : session.plan().absentAsns()) {
            if (line.flag("--strict")) {
                throw InputError(scenarioPath.string(), 0, absent.summary() + " (--strict)");
            }
            err << absent.warning() << "\n";
        }
        if (line.flag("--strict") && session.compliance().nonCompliantCount() > 0) {
            std::string pairs;
            for (const StudyCompliance::Pair& pair : session.compliance().pairs()) {
                if (!pair.compliant()) {
                    pairs += "\n  " + StudyCompliance::warning(pair);
                }
            }
            throw InputError(scenarioPath.string(), 0,
                             std::to_string(session.compliance().nonCompliantCount()) +
                                 " configuration/policy pair(s) not compliant (--strict):" + pairs);
        }
        for (const StudyCompliance::Pair& pair : session.compliance().pairs()) {
            if (!pair.compliant()) {
                err << "warning: " << StudyCompliance::warning(pair) << "\n";
            }
        }
        for (const std::string& notice : session.notices()) {
            err << "mpicsim run: note: " << notice << "\n";
        }
        for (const std::string& note : session.runner().skipped()) {
            err << "mpicsim run: note: skipped " << note << "\n";
        }
        for (const std::string& block : session.scenario().otherCommandBlocks) {
            const char* command = block == "optimize" ? "optimize" : "quorum-sweep";
            err << "mpicsim run: note: this scenario's " << block << " block is run by `mpicsim "
                << command << "`; run scores the ca_configurations\n";
        }
        err << "mpicsim run: note: region model " << session.regionModel()
            << (session.organisationsFile().empty()
                    ? std::string()
                    : " (organisations: " + session.organisationsFile() + ")")
            << "\n";
        for (const std::string& note : session.placementNotes()) {
            err << "mpicsim run: note: " << note << "\n";
        }
        std::optional<TrialsOutput> trials;
        if (line.value("--trials")) {
            trials =
                trialsOutputFromString(line.choice("--trials", {"none", "csv", "csv.gz"}, "csv"));
        } else if (line.flag("--resume")) {
            trials = ProgressJournal::keptTrials(outDir);
        }
        if (!trials) {
            trials = session.plan().unitCount() <= kLargestStudyWithTrialsByDefault
                         ? TrialsOutput::Csv
                         : TrialsOutput::None;
            if (trials == TrialsOutput::None) {
                err << "mpicsim run: note: " << session.plan().unitCount()
                    << " trials: no trials.csv is kept (give --trials csv or csv.gz to keep one)\n";
            }
        }
        try {
            session.openOutput(outDir, line.flag("--resume"), *trials);
        } catch (const ProgressJournal::Refused& refusal) {
            throw UsageError(refusal.what());
        }
        const std::uint64_t shardCount = session.plan().shardCount();
        if (session.resumed()) {
            err << "mpicsim run: resuming at shard " << session.shardsDone() << " of " << shardCount
                << "\n";
        }

        ProgressBar bar(err, shardCount, session.shardsDone());
        const std::uint64_t trialsPerShard =
            session.plan().shardSize() * session.runner().combinations().size();
        bool complete = false;
        {
            const InterruptHandlers handlers;
            complete = session.run(
                threads, [&](std::uint64_t shardsDone) { bar.update(shardsDone, trialsPerShard); },
                &interrupted);
        }
        bar.finish();
        if (!complete) {
            err << "mpicsim run: interrupted after " << session.shardsDone() << " of " << shardCount
                << " shards; continue with: mpicsim run " << scenarioPath.string() << " --out "
                << outDir.string() << " --resume\n";
            return 130;
        }

        const std::vector<std::filesystem::path> written =
            session.writeResults(line.flag("--no-plots") ? StudySession::Plotter() : plotter);
        out << "mpicsim run: " << session.plan().unitCount() << " trials × "
            << session.runner().combinations().size() << " configuration/policy pairs done\n";
        for (const auto& path : written) {
            out << "  " << path.string() << "\n";
        }
        return 0;
    } catch (...) {
        return CommandErrors::report("run", err);
    }
}

}  // namespace mpicsim::cli
