#include "RunCommand.hpp"

#include <filesystem>

#include "CaSelection.hpp"
#include "CommandErrors.hpp"
#include "CommandLine.hpp"
#include "DistributedRun.hpp"
#include "InterruptHandlers.hpp"
#include "ProgressBar.hpp"
#include "RegionModelOption.hpp"
#include "StudyEstimate.hpp"
#include "UsageError.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"

namespace mpicsim::cli {
namespace {

// Above this many trials a run keeps no trials.csv unless asked to.
constexpr std::uint64_t kLargestStudyWithTrialsByDefault = 1'000'000;

}  // namespace

const char* RunCommand::usage() {
    return "usage: mpicsim run SCENARIO.json --out DIR [--threads N] [--resume] [--no-plots]\n"
           "         [--trials none|csv|csv.gz] [--catalog FILE] [--strict]\n"
           "         [--region-model cloud-as|regional|regional+backbone|FILE] [--org-info FILE]\n"
           "       mpicsim run SCENARIO.json --estimate [--threads N]\n"
           "       mpirun -np N mpicsim run SCENARIO.json --out DIR ...   (MPI build)\n"
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
           "compliant\"; --strict refuses to run it. --estimate measures this machine's trial rate "
           "on a\n"
           "sample of the study and prints its units, CPU-hours and output size, writing\n"
           "nothing. Under mpirun (built with -DMPICSIM_WITH_MPI=ON) the ranks share the\n"
           "shards and rank 0 writes the same files as a single-process run.\n";
}

RunCommand::Options RunCommand::parse(const std::vector<std::string>& arguments) {
    if (arguments.empty() || arguments[0].starts_with("--")) {
        throw UsageError("missing the scenario file");
    }
    const CommandLine line(
        {arguments.begin() + 1, arguments.end()},
        {"--out", "--threads", "--catalog", "--trials", "--region-model", "--org-info"},
        {"--resume", "--no-plots", "--strict", "--estimate"});
    Options options;
    options.scenario = arguments[0];
    options.estimate = line.flag("--estimate");
    if (!options.estimate) {
        options.out = line.required("--out");
    }
    options.threads = line.threads();
    options.resume = line.flag("--resume");
    options.noPlots = line.flag("--no-plots");
    options.strict = line.flag("--strict");
    if (line.value("--trials")) {
        options.trials =
            trialsOutputFromString(line.choice("--trials", {"none", "csv", "csv.gz"}, "csv"));
    }
    options.catalog = line.catalog();
    for (const std::string& name : RegionModelOption::valueOptions()) {
        if (const auto value = line.value(name)) {
            options.regionArguments.insert(options.regionArguments.end(), {name, *value});
        }
    }
    return options;
}

std::unique_ptr<StudySession> RunCommand::prepare(const Options& options, std::ostream& err) {
    const auto today = CaSelection::today();
    const std::string scenarioText = InputFile::read(options.scenario);
    Scenario scenario = ScenarioReader::readFile(options.scenario, options.catalog, today);
    RegionModelOption::override(
        CommandLine(options.regionArguments, RegionModelOption::valueOptions(), {}), scenario);
    auto session = std::make_unique<StudySession>(
        std::move(scenario), StudySession::ScenarioFile{options.scenario, scenarioText, today});
    for (const AbsentAsns& absent : session->plan().absentAsns()) {
        if (options.strict) {
            throw InputError(options.scenario.string(), 0, absent.summary() + " (--strict)");
        }
        err << absent.warning() << "\n";
    }
    const StudyCompliance& compliance = session->compliance();
    if (options.strict && compliance.nonCompliantCount() > 0) {
        std::string pairs;
        for (const StudyCompliance::Pair& pair : compliance.pairs()) {
            if (!pair.compliant()) {
                pairs += "\n  " + StudyCompliance::warning(pair);
            }
        }
        throw InputError(options.scenario.string(), 0,
                         std::to_string(compliance.nonCompliantCount()) +
                             " configuration/policy pair(s) not compliant (--strict):" + pairs);
    }
    for (const StudyCompliance::Pair& pair : compliance.pairs()) {
        if (!pair.compliant()) {
            err << "warning: " << StudyCompliance::warning(pair) << "\n";
        }
    }
    for (const std::string& notice : session->notices()) {
        err << "mpicsim run: note: " << notice << "\n";
    }
    for (const std::string& note : session->runner().skipped()) {
        err << "mpicsim run: note: skipped " << note << "\n";
    }
    for (const std::string& block : session->scenario().otherCommandBlocks) {
        const char* command = block == "optimize" ? "optimize" : "quorum-sweep";
        err << "mpicsim run: note: this scenario's " << block << " block is run by `mpicsim "
            << command << "`; run scores the ca_configurations\n";
    }
    err << "mpicsim run: note: region model " << session->regionModel()
        << (session->organisationsFile().empty()
                ? std::string()
                : " (organisations: " + session->organisationsFile() + ")")
        << "\n";
    for (const std::string& note : session->placementNotes()) {
        err << "mpicsim run: note: " << note << "\n";
    }
    return session;
}

TrialsOutput RunCommand::trialsOutput(const Options& options, const StudySession& session,
                                      std::ostream& err) {
    std::optional<TrialsOutput> trials = options.trials;
    if (!trials && options.resume) {
        trials = ProgressJournal::keptTrials(options.out);
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
    return *trials;
}

void RunCommand::open(StudySession& session, const Options& options, TrialsOutput trials) {
    try {
        session.openOutput(options.out, options.resume, trials);
    } catch (const ProgressJournal::Refused& refusal) {
        throw UsageError(refusal.what());
    }
}

void RunCommand::finish(StudySession& session, const Options& options, std::ostream& out,
                        const StudySession::Plotter& plotter) {
    const std::vector<std::filesystem::path> written =
        session.writeResults(options.noPlots ? StudySession::Plotter() : plotter);
    out << "mpicsim run: " << session.plan().unitCount() << " trials × "
        << session.runner().combinations().size() << " configuration/policy pairs done\n";
    for (const auto& path : written) {
        out << "  " << path.string() << "\n";
    }
}

int RunCommand::interrupted(const StudySession& session, const Options& options,
                            std::ostream& err) {
    err << "mpicsim run: interrupted after " << session.shardsDone() << " of "
        << session.plan().shardCount() << " shards; continue with: mpicsim run "
        << options.scenario.string() << " --out " << options.out.string() << " --resume\n";
    return 130;
}

int RunCommand::run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
                    const StudySession::Plotter& plotter) {
    try {
        const Options options = parse(arguments);
        if (options.estimate) {
            StudyEstimate::print(*prepare(options, err), options.threads, out);
            return 0;
        }
        if (DistributedRun::wanted()) {
            return DistributedRun::run(options, out, err, plotter);
        }
        std::unique_ptr<StudySession> session = prepare(options, err);
        open(*session, options, trialsOutput(options, *session, err));
        const std::uint64_t shardCount = session->plan().shardCount();
        if (session->resumed()) {
            err << "mpicsim run: resuming at shard " << session->shardsDone() << " of "
                << shardCount << "\n";
        }

        ProgressBar bar(err, shardCount, session->shardsDone());
        const std::uint64_t trialsPerShard =
            session->plan().shardSize() * session->runner().combinations().size();
        bool complete = false;
        {
            const InterruptHandlers handlers;
            complete = session->run(
                options.threads,
                [&](std::uint64_t shardsDone) { bar.update(shardsDone, trialsPerShard); },
                &InterruptHandlers::interrupted());
        }
        bar.finish();
        if (!complete) {
            return interrupted(*session, options, err);
        }
        finish(*session, options, out, plotter);
        return 0;
    } catch (...) {
        return CommandErrors::report("run", err);
    }
}

}  // namespace mpicsim::cli
