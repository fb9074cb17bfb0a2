#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "mpicsim/study/OptimizationSession.hpp"
#include "mpicsim/study/StudySession.hpp"

namespace mpicsim {

// A study shared by the ranks of an MPI job (MPI_COMM_WORLD). Every rank builds the same
// StudySession; rank 0 coordinates and also computes: it hands out blocks of consecutive shards
// on request (a rank that finishes a block asks for the next, so a slow rank holds up no
// other), receives every shard's trials as trials.csv rows, and adds them to its session in
// shard order, whatever rank computed them, buffering shards that arrive early. The rows pass
// through TrialsCsv, the format a resumed run already summarises from, so that any column a
// study writes reaches rank 0's summary and journal unchanged, and the output folder (written
// by rank 0 alone) holds the same bytes as a single-process run's. An outcome matrix (mpicsim
// optimize) is built the same way, its 64-unit words standing for the shards: every rank builds
// blocks of words and rank 0 puts them in place.
//
// Construction initialises MPI (one thread calls MPI: MPI_THREAD_FUNNELED); destruction
// finalises it. Only one may exist in a process.
class DistributedStudy {
  public:
    DistributedStudy(int* argc, char*** argv);
    ~DistributedStudy();
    DistributedStudy(const DistributedStudy&) = delete;
    DistributedStudy& operator=(const DistributedStudy&) = delete;

    int rank() const { return rank_; }
    int ranks() const { return ranks_; }

    // Collective. Each rank gives the SHA-256 of its scenario file and of its topology, or the
    // error that kept it from building the study (then the digests are ignored). Returns, on
    // every rank, the same message: empty when every rank built the same study, else what went
    // wrong (the ranks that failed, or the first rank whose scenario or topology differs from
    // rank 0's).
    std::string agreeOnStudy(const std::string& scenarioSha256, const std::string& topologySha256,
                             const std::string& localError) const;
    // Collective. Rank 0's `error` (what its own step refused), on every rank.
    std::string shareRankZeroError(const std::string& error) const;

    // Collective. Computes the shards `session` has not done on `threads` threads per rank. On
    // rank 0 the session journals and summarises them (from session.shardsDone() on, between
    // beginShards and endShards) and onShardDone is called with the number of shards done;
    // other ranks only compute. Once `stop` is set no new block is handed out and each rank
    // stops after its current shard; rank 0 keeps the shards done up to the first gap. Returns,
    // on rank 0, whether every shard is done (other ranks: true).
    bool run(StudySession& session, std::size_t threads,
             const std::function<void(std::uint64_t)>& onShardDone, const std::atomic<bool>* stop);
    // Collective. Builds the matrix `build` describes on `threads` threads per rank: blocks of
    // its words are handed out as run's blocks of shards are, and rank 0 puts every word in
    // place. Returns, on rank 0, the whole matrix (the same words as build.words over all of
    // them), on the other ranks a matrix of no units.
    OutcomeMatrix buildMatrix(const OptimizationSession::MatrixBuild& build, std::size_t threads);
    // On rank 0 after run() or buildMatrix(): how many shards (matrix words) each rank computed
    // (received, for the others).
    const std::vector<std::uint64_t>& shardsComputed() const { return itemsComputed_; }
    // On rank 0 after run(): the CPU time its coordinating thread spent reading the shards' rows
    // and journaling them, the one part of the job that more ranks do not share.
    double journalSeconds() const { return journalSeconds_; }

    // Ends the whole job (every rank) with `status`.
    [[noreturn]] void abort(int status) const;

  private:
    // Sends one item's message (the item's number, then its result) to rank 0.
    using Deliver = std::function<void(const std::string& message)>;
    // Computes items [first, end) on any rank, delivering each; stops early once `stop` is set.
    using ComputeBlock = std::function<void(std::uint64_t first, std::uint64_t end,
                                            const Deliver& deliver, const std::atomic<bool>* stop)>;
    // On rank 0, each item's result (its message after the number), in item order.
    using TakeIn = std::function<void(std::uint64_t item, std::string_view result)>;

    // Rank 0: hands out blocks of items [firstItem, itemCount) on request, computes blocks
    // itself beside, and takes every result in, in order. Returns the item after the last one
    // taken in (itemCount unless `stop` was set).
    std::uint64_t coordinate(std::uint64_t firstItem, std::uint64_t itemCount,
                             const ComputeBlock& compute, const TakeIn& takeIn, std::size_t threads,
                             const std::atomic<bool>* stop);
    // The other ranks: asks for blocks and computes them until none is left.
    void work(const ComputeBlock& compute, std::size_t threads,
              const std::atomic<bool>* stop) const;

    int rank_ = 0;
    int ranks_ = 1;
    std::vector<std::uint64_t> itemsComputed_;
    double journalSeconds_ = 0;
};

}  // namespace mpicsim
