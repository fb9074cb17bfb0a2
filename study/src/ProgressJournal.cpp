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
                                 nlohmann::json freshManifest)
    : directory_(directory),
      trialsPath_(directory / "trials.csv"),
      progressPath_(directory / "progress.json"),
      manifestPath_(directory / "manifest.json") {
    std::filesystem::create_directories(directory_);
    if (!std::filesystem::exists(trialsPath_)) {
        manifest_ = std::move(freshManifest);
        manifest_["started_at"] = utcNow();
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
        shardsDone_ = progress.at("shards_done").get<std::uint64_t>();
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

ProgressJournal::~ProgressJournal() {
    if (trials_ != nullptr) {
        std::fclose(trials_);
    }
}

void ProgressJournal::begin(std::size_t threads) {
    manifest_["threads"] = threads;
    manifest_["status"] = "running";
    writeManifest();
    trials_ = std::fopen(trialsPath_.c_str(), "ab");
    if (trials_ == nullptr) {
        throw InputError(trialsPath_.string(), 0, "cannot open for appending");
    }
}

void ProgressJournal::append(std::span<const TrialRecord> records) {
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

void ProgressJournal::writeProgress() const {
    DurableFile::write(
        progressPath_,
        nlohmann::json({{"shards_done", shardsDone_}, {"bytes", validBytes_}}).dump() + "\n");
}

}  // namespace mpicsim
