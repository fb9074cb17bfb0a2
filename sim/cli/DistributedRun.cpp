// DistributedRun in a build with MPI (MPICSIM_WITH_MPI=ON): the ranks share the study through
// DistributedStudy; rank 0 alone prints progress and writes the output folder.
#include "DistributedRun.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <sstream>

#include "CommandErrors.hpp"
#include "InterruptHandlers.hpp"
#include "MpiLaunch.hpp"
#include "ProgressBar.hpp"
#include "mpicsim/study/DistributedStudy.hpp"

namespace mpicsim::cli {
namespace {

// The error report CommandErrors writes for the exception being handled, and its status.
std::pair<std::string, int> currentError() {
    std::ostringstream message;
    const int status = CommandErrors::report("run", message);
    return {message.str(), status};
}

}  // namespace

bool DistributedRun::wanted() {
    return MpiLaunch::ranks() >= 1;
}

int DistributedRun::run(const RunCommand::Options& options, std::ostream& out, std::ostream& err,
                        const StudySession::Plotter& plotter) {
    DistributedStudy job(nullptr, nullptr);
    const bool coordinator = job.rank() == 0;
    const std::string rankName = "rank " + std::to_string(job.rank()) + ": ";

    // Every rank builds the study; only rank 0 prints its warnings and notes.
    std::ostringstream quiet;
    std::ostream& notes = coordinator ? err : quiet;
    std::unique_ptr<StudySession> session;
    std::string localError;
    std::string scenarioSha256;
    std::string topologySha256;
    try {
        session = RunCommand::prepare(options, notes);
        scenarioSha256 = session->scenarioSha256();
        topologySha256 = session->topologySha256();
    } catch (...) {
        localError = currentError().first;
        err << rankName + localError;  // one write: the ranks share the terminal
    }
    const std::string disagreement = job.agreeOnStudy(scenarioSha256, topologySha256, localError);
    if (!disagreement.empty()) {
        err << "mpicsim run: error: " + disagreement + "\n";  // one write: the ranks share stderr
        return 2;
    }

    // Rank 0 alone opens the output folder; a refusal stops every rank with its message.
    std::string openError;
    if (coordinator) {
        try {
            RunCommand::open(*session, options, RunCommand::trialsOutput(options, *session, err));
        } catch (...) {
            openError = currentError().first;
        }
    }
    openError = job.shareRankZeroError(openError);
    if (!openError.empty()) {
        err << openError;  // the same words on every rank
        return 2;
    }

    const std::uint64_t shardCount = session->plan().shardCount();
    const std::uint64_t trialsPerShard =
        session->plan().shardSize() * session->runner().combinations().size();
    const std::uint64_t firstShard = session->shardsDone();
    std::unique_ptr<ProgressBar> bar;
    if (coordinator) {
        if (session->resumed()) {
            err << "mpicsim run: resuming at shard " << session->shardsDone() << " of "
                << shardCount << "\n";
        }
        err << "mpicsim run: " << job.ranks() << " MPI rank(s), " << options.threads
            << " thread(s) on rank 0, " << shardCount - session->shardsDone() << " shards to do\n";
        bar = std::make_unique<ProgressBar>(err, shardCount, session->shardsDone(),
                                            ProgressBar::Style::Lines);
    }
    bool complete = false;
    try {
        const InterruptHandlers handlers;
        complete = job.run(
            *session, options.threads,
            [&](std::uint64_t shardsDone) { bar->update(shardsDone, trialsPerShard); },
            &InterruptHandlers::interrupted());
    } catch (...) {
        // The other ranks may wait for this one: the whole job ends.
        err << rankName + currentError().first << std::flush;
        job.abort(2);
    }
    if (!coordinator) {
        return 0;
    }
    bar->finish();
    err << "mpicsim run: shards computed by rank 0.." << job.ranks() - 1 << ":";
    for (const std::uint64_t shards : job.shardsComputed()) {
        err << " " << shards;
    }
    err << "\n";
    const std::uint64_t shardSize = session->plan().shardSize();
    const std::uint64_t units =
        std::min(session->shardsDone() * shardSize, session->plan().unitCount()) -
        firstShard * shardSize;
    char line[160];
    std::snprintf(
        line, sizeof line,
        "mpicsim run: rank 0 journaled %llu trial units in %.2f CPU-s: at most %.0f "
        "units/s for the whole job\n",
        static_cast<unsigned long long>(units), job.journalSeconds(),
        job.journalSeconds() > 0 ? static_cast<double>(units) / job.journalSeconds() : 0.0);
    err << line;
    if (!complete) {
        return RunCommand::interrupted(*session, options, err);
    }
    try {
        RunCommand::finish(*session, options, out, plotter);
    } catch (...) {
        const auto [message, status] = currentError();
        err << message;
        return status;
    }
    return 0;
}

}  // namespace mpicsim::cli
