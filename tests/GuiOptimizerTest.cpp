// The study view's optimizer panel: the same pipeline as `mpicsim optimize` (its best set on the
// classroom scenario is the command's: AS11, AS14, AS26), drawn on the map and in the trade-off
// charts; Cancel leaves the panel idle and usable; and a screenshot of the result.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

#include "OptimizerPanel.hpp"
#include "StudyView.hpp"
#include "support/SharedData.hpp"

namespace mpicsim::gui {
namespace {

const QString kClassroomScenario =
    QString(MPICSIM_SOURCE_DIR) + "/scenarios/optimize-classroom.json";

class GuiOptimizer : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "gui-optimizer-test";
        static char* argv[] = {name, nullptr};
        if (QApplication::instance() == nullptr) {
            new QApplication(argc, argv);
        }
    }

    // Starts the panel and waits (generously) for `finished`; returns what it carried.
    static ::testing::AssertionResult runToEnd(OptimizerPanel& panel, bool& completed) {
        QSignalSpy failures(&panel, &OptimizerPanel::failed);
        QSignalSpy finished(&panel, &OptimizerPanel::finished);
        if (!panel.start()) {
            return ::testing::AssertionFailure()
                   << "did not start: " << panel.statusText().toStdString();
        }
        if (!finished.wait(180000)) {
            return ::testing::AssertionFailure() << "did not finish";
        }
        completed = finished.front().front().toBool();
        if (!completed && !failures.empty()) {
            return ::testing::AssertionFailure()
                   << failures.front().front().toString().toStdString();
        }
        return ::testing::AssertionSuccess();
    }
};

// The best set `mpicsim optimize` writes for a scenario (remote ids).
QStringList cliBest(const QString& scenario, const QString& folder) {
    QProcess run;
    run.start(MPICSIM_CLI_PATH, {"optimize", scenario, "--out", folder, "--no-plots"});
    EXPECT_TRUE(run.waitForFinished(180000));
    EXPECT_EQ(run.exitCode(), 0) << run.readAllStandardError().toStdString();
    QFile file(folder + "/optimize.json");
    EXPECT_TRUE(file.open(QIODevice::ReadOnly));
    const auto json = nlohmann::json::parse(file.readAll().toStdString());
    QStringList ids;
    for (const auto& remote : json.at("best").at("remotes")) {
        ids << QString::fromStdString(remote.is_string() ? remote.get<std::string>()
                                                         : remote.at("id").get<std::string>());
    }
    return ids;
}

TEST_F(GuiOptimizer, ClassroomBestEqualsMpicsimOptimize) {
    QTemporaryDir folder;
    const QStringList expected = cliBest(kClassroomScenario, folder.path() + "/cli");
    EXPECT_EQ(expected, (QStringList{"AS11", "AS14", "AS26"}));

    StudyView study;
    OptimizerPanel& panel = *study.optimizer();
    ASSERT_TRUE(panel.openScenario(kClassroomScenario));
    const auto spec = panel.spec();
    ASSERT_TRUE(spec);
    EXPECT_EQ(spec->remotes, 3u);
    EXPECT_EQ(spec->candidates.size(), 10u);
    EXPECT_EQ(spec->policy.name, "custom");
    bool completed = false;
    ASSERT_TRUE(runToEnd(panel, completed));
    ASSERT_TRUE(completed) << panel.statusText().toStdString();
    EXPECT_EQ(panel.bestIds(), expected);
    // The table: the best set first, 9.6% (33 of 342), no held-out rate (nothing sampled),
    // then the runners-up.
    QTableWidget* table = panel.setsTable();
    ASSERT_GE(table->rowCount(), 2);
    EXPECT_EQ(table->item(0, 0)->text(), "best");
    EXPECT_EQ(table->item(0, 1)->text(), "AS11, AS14, AS26");
    EXPECT_EQ(table->item(0, 2)->text(), "9.6%");
    EXPECT_EQ(table->item(0, 5)->text(), "n/a");
    EXPECT_EQ(panel.charts()->count(), 2);
    EXPECT_TRUE(panel.statusText().contains("no fresh units")) << panel.statusText().toStdString();
}

