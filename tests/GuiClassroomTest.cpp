// The GUI driven offscreen: the classroom view on a hand-derived case, and a small study.
#include <gtest/gtest.h>

#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QChartView>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

#include "ClassroomView.hpp"
#include "MainWindow.hpp"
#include "StudyView.hpp"
#include "support/SharedData.hpp"

namespace mpicsim::gui {
namespace {

class Gui : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "gui-test";
        static char* argv[] = {name, nullptr};
        if (QApplication::instance() == nullptr) {
            new QApplication(argc, argv);
        }
    }
    static QString classroomFolder() {
        return QString(MPICSIM_SOURCE_DIR) + "/topology_data/classroom";
    }
};

// Classroom topology, victim AS31 ("Victim's host", customer of 21 and 22), attacker AS34
// ("Attacker's host", customer of 24), equally-specific, no ROV, lowest-ASN tie-break:
// - 21 and 22 hold customer routes to 31; 11 hears 31 via 21 and via 22 (both length 2) and
//   takes 21 by tie-break; 12 takes 22 (23 has only a peer route, which it keeps from its
//   provider 12); 1 takes 11 (length 3, lower ASN than 12); 2 hears 12 22 31 and 13 24 34, both
//   length 3, and takes 12: all reach the victim.
// - 24 holds the customer route to 34, 13 the customer route via 24, 3 the customer route via
//   13: the attacker. 23 has no customer route and takes its peer 24's (phase 2); 14 takes its
//   peer 13's (phase 2). Provider routes come last (phase 3): 32 from 22 (victim); 33 from 23,
//   25 from 13, 26 and 36 from 14, 35 from 25 (attacker).
// Perspectives: primary 33 (attacker), remotes 21 (ARIN, victim), 23 (RIPE, attacker), 24
// (APNIC, attacker), 26 (LACNIC, attacker). Under the BR phase of 2026-12-15, 4 remotes need
// 3 corroborations across 2 RIRs: 3 corroborate in 3 RIRs and the primary is captured.
TEST_F(Gui, ClassroomStepsThroughThePhases) {
    MainWindow window(classroomFolder());
    window.resize(1280, 800);
    window.show();
    ClassroomView& view = *window.classroom();
    view.setClickMode(ClassroomView::ClickMode::Victim);
    view.clickAs(31);
    view.setClickMode(ClassroomView::ClickMode::Attacker);
    view.clickAs(34);
    view.setClickMode(ClassroomView::ClickMode::Perspective);
    for (Asn asn : {33u, 21u, 23u, 24u, 26u}) {
        view.clickAs(asn);
    }
    view.setPolicyDate("2026-12-15");
    ASSERT_TRUE(view.run());
    EXPECT_EQ(view.phase(), 0);
    EXPECT_EQ(view.colourOf(31), ClassroomView::victimColour());
    EXPECT_EQ(view.colourOf(34), ClassroomView::attackerColour());
    EXPECT_EQ(view.colourOf(11), ClassroomView::pendingColour());

    ASSERT_TRUE(view.step());  // phase 1: customer routes up
    EXPECT_EQ(view.colourOf(11), ClassroomView::victimColour());
    EXPECT_EQ(view.colourOf(1), ClassroomView::victimColour());
    EXPECT_EQ(view.colourOf(2), ClassroomView::victimColour());
    EXPECT_EQ(view.colourOf(13), ClassroomView::attackerColour());
    EXPECT_EQ(view.colourOf(3), ClassroomView::attackerColour());
    EXPECT_EQ(view.colourOf(23), ClassroomView::pendingColour());
    EXPECT_EQ(view.quorumText(), "The verdict appears once every route is known.");

    ASSERT_TRUE(view.step());  // phase 2: the peer hop
    EXPECT_EQ(view.colourOf(23), ClassroomView::attackerColour());
    EXPECT_EQ(view.colourOf(14), ClassroomView::attackerColour());
    EXPECT_EQ(view.colourOf(25), ClassroomView::pendingColour());
    EXPECT_EQ(view.colourOf(32), ClassroomView::pendingColour());

    ASSERT_TRUE(view.step());  // phase 3: provider routes down
    EXPECT_EQ(view.colourOf(25), ClassroomView::attackerColour());
    EXPECT_EQ(view.colourOf(36), ClassroomView::attackerColour());
    EXPECT_EQ(view.colourOf(32), ClassroomView::victimColour());
    EXPECT_EQ(view.colourOf(33), ClassroomView::attackerColour());
    EXPECT_FALSE(view.step());
    EXPECT_EQ(view.quorumText(),
              "3 of 4 remote perspectives corroborate: certificate ISSUED to the attacker");

    view.setClickMode(ClassroomView::ClickMode::Explain);
    view.clickAs(11);
    EXPECT_EQ(view.explanationText(),
              "AS11 (Regional ISP West) prefers the customer route via AS21 (Cloud West) over the "
              "customer route via AS22 (University Network): the tie-break prefers the lower "
              "next-hop ASN.");
    view.clickAs(14);
    EXPECT_TRUE(view.explanationText().contains("peer route via AS13"));

    // The primary moved to the victim's side (32): the attacker fails at the primary.
    view.setClickMode(ClassroomView::ClickMode::Perspective);
    view.clickAs(33);  // remove
    view.reset();
    view.setClickMode(ClassroomView::ClickMode::Victim);
    view.clickAs(31);
    view.setClickMode(ClassroomView::ClickMode::Attacker);
    view.clickAs(34);
    view.setClickMode(ClassroomView::ClickMode::Perspective);
    for (Asn asn : {32u, 21u, 23u, 24u, 26u}) {
        view.clickAs(asn);
    }
    view.run();
    while (view.step()) {
    }
    EXPECT_EQ(view.quorumText(), "3 of 4 remote perspectives corroborate: certificate REFUSED");
    view.setClickMode(ClassroomView::ClickMode::Explain);
    view.clickAs(13);
    QApplication::processEvents();
    window.grab().save("classroom-view.png");
}

