// The shared study charts and `mpicsim plot`, rendered offscreen.
#include <gtest/gtest.h>
#include <unistd.h>

#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QLineSeries>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "PlotCommand.hpp"
#include "mpicsim/analysis/ChartFiles.hpp"
#include "mpicsim/analysis/ResultSummary.hpp"
#include "mpicsim/analysis/StudyCharts.hpp"
#include "mpicsim/analysis/SummaryReader.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"

namespace mpicsim {
namespace {

namespace fs = std::filesystem;

SummaryGroup group(const std::string& ca, const std::string& policy, const std::string& rov,
                   double rovFraction, int remotes, int allowed, double rate) {
    SummaryGroup g;
    g.ca = ca;
    g.policy = policy;
    g.attack = "equally-specific";
    g.rov = rov;
    g.rovFraction = rovFraction;
    g.prefixLength = 22;
    g.remotes = remotes;
    g.allowedNonCorroborations = allowed;
    g.required = remotes - allowed;
    g.trials = 100;
    g.attackerSuccesses = static_cast<long long>(rate * 100);
    g.attackerSuccessRate = rate;
    std::tie(g.ci95Low, g.ci95High) = ResultSummary::wilsonInterval(g.attackerSuccesses, 100);
    g.victims = 10;
    g.resilienceCdf = {{0.5, 0.25}, {0.75, 0.5}, {1.0, 1.0}};
    return g;
}

// 2 configurations (3 and 5 remotes) x 2 policies, at two ROV settings.
Summary handMade() {
    Summary summary;
    summary.scenario = "charts";
    for (const auto& [rov, fraction] : {std::pair{std::string("none"), 0.0}, {"random:0.5", 0.5}}) {
        summary.groups.push_back(group("small", "br", rov, fraction, 3, 1, 0.4 - fraction / 4));
        summary.groups.push_back(group("small", "strict", rov, fraction, 3, 0, 0.3 - fraction / 4));
        summary.groups.push_back(group("large", "br", rov, fraction, 5, 1, 0.2 - fraction / 8));
        summary.groups.push_back(group("large", "strict", rov, fraction, 5, 0, 0.1 - fraction / 8));
    }
    return summary;
}

class StudyChartsTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
        ChartFiles::ensureApplication();
    }
};

TEST_F(StudyChartsTest, BarChartHasOneSetPerPolicyWithTheRates) {
    const Summary summary = handMade();
    const std::unique_ptr<QChart> chart(
        StudyCharts::successByConfiguration(summary, "equally-specific"));
    ASSERT_EQ(chart->series().size(), 1);
    auto* bars = qobject_cast<QBarSeries*>(chart->series().front());
    ASSERT_NE(bars, nullptr);
    ASSERT_EQ(bars->count(), 2);  // policies br and strict
    EXPECT_EQ(bars->barSets()[0]->label(), "br");
    ASSERT_EQ(bars->barSets()[0]->count(), 2);          // configurations small and large
    EXPECT_DOUBLE_EQ(bars->barSets()[0]->at(0), 40.0);  // small, br, first ROV setting
    EXPECT_DOUBLE_EQ(bars->barSets()[0]->at(1), 20.0);
    EXPECT_DOUBLE_EQ(bars->barSets()[1]->at(0), 30.0);
    EXPECT_DOUBLE_EQ(bars->barSets()[1]->at(1), 10.0);
}

TEST_F(StudyChartsTest, CdfQuorumAndRovCharts) {
    const Summary summary = handMade();
    const std::unique_ptr<QChart> cdf(StudyCharts::resilienceCdf(summary, "equally-specific"));
    EXPECT_EQ(cdf->series().size(), 4);
    auto* line = qobject_cast<QLineSeries*>(cdf->series().front());
    ASSERT_NE(line, nullptr);
    EXPECT_EQ(line->points().back(), QPointF(1.0, 100.0));
    const std::unique_ptr<QChart> quorum(StudyCharts::successVsQuorum(summary, "equally-specific"));
    EXPECT_EQ(quorum->series().size(), 2);  // allowed 0 and 1
    const std::unique_ptr<QChart> rov(StudyCharts::successVsRov(summary, "equally-specific"));
    ASSERT_EQ(rov->series().size(), 4);
    auto* first = qobject_cast<QLineSeries*>(rov->series().front());
    ASSERT_EQ(first->count(), 2);
    EXPECT_DOUBLE_EQ(first->at(1).x(), 50.0);
    EXPECT_DOUBLE_EQ(first->at(1).y(), 27.5);
    std::vector<std::string> stems;
    for (const auto& chart : StudyCharts::available(summary)) {
        stems.push_back(chart.stem);
    }
    EXPECT_EQ(stems,
              (std::vector<std::string>{
                  "success_by_configuration-equally-specific", "resilience_cdf-equally-specific",
                  "success_vs_quorum-equally-specific", "success_vs_rov-equally-specific"}));
}

TEST_F(StudyChartsTest, PlotCommandWritesPngAndSvgAndRejectsBadSummaries) {
    const fs::path folder =
        fs::temp_directory_path() / ("mpicsim-charts-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    const std::unique_ptr<const fs::path, void (*)(const fs::path*)> removeAtEnd(
        &folder, [](const fs::path* path) {
            std::error_code ignored;
            fs::remove_all(*path, ignored);
        });
    std::ofstream(folder / "summary.json") << ResultSummary::toJson(handMade());
    EXPECT_EQ(SummaryReader::readFile(folder / "summary.json").groups.size(), 8u);
    std::ostringstream out;
    std::ostringstream err;
    ASSERT_EQ(cli::PlotCommand::run({folder.string()}, out, err), 0) << err.str();
    std::size_t pngs = 0;
    for (const auto& entry : fs::directory_iterator(folder / "plots")) {
        const std::string bytes = InputFile::read(entry.path());
        ASSERT_GT(bytes.size(), 1000u) << entry.path();
        if (entry.path().extension() == ".png") {
            ++pngs;
            EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
        } else {
            EXPECT_NE(bytes.find("<svg"), std::string::npos);
        }
    }
    EXPECT_EQ(pngs, 4u);

    std::ofstream(folder / "summary.json", std::ios::trunc) << R"({"scenario": "x"})";
    EXPECT_EQ(cli::PlotCommand::run({folder.string()}, out, err), 2);
    EXPECT_NE(err.str().find("/groups"), std::string::npos);
    std::ofstream(folder / "summary.json", std::ios::trunc)
        << R"({"groups": [{"ca": "a", "policy": "p", "attack": "x", "rov": "none",
               "rov_fraction": 0, "prefix_length": 22, "remotes": 1,
               "allowed_non_corroborations": 0, "required": 1, "trials": "many"}]})";
    std::ostringstream err2;
    EXPECT_EQ(cli::PlotCommand::run({folder.string()}, out, err2), 2);
    EXPECT_NE(err2.str().find("/groups/0/trials"), std::string::npos) << err2.str();
}

}  // namespace
}  // namespace mpicsim
