#include "mpicsim/study/StudySession.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string_view>
#include <tuple>

#include "mpicsim/io/FileDigest.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/TrialsCsv.hpp"
#include "mpicsim/mpic/PlacementWarning.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"
#include "mpicsim/study/TopologySource.hpp"

namespace mpicsim {

StudySession::StudySession(Scenario scenario, ScenarioFile file, std::size_t shardSize)
    : StudySession(std::move(scenario), nullptr, std::move(file), {}, shardSize) {}

StudySession::StudySession(Scenario scenario, std::shared_ptr<const AsGraph> graph,
                           std::size_t shardSize)
    : StudySession(std::move(scenario), std::move(graph), std::nullopt, {}, shardSize) {}

StudySession::StudySession(Scenario scenario, std::shared_ptr<const AsGraph> graph,
                           std::optional<ScenarioFile> file, std::string topologySha256,
                           std::size_t shardSize)
    : scenario_(std::make_unique<const Scenario>(std::move(scenario))),
      file_(std::move(file)),
      graph_(std::move(graph)),
      topologySha256_(std::move(topologySha256)) {
    AsOrganisations organisations;
    if (!graph_) {
        TopologySource::Loaded loaded = TopologySource::load(*scenario_);
        graph_ = std::make_shared<const AsGraph>(std::move(loaded.graph));
        topologySha256_ = std::move(loaded.sha256);
        organisations = std::move(loaded.organisations);
        organisationsFile_ = std::move(loaded.organisationsFile);
    } else {
        std::tie(organisations, organisationsFile_) = TopologySource::organisations(*scenario_);
    }
    const std::string source = file_ ? file_->path.string() : scenario_->name;
    placeRegions(organisations, source);
    try {
        plan_ = std::make_unique<TrialPlan>(*graph_, *scenario_, shardSize);
        // MPICSIM_PROPAGATION=full (not documented for users) runs the full-graph oracle, to
        // check a scoped study's results against it end to end.
        const char* propagation = std::getenv("MPICSIM_PROPAGATION");
        runner_ = std::make_unique<ExperimentRunner>(
            *graph_, *scenario_, *plan_,
            propagation != nullptr && std::string_view(propagation) == "full"
                ? PropagationMode::Full
                : PropagationMode::Scoped);
    } catch (const std::invalid_argument& error) {
        throw InputError(source, 0, error.what());
    }
    if (runner_->combinations().empty()) {
        std::string reasons;
        for (const std::string& note : runner_->skipped()) {
            reasons += "; " + note;
        }
        throw InputError(source, 0,
                         "no CA configuration × policy combination can be evaluated" + reasons);
    }

    compliance_ = std::make_unique<StudyCompliance>(*scenario_, runner_->combinations());
    for (const StudyCompliance::Pair& pair : compliance_->pairs()) {
        context_.violations[{pair.ca, pair.policy}] = pair.codes();
    }
    for (AttackType type : scenario_->attacks) {
        for (int prefixLength : scenario_->prefixLengths) {
            if (Attack{.type = type, .victimPrefixLength = prefixLength}.subprefixFiltered()) {
                notices_.push_back("sub-prefix attack on a /" + std::to_string(prefixLength) +
                                   ": " + Attack::kFilteredSubprefixNote +
                                   " (its summary rows say so in 'note')");
            }
        }
    }

    context_.scenario = scenario_->name;
    for (std::size_t i = 0; i < plan_->victims().size(); ++i) {
        context_.victimWeights[graph_->asnOf(plan_->victims()[i])] = plan_->victimWeights()[i];
    }
    const auto nodes = static_cast<double>(graph_->nodeCount());
    for (std::size_t i = 0; i < scenario_->rovSettings.size(); ++i) {
        context_.rovFractions[scenario_->rovSettings[i].label] =
            nodes == 0 ? 0.0
                       : static_cast<double>(plan_->rovDeployments()[i].adopterCount()) / nodes;
    }
    for (const CaConfiguration& ca : scenario_->cas) {
        context_.remotesByCa[ca.name] = static_cast<int>(ca.cohortSize());
    }
    notePlacement();
    summary_.emplace(context_);
}

void StudySession::placeRegions(const AsOrganisations& organisations, const std::string& source) {
    const Scenario& scenario = *scenario_;
    const RegionPlacementLoader::Loaded loaded =
        TopologySource::regionPlacement(scenario, *graph_, organisations, source);
    regionModel_ = loaded.placement.model().label();
    if (loaded.placement.model().kind != RegionModel::Kind::Regional) {
        organisationsFile_.clear();  // found, but not used
    }
    if (!loaded.notice.empty()) {
        placementNotes_.push_back(loaded.notice);
    }
    auto placed = std::make_unique<Scenario>(scenario);
    loaded.placement.place(placed->cas);
    scenario_ = std::move(placed);
}

void StudySession::notePlacement() {
    const std::set<NodeIndex> victims(plan_->victims().begin(), plan_->victims().end());
    const std::set<NodeIndex> adversaries(plan_->adversaries().begin(), plan_->adversaries().end());
    for (const CaConfiguration& ca : scenario_->cas) {
        std::vector<const Perspective*> perspectives;
        if (ca.primary) {
            perspectives.push_back(&*ca.primary);
        }
        for (const Perspective& remote : ca.remotes) {
            perspectives.push_back(&remote);
        }
        std::vector<Asn>& hosts = context_.hostAsesByCa[ca.name];
        for (const Perspective* perspective : perspectives) {
            const auto node = graph_->nodeOf(perspective->hostAsn);
            if (perspective->hasOwnNode() || !node) {
                continue;
            }
            if (std::find(hosts.begin(), hosts.end(), perspective->hostAsn) == hosts.end()) {
                hosts.push_back(perspective->hostAsn);
            }
            const bool victim = victims.contains(*node);
            const bool adversary = adversaries.contains(*node);
            if (victim || adversary) {
                placementNotes_.push_back(
                    PlacementWarning::text(ca.name, *perspective, victim, adversary));
            }
        }
    }
}

StudySession::~StudySession() = default;

nlohmann::json StudySession::freshManifest() {
    const Scenario& scenario = *scenario_;
    topologySha256();
    nlohmann::json source = scenario.topologyPath;
    if (scenario.syntheticTopology) {
        source = {{"ases", scenario.syntheticTopology->ases},
                  {"seed", scenario.syntheticTopology->seed},
                  {"command", TopologySource::syntheticCommand(*scenario.syntheticTopology)}};
    }
    nlohmann::json manifest = {
        {"mpicsim_version", MPICSIM_VERSION},
        {"scenario_file", file_->path.string()},
        {"scenario_sha256", scenarioSha256()},
        {"scenario", nlohmann::json::parse(file_->text)},
        {"topology",
         {{scenario.syntheticTopology ? "synthetic" : "path", source},
          {"sha256", topologySha256_},
          {"ases", graph_->nodeCount()},
          {"links", graph_->linkCount()},
          {"exclude_mlp_only", scenario.excludeMlpOnly}}},
        {"region_model",
         {{"model", regionModel_},
          {"organisations_file", organisationsFile_.empty() ? nlohmann::json(nullptr)
                                                            : nlohmann::json(organisationsFile_)}}},
        {"seed", scenario.seed},
        {"date_for_undated_policies", formatIsoDate(file_->today)},
        {"victims", plan_->victims().size()},
        {"adversaries", plan_->adversaries().size()},
        {"trial_units", plan_->unitCount()},
        {"shard_size", plan_->shardSize()},
        {"shards", plan_->shardCount()},
    };
    nlohmann::json combinations = nlohmann::json::array();
    for (const auto& combination : runner_->combinations()) {
        combinations.push_back({{"ca", scenario.cas[combination.caIndex].name},
                                {"policy", combination.policyLabel},
                                {"policy_source", combination.policy.source}});
    }
    manifest["combinations"] = combinations;
    manifest["skipped"] = runner_->skipped();
    nlohmann::json warnings = nlohmann::json::array();
    for (const AbsentAsns& absent : plan_->absentAsns()) {
        warnings.push_back({{"list", absent.listName()},
                            {"absent_from_topology", absent.asns().size()},
                            {"asns", absent.asns()},
                            {"message", absent.summary()}});
    }
    manifest["warnings"] = warnings;
    manifest["placement_notes"] = placementNotes_;
    nlohmann::json compliance = nlohmann::json::array();
    for (std::size_t k = 0; k < compliance_->pairs().size(); ++k) {
        const StudyCompliance::Pair& pair = compliance_->pairs()[k];
        const QuorumPolicy& policy = runner_->combinations()[k].policy;
        compliance.push_back(
            {{"ca", pair.ca},
             {"policy", pair.policy},
             {"checked_at", policy.phase.empty() ? formatIsoDate(file_->today) : policy.phase},
             {"compliant", pair.compliant()},
             {"violations", pair.codes()}});
    }
    manifest["compliance"] = compliance;
    manifest["notices"] = notices_;
    nlohmann::json roa = nlohmann::json::array();
    for (std::size_t i = 0; i < scenario.roaSettings.size(); ++i) {
        std::size_t covered = 0;
        for (NodeIndex victim : plan_->victims()) {
            covered += plan_->roaCoverages()[i].covers(victim) ? 1 : 0;
        }
        roa.push_back({{"label", scenario.roaSettings[i].label}, {"victims_with_roa", covered}});
    }
    manifest["roa"] = roa;
    return manifest;
}

void StudySession::openOutput(const std::filesystem::path& directory, bool resume,
                              TrialsOutput output) {
    if (!file_) {
        throw std::logic_error("StudySession: an output folder needs a scenario file");
    }
    journal_ = std::make_unique<ProgressJournal>(directory, resume, freshManifest(), output);
    shardsDone_ = journal_->shardsDone();
    if (journal_->resumed() && output == TrialsOutput::None) {
        if (shardsDone_ > 0) {
            summary_->restoreState(journal_->resumedSummaryState(),
                                   (directory / "progress.json").string());
        }
    } else if (journal_->resumed()) {
        // The shards done before the interruption are summarised from what the journal kept.
        TrialsCsv::readFile(journal_->trialsPath(),
                            [&](const TrialRecord& record) { summary_->add(record); });
    }
}

bool StudySession::run(std::size_t threads, const ProgressHandler& onShardDone,
                       const std::atomic<bool>* stop) {
    beginShards(threads);
    try {
        runner_->run(
            threads, shardsDone_,
            [&](std::uint64_t, std::span<const TrialRecord> records) {
                addShard(records);
                if (onShardDone) {
                    onShardDone(shardsDone_);
                }
            },
            stop);
    } catch (...) {
        if (journal_) {
            journal_->end(false);
        }
        throw;
    }
    return endShards();
}

void StudySession::beginShards(std::size_t threads) {
    if (journal_) {
        journal_->begin(threads);
    }
}

void StudySession::addShard(std::span<const TrialRecord> records) {
    summary_->add(records);
    if (journal_) {
        journal_->append(records);
        if (journal_->checkpointDue()) {
            journal_->checkpoint(summary_->state());
        }
    }
    ++shardsDone_;
}

bool StudySession::endShards() {
    const bool complete = shardsDone_ == plan_->shardCount();
    if (journal_) {
        if (journal_->trialsOutput() == TrialsOutput::None) {
            journal_->checkpoint(summary_->state());
        }
        journal_->end(complete);
    }
    return complete;
}

std::string StudySession::scenarioSha256() const {
    if (!file_) {
        throw std::logic_error("StudySession: only a study read from a file has a scenario digest");
    }
    return FileDigest::sha256(file_->text);
}

const std::string& StudySession::topologySha256() {
    if (topologySha256_.empty()) {
        topologySha256_ = TopologySource::sha256(*scenario_);
    }
    return topologySha256_;
}

std::vector<std::filesystem::path> StudySession::writeResults(const Plotter& plotter) {
    if (!journal_) {
        throw std::logic_error("StudySession: results are written into an output folder");
    }
    const std::filesystem::path& directory = journal_->directory();
    const Summary summary = summary_->summary();
    std::vector<std::filesystem::path> written;
    auto save = [&](const std::filesystem::path& path, const std::string& content) {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << content;
        if (!out) {
            throw InputError(path.string(), 0, "cannot write");
        }
        written.push_back(path);
    };
    save(directory / "summary.json", ResultSummary::toJson(summary));
    save(directory / "summary.csv", ResultSummary::toCsv(summary));
    if (plotter) {
        for (const auto& path : plotter(summary, directory / "plots")) {
            written.push_back(path);
        }
    }
    return written;
}

}  // namespace mpicsim
