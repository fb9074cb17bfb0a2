#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "mpicsim/mpic/PerspectiveCatalog.hpp"
#include "mpicsim/study/StudySession.hpp"

namespace mpicsim::cli {

// `mpicsim run SCENARIO.json --out DIR [--threads N] [--resume]`: runs a study, streaming
// trials to DIR/trials.csv shard by shard (flushed, with DIR/progress.json so that --resume
// continues after an interruption, kill -9 included), then writes DIR/summary.json,
// DIR/summary.csv and DIR/plots. Exit status 0, 2 on bad input, 130 when interrupted. Started by
// an MPI launcher, it is one rank of a distributed run (DistributedRun); with --estimate it
// prints what the study would cost (StudyEstimate) and writes nothing.
class RunCommand {
  public:
    // `plotter` draws the charts (the CLI passes the Qt Charts renderer).
    static int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err,
                   const StudySession::Plotter& plotter = {});
    static const char* usage();

    // The command line, read once for every way of running the study.
    struct Options {
        std::filesystem::path scenario;
        std::filesystem::path out;  // empty with --estimate
        std::size_t threads = 1;
        bool resume = false;
        bool noPlots = false;
        bool strict = false;
        bool estimate = false;
        std::optional<TrialsOutput> trials;  // as given
        PerspectiveCatalog catalog;
        std::vector<std::string> regionArguments;  // --region-model and --org-info as given
    };
    static Options parse(const std::vector<std::string>& arguments);

    // The steps of a run that a distributed run shares. prepare reads the scenario and builds
    // the study (warnings and notes go to `err`; --strict turns a warning into an InputError);
    // trialsOutput decides what is kept of the trials (a note on `err` when none is kept by
    // default); open makes --out the output folder (a refused folder is a UsageError); finish
    // writes the results and lists them on `out`.
    static std::unique_ptr<StudySession> prepare(const Options& options, std::ostream& err);
    static TrialsOutput trialsOutput(const Options& options, const StudySession& session,
                                     std::ostream& err);
    static void open(StudySession& session, const Options& options, TrialsOutput trials);
    static void finish(StudySession& session, const Options& options, std::ostream& out,
                       const StudySession::Plotter& plotter);
    // The message and exit status for an interrupted run.
    static int interrupted(const StudySession& session, const Options& options, std::ostream& err);
};

}  // namespace mpicsim::cli