// With catalog candidates (AWS regions on the 2016 snapshot) the best set is the CLI's and its
// regions are the markers of the map's "optimizer's best" series.
TEST_F(GuiOptimizer, BestCatalogSetIsTheCommandsAndIsDrawnOnTheMap) {
    const auto snapshot = test::sharedTopology("20161101.as-rel.txt.bz2");
    MPICSIM_REQUIRE_SHARED_FILE(snapshot);
    QTemporaryDir folder;
    const nlohmann::json scenario = {{"name", "optimizer-map"},
                                     {"topology", {{"caida", snapshot.string()}}},
                                     {"seed", 3},
                                     {"attacks", "equally-specific"},
                                     {"ca_configurations", {"br-2026-12-example"}},
                                     {"br_dates", "2026-12-15"},
                                     {"victims", {{"sample", 6}}},
                                     {"adversaries", {{"sample", 6}}},
                                     {"optimize",
                                      {{"primary", "le:primary"},
                                       {"candidates", {{"catalog", {{"providers", {"aws"}}}}}},
                                       {"remotes", 2},
                                       {"policy", {{"name", "br"}, {"date", "2026-12-15"}}}}}};
    const QString path = folder.path() + "/map.json";
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QByteArray::fromStdString(scenario.dump(2)));
    file.close();
    const QStringList expected = cliBest(path, folder.path() + "/cli");
    ASSERT_EQ(expected.size(), 2);

    StudyView study;
    OptimizerPanel& panel = *study.optimizer();
    ASSERT_TRUE(panel.openScenario(path));
    bool completed = false;
    ASSERT_TRUE(runToEnd(panel, completed));
    ASSERT_TRUE(completed) << panel.statusText().toStdString();
    EXPECT_EQ(panel.bestIds(), expected);
    const QList<QPointF> markers = study.optimizerMarkers();
    ASSERT_EQ(markers.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const Perspective& remote = panel.bestRemotes()[static_cast<std::size_t>(i)];
        ASSERT_TRUE(remote.location);
        EXPECT_EQ(markers[i], QPointF(remote.location->longitude, remote.location->latitude));
    }
    // Another run replaces the markers rather than adding to them.
    ASSERT_TRUE(runToEnd(panel, completed));
    EXPECT_EQ(study.optimizerMarkers().size(), 2);
}

// Catalog candidates on the classroom topology are refused with the reason (their host ASes
// are not in it), fewer candidates than remotes before anything runs, and the panel stays idle.
TEST_F(GuiOptimizer, CatalogCandidatesAbsentFromTheTopologyOrTooFewAreRefused) {
    StudyView study;
    OptimizerPanel& panel = *study.optimizer();
    ASSERT_TRUE(panel.openScenario(kClassroomScenario));
    panel.useCatalogCandidates("aws", "");
    bool completed = true;
    const auto result = runToEnd(panel, completed);
    EXPECT_FALSE(result);
    EXPECT_FALSE(completed);
    EXPECT_TRUE(panel.statusText().contains("/optimize/candidates"))
        << panel.statusText().toStdString();
    EXPECT_FALSE(panel.running());
    // Fewer candidates than remotes: refused before anything runs.
    panel.useCatalogCandidates("aws", "AFRINIC");
    panel.setRemotes(5);
    EXPECT_FALSE(panel.start());
    EXPECT_TRUE(panel.statusText().contains("5 remotes asked for, but only"))
        << panel.statusText().toStdString();
    EXPECT_FALSE(panel.running());
}

// A long search (10,000 local-search restarts over a larger sample) is cancelled in flight: the
// panel reports finished(false), is idle, and the next run completes.
TEST_F(GuiOptimizer, CancelStopsALongRunAndLeavesThePanelUsable) {
    QTemporaryDir folder;
    QFile source(kClassroomScenario);
    ASSERT_TRUE(source.open(QIODevice::ReadOnly));
    auto scenario = nlohmann::json::parse(source.readAll().toStdString());
    scenario["topology"]["caida"] =
        (QString(MPICSIM_SOURCE_DIR) + "/topology_data/classroom/classroom-links.txt")
            .toStdString();
    scenario["attacks"] = {"equally-specific", "subprefix", "forged-origin"};
    scenario["rov"] = nlohmann::json::array({"none",
                                             {{"random_fraction", 0.2}, {"seed", 1}},
                                             {{"random_fraction", 0.4}, {"seed", 2}},
                                             {{"random_fraction", 0.6}, {"seed", 3}}});
    scenario["optimize"]["exact_limit"] = 0;
    scenario["optimize"]["restarts"] = 10000;
    scenario["optimize"]["remotes"] = 5;
    scenario["optimize"]["objective"] = "median-resilience";
    const QString path = folder.path() + "/long.json";
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QByteArray::fromStdString(scenario.dump(2)));
    file.close();

    StudyView study;
    OptimizerPanel& panel = *study.optimizer();
    ASSERT_TRUE(panel.openScenario(path));
    QSignalSpy finished(&panel, &OptimizerPanel::finished);
    ASSERT_TRUE(panel.start());
    EXPECT_TRUE(panel.running());
    // Cancel once the search is under way (its first progress report), else right away.
    auto* bar = panel.findChild<QProgressBar*>();
    ASSERT_NE(bar, nullptr);
    for (int i = 0; i < 3000 && finished.isEmpty() && !bar->format().startsWith("Search"); ++i) {
        QTest::qWait(10);
    }
    ASSERT_TRUE(finished.isEmpty()) << "the long run ended before it could be cancelled";
    panel.cancel();
    ASSERT_TRUE(finished.wait(60000));
    EXPECT_FALSE(finished.front().front().toBool());
    EXPECT_FALSE(panel.running());
    EXPECT_TRUE(panel.statusText().startsWith("Cancelled")) << panel.statusText().toStdString();
    EXPECT_EQ(panel.setsTable()->rowCount(), 0);

    ASSERT_TRUE(panel.openScenario(kClassroomScenario));
    bool completed = false;
    ASSERT_TRUE(runToEnd(panel, completed));
    EXPECT_TRUE(completed);
    EXPECT_EQ(panel.bestIds(), (QStringList{"AS11", "AS14", "AS26"}));
}

}  // namespace
}  // namespace mpicsim::gui
