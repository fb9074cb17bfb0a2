// The quorum explorer's and the optimizer's charts: one heatmap cell per rule, trade-off lines
// that never join two deployments, the Pareto front, and the optimizer's files drawn as PNG and
// SVG.
#include <gtest/gtest.h>

#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "OptimizeCommand.hpp"
#include "mpicsim/analysis/ChartFiles.hpp"
#include "mpicsim/analysis/OptimizationCharts.hpp"
#include "mpicsim/analysis/QuorumSweepCharts.hpp"
#include "support/TemporaryDirectory.hpp"

namespace mpicsim {
namespace {

class ExplorerChartsTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
        ChartFiles::ensureApplication();
    }
};

// Two phases; deployments of 2 and 3 remotes; made-up rates.
std::vector<QuorumSweep::Row> rows() {
    std::vector<QuorumSweep::Row> all;
    for (const char* phase : {"2025-09-15", "2026-12-15"}) {
        for (int n = 2; n <= 3; ++n) {
            for (int allowed = 0; allowed < n; ++allowed) {
                QuorumSweep::Row row;
                row.phase = phase;
                row.remotes = n;
                row.allowed = allowed;
                row.required = n - allowed;
                row.units = 100;
                row.attackerSuccessRate = 0.1 * (allowed + 1) / n;
                row.successLow = row.attackerSuccessRate - 0.02;
                row.successHigh = row.attackerSuccessRate + 0.02;
                row.legitimateBlockedRate = 0.5 - 0.1 * allowed;
                row.blockedLow = row.legitimateBlockedRate - 0.03;
                row.blockedHigh = row.legitimateBlockedRate + 0.03;
                row.pareto = n == 3;
                all.push_back(row);
            }
        }
    }
    return all;
}

TEST_F(ExplorerChartsTest, HeatmapHasOneCellPerRule) {
    const auto all = rows();
    const std::unique_ptr<QChart> chart(
        QuorumSweepCharts::heatmap(all, "2025-09-15", QuorumSweepCharts::Rate::AttackerSuccess));
    int cells = 0;
    for (QAbstractSeries* series : chart->series()) {
        cells += qobject_cast<QScatterSeries*>(series) != nullptr ? 1 : 0;
    }
    EXPECT_EQ(cells, 5);  // 2 + 3 rules of the phase
    EXPECT_EQ(QuorumSweepCharts::available(all).size(), 6u);
}

TEST_F(ExplorerChartsTest, TradeOffJoinsOnlyTheRulesOfOneDeployment) {
    const auto all = rows();
    const std::unique_ptr<QChart> chart(QuorumSweepCharts::tradeOff(all, "2026-12-15"));
    std::vector<int> pointsPerLine;
    int front = 0;
    for (QAbstractSeries* series : chart->series()) {
        if (series->name().startsWith("n = ")) {
            pointsPerLine.push_back(qobject_cast<QLineSeries*>(series)->count());
        }
        if (series->name().startsWith("Pareto")) {
            front = qobject_cast<QScatterSeries*>(series)->count();
        }
    }
    EXPECT_EQ(pointsPerLine, (std::vector<int>{2, 3}));  // n = 2 and n = 3, each its own line
    EXPECT_EQ(front, 3);
}

TEST_F(ExplorerChartsTest, OptimizerChartsAreWrittenFromItsFiles) {
    const test::TemporaryDirectory directory("optimize-charts");
    std::ostringstream out;
    std::ostringstream err;
    const auto scenario =
        std::filesystem::path(MPICSIM_SOURCE_DIR) / "scenarios" / "optimize-classroom.json";
    ASSERT_EQ(cli::OptimizeCommand::run({scenario.string(), "--out", directory.path().string()},
                                        out, err, &OptimizationCharts::writeAll),
              0)
        << err.str();
    for (const char* file : {"optimize_best_sets.png", "optimize_best_sets.svg",
                             "optimize_evaluated_sets.png", "optimize_evaluated_sets.svg"}) {
        EXPECT_GT(std::filesystem::file_size(directory.path() / "plots" / file), 1000u) << file;
    }
}

}  // namespace
}  // namespace mpicsim
