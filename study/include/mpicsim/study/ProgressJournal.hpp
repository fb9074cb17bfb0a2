#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>

#include "mpicsim/experiment/TrialRecord.hpp"

namespace mpicsim {

// A study's output folder as a journal that survives any interruption, kill -9 included:
// trials.csv grows shard by shard, each shard flushed to disk before progress.json (replaced
// atomically) counts it and its bytes; manifest.json says what the run is. A resumed run cuts
// trials.csv back to the bytes progress.json counts and continues at the next shard, so that
// it ends with the same files as an uninterrupted run.
//
// A run that keeps no trials.csv (manifest "trials": "none") checkpoints instead: progress.json
// holds the shards done and the summary state they add up to, written at most every
// kCheckpointInterval and when the run stops; a resumed run restores that state and redoes the
// shards after it.
class ProgressJournal {
  public:
    // A request the folder's state refuses: resuming was not asked for, or the scenario or the
    // topology changed since the run started.
    class Refused : public std::runtime_error {
      public:
        using std::runtime_error::runtime_error;
    };

    // Opens the journal in `directory` (created if needed). A folder holding no run starts one
    // with `freshManifest`; one holding a run is continued when `resume` is set and its manifest
    // has the same scenario_sha256 and topology.sha256 as `freshManifest`. Throws Refused, or
    // InputError when the folder's files cannot be read or trials.csv is too short.
    // Whether trials.csv is kept decides the manifest's "trials" ("csv" or "none"); a run is
    // only resumed as it was started.
    ProgressJournal(const std::filesystem::path& directory, bool resume,
                    nlohmann::json freshManifest, bool keepTrials = true);
    ~ProgressJournal();
    ProgressJournal(const ProgressJournal&) = delete;
    ProgressJournal& operator=(const ProgressJournal&) = delete;

    // Whether the run in `directory` keeps trials.csv; nullopt when it holds no run.
    static std::optional<bool> keptTrials(const std::filesystem::path& directory);

    bool resumed() const { return resumed_; }
    std::uint64_t shardsDone() const { return shardsDone_; }
    const std::filesystem::path& directory() const { return directory_; }
    const std::filesystem::path& trialsPath() const { return trialsPath_; }

    // Records the thread count, marks the run as running, and opens trials.csv for appending.
    void begin(std::size_t threads);
    // Appends one shard's rows to trials.csv, on disk before progress.json counts the shard
    // (without trials.csv: counts the shard for the next checkpoint).
    void append(std::span<const TrialRecord> records);

    static constexpr std::chrono::seconds kCheckpointInterval{2};
    bool keepsTrials() const { return keepTrials_; }
    // Without trials.csv: whether the last checkpoint is older than kCheckpointInterval, and
    // the checkpoint itself (the summary state of every shard appended so far).
    bool checkpointDue() const;
    void checkpoint(const std::string& summaryState);
    // The summary state of a resumed run without trials.csv.
    const std::string& resumedSummaryState() const { return summaryState_; }
    // Closes trials.csv; with `complete`, marks the manifest complete.
    void end(bool complete);

  private:
    void writeManifest() const;
    void writeProgress() const;

    std::filesystem::path directory_;
    std::filesystem::path trialsPath_;
    std::filesystem::path progressPath_;
    std::filesystem::path manifestPath_;
    nlohmann::json manifest_;
    bool resumed_ = false;
    std::uint64_t shardsDone_ = 0;
    std::uint64_t validBytes_ = 0;
    std::FILE* trials_ = nullptr;
    std::string rows_;  // reused for every shard
    bool keepTrials_ = true;
    std::string summaryState_;
    std::chrono::steady_clock::time_point lastCheckpoint_;
};

}  // namespace mpicsim
