#include "mpicsim/study/DistributedStudy.hpp"

#include <mpi.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "mpicsim/io/TrialsCsv.hpp"

namespace mpicsim {
namespace {

// Messages between rank 0 and the other ranks.
constexpr int kRequestTag = 1;  // rank -> 0: the requester's thread count (uint64; 0: stopping)
constexpr int kBlockTag = 2;    // 0 -> rank: first and end item (uint64 each); empty: no more
constexpr int kItemTag = 3;     // rank -> 0: the item (uint64), then its result

void check(int status, const char* call) {
    if (status != MPI_SUCCESS) {
        throw std::runtime_error(std::string("MPI call failed: ") + call);
    }
}

void appendNumber(std::string& message, std::uint64_t value) {
    char bytes[sizeof value];
    std::memcpy(bytes, &value, sizeof value);
    message.append(bytes, sizeof value);
}

std::uint64_t readNumber(std::string_view message, std::size_t offset) {
    std::uint64_t value = 0;
    if (message.size() < offset + sizeof value) {
        throw std::runtime_error("distributed study: truncated message");
    }
    std::memcpy(&value, message.data() + offset, sizeof value);
    return value;
}

void send(const std::string& message, int destination, int tag) {
    check(MPI_Send(message.data(), static_cast<int>(message.size()), MPI_BYTE, destination, tag,
                   MPI_COMM_WORLD),
          "MPI_Send");
}

// Receives the message `status` announced (from MPI_Probe or MPI_Iprobe).
std::string receive(const MPI_Status& status) {
    int bytes = 0;
    check(MPI_Get_count(&status, MPI_BYTE, &bytes), "MPI_Get_count");
    std::string message(static_cast<std::size_t>(bytes), '\0');
    check(MPI_Recv(message.data(), bytes, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG,
                   MPI_COMM_WORLD, MPI_STATUS_IGNORE),
          "MPI_Recv");
    return message;
}

// Rank 0's string, the same on every rank.
std::string broadcast(std::string text, int rank) {
    std::uint64_t size = text.size();
    check(MPI_Bcast(&size, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD), "MPI_Bcast");
    if (rank != 0) {
        text.assign(size, '\0');
    }
    check(MPI_Bcast(text.data(), static_cast<int>(size), MPI_CHAR, 0, MPI_COMM_WORLD), "MPI_Bcast");
    return text;
}

// The items (shards of a study, words of an outcome matrix) not done yet, handed out as blocks of
// consecutive items, guided: a block is a share of what remains (half of it spread over the
// ranks), at least 4 items per thread of the rank that asks (so that its threads stay busy to
// the block's end) and at most 64. Rank 0 holds the results of items done but not yet taken in
// (those after a gap); no block is handed out while they exceed kBufferedShardsPerRank per rank,
// which bounds its memory when a rank is slow.
class ShardBlocks {
  public:
    struct Block {
        std::uint64_t first = 0;
        std::uint64_t end = 0;
        bool empty() const { return first == end; }
    };
    static constexpr std::uint64_t kBufferedShardsPerRank = 1024;

    ShardBlocks(std::uint64_t first, std::uint64_t end, int ranks)
        : next_(first), journaled_(first), end_(end), ranks_(static_cast<std::uint64_t>(ranks)) {}

    // A block, an empty one when none is left (or handing out stopped), or nullopt while too
    // many shards wait to be journaled.
    std::optional<Block> take(std::uint64_t threads) {
        const std::lock_guard lock(mutex_);
        return takeLocked(threads);
    }
    // The same, waiting instead of returning nullopt.
    Block takeWaiting(std::uint64_t threads) {
        std::unique_lock lock(mutex_);
        std::optional<Block> block;
        changed_.wait(lock, [&] { return (block = takeLocked(threads)).has_value(); });
        return *block;
    }
    void journaledUpTo(std::uint64_t shard) {
        const std::lock_guard lock(mutex_);
        journaled_ = shard;
        changed_.notify_all();
    }
    void stopHanding() {
        const std::lock_guard lock(mutex_);
        next_ = end_;
        changed_.notify_all();
    }

