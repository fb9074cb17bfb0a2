// The shared study charts and `mpicsim plot`, rendered offscreen.
#include <gtest/gtest.h>
#include <unistd.h>

#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QLineSeries>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
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

// The chart's only bar series (the others draw whiskers and labels).
QBarSeries* barsOf(QChart& chart) {
    QBarSeries* found = nullptr;
    for (QAbstractSeries* series : chart.series()) {
        if (auto* bars = qobject_cast<QBarSeries*>(series)) {
            EXPECT_EQ(found, nullptr);
            found = bars;
        }
    }
    return found;
}

TEST_F(StudyChartsTest, BarChartHasSuccessAndBlockedPerPolicyWithWhiskersAndLabels) {
    const Summary summary = handMade();
    const std::unique_ptr<QChart> chart(
        StudyCharts::successByConfiguration(summary, "equally-specific"));
    QBarSeries* bars = barsOf(*chart);
    ASSERT_NE(bars, nullptr);
    ASSERT_EQ(bars->count(), 4);  // policies br and strict, each success and blocked
    EXPECT_EQ(bars->barSets()[0]->label(), "attacker success \u00b7 br");
    EXPECT_EQ(bars->barSets()[1]->label(), "blocked issuance \u00b7 br");
    ASSERT_EQ(bars->barSets()[0]->count(), 2);          // configurations small and large
    EXPECT_DOUBLE_EQ(bars->barSets()[0]->at(0), 40.0);  // small, br, first ROV setting
    EXPECT_DOUBLE_EQ(bars->barSets()[0]->at(1), 20.0);
    EXPECT_DOUBLE_EQ(bars->barSets()[2]->at(0), 30.0);
    EXPECT_DOUBLE_EQ(bars->barSets()[2]->at(1), 10.0);
    // A whisker and a label per bar (8), each a series of its own, and a line on the axis for
    // each of the four 0% bars (nobody is blocked in this summary).
    EXPECT_EQ(chart->series().size(), 1 + 8 + 8 + 4);
    // The other ROV setting has its own chart.
    const std::unique_ptr<QChart> other(
        StudyCharts::successByConfiguration(summary, "equally-specific", "random:0.5"));
    EXPECT_DOUBLE_EQ(barsOf(*other)->barSets()[0]->at(0), 27.5);
}

// A study that sweeps ROA coverage gets every chart once per ROA setting, each drawn from the
// groups of its setting only.
TEST_F(StudyChartsTest, OneChartPerRoaSetting) {
    Summary summary = handMade();
    const std::size_t perSetting = summary.groups.size();
    for (std::size_t i = 0; i < perSetting; ++i) {
        SummaryGroup withoutRoa = summary.groups[i];
        withoutRoa.roa = "none";
        withoutRoa.attackerSuccessRate += 0.5;
        summary.groups.push_back(withoutRoa);
    }
    std::set<std::string> stems;
    for (const StudyCharts::Chart& chart : StudyCharts::available(summary)) {
        stems.insert(chart.stem);
    }
    EXPECT_EQ(stems, (std::set<std::string>{
                         "success_by_configuration-equally-specific-rov-none-roa-all",
                         "success_by_configuration-equally-specific-rov-random_0.5-roa-all",
                         "resilience_cdf-equally-specific-rov-none-roa-all",
                         "resilience_cdf-equally-specific-rov-random_0.5-roa-all",
                         "success_vs_rov-equally-specific-roa-all",
                         "success_by_configuration-equally-specific-rov-none-roa-none",
                         "success_by_configuration-equally-specific-rov-random_0.5-roa-none",
                         "resilience_cdf-equally-specific-rov-none-roa-none",
                         "resilience_cdf-equally-specific-rov-random_0.5-roa-none",
                         "success_vs_rov-equally-specific-roa-none"}));
    const std::unique_ptr<QChart> all(
        StudyCharts::successByConfiguration(summary, "equally-specific", "none", "all"));
    const std::unique_ptr<QChart> none(
        StudyCharts::successByConfiguration(summary, "equally-specific", "none", "none"));
    EXPECT_DOUBLE_EQ(barsOf(*all)->barSets()[0]->at(0), 40.0);
    EXPECT_DOUBLE_EQ(barsOf(*none)->barSets()[0]->at(0), 90.0);
    EXPECT_TRUE(none->title().contains("ROA none")) << none->title().toStdString();
}

TEST_F(StudyChartsTest, CdfAndRovCharts) {
    const Summary summary = handMade();
    const std::unique_ptr<QChart> cdf(StudyCharts::resilienceCdf(summary, "equally-specific"));
    EXPECT_EQ(cdf->series().size(), 4);
    auto* line = qobject_cast<QLineSeries*>(cdf->series().front());
    ASSERT_NE(line, nullptr);
    EXPECT_EQ(line->points().back(), QPointF(1.0, 100.0));
    std::set<Qt::PenStyle> styles;
    for (QAbstractSeries* series : cdf->series()) {
        styles.insert(qobject_cast<QLineSeries*>(series)->pen().style());
    }
    EXPECT_EQ(styles.size(), 4u);  // dashes as well as colours
    const std::unique_ptr<QChart> rov(StudyCharts::successVsRov(summary, "equally-specific"));
    QLineSeries* first = nullptr;
    std::size_t named = 0;
    for (QAbstractSeries* series : rov->series()) {
        if (!series->name().isEmpty()) {
            first = first != nullptr ? first : qobject_cast<QLineSeries*>(series);
            ++named;
        }
    }
    EXPECT_EQ(named, 4u);
    ASSERT_NE(first, nullptr);
    ASSERT_EQ(first->count(), 2);
    EXPECT_DOUBLE_EQ(first->at(1).x(), 1.0);  // the second ROV setting's category
    EXPECT_DOUBLE_EQ(first->at(1).y(), 27.5);
    std::vector<std::string> stems;
    for (const auto& chart : StudyCharts::available(summary)) {
        stems.push_back(chart.stem);
    }
    EXPECT_EQ(stems,
              (std::vector<std::string>{"success_by_configuration-equally-specific-rov-none",
                                        "resilience_cdf-equally-specific-rov-none",
                                        "success_by_configuration-equally-specific-rov-random_0.5",
                                        "resilience_cdf-equally-specific-rov-random_0.5",
                                        "success_vs_rov-equally-specific"}));
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
    EXPECT_EQ(pngs, 5u);

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
