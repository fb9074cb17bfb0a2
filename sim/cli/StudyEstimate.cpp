#include "StudyEstimate.hpp"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "mpicsim/analysis/ResultSummary.hpp"
#include "mpicsim/io/Gzip.hpp"
#include "mpicsim/io/TrialsCsv.hpp"

namespace mpicsim::cli {
namespace {

constexpr double kSampleSeconds = 2.0;

// CPU time of the whole process (every thread), in seconds: what the sample costs, whatever
// else runs on the machine.
double processCpuSeconds() {
    timespec now{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}
constexpr std::uint64_t kSamplePlaces = 16;

std::string bytes(double size) {
    const char* units[] = {"B", "KB", "MB", "GB", "TB", "PB"};
    std::size_t unit = 0;
    while (size >= 1000 && unit + 1 < std::size(units)) {
        size /= 1000;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", size, units[unit]);
    return text;
}

}  // namespace

StudyEstimate::Figures StudyEstimate::measure(const StudySession& session) {
    const TrialPlan& plan = session.plan();
    const std::uint64_t shards = plan.shardCount();
    const std::uint64_t places = std::min(shards, kSamplePlaces);
    Figures figures;
    figures.units = plan.unitCount();
    if (places == 0) {
        return figures;
    }
    ResultSummary summary(session.summaryContext());
    std::string rows;
    double rowCount = 0;
    double csvBytes = 0;
    double gzipBytes = 0;
    // Rounds of one more shard at each place (shard j * shards / places + round), until the
    // sample has taken kSampleSeconds or each place has reached the next.
    const auto began = std::chrono::steady_clock::now();
    const double cpuBegan = processCpuSeconds();
    double outsideTrials = 0;  // CPU time spent formatting the sample's rows
    for (std::uint64_t round = 0;; ++round) {
        bool any = false;
        for (std::uint64_t j = 0; j < places; ++j) {
            const std::uint64_t shard = j * shards / places + round;
            if (shard >= (j + 1) * shards / places) {
                continue;
            }
            any = true;
            session.runner().run(
                1, shard, shard + 1, [&](std::uint64_t, std::span<const TrialRecord> records) {
                    const double handed = processCpuSeconds();
                    rows.clear();
                    TrialsCsv::appendRows(records, rows);
                    csvBytes += static_cast<double>(rows.size());
                    gzipBytes += static_cast<double>(Gzip::compressMember(rows).size());
                    for (const TrialRecord& record : records) {
                        rowCount += static_cast<double>(record.verdicts.size());
                    }
                    figures.sampledUnits += records.size();
                    summary.add(records);
                    outsideTrials += processCpuSeconds() - handed;
                });
        }
        figures.sampledSeconds = processCpuSeconds() - cpuBegan - outsideTrials;
        if (!any ||
            std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count() >=
                kSampleSeconds) {
            break;
        }
    }
    const auto sampled = static_cast<double>(figures.sampledUnits);
    figures.unitsPerSecond = figures.sampledSeconds > 0 ? sampled / figures.sampledSeconds : 0;
    figures.rowsPerUnit = rowCount / sampled;
    figures.csvBytesPerUnit = csvBytes / sampled;
    figures.gzipBytesPerUnit = gzipBytes / sampled;
    const Summary sampleSummary = summary.summary();
    double tallies = 0;
    for (const SummaryGroup& group : sampleSummary.groups) {
        tallies += static_cast<double>(group.victims);
    }
    figures.groups = sampleSummary.groups.size();
    figures.tallyBytes = tallies > 0 ? static_cast<double>(summary.state().size()) / tallies : 0;
    return figures;
}

void StudyEstimate::print(const StudySession& session, std::size_t threads, std::ostream& out) {
    const Figures figures = measure(session);
    const TrialPlan& plan = session.plan();
    const auto units = static_cast<double>(figures.units);
    const double cpuHours = figures.unitsPerSecond > 0 ? units / figures.unitsPerSecond / 3600 : 0;
    char line[256];
    out << "mpicsim run --estimate: " << session.scenario().name << "\n";
    std::snprintf(line, sizeof line,
                  "  trial units:      %llu (%llu victims x %llu adversaries and the other axes; "
                  "%llu shards of %zu)\n",
                  static_cast<unsigned long long>(figures.units),
                  static_cast<unsigned long long>(plan.victims().size()),
                  static_cast<unsigned long long>(plan.adversaries().size()),
                  static_cast<unsigned long long>(plan.shardCount()), plan.shardSize());
    out << line;
    std::snprintf(line, sizeof line,
                  "  trials:           %.0f (%.2f configuration/policy verdicts per unit)\n",
                  units * figures.rowsPerUnit, figures.rowsPerUnit);
    out << line;
    std::snprintf(
        line, sizeof line,
        "  measured rate:    %.0f units per CPU-second (%llu units sampled in %.2f CPU-s)\n",
        figures.unitsPerSecond, static_cast<unsigned long long>(figures.sampledUnits),
        figures.sampledSeconds);
    out << line;
    std::snprintf(line, sizeof line,
                  "  CPU time:         %.2f CPU-hours (%.0f CPU-seconds; about %.2f h of wall time "
                  "at --threads %zu here)\n",
                  cpuHours, cpuHours * 3600,
                  cpuHours / static_cast<double>(std::max<std::size_t>(threads, 1)), threads);
    out << line;
    const double header = static_cast<double>(TrialsCsv::header().size());
    out << "  output --trials csv:    trials.csv "
        << bytes(header + units * figures.csvBytesPerUnit) << "\n";
    const auto gzipHeader = static_cast<double>(Gzip::compressMember(TrialsCsv::header()).size());
    out << "  output --trials csv.gz: trials.csv.gz "
        << bytes(gzipHeader + units * figures.gzipBytesPerUnit) << "\n";
    out << "  output --trials none:   progress.json checkpoint about "
        << bytes(static_cast<double>(figures.groups) * static_cast<double>(plan.victims().size()) *
                 figures.tallyBytes)
        << " (one tally per summary group and victim; " << figures.groups
        << " groups met in the sample)\n";
    out << "  summary.json, summary.csv and plots come in every case; nothing was written.\n";
}

}  // namespace mpicsim::cli