  private:
    std::optional<Block> takeLocked(std::uint64_t threads) {
        if (next_ >= end_) {
            return Block{end_, end_};
        }
        if (next_ > journaled_ && next_ - journaled_ >= kBufferedShardsPerRank * ranks_) {
            return std::nullopt;
        }
        threads = std::max<std::uint64_t>(threads, 1);
        const std::uint64_t share = (end_ - next_) / (2 * ranks_);
        const std::uint64_t size =
            std::min(std::clamp(share, 4 * threads, 64 * threads), end_ - next_);
        const Block block{next_, next_ + size};
        next_ += size;
        return block;
    }

    std::mutex mutex_;
    std::condition_variable changed_;
    std::uint64_t next_;
    std::uint64_t journaled_;
    std::uint64_t end_;
    std::uint64_t ranks_;
};

double threadCpuSeconds() {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

std::string shardRows(std::uint64_t shard, std::span<const TrialRecord> records) {
    std::string message;
    appendNumber(message, shard);
    TrialsCsv::appendRows(records, message);
    return message;
}

// Word `word` of the whole matrix, word `offset` of `block`: that word of every plane, candidate
// by candidate, after the word's number.
std::string matrixWord(std::uint64_t word, const OutcomeMatrix& block, std::size_t offset) {
    std::string message;
    appendNumber(message, word);
    const std::size_t planes = block.candidateCount() * 2;
    for (std::size_t plane = 0; plane < planes; ++plane) {
        appendNumber(message, block.planeWords()[plane * block.wordsPerPlane() + offset]);
    }
    return message;
}

}  // namespace

DistributedStudy::DistributedStudy(int* argc, char*** argv) {
    int provided = 0;
    check(MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
    if (provided < MPI_THREAD_FUNNELED) {
        MPI_Finalize();
        throw std::runtime_error("the MPI library does not allow threads (MPI_THREAD_FUNNELED)");
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks_);
}

DistributedStudy::~DistributedStudy() {
    MPI_Finalize();
}

void DistributedStudy::abort(int status) const {
    MPI_Abort(MPI_COMM_WORLD, status);
    std::terminate();  // MPI_Abort does not return
}

std::string DistributedStudy::agreeOnStudy(const std::string& scenarioSha256,
                                           const std::string& topologySha256,
                                           const std::string& localError) const {
    // Each rank's report: a failure flag and the two digests (64 hex digits each).
    constexpr std::size_t kDigest = 64;
    std::string report(1 + 2 * kDigest, ' ');
    report[0] = localError.empty() ? '0' : '1';
    scenarioSha256.copy(report.data() + 1, kDigest);
    topologySha256.copy(report.data() + 1 + kDigest, kDigest);
    std::string reports(rank_ == 0 ? report.size() * static_cast<std::size_t>(ranks_) : 0, ' ');
    check(MPI_Gather(report.data(), static_cast<int>(report.size()), MPI_CHAR, reports.data(),
                     static_cast<int>(report.size()), MPI_CHAR, 0, MPI_COMM_WORLD),
          "MPI_Gather");
    std::string verdict;
    if (rank_ == 0) {
        std::string failed;
        for (int r = 0; r < ranks_; ++r) {
            if (reports[static_cast<std::size_t>(r) * report.size()] == '1') {
                failed += (failed.empty() ? "" : ", ") + std::to_string(r);
            }
        }
        if (!failed.empty()) {
            verdict = "rank(s) " + failed + " of " + std::to_string(ranks_) +
                      " could not set up the study (each printed why); every rank stops";
        }
        for (int r = 1; r < ranks_ && verdict.empty(); ++r) {
            const std::string_view theirs(
                reports.data() + static_cast<std::size_t>(r) * report.size(), report.size());
            const std::string_view ours(reports.data(), report.size());
            const char* what = nullptr;
            std::size_t at = 0;
            if (theirs.substr(1, kDigest) != ours.substr(1, kDigest)) {
                what = "scenario file";
                at = 1;
            } else if (theirs.substr(1 + kDigest) != ours.substr(1 + kDigest)) {
                what = "topology";
                at = 1 + kDigest;
            }
            if (what != nullptr) {
                verdict = "the ranks were started on different studies: rank " + std::to_string(r) +
                          "'s " + what + " has SHA-256 " + std::string(theirs.substr(at, kDigest)) +
                          ", rank 0's " + std::string(ours.substr(at, kDigest)) +
                          "; start every rank on the same scenario file and topology";
            }
        }
    }
    return broadcast(verdict, rank_);
}

std::string DistributedStudy::shareRankZeroError(const std::string& error) const {
    return broadcast(error, rank_);
}

bool DistributedStudy::run(StudySession& session, std::size_t threads,
                           const std::function<void(std::uint64_t)>& onShardDone,
                           const std::atomic<bool>* stop) {
    const ComputeBlock compute = [&session, threads](std::uint64_t first, std::uint64_t end,
                                                     const Deliver& deliver,
                                                     const std::atomic<bool>* halt) {
        session.runner().run(
            threads, first, end,
            [&](std::uint64_t shard, std::span<const TrialRecord> records) {
                deliver(shardRows(shard, records));
            },
            halt);
    };
    if (rank_ != 0) {
        work(compute, threads, stop);
        return true;
    }
    journalSeconds_ = 0;
    std::string csv;  // one shard's rows under the header, as TrialsCsv reads them
    std::vector<TrialRecord> records;
    const std::string source = "rows received for shard ";
    const TakeIn journal = [&](std::uint64_t shard, std::string_view rows) {
        const double journalBegan = threadCpuSeconds();
        csv.assign(TrialsCsv::header());
        csv.append(rows);
        std::size_t count = 0;  // records are assigned over, reusing their verdicts
        TrialsCsv::parse(csv, source + std::to_string(shard), [&](const TrialRecord& record) {
            if (count < records.size()) {
                records[count] = record;
            } else {
                records.push_back(record);
            }
            ++count;
        });
        session.addShard(std::span<const TrialRecord>(records.data(), count));
        journalSeconds_ += threadCpuSeconds() - journalBegan;
        if (onShardDone) {
            onShardDone(shard + 1);
        }
    };
    session.beginShards(threads);
    try {
        coordinate(session.shardsDone(), session.plan().shardCount(), compute, journal, threads,
                   stop);
    } catch (...) {
        session.endShards();
        throw;
    }
    return session.endShards();
}

OutcomeMatrix DistributedStudy::buildMatrix(const OptimizationSession::MatrixBuild& build,
                                            std::size_t threads) {
    const ComputeBlock compute = [&build, threads](std::uint64_t first, std::uint64_t end,
                                                   const Deliver& deliver,
                                                   const std::atomic<bool>*) {
        const OutcomeMatrix block = build.words(first, end, threads);
        for (std::uint64_t word = first; word < end; ++word) {
            deliver(matrixWord(word, block, word - first));
        }
    };
    if (rank_ != 0) {
        work(compute, threads, nullptr);
        return build.words(0, 0, 1);
    }
    OutcomeMatrix matrix = build.blank();
    const TakeIn place = [&matrix](std::uint64_t word, std::string_view planes) {
        std::vector<std::uint64_t> words(planes.size() / sizeof(std::uint64_t));
        std::memcpy(words.data(), planes.data(), words.size() * sizeof(std::uint64_t));
        matrix.setWords(word, words);
    };
    const std::uint64_t done =
        coordinate(0, matrix.wordsPerPlane(), compute, place, threads, nullptr);
    if (done != matrix.wordsPerPlane()) {
        throw std::runtime_error("distributed study: the outcome matrix was left incomplete");
    }
    return matrix;
}

void DistributedStudy::work(const ComputeBlock& compute, std::size_t threads,
                            const std::atomic<bool>* stop) const {
    while (true) {
        // A stopped rank asks with 0 threads: rank 0 then counts it as done, and hands it no block.
        std::string request;
        appendNumber(request,
                     stop != nullptr && stop->load() ? 0 : std::max<std::size_t>(threads, 1));
        send(request, 0, kRequestTag);
        MPI_Status status;
        check(MPI_Probe(0, kBlockTag, MPI_COMM_WORLD, &status), "MPI_Probe");
        const std::string reply = receive(status);
        const std::uint64_t first = readNumber(reply, 0);
        const std::uint64_t end = readNumber(reply, sizeof first);
        if (first == end) {
            // Rank 0 has released every rank once all are here: a request of a next distribution
            // on the same ranks cannot reach rank 0 while it is still handing out this one's.
            check(MPI_Barrier(MPI_COMM_WORLD), "MPI_Barrier");
            return;
        }
        compute(
            first, end, [](const std::string& message) { send(message, 0, kItemTag); }, stop);
    }
}

std::uint64_t DistributedStudy::coordinate(std::uint64_t firstItem, std::uint64_t itemCount,
                                           const ComputeBlock& compute, const TakeIn& takeIn,
                                           std::size_t threads, const std::atomic<bool>* stop) {
    itemsComputed_.assign(static_cast<std::size_t>(ranks_), 0);
    std::uint64_t next = firstItem;  // the next item to take in
    ShardBlocks blocks(next, itemCount, ranks_);
    std::atomic<bool> halt{false};

    // Rank 0's own share, computed beside the coordination.
    std::mutex doneMutex;
    std::vector<std::pair<std::uint64_t, std::string>> doneHere;
    std::atomic<bool> localFinished{false};
    std::exception_ptr localFailure;
    std::thread local([&] {
        try {
            while (!halt.load()) {
                const ShardBlocks::Block block = blocks.takeWaiting(threads);
                if (block.empty()) {
                    break;
                }
                compute(
                    block.first, block.end,
                    [&](const std::string& message) {
                        const std::uint64_t item = readNumber(message, 0);
                        const std::lock_guard lock(doneMutex);
                        doneHere.emplace_back(item, message);
                    },
                    &halt);
            }
        } catch (...) {
            localFailure = std::current_exception();
        }
        localFinished.store(true);
    });

    std::map<std::uint64_t, std::string> arrived;       // item -> message, until taken in
    std::deque<std::pair<int, std::uint64_t>> waiting;  // requests to answer once results drain
    int released = 0;                                   // ranks told that no block is left
    auto answer = [&](int requester, std::uint64_t requesterThreads) {
        const std::optional<ShardBlocks::Block> block =
            requesterThreads == 0 ? ShardBlocks::Block{} : blocks.take(requesterThreads);
        if (!block) {
            return false;
        }
        std::string reply;
        appendNumber(reply, block->first);
        appendNumber(reply, block->end);
        send(reply, requester, kBlockTag);
        released += block->empty() ? 1 : 0;
        return true;
    };
    try {
        while (true) {
            bool busy = false;
            if (stop != nullptr && stop->load() && !halt.load()) {
                halt.store(true);
                blocks.stopHanding();
            }
            const bool localDone = localFinished.load();
            if (localDone && localFailure && !halt.load()) {
                // Rank 0's share failed: the others finish their blocks and get no more.
                halt.store(true);
                blocks.stopHanding();
            }
            int flag = 0;
            MPI_Status status;
            check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status),
                  "MPI_Iprobe");
            if (flag != 0) {
                busy = true;
                std::string message = receive(status);
                if (status.MPI_TAG == kRequestTag) {
                    const std::uint64_t requesterThreads = readNumber(message, 0);
                    if (!answer(status.MPI_SOURCE, requesterThreads)) {
                        waiting.emplace_back(status.MPI_SOURCE, requesterThreads);
                    }
                } else if (status.MPI_TAG == kItemTag) {
                    const std::uint64_t item = readNumber(message, 0);
                    arrived.emplace(item, std::move(message));
                    ++itemsComputed_[static_cast<std::size_t>(status.MPI_SOURCE)];
                }
            }
            {
                const std::lock_guard lock(doneMutex);
                for (auto& [item, message] : doneHere) {
                    arrived.emplace(item, std::move(message));
                }
                itemsComputed_[0] += doneHere.size();
                busy = busy || !doneHere.empty();
                doneHere.clear();
            }
            while (!arrived.empty() && arrived.begin()->first == next) {
                takeIn(next, std::string_view(arrived.begin()->second).substr(sizeof next));
                arrived.erase(arrived.begin());
                ++next;
                blocks.journaledUpTo(next);
                busy = true;
            }
            while (!waiting.empty() && answer(waiting.front().first, waiting.front().second)) {
                waiting.pop_front();
            }
            if (localDone && released == ranks_ - 1) {
                break;
            }
            if (!busy) {
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
        }
    } catch (...) {
        halt.store(true);
        blocks.stopHanding();
        local.join();
        throw;
    }
    local.join();
    check(MPI_Barrier(MPI_COMM_WORLD), "MPI_Barrier");  // see work()
    if (localFailure) {
        std::rethrow_exception(localFailure);
    }
    return next;
}

}  // namespace mpicsim
