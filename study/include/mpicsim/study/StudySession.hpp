#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mpicsim/analysis/ResultSummary.hpp"
#include "mpicsim/analysis/Summary.hpp"
#include "mpicsim/analysis/SummaryContext.hpp"
#include "mpicsim/experiment/ExperimentRunner.hpp"
#include "mpicsim/experiment/Scenario.hpp"
#include "mpicsim/experiment/StudyCompliance.hpp"
#include "mpicsim/experiment/TrialPlan.hpp"
#include "mpicsim/study/ProgressJournal.hpp"
#include "mpicsim/topology/AsGraph.hpp"
#include "mpicsim/topology/AsOrganisations.hpp"

namespace mpicsim {

// One study from scenario to results, the same for `mpicsim run` and the GUI: the topology the
// scenario names, the trial plan, the runner, the summary of every trial (victim weights and ROV
// shares included) and, with an output folder, the resumable journal (trials.csv, progress.json,
// manifest.json), summary.json, summary.csv and the plots. Without an output folder the study
// runs in memory.
class StudySession {
  public:
    // Draws a summary's charts into a folder and returns the files written.
    using Plotter = std::function<std::vector<std::filesystem::path>(const Summary&,
                                                                     const std::filesystem::path&)>;
    // Called after each shard with the number of shards done.
    using ProgressHandler = std::function<void(std::uint64_t)>;

    // The scenario file a study was read from, recorded in the manifest.
    struct ScenarioFile {
        std::filesystem::path path;
        std::string text;                   // its bytes (the manifest holds their SHA-256)
        std::chrono::year_month_day today;  // the date undated policies were resolved at
    };

    // Loads the topology the scenario names. Throws InputError, naming the scenario file when
    // the plan fails (an ASN absent from the topology) or no combination can be evaluated.
    StudySession(Scenario scenario, ScenarioFile file,
                 std::size_t shardSize = TrialPlan::kDefaultShardSize);
    // A study on a graph already built from the scenario's topology; errors name the scenario.
    // The AS-to-organisation table of a file topology is found as TopologySource finds it.
    StudySession(Scenario scenario, std::shared_ptr<const AsGraph> graph,
                 std::size_t shardSize = TrialPlan::kDefaultShardSize);
    ~StudySession();

    const Scenario& scenario() const { return *scenario_; }
    const AsGraph& graph() const { return *graph_; }
    const TrialPlan& plan() const { return *plan_; }
    const ExperimentRunner& runner() const { return *runner_; }
    const SummaryContext& summaryContext() const { return context_; }
    // The region model the study placed its cloud regions with ("regional", "cloud-as", ...),
    // the AS-to-organisation file it used (empty if none), and notes for the user: the notice
    // when the default fell back to cloud-as, and every perspective that sits in (routes as)
    // the AS of one of the study's victims or adversaries, whose outcome then rests on placement.
    const std::string& regionModel() const { return regionModel_; }
    const std::string& organisationsFile() const { return organisationsFile_; }
    const std::vector<std::string>& placementNotes() const { return placementNotes_; }
    // Each configuration × policy pair's compliance (StudyCompliance::warning words a pair that
    // is not compliant), and the study's notices, each said once: a sub-prefix attack on a
    // prefix whose sub-prefix is filtered, which has no effect.
    const StudyCompliance& compliance() const { return *compliance_; }
    const std::vector<std::string>& notices() const { return notices_; }

    // Makes `directory` the output folder: a fresh run, or with `resume` the continuation of
    // the run it holds (see ProgressJournal, whose exceptions pass through). Only for a study
    // read from a scenario file.
    // With TrialsOutput::None no trials file is written: the summary is checkpointed instead.
    void openOutput(const std::filesystem::path& directory, bool resume,
                    TrialsOutput output = TrialsOutput::Csv);
    bool resumed() const { return journal_ && journal_->resumed(); }
    std::uint64_t shardsDone() const { return shardsDone_; }

    // Runs the shards not done yet on `threads` worker threads; each shard is journaled (with an
    // output folder) and summarised. Stops after a whole shard once `stop` is set. Returns true
    // when every shard is done.
    bool run(std::size_t threads, const ProgressHandler& onShardDone = {},
             const std::atomic<bool>* stop = nullptr);

    // run() in steps, for a caller that computes the shards elsewhere (another process): begin,
    // then each shard's records in shard order from shardsDone(), then end, which returns
    // whether every shard is done. addShard summarises and journals as run() does.
    void beginShards(std::size_t threads);
    void addShard(std::span<const TrialRecord> records);
    bool endShards();

    // SHA-256 of the scenario file's bytes (only for a study read from a file) and of the
    // topology's CAIDA text, as the manifest records them.
    std::string scenarioSha256() const;
    const std::string& topologySha256();

    // The summary of every trial done so far, resumed ones included.
    Summary summary() const { return summary_->summary(); }

    // After a complete run: marks the manifest complete and writes summary.json, summary.csv
    // and, when `plotter` is set, the plots into the output folder. Returns the files written.
    std::vector<std::filesystem::path> writeResults(const Plotter& plotter);

  private:
    StudySession(Scenario scenario, std::shared_ptr<const AsGraph> graph,
                 std::optional<ScenarioFile> file, std::string topologySha256,
                 std::size_t shardSize);
    nlohmann::json freshManifest();
    // Applies the scenario's region model to its CA configurations (before the plan is made).
    void placeRegions(const AsOrganisations& organisations, const std::string& source);
    // Notes perspectives that sit in a victim's or adversary's AS, and tells the summary which
    // host ASes to count trials for.
    void notePlacement();

    std::unique_ptr<const Scenario> scenario_;  // stable address: the runner refers to it
    std::optional<ScenarioFile> file_;
    std::shared_ptr<const AsGraph> graph_;
    std::string regionModel_;
    std::string organisationsFile_;
    std::vector<std::string> placementNotes_;
    std::string topologySha256_;  // empty until needed for a graph built elsewhere
    std::unique_ptr<TrialPlan> plan_;
    std::unique_ptr<ExperimentRunner> runner_;
    std::unique_ptr<StudyCompliance> compliance_;
    std::vector<std::string> notices_;
    SummaryContext context_;
    std::optional<ResultSummary> summary_;  // made once the context is known
    std::unique_ptr<ProgressJournal> journal_;
    std::uint64_t shardsDone_ = 0;
};

}  // namespace mpicsim
