#include "mpicsim/study/ProgressJournal.hpp"

#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>

#include "DurableFile.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "mpicsim/io/TrialsCsv.hpp"

namespace mpicsim {
namespace {

std::string utcNow() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

}  // namespace

ProgressJournal::ProgressJournal(const std::filesystem::path& directory, bool resume,
                                 nlohmann::json freshManifest, bool keepTrials)
    : directory_(directory),
      trialsPath_(directory / "trials.csv"),
      progressPath_(directory / "progress.json"),
      manifestPath_(directory / "manifest.json"),
      keepTrials_(keepTrials),
      lastCheckpoint_(std::chrono::steady_clock::now()) {
    std::filesystem::create_directories(directory_);
    if (!std::filesystem::exists(trialsPath_) && !std::filesystem::exists(progressPath_)) {
        manifest_ = std::move(freshManifest);
        manifest_["started_at"] = utcNow();
        if (!keepTrials_) {
            manifest_["trials"] = "none";
            writeProgress();
            return;
        }
        manifest_["trials"] = "csv";
        std::ofstream(trialsPath_, std::ios::binary | std::ios::trunc) << TrialsCsv::header();
        validBytes_ = TrialsCsv::header().size();
        writeProgress();
        return;
    }
    if (!resume) {
        throw Refused(directory_.string() +
                      " already holds a run; add --resume to continue it, or choose another --out");
    }
    try {
        manifest_ = nlohmann::json::parse(InputFile::read(manifestPath_));
        const auto progress = nlohmann::json::parse(InputFile::read(progressPath_));
        if (manifest_.at("scenario_sha256") != freshManifest.at("scenario_sha256") ||
            manifest_.at("topology").at("sha256") != freshManifest.at("topology").at("sha256")) {
            throw Refused("cannot resume: the scenario or the topology changed since the run in " +
                          directory_.string() + " started");
        }
        const bool startedWithTrials = manifest_.value("trials", "csv") != "none";
        if (startedWithTrials != keepTrials_) {
            throw Refused("cannot resume: the run in " + directory_.string() +
                          " was started with --trials " + (startedWithTrials ? "csv" : "none"));
        }
        shardsDone_ = progress.at("shards_done").get<std::uint64_t>();
        if (!keepTrials_) {
            summaryState_ = progress.at("summary_state").get<std::string>();
            manifest_["resumed_at"].push_back(utcNow());
            resumed_ = true;
            return;
        }
        validBytes_ = progress.at("bytes").get<std::uint64_t>();
    } catch (const nlohmann::json::exception& error) {
        throw InputError(directory_.string(), 0,
                         std::string("cannot resume: unreadable manifest.json or "
                                     "progress.json: ") +
                             error.what());
    }
    if (std::filesystem::file_size(trialsPath_) < validBytes_) {
        throw InputError(trialsPath_.string(), 0,
                         "cannot resume: the file is shorter than progress.json says");
    }
    std::filesystem::resize_file(trialsPath_, validBytes_);
    manifest_["resumed_at"].push_back(utcNow());
    resumed_ = true;
}

std::optional<bool> ProgressJournal::keptTrials(const std::filesystem::path& directory) {
    const std::filesystem::path manifest = directory / "manifest.json";
    if (!std::filesystem::exists(manifest)) {
        return std::nullopt;
    }
    try {
        return nlohmann::json::parse(InputFile::read(manifest)).value("trials", "csv") != "none";
    } catch (const nlohmann::json::exception& error) {
        throw InputError(manifest.string(), 0, std::string("unreadable: ") + error.what());
    }
}

ProgressJournal::~ProgressJournal() {
    if (trials_ != nullptr) {
        std::fclose(trials_);
    }
}

void ProgressJournal::begin(std::size_t threads) {
    manifest_["threads"] = threads;
    manifest_["status"] = "running";
    writeManifest();
    if (!keepTrials_) {
        return;
    }
    trials_ = std::fopen(trialsPath_.c_str(), "ab");
    if (trials_ == nullptr) {
        throw InputError(trialsPath_.string(), 0, "cannot open for appending");
    }
}

void ProgressJournal::append(std::span<const TrialRecord> records) {
    if (!keepTrials_) {
        ++shardsDone_;
        return;
    }
    rows_.clear();
    TrialsCsv::appendRows(records, rows_);
    if (std::fwrite(rows_.data(), 1, rows_.size(), trials_) != rows_.size() ||
        std::fflush(trials_) != 0 || ::fsync(::fileno(trials_)) != 0) {
        throw InputError(trialsPath_.string(), 0, "write failed");
    }
    validBytes_ += rows_.size();
    ++shardsDone_;
    writeProgress();
}

void ProgressJournal::end(bool complete) {
    if (trials_ != nullptr) {
        std::fclose(trials_);
        trials_ = nullptr;
    }
    if (complete) {
        manifest_["finished_at"] = utcNow();
        manifest_["status"] = "complete";
        writeManifest();
    }
}

void ProgressJournal::writeManifest() const {
    DurableFile::write(manifestPath_, manifest_.dump(2) + "\n");
}

bool ProgressJournal::checkpointDue() const {
    return !keepTrials_ &&
           std::chrono::steady_clock::now() - lastCheckpoint_ >= kCheckpointInterval;
}

void ProgressJournal::checkpoint(const std::string& summaryState) {
    summaryState_ = summaryState;
    writeProgress();
    lastCheckpoint_ = std::chrono::steady_clock::now();
}

void ProgressJournal::writeProgress() const {
    if (!keepTrials_) {
        DurableFile::write(progressPath_, nlohmann::json({{"shards_done", shardsDone_},
                                                          {"summary_state", summaryState_}})
                                                  .dump() +
                                              "\n");
        return;
    }
    DurableFile::write(
        progressPath_,
        nlohmann::json({{"shards_done", shardsDone_}, {"bytes", validBytes_}}).dump() + "\n");
}

}  // namespace mpicsim
