// Studies: scenario validation, deterministic parallel runs, resume, and summary statistics.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <thread>

#include "RunCommand.hpp"
#include "mpicsim/analysis/ResultSummary.hpp"
#include "mpicsim/experiment/ExperimentRunner.hpp"
#include "mpicsim/experiment/StudyCompliance.hpp"
#include "mpicsim/io/CaidaReader.hpp"
#include "mpicsim/io/Gzip.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"
#include "mpicsim/io/PerspectiveCatalogReader.hpp"
#include "mpicsim/io/ScenarioReader.hpp"
#include "mpicsim/io/TrialsCsv.hpp"
#include "mpicsim/mpic/MpicEvaluator.hpp"
#include "mpicsim/study/StudySession.hpp"
#include "mpicsim/topology/TopologyGenerator.hpp"
#include "support/RandomTopology.hpp"
#include "support/SharedData.hpp"

namespace mpicsim {
namespace {

namespace fs = std::filesystem;

const std::chrono::year_month_day kToday{std::chrono::year{2026}, std::chrono::month{11},
                                         std::chrono::day{28}};

// Removes every directory freshDirectory() made once all tests have run.
class FreshDirectories : public ::testing::Environment {
  public:
    static std::vector<fs::path>& made() {
        static std::vector<fs::path> paths;
        return paths;
    }
    void TearDown() override {
        for (const fs::path& path : made()) {
            std::error_code ignored;
            fs::remove_all(path, ignored);
        }
    }
};
[[maybe_unused]] ::testing::Environment* const kFreshDirectories =
    ::testing::AddGlobalTestEnvironment(new FreshDirectories);

fs::path freshDirectory(const std::string& name) {
    const fs::path path =
        fs::temp_directory_path() / ("mpicsim-study-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
    FreshDirectories::made().push_back(path);
    return path;
}

void writeText(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// A random Internet-like topology of `ases` ASes as a CAIDA file, and a scenario over it with
// inline perspectives placed in its ASes.
// With `caidaFile` empty, a random topology of the seed is written beside the scenario.
fs::path writeStudy(const fs::path& directory, std::uint64_t seed, int sample,
                    const fs::path& caidaFile = {}) {
    fs::path topologyPath = caidaFile;
    if (topologyPath.empty()) {
        std::ostringstream topology;
        for (const AsLink& link : test::randomTopology(seed)) {
            topology << link.first << '|' << link.second << '|'
                     << (link.type == LinkType::ProviderToCustomer ? "-1" : "0") << "\n";
        }
        topologyPath = directory / "topology.txt";
        writeText(topologyPath, topology.str());
    }
    const AsGraph graph = CaidaReader::readFile(topologyPath);
    auto asn = [&](std::size_t i) {
        return graph.asnOf(static_cast<NodeIndex>(i % graph.nodeCount()));
    };
    nlohmann::json remotes = nlohmann::json::array();
    const char* rirs[] = {"ARIN", "RIPE", "APNIC", "LACNIC", "AFRINIC"};
    for (std::size_t i = 0; i < 5; ++i) {
        remotes.push_back(
            {{"id", "r" + std::to_string(i)}, {"asn", asn(3 + 7 * i)}, {"rir", rirs[i % 5]}});
    }
    const nlohmann::json scenario = {
        {"name", "test-study"},
        {"topology", {{"caida", topologyPath.string()}}},
        {"seed", seed},
        {"attacks", {"equally-specific", "subprefix", "forged-origin"}},
        {"prefix_length", {22, 24}},
        {"ca_configurations",
         {{{"name", "five"},
           {"primary", {{"id", "p"}, {"asn", asn(1)}, {"rir", "ARIN"}}},
           {"remotes", remotes}},
          {{"name", "single"},
           {"primary", {{"id", "p"}, {"asn", asn(1)}, {"rir", "ARIN"}}},
           {"remotes", nlohmann::json::array()},
           {"policy", "single"}}}},
        {"policies",
         {"own",
          {{"name", "br"}, {"date", "2026-03-15"}},
          {{"name", "custom"}, {"allowed_non_corroborations", 2}}}},
        {"rov", {"none", {{"random_fraction", 0.5}, {"seed", 3}}}},
        // Half the victims without a ROA: every test of a study covers ROA coverage too.
        {"roa", {"all", {{"fraction", 0.5}, {"seed", 4}}}},
        {"victims", {{"sample", sample}}},
        {"adversaries", {{"sample", sample}}},
    };
    writeText(directory / "scenario.json", scenario.dump(2));
    return directory / "scenario.json";
}

// Each record's trials.csv rows, then the outcomes at its perspectives.
std::string describe(std::span<const TrialRecord> records) {
    std::string text;
    for (const TrialRecord& record : records) {
        TrialsCsv::appendRows({&record, 1}, text);
        for (Outcome outcome : record.perspectiveOutcomes) {
            text += toString(outcome);
            text += ' ';
        }
        text += '\n';
    }
    return text;
}

std::string runRows(
    const fs::path& scenarioPath, std::size_t threads,
    ExperimentRunner::Propagation propagation = ExperimentRunner::Propagation::Scoped) {
    const Scenario scenario =
        ScenarioReader::readFile(scenarioPath, PerspectiveCatalogReader::builtIn(), kToday);
    const AsGraph graph = CaidaReader::readFile(scenario.topologyPath);
    const TrialPlan plan(graph, scenario, 7);
    const ExperimentRunner runner(graph, scenario, plan, propagation);
    std::string all;
    std::uint64_t expected = 0;
    runner.run(threads, 0, [&](std::uint64_t shard, std::span<const TrialRecord> records) {
        EXPECT_EQ(shard, expected++);
        all += describe(records);
    });
    EXPECT_EQ(expected, plan.shardCount());
    return all;
}

TEST(Study, ResultsAreIdenticalWhateverTheThreadCount) {
    for (std::uint64_t seed : {11u, 12u, 13u}) {
        const fs::path directory = freshDirectory("threads" + std::to_string(seed));
        const fs::path scenario = writeStudy(directory, seed, 8);
        const std::string one = runRows(scenario, 1);
        EXPECT_FALSE(one.empty());
        EXPECT_EQ(one, runRows(scenario, 2));
        EXPECT_EQ(one, runRows(scenario, 5));
    }
}

// Studies propagate only where their perspectives need routes; the records (every verdict and
// every perspective's outcome) equal those of full propagation, own-node perspectives included.
TEST(Study, ScopedPropagationGivesTheRecordsOfFullPropagation) {
    for (std::uint64_t seed : {31u, 32u, 33u, 34u}) {
        const fs::path directory = freshDirectory("scoped" + std::to_string(seed));
        const fs::path scenarioPath = writeStudy(directory, seed, 9);
        auto scenario = nlohmann::json::parse(InputFile::read(scenarioPath));
        const AsGraph graph =
            CaidaReader::readFile(scenario.at("topology").at("caida").get<std::string>());
        const char* roles[] = {"provider", "peer", "customer"};
        nlohmann::json& remotes = scenario["ca_configurations"][0]["remotes"];
        for (std::size_t i = 0; i < 3; ++i) {
            nlohmann::json neighbours = nlohmann::json::array();
            for (std::size_t j = 0; j <= i; ++j) {
                neighbours.push_back({{"asn", graph.asnOf(static_cast<NodeIndex>(
                                                  (seed + 11 * i + 5 * j) % graph.nodeCount()))},
                                      {"role", roles[(i + j) % 3]}});
            }
            remotes.push_back({{"id", "own" + std::to_string(i)},
                               {"asn", 64512 + i},
                               {"rir", "RIPE"},
                               {"neighbours", neighbours},
                               {"rov", i == 1}});
        }
        // Nameserver targets, a pool validating in rotating cohorts, and retries.
        scenario["method"] = {"http-01", "dns-01"};
        scenario["nameservers"] = {{"sample", 2}, {"seed", seed}};
        scenario["attempts"] = {1, 2};
        scenario["ca_configurations"][0]["remotes_per_attempt"] = 5;
        scenario["ca_configurations"][0]["cohort"] = "rotate";
        writeText(scenarioPath, scenario.dump(2));
        const std::string scoped = runRows(scenarioPath, 2);
        EXPECT_FALSE(scoped.empty());
        EXPECT_NE(scoped.find(",dns-01,2,nameserver 2\n"), std::string::npos);
        EXPECT_EQ(scoped, runRows(scenarioPath, 2, ExperimentRunner::Propagation::Full))
            << "seed " << seed;
    }
}

TEST(Study, ShardsComputedAloneEqualTheRun) {
    const fs::path directory = freshDirectory("shards");
    const fs::path scenarioPath = writeStudy(directory, 21, 6);
    const Scenario scenario =
        ScenarioReader::readFile(scenarioPath, PerspectiveCatalogReader::builtIn(), kToday);
    const AsGraph graph = CaidaReader::readFile(scenario.topologyPath);
    const TrialPlan plan(graph, scenario, 5);
    const ExperimentRunner runner(graph, scenario, plan);
    std::string fromShards;
    for (std::uint64_t shard = plan.shardCount(); shard-- > 0;) {
        fromShards.insert(0, describe(runner.shardRecords(shard)));  // any order, by index
    }
    EXPECT_EQ(fromShards, runRows(scenarioPath, 3));
}

TEST(Study, RunCommandFilesDoNotDependOnThreads) {
    const fs::path directory = freshDirectory("runcommand");
    const fs::path scenario = writeStudy(directory, 31, 7);
    std::ostringstream out;
    std::ostringstream err;
    ASSERT_EQ(cli::RunCommand::run({scenario.string(), "--out", (directory / "a").string(),
                                    "--threads", "1", "--no-plots"},
                                   out, err),
              0)
        << err.str();
    ASSERT_EQ(cli::RunCommand::run({scenario.string(), "--out", (directory / "b").string(),
                                    "--threads", "4", "--no-plots"},
                                   out, err),
              0)
        << err.str();
    for (const char* file : {"trials.csv", "summary.json", "summary.csv"}) {
        EXPECT_EQ(InputFile::read(directory / "a" / file), InputFile::read(directory / "b" / file))
            << file;
    }
    const auto manifest = nlohmann::json::parse(InputFile::read(directory / "a" / "manifest.json"));
    EXPECT_EQ(manifest.at("status"), "complete");
    EXPECT_EQ(manifest.at("topology").at("sha256").get<std::string>().size(), 64u);
    EXPECT_TRUE(manifest.contains("started_at"));
    EXPECT_TRUE(manifest.contains("finished_at"));
    EXPECT_EQ(manifest.at("scenario").at("name"), "test-study");
    // A second run into the same folder without --resume is refused.
    EXPECT_EQ(cli::RunCommand::run(
                  {scenario.string(), "--out", (directory / "a").string(), "--no-plots"}, out, err),
              2);
}

TEST(Study, ResumeFromACrashStateEqualsAnUninterruptedRun) {
    const fs::path directory = freshDirectory("crash");
    const fs::path scenario = writeStudy(directory, 41, 8);
    std::ostringstream out;
    std::ostringstream err;
    const fs::path whole = directory / "whole";
    const fs::path crashed = directory / "crashed";
    ASSERT_EQ(
        cli::RunCommand::run({scenario.string(), "--out", whole.string(), "--no-plots"}, out, err),
        0);
    // Recreate what a kill -9 leaves behind: progress.json at shard k, and trials.csv holding
    // those shards plus half of the next one.
    fs::copy(whole, crashed);
    const std::string trials = InputFile::read(whole / "trials.csv");
    const std::size_t header = trials.find('\n') + 1;
    std::size_t cut = header;
    for (int row = 0; row < 150; ++row) {
        cut = trials.find('\n', cut) + 1;
    }
    std::ofstream(crashed / "trials.csv", std::ios::binary | std::ios::trunc)
        << trials.substr(0, cut + 17);
    writeText(crashed / "progress.json",
              nlohmann::json({{"shards_done", 0}, {"bytes", header}}).dump());
    fs::remove(crashed / "summary.json");
    ASSERT_EQ(cli::RunCommand::run({scenario.string(), "--out", crashed.string(), "--resume",
                                    "--no-plots", "--threads", "3"},
                                   out, err),
              0)
        << err.str();
    EXPECT_EQ(InputFile::read(crashed / "trials.csv"), trials);
    EXPECT_EQ(InputFile::read(crashed / "summary.json"), InputFile::read(whole / "summary.json"));
}

// A real kill -9 of the mpicsim binary in the middle of a run, then --resume. The child is
// stopped (SIGSTOP) as soon as progress.json counts a shard, and killed only if shards remain;
// should the run have finished first, the study is retried twice as large.
TEST(Study, ResumeAfterKillNineEqualsAnUninterruptedRun) {
    const fs::path snapshot = test::sharedTopology("20161101.as-rel.txt.bz2");
    MPICSIM_REQUIRE_SHARED_FILE(snapshot);
    const std::string cli = MPICSIM_CLI_PATH;
    std::string lastAttempt;
    for (int sample : {40, 80, 160}) {
        const fs::path directory = freshDirectory("kill" + std::to_string(sample));
        const fs::path scenario = writeStudy(directory, 51, sample, snapshot);
        const fs::path whole = directory / "whole";
        const fs::path killed = directory / "killed";
        ASSERT_EQ(std::system((cli + " run " + scenario.string() + " --out " + whole.string() +
                               " --no-plots --threads 2 > /dev/null 2>&1")
                                  .c_str()),
                  0);
        const auto shards = nlohmann::json::parse(InputFile::read(whole / "manifest.json"))
                                .at("shards")
                                .get<std::uint64_t>();
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            const std::string out = killed.string();
            ::execl(cli.c_str(), cli.c_str(), "run", scenario.c_str(), "--out", out.c_str(),
                    "--no-plots", "--threads", "1", static_cast<char*>(nullptr));
            ::_exit(127);
        }
        auto shardsDone = [&]() -> std::uint64_t {
            try {
                return nlohmann::json::parse(InputFile::read(killed / "progress.json"))
                    .at("shards_done")
                    .get<std::uint64_t>();
            } catch (const std::exception&) {
                return 0;  // not written yet
            }
        };
        int status = 0;
        bool exited = false;
        while (!exited && shardsDone() == 0) {
            exited = ::waitpid(child, &status, WNOHANG) == child;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        if (!exited) {
            ::kill(child, SIGSTOP);
            ::waitpid(child, &status, WUNTRACED);  // returns once it is stopped (or has exited)
            exited = !WIFSTOPPED(status);
        }
        const std::uint64_t doneAtStop = shardsDone();
        ::kill(child, SIGKILL);
        if (!exited) {
            ::waitpid(child, &status, 0);
        }
        ASSERT_FALSE(exited && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
            << "mpicsim run failed on its own (status " << status << ")";
        if (exited || doneAtStop >= shards) {
            lastAttempt = std::to_string(sample) + " × " + std::to_string(sample) +
                          ": the run finished (" + std::to_string(doneAtStop) + " of " +
                          std::to_string(shards) + " shards) before it could be stopped";
            continue;
        }
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        ASSERT_LT(fs::file_size(killed / "trials.csv"), fs::file_size(whole / "trials.csv"));
        const fs::path resumeLog = directory / "resume.err";
        ASSERT_EQ(
            std::system((cli + " run " + scenario.string() + " --out " + killed.string() +
                         " --no-plots --resume --threads 2 > /dev/null 2> " + resumeLog.string())
                            .c_str()),
            0);
        EXPECT_NE(InputFile::read(resumeLog).find("resuming at shard " +
                                                  std::to_string(doneAtStop) + " of "),
                  std::string::npos)
            << InputFile::read(resumeLog);
        EXPECT_EQ(InputFile::read(killed / "trials.csv"), InputFile::read(whole / "trials.csv"));
        EXPECT_EQ(InputFile::read(killed / "summary.json"),
                  InputFile::read(whole / "summary.json"));
        return;
    }
    FAIL() << "resume was never exercised; last attempt " << lastAttempt;
}

// The runner reads each CA configuration's perspectives once and lets every policy decide from
// those outcomes; each verdict must equal MpicEvaluator's for the same unit, and each kept
// outcome the observer's.
TEST(Study, RecordsAgreeWithTheMpicEvaluator) {
    const fs::path directory = freshDirectory("evaluator");
    const fs::path scenarioPath = writeStudy(directory, 61, 6);
    const Scenario scenario =
        ScenarioReader::readFile(scenarioPath, PerspectiveCatalogReader::builtIn(), kToday);
    const AsGraph graph = CaidaReader::readFile(scenario.topologyPath);
    const TrialPlan plan(graph, scenario, 9);
    const ExperimentRunner runner(graph, scenario, plan);
    const TieBreakRanking ranking(graph, scenario.tieBreak);
    ASSERT_GE(runner.combinations().size(), 4u);
    std::size_t checked = 0;
    runner.run(2, 0, [&](std::uint64_t, std::span<const TrialRecord> records) {
        for (const TrialRecord& record : records) {
            const RovDeployment& rov = plan.rovDeployments()[record.rovIndex];
            const Propagator propagator(graph, ranking, rov);
            Attack attack;
            attack.type = record.attack;
            attack.victim = *graph.nodeOf(record.victim);
            attack.attacker = *graph.nodeOf(record.adversary);
            attack.victimPrefixLength = record.prefixLength;
            attack.victimHasRoa = plan.roaCoverages()[record.roaIndex].covers(attack.victim);
            const RoutingOutcome routing = propagator.run(attack);
            ASSERT_EQ(record.verdicts.size(), runner.combinations().size());
            for (std::size_t k = 0; k < runner.combinations().size(); ++k) {
                const auto& combination = runner.combinations()[k];
                const CaConfiguration& ca = scenario.cas[combination.caIndex];
                const MpicEvaluator evaluator(graph, rov, ca, combination.policy);
                std::vector<RemoteResult> scratch;
                const Verdict expected = evaluator.decide(routing, scratch);
                const CombinationVerdict& verdict = record.verdicts[k];
                EXPECT_EQ(verdict.ca, ca.name);
                EXPECT_EQ(verdict.policy, combination.policyLabel);
                EXPECT_EQ(verdict.issuedToAttacker, expected.issuedToAttacker);
                EXPECT_EQ(verdict.legitimateIssuanceBlocked, expected.legitimateIssuanceBlocked);
                EXPECT_EQ(verdict.corroborating, expected.corroborating);
                EXPECT_EQ(verdict.required, std::max(expected.required, 0));
                ++checked;
            }
            const PerspectiveObserver observer(rov);
            for (std::size_t c = 0; c < scenario.cas.size(); ++c) {
                const auto& block = runner.perspectiveBlocks()[c];
                const CaConfiguration& ca = scenario.cas[c];
                ASSERT_TRUE(block.hasPrimary);
                ASSERT_EQ(block.remotes, ca.remotes.size());
                EXPECT_EQ(record.perspectiveOutcomes[block.first],
                          observer.outcomeOf(routing, PlacedPerspective(graph, *ca.primary)));
                for (std::size_t r = 0; r < ca.remotes.size(); ++r) {
                    EXPECT_EQ(record.perspectiveOutcomes[block.first + 1 + r],
                              observer.outcomeOf(routing, PlacedPerspective(graph, ca.remotes[r])));
                }
            }
        }
    });
    EXPECT_EQ(checked, plan.unitCount() * runner.combinations().size());
}

// A study with its victims weighted by a weight file, as StudySession tests use it.
fs::path writeWeightedStudy(const fs::path& directory, std::uint64_t seed) {
    const fs::path scenarioPath = writeStudy(directory, seed, 6);
    auto scenario = nlohmann::json::parse(InputFile::read(scenarioPath));
    const AsGraph graph =
        CaidaReader::readFile(scenario.at("topology").at("caida").get<std::string>());
    nlohmann::json weights = nlohmann::json::object();
    for (NodeIndex node = 0; node < graph.nodeCount(); node += 3) {
        weights[std::to_string(graph.asnOf(node))] = 1 + node % 7;
    }
    writeText(directory / "weights.json", weights.dump());
    scenario["victims"] = {{"weights", "weights.json"}, {"sample", 8}};
    writeText(scenarioPath, scenario.dump(2));
    return scenarioPath;
}

TEST(StudySummary, RecordsInProcessEqualTheCsvPath) {
    const fs::path directory = freshDirectory("inprocess");
    const fs::path scenarioPath = writeWeightedStudy(directory, 71);
    const Scenario scenario =
        ScenarioReader::readFile(scenarioPath, PerspectiveCatalogReader::builtIn(), kToday);
    const auto graph =
        std::make_shared<const AsGraph>(CaidaReader::readFile(scenario.topologyPath));
    const StudySession session(scenario, graph);  // for its summary context
    const TrialPlan plan(*graph, scenario, 5);
    const ExperimentRunner runner(*graph, scenario, plan);
    ResultSummary inProcess(session.summaryContext());
    std::string csv(TrialsCsv::header());
    runner.run(2, 0, [&](std::uint64_t, std::span<const TrialRecord> records) {
        inProcess.add(records);
        TrialsCsv::appendRows(records, csv);
    });
    writeText(directory / "trials.csv", csv);
    const Summary fromCsv =
        ResultSummary::fromTrialsCsv(directory / "trials.csv", session.summaryContext());
    ASSERT_FALSE(fromCsv.groups.empty());
    EXPECT_EQ(ResultSummary::toJson(inProcess.summary()), ResultSummary::toJson(fromCsv));
    EXPECT_EQ(ResultSummary::toCsv(inProcess.summary()), ResultSummary::toCsv(fromCsv));
}

TEST(StudySession, CliFolderAndInMemorySessionsGiveTheSameSummary) {
    const fs::path directory = freshDirectory("session");
    const fs::path scenarioPath = writeWeightedStudy(directory, 81);
    std::ostringstream out;
    std::ostringstream err;
    ASSERT_EQ(cli::RunCommand::run({scenarioPath.string(), "--out", (directory / "cli").string(),
                                    "--threads", "2", "--no-plots"},
                                   out, err),
              0)
        << err.str();
    const std::string cliSummary = InputFile::read(directory / "cli" / "summary.json");

    const Scenario scenario =
        ScenarioReader::readFile(scenarioPath, PerspectiveCatalogReader::builtIn(), kToday);
    StudySession folder(scenario, {scenarioPath, InputFile::read(scenarioPath), kToday});
    folder.openOutput(directory / "session", false);
    EXPECT_FALSE(folder.resumed());
    ASSERT_TRUE(folder.run(3));
    const auto written = folder.writeResults({});
    ASSERT_EQ(written.size(), 2u);
    EXPECT_EQ(InputFile::read(directory / "session" / "summary.json"), cliSummary);
    EXPECT_EQ(InputFile::read(directory / "session" / "trials.csv"),
              InputFile::read(directory / "cli" / "trials.csv"));

    const auto graph =
        std::make_shared<const AsGraph>(CaidaReader::readFile(scenario.topologyPath));
    StudySession inMemory(scenario, graph, 16);
    std::vector<std::uint64_t> progress;
    ASSERT_TRUE(inMemory.run(2, [&](std::uint64_t done) { progress.push_back(done); }));
    EXPECT_EQ(progress.size(), inMemory.plan().shardCount());
    EXPECT_EQ(progress.back(), inMemory.plan().shardCount());
    EXPECT_EQ(ResultSummary::toJson(inMemory.summary()), cliSummary);

    // The victims' weights reach the summary: some victim weighs other than 1.
    bool weighted = false;
    for (const auto& [asn, weight] : inMemory.summaryContext().victimWeights) {
        weighted = weighted || weight != 1.0;
    }
    EXPECT_TRUE(weighted);
    EXPECT_GT(inMemory.summaryContext().rovFractions.at("random:0.5"), 0.3);
}

TEST(StudySession, AStoppedInMemorySessionSummarisesWhatItRan) {
    const fs::path directory = freshDirectory("stopped");
    const fs::path scenarioPath = writeStudy(directory, 91, 6);
    const Scenario scenario =
        ScenarioReader::readFile(scenarioPath, PerspectiveCatalogReader::builtIn(), kToday);
    StudySession session(scenario, {scenarioPath, InputFile::read(scenarioPath), kToday}, 4);
    std::atomic<bool> stop{false};
    EXPECT_FALSE(session.run(
        1, [&](std::uint64_t done) { stop = done >= 3; }, &stop));
    EXPECT_EQ(session.shardsDone(), 3u);
    long long trials = 0;
    for (const SummaryGroup& group : session.summary().groups) {
        trials += group.trials;
    }
    EXPECT_EQ(trials, static_cast<long long>(3 * 4 * session.runner().combinations().size()));
}

// --trials none: no trials.csv, the same summary; an interrupted run resumes from its last
// checkpoint to the same summary, and is only resumed as it was started.
TEST(StudySession, WithoutTrialsTheSummaryIsTheSameAndResumes) {
    const fs::path directory = freshDirectory("notrials");
    const fs::path scenarioPath = writeWeightedStudy(directory, 71);
    auto run = [&](const std::string& out, std::vector<std::string> extra) {
        std::ostringstream stdoutText;
        std::ostringstream stderrText;
        std::vector<std::string> arguments = {
            scenarioPath.string(), "--out", (directory / out).string(),
            "--threads",           "2",     "--no-plots"};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        const int status = cli::RunCommand::run(arguments, stdoutText, stderrText);
        return std::make_pair(status, stderrText.str());
    };
    ASSERT_EQ(run("csv", {}).first, 0);
    ASSERT_EQ(run("none", {"--trials", "none"}).first, 0);
    EXPECT_FALSE(fs::exists(directory / "none" / "trials.csv"));
    const std::string expected = InputFile::read(directory / "csv" / "summary.json");
    EXPECT_EQ(InputFile::read(directory / "none" / "summary.json"), expected);
    EXPECT_EQ(InputFile::read(directory / "none" / "summary.csv"),
              InputFile::read(directory / "csv" / "summary.csv"));
    const auto manifest =
        nlohmann::json::parse(InputFile::read(directory / "none" / "manifest.json"));
    EXPECT_EQ(manifest.at("trials"), "none");

    // Interrupted after 3 of the shards; progress.json holds their summary.
    const Scenario scenario =
        ScenarioReader::readFile(scenarioPath, PerspectiveCatalogReader::builtIn(), kToday);
    {
        StudySession first(scenario, {scenarioPath, InputFile::read(scenarioPath), kToday}, 3);
        first.openOutput(directory / "stopped", false, TrialsOutput::None);
        std::atomic<bool> stop{false};
        EXPECT_FALSE(first.run(
            2, [&](std::uint64_t done) { stop = done >= 3; }, &stop));
    }
    const auto progress =
        nlohmann::json::parse(InputFile::read(directory / "stopped" / "progress.json"));
    EXPECT_GE(progress.at("shards_done").get<std::uint64_t>(), 3u);
    EXPECT_FALSE(progress.at("summary_state").get<std::string>().empty());
    const auto refused = run("stopped", {"--resume", "--trials", "csv"});
    EXPECT_EQ(refused.first, 2);
    EXPECT_NE(refused.second.find("was started with --trials none"), std::string::npos)
        << refused.second;
    StudySession second(scenario, {scenarioPath, InputFile::read(scenarioPath), kToday}, 3);
    second.openOutput(directory / "stopped", true, TrialsOutput::None);
    EXPECT_TRUE(second.resumed());
    ASSERT_TRUE(second.run(2));
    second.writeResults({});
    // The shard size differs from the CLI's, the records do not: the summary is the same.
    EXPECT_EQ(InputFile::read(directory / "stopped" / "summary.json"), expected);
}

// --trials csv.gz: the same rows, one gzip member per shard; a run cut off mid-shard (bytes past
// what progress.json counts) resumes to the same file.
TEST(StudySession, GzipTrialsHoldTheSameRowsAndResume) {
    const fs::path directory = freshDirectory("gzip");
    const fs::path scenarioPath = writeStudy(directory, 72, 7);
    std::ostringstream out;
    std::ostringstream err;
    ASSERT_EQ(
        cli::RunCommand::run(
            {scenarioPath.string(), "--out", (directory / "csv").string(), "--no-plots"}, out, err),
        0)
        << err.str();
    const std::string rows = InputFile::read(directory / "csv" / "trials.csv");

    const Scenario scenario =
        ScenarioReader::readFile(scenarioPath, PerspectiveCatalogReader::builtIn(), kToday);
    const fs::path gzipped = directory / "gz" / "trials.csv.gz";
    {
        StudySession first(scenario, {scenarioPath, InputFile::read(scenarioPath), kToday}, 5);
        first.openOutput(directory / "gz", false, TrialsOutput::CsvGz);
        std::atomic<bool> stop{false};
        EXPECT_FALSE(first.run(
            2, [&](std::uint64_t done) { stop = done >= 2; }, &stop));
    }
    std::ofstream(gzipped, std::ios::binary | std::ios::app) << "\x1f\x8b half a member";
    StudySession second(scenario, {scenarioPath, InputFile::read(scenarioPath), kToday}, 5);
    second.openOutput(directory / "gz", true, TrialsOutput::CsvGz);
    ASSERT_TRUE(second.resumed());
    ASSERT_TRUE(second.run(2));
    second.writeResults({});
    EXPECT_EQ(Gzip::readFile(gzipped), rows);
    EXPECT_EQ(InputFile::read(directory / "gz" / "summary.json"),
              InputFile::read(directory / "csv" / "summary.json"));
    EXPECT_EQ(std::system(("gzip -t " + gzipped.string()).c_str()), 0);
}

std::string scenarioError(const std::string& text) {
    try {
        ScenarioReader::parse(text, "bad.json", ".", PerspectiveCatalogReader::builtIn(), kToday);
    } catch (const InputError& error) {
        return error.what();
    }
    return "no error";
}

TEST(Study, BadScenarioFilesNameTheJsonPointer) {
    const std::string base =
        R"("name": "x", "topology": {"caida": "t.txt"}, "ca_configurations": "lets-encrypt-2020",
           "victims": "all", "adversaries": "all")";
    EXPECT_NE(scenarioError("{" + base + R"(, "colour": 1})").find("at /colour: unknown key"),
              std::string::npos);
    EXPECT_NE(scenarioError("{" + base + R"(, "seed": "x"})")
                  .find("at /seed: expected an integer, got string"),
              std::string::npos);
    EXPECT_NE(
        scenarioError("{" + base + R"(, "attacks": ["subprefix", "bgp"]})").find("at /attacks/1:"),
        std::string::npos);
    EXPECT_NE(scenarioError("{" + base + R"(, "rov": [{"random_fraction": 1.5}]})")
                  .find("at /rov/0/random_fraction:"),
              std::string::npos);
    EXPECT_NE(scenarioError("{" + base + R"(, "prefix_length": 25})").find("at /prefix_length:"),
              std::string::npos);
    EXPECT_NE(scenarioError("{" + base + R"(, "policies": [{"name": "br", "date": "2026-13-01"}]})")
                  .find("at /policies/0/date:"),
              std::string::npos);
    EXPECT_NE(scenarioError(R"({"name": "x", "topology": {"caida": "t.txt"},
                                "ca_configurations": ["nope"], "victims": "all",
                                "adversaries": "all"})")
                  .find("at /ca_configurations/0: unknown CA preset"),
              std::string::npos);
    EXPECT_NE(scenarioError(R"({"name": "x", "topology": {"caida": "t.txt"},
                                "ca_configurations": "single-vantage-point",
                                "adversaries": "all"})")
                  .find("missing required key 'victims'"),
              std::string::npos);
    EXPECT_NE(scenarioError("{" + base + ", \"victims\": 3}").find("bad.json"), std::string::npos);
    EXPECT_NE(scenarioError("{\n\"name\": \"x\",\n}").find("bad.json:3:"), std::string::npos);
}

TEST(Study, AnAsnAbsentFromTheTopologyIsNamed) {
    const fs::path directory = freshDirectory("absent");
    writeText(directory / "t.txt", "1|2|-1\n1|3|-1\n2|3|0\n");
    writeText(directory / "s.json", R"({"name": "x", "topology": {"caida": "t.txt"},
        "ca_configurations": [{"name": "c", "primary": {"asn": 1, "rir": "ARIN"},
                               "remotes": [{"asn": 2, "rir": "RIPE"}], "policy": "single"}],
        "victims": {"list": [2, 99]}, "adversaries": "all"})");
    std::ostringstream out;
    std::ostringstream err;
    EXPECT_EQ(cli::RunCommand::run({(directory / "s.json").string(), "--out",
                                    (directory / "out").string(), "--no-plots"},
                                   out, err),
              2);
    EXPECT_NE(err.str().find("AS99 is not in the topology"), std::string::npos) << err.str();
}

TEST(Study, SyntheticTopologyInsteadOfAFile) {
    const std::string rest =
        R"("ca_configurations": "lets-encrypt-2020", "victims": "all", "adversaries": "all")";
    const Scenario scenario = ScenarioReader::parse(
        R"({"name": "s", "topology": {"synthetic": {"ases": 500, "seed": 9}}, )" + rest + "}",
        "s.json", ".", PerspectiveCatalogReader::builtIn(), kToday);
    ASSERT_TRUE(scenario.syntheticTopology.has_value());
    EXPECT_EQ(scenario.syntheticTopology->ases, 500u);
    EXPECT_EQ(scenario.syntheticTopology->seed, 9u);
    EXPECT_TRUE(scenario.topologyPath.empty());

    auto error = [&](const std::string& topology) {
        return scenarioError(R"({"name": "s", "topology": )" + topology + ", " + rest + "}");
    };
    EXPECT_NE(error(R"({"synthetic": {"ases": 5, "seed": 1}})").find("at /topology/synthetic/ases"),
              std::string::npos);
    EXPECT_NE(error(R"({"synthetic": {"ases": 50}})")
                  .find("at /topology/synthetic: missing required key 'seed'"),
              std::string::npos);
    EXPECT_NE(
        error(R"({"synthetic": {"ases": 50, "seed": 1, "x": 2}})").find("at /topology/synthetic/x"),
        std::string::npos);
    EXPECT_NE(
        error(R"({"caida": "t.txt", "synthetic": {"ases": 50, "seed": 1}})").find("exactly one of"),
        std::string::npos);
    EXPECT_NE(error("{}").find("exactly one of"), std::string::npos);
}

TEST(Study, EveryShippedScenarioValidates) {
    const fs::path scenarios = fs::path(MPICSIM_SOURCE_DIR) / "scenarios";
    std::size_t count = 0;
    for (const auto& entry : fs::directory_iterator(scenarios)) {
        if (entry.path().extension() != ".json") {
            continue;
        }
        ++count;
        // A snapshot named by date is looked up in $MPICSIM_DATA (ctest sets it to
        // ../shared/topology_data).
        if (std::getenv("MPICSIM_DATA") == nullptr) {
            ::setenv("MPICSIM_DATA", test::sharedTopology("").c_str(), 1);
        }
        std::optional<Scenario> read;
        try {
            read =
                ScenarioReader::readFile(entry.path(), PerspectiveCatalogReader::builtIn(), kToday);
        } catch (const InputError& error) {
            if (std::string(error.what()).find("no CAIDA snapshot") == std::string::npos) {
                throw;
            }
            if (test::runningUnderCi()) {
                FAIL() << "required shared file is missing under CI=true: " << error.what();
            }
            GTEST_SKIP() << error.what();
        }
        const Scenario& scenario = *read;
        EXPECT_FALSE(scenario.cas.empty()) << entry.path();
        if (!scenario.syntheticTopology) {
            MPICSIM_REQUIRE_SHARED_FILE(scenario.topologyPath);
        }
        const AsGraph graph = [&] {
            if (const auto& synthetic = scenario.syntheticTopology) {
                return TopologyGenerator::generate(synthetic->ases, synthetic->seed).graph();
            }
            return CaidaReader::readFile(scenario.topologyPath);
        }();
        const TrialPlan plan(graph, scenario);
        const ExperimentRunner runner(graph, scenario, plan);
        EXPECT_GT(plan.unitCount(), 0u) << entry.path();
        EXPECT_FALSE(runner.combinations().empty()) << entry.path();
        // Compliant, or the description says why not, naming each rule broken.
        const StudyCompliance compliance(scenario, runner.combinations());
        for (const StudyCompliance::Pair& pair : compliance.pairs()) {
            if (pair.compliant()) {
                continue;
            }
            EXPECT_NE(scenario.description.find("not compliant"), std::string::npos)
                << entry.path() << ": " << StudyCompliance::warning(pair);
            for (const std::string& code : pair.codes()) {
                EXPECT_NE(scenario.description.find(code), std::string::npos)
                    << entry.path() << ": " << StudyCompliance::warning(pair);
            }
        }
    }
    EXPECT_GE(count, 6u);
}

TEST(StudySummary, MatchesHandComputedFigures) {
    // Two victims (10 and 20), trials against adversaries 1..5 (victim 10) and 1..2 (victim 20):
    // victim 10: adversaries 1, 2 and 3 succeed, 4 and 5 fail -> resilience 2/5 = 0.4;
    // victim 20: adversary 1 fails, 2 fails -> resilience 1.0.
    // Successes 3 of 7 trials: rate 3/7; Wilson 95% for 3/7: centre (3/7 + z^2/14)/(1 + z^2/7),
    // computed below. Blocked: one trial of seven.
    // Mean resilience (0.4 + 1.0)/2 = 0.7; median of two values = 0.7; weights 10 -> 1,
    // 20 -> 3: cumulative weight reaches half (2) only at resilience 1.0 -> weighted median 1.0.
    // CDF: (0.4, 0.5), (1.0, 1.0).
    const fs::path directory = freshDirectory("summary");
    std::string csv =
        "rov,attack,prefix_length,victim,adversary,ca,policy,issued,"
        "legitimate_blocked,corroborating,required,roa,method,attempts,hijacked_target\n";
    const int issued10[] = {1, 1, 1, 0, 0};
    for (int a = 1; a <= 5; ++a) {
        csv += "none,equally-specific,22,10," + std::to_string(a) + ",ca,br," +
               std::to_string(issued10[a - 1]) + (a == 1 ? ",1" : ",0") +
               ",2,3,all,http-01,1,web host\n";
    }
    csv += "none,equally-specific,22,20,1,ca,br,0,0,0,3,all,http-01,1,web host\n";
    csv += "none,equally-specific,22,20,2,ca,br,0,0,1,3,all,http-01,1,web host\n";
    writeText(directory / "trials.csv", csv);
    SummaryContext context;
    context.scenario = "hand";
    context.victimWeights = {{10, 1.0}, {20, 3.0}};
    context.remotesByCa = {{"ca", 4}};
    const Summary summary = ResultSummary::fromTrialsCsv(directory / "trials.csv", context);
    ASSERT_EQ(summary.groups.size(), 1u);
    const SummaryGroup& group = summary.groups[0];
    EXPECT_EQ(group.trials, 7);
    EXPECT_EQ(group.attackerSuccesses, 3);
    EXPECT_DOUBLE_EQ(group.attackerSuccessRate, 3.0 / 7.0);
    const double z = 1.959963984540054;
    const double p = 3.0 / 7.0;
    const double centre = (p + z * z / 14) / (1 + z * z / 7);
    const double half = z * std::sqrt(p * (1 - p) / 7 + z * z / 196) / (1 + z * z / 7);
    EXPECT_NEAR(group.ci95Low, centre - half, 1e-12);
    EXPECT_NEAR(group.ci95High, centre + half, 1e-12);
    EXPECT_DOUBLE_EQ(group.legitimateBlockedRate, 1.0 / 7.0);
    EXPECT_EQ(group.victims, 2);
    EXPECT_DOUBLE_EQ(group.resilienceMean, 0.7);
    EXPECT_DOUBLE_EQ(group.resilienceMedian, 0.7);
    EXPECT_DOUBLE_EQ(group.resilienceWeightedMedian, 1.0);
    ASSERT_EQ(group.resilienceCdf.size(), 2u);
    EXPECT_DOUBLE_EQ(group.resilienceCdf[0].first, 0.4);
    EXPECT_DOUBLE_EQ(group.resilienceCdf[0].second, 0.5);
    EXPECT_DOUBLE_EQ(group.resilienceCdf[1].second, 1.0);
    EXPECT_EQ(group.remotes, 4);
    EXPECT_EQ(group.required, 3);
    EXPECT_EQ(group.allowedNonCorroborations, 1);
    EXPECT_EQ(group.method, "http-01");
    EXPECT_EQ(group.attempts, 1);
    EXPECT_EQ(group.hijackedTargets,
              (std::vector<std::pair<std::string, long long>>{{"web host", 7}}));
    // Wilson's interval for 3 of 10, a textbook value: [0.1078, 0.6032].
    const auto [low, high] = ResultSummary::wilsonInterval(3, 10);
    EXPECT_NEAR(low, 0.1078, 5e-5);
    EXPECT_NEAR(high, 0.6032, 5e-5);
}

TEST(StudySummary, MalformedTrialsNameTheLine) {
    const fs::path directory = freshDirectory("malformed");
    writeText(directory / "trials.csv",
              "header\nnone,equally-specific,22,1,2,ca,br,1,0,2,3,all,http-01,1,web host\n"
              "none,equally-specific,22,1,3,ca,br,x,0,2,3,all,http-01,1,web host\n");
    try {
        ResultSummary::fromTrialsCsv(directory / "trials.csv", {});
        FAIL() << "no error";
    } catch (const InputError& error) {
        EXPECT_EQ(error.line(), 3u);
    }
}

}  // namespace
}  // namespace mpicsim