TEST_F(Gui, StudyOnASyntheticInternet) {
    StudyView study;
    QSignalSpy failures(&study, &StudyView::failed);
    QSignalSpy loaded(&study, &StudyView::topologyLoaded);
    study.generateTopology(25000, 4);  // numbered from AS1: holds the catalog hosts (<= AS20473)
    ASSERT_TRUE(loaded.wait(20000));
    EXPECT_EQ(loaded.front().front().toInt(), 25000);
    EXPECT_TRUE(study.topologyReady());
    study.setPrimary("le:primary");
    study.setRemotes({"aws:us-east-2", "aws:eu-central-1", "gcp:asia-northeast1"});
    study.setSampleSizes(5, 5);
    QSignalSpy finished(&study, &StudyView::studyFinished);
    ASSERT_TRUE(study.startStudy());
    ASSERT_TRUE(finished.wait(60000))
        << (failures.empty() ? std::string("no failure")
                             : failures.front().front().toString().toStdString());
    ASSERT_TRUE(finished.front().front().toBool())
        << (failures.empty() ? std::string("no failure")
                             : failures.front().front().toString().toStdString());
    ASSERT_EQ(study.summary().groups.size(), 2u);
    EXPECT_EQ(study.summary().groups[0].trials, 25);
    study.resize(1280, 800);
    study.show();
    QApplication::processEvents();
    study.grab().save("study-synthetic.png");
}

TEST_F(Gui, StudyRunsShowsChartsAndCancels) {
    const auto snapshot = test::sharedTopology("20161101.as-rel.txt.bz2");
    MPICSIM_REQUIRE_SHARED_FILE(snapshot);
    MainWindow window(classroomFolder());
    window.resize(1280, 800);
    window.show();
    window.tabs()->setCurrentWidget(window.study());
    StudyView& study = *window.study();
    QSignalSpy loaded(&study, &StudyView::topologyLoaded);
    study.loadTopology(QString::fromStdString(snapshot.string()));
    ASSERT_TRUE(loaded.wait(20000));
    EXPECT_EQ(loaded.front().front().toInt(), 55809);
    study.setPrimary("le:primary");
    study.setRemotes({"aws:us-east-2", "aws:eu-central-1", "gcp:asia-northeast1",
                      "azure:brazilsouth", "aws:us-west-2"});
    study.setPhaseIndex(4);  // 2026-12-15
    EXPECT_TRUE(study.complianceText().startsWith("Compliant"))
        << study.complianceText().toStdString();
    study.setRemotes({"aws:eu-central-1", "aws:eu-west-3"});
    EXPECT_TRUE(study.complianceText().contains("478 km")) << study.complianceText().toStdString();
    study.setRemotes({"aws:us-east-2", "aws:eu-central-1", "gcp:asia-northeast1",
                      "azure:brazilsouth", "aws:us-west-2"});

    study.setSampleSizes(8, 8);
    QSignalSpy finished(&study, &StudyView::studyFinished);
    ASSERT_TRUE(study.startStudy());
    ASSERT_TRUE(finished.wait(60000));
    EXPECT_TRUE(finished.front().front().toBool());
    ASSERT_EQ(study.summary().groups.size(), 2u);  // two attacks, one CA, one policy
    EXPECT_EQ(study.summary().groups[0].trials, 64);
    ASSERT_GE(study.charts()->count(), 2);
    auto* view = qobject_cast<QChartView*>(study.charts()->widget(0));
    ASSERT_NE(view, nullptr);
    auto* bars = qobject_cast<QBarSeries*>(view->chart()->series().front());
    ASSERT_NE(bars, nullptr);
    ASSERT_EQ(bars->count(), 2);  // attacker success, then blocked issuance
    EXPECT_DOUBLE_EQ(bars->barSets()[0]->at(0),
                     100 * study.summary().groups[0].attackerSuccessRate);
    QApplication::processEvents();
    window.grab().save("study-view.png");
    EXPECT_TRUE(study.exportCurrentChart("study-chart.svg"));

    study.setSampleSizes(400, 400);
    QSignalSpy cancelled(&study, &StudyView::studyFinished);
    ASSERT_TRUE(study.startStudy());
    QTest::qWait(150);
    study.cancelStudy();
    ASSERT_TRUE(cancelled.wait(60000));
    EXPECT_FALSE(cancelled.front().front().toBool());
}

}  // namespace
}  // namespace mpicsim::gui
