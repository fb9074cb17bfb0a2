// DistributedOptimize in a build with MPI (MPICSIM_WITH_MPI=ON).
#include "DistributedOptimize.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>

#include "CommandErrors.hpp"
#include "MpiLaunch.hpp"
#include "mpicsim/io/FileDigest.hpp"
#include "mpicsim/study/DistributedStudy.hpp"

namespace mpicsim::cli {
namespace {

// The error report CommandErrors writes for the exception being handled.
std::string currentError() {
    std::ostringstream message;
    CommandErrors::report("optimize", message);
    return message.str();
}

}  // namespace

bool DistributedOptimize::wanted() {
    return MpiLaunch::ranks() >= 1;
}

int DistributedOptimize::run(const OptimizeCommand::Options& options, std::ostream& out,
                             std::ostream& err, const OptimizeCommand::Plotter& plotter) {
    DistributedStudy job(nullptr, nullptr);
    const bool coordinator = job.rank() == 0;
    const std::string rankName = "rank " + std::to_string(job.rank()) + ": ";

    // Every rank sets up the search; only rank 0 prints its notes.
    std::ostringstream quiet;
    std::ostream& notes = coordinator ? err : quiet;
    std::unique_ptr<OptimizationSession> session;
    std::string localError;
    std::string scenarioSha256;
    try {
        session = OptimizeCommand::prepare(options, notes);
        scenarioSha256 = FileDigest::sha256OfFile(options.scenarioPath);
    } catch (...) {
        localError = currentError();
        err << rankName + localError;  // one write: the ranks share the terminal
    }
    const std::string disagreement = job.agreeOnStudy(
        scenarioSha256, session ? session->topologySha256() : std::string(), localError);
    if (!disagreement.empty()) {
        err << "mpicsim optimize: error: " + disagreement + "\n";  // one write: ranks share stderr
        return 2;
    }

    // Rank 0 alone makes the output folder and reads a --matrix; a refusal stops every rank.
    const std::optional<std::string> givenMatrix = options.line.value("--matrix");
    std::string openError;
    if (coordinator) {
        try {
            std::filesystem::create_directories(options.outDir);
            if (givenMatrix) {
                session->readMatrix(*givenMatrix);
            }
        } catch (...) {
            openError = currentError();
        }
    }
    openError = job.shareRankZeroError(openError);
    if (!openError.empty()) {
        err << openError;  // the same words on every rank
        return 2;
    }

    try {
        session->assembleMatricesWith([&](const OptimizationSession::MatrixBuild& build) {
            return job.buildMatrix(build, options.threads);
        });
        if (coordinator) {
            err << "mpicsim optimize: " << job.ranks() << " MPI rank(s), " << options.threads
                << " thread(s) on rank 0\n";
        }
        // Rank 0 says how many words of `matrix` each rank built.
        const auto tell = [&](const char* matrix) {
            if (coordinator) {
                err << "mpicsim optimize: " << matrix << " words computed by rank 0.."
                    << job.ranks() - 1 << ":";
                for (const std::uint64_t words : job.shardsComputed()) {
                    err << " " << words;
                }
                err << "\n";
            }
        };
        if (!givenMatrix) {
            session->buildMatrix(options.threads);
            tell("outcome-matrix");
            if (coordinator) {
                session->writeMatrix(options.outDir / "outcome-matrix.bin");
            }
        }
        if (session->holdoutUnitCount() > 0) {
            session->buildHoldoutMatrix(options.threads);
            tell("held-out matrix");
        }
    } catch (...) {
        // The other ranks may wait for this one: the whole job ends.
        err << rankName + currentError() << std::flush;
        job.abort(2);
    }
    if (!coordinator) {
        return 0;
    }
    try {
        OptimizeCommand::finish(*session, options, out, err, plotter);
    } catch (...) {
        return CommandErrors::report("optimize", err);
    }
    return 0;
}

}  // namespace mpicsim::cli
