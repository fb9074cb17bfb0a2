#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "mpicsim/study/StudySession.hpp"

namespace mpicsim {

// A study shared by the ranks of an MPI job (MPI_COMM_WORLD). Every rank builds the same
// StudySession; rank 0 coordinates and also computes: it hands out blocks of consecutive shards
// on request (a rank that finishes a block asks for the next, so a slow rank holds up no
// other), receives every shard's trials as trials.csv rows, and adds them to its session in
// shard order, whatever rank computed them, buffering shards that arrive early. The rows pass
// through TrialsCsv, the format a resumed run already summarises from, so that any column a
// study writes reaches rank 0's summary and journal unchanged, and the output folder (written
// by rank 0 alone) holds the same bytes as a single-process run's.
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
    // On rank 0 after run(): how many shards each rank computed (received, for the others).
    const std::vector<std::uint64_t>& shardsComputed() const { return shardsComputed_; }
    // On rank 0 after run(): the CPU time its coordinating thread spent reading the shards' rows
    // and journaling them, the one part of the job that more ranks do not share.
    double journalSeconds() const { return journalSeconds_; }

    // Ends the whole job (every rank) with `status`.
    [[noreturn]] void abort(int status) const;

  private:
    bool coordinate(StudySession& session, std::size_t threads,
                    const std::function<void(std::uint64_t)>& onShardDone,
                    const std::atomic<bool>* stop);
    void work(const StudySession& session, std::size_t threads,
              const std::atomic<bool>* stop) const;

    int rank_ = 0;
    int ranks_ = 1;
    std::vector<std::uint64_t> shardsComputed_;
    double journalSeconds_ = 0;
};

}  // namespace mpicsim
