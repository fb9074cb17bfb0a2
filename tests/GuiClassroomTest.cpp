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
#include "mpicsim/routing/AttackType.hpp"
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
    EXPECT_TRUE(view.quorumText().startsWith("The verdict appears once every route is known."))
        << view.quorumText().toStdString();

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
    EXPECT_TRUE(view.quorumText().startsWith(
        "3 of 4 remote perspectives corroborate: certificate ISSUED to the attacker\n"
        "The primary and 3 of 4 remote perspectives reached the attacker (3 required), spanning 3 "
        "RIRs (2 required): certificate ISSUED to the attacker."))
        << view.quorumText().toStdString();
    // Four remotes are below the phase's minimum of five: said, not silently accepted.
    EXPECT_TRUE(view.quorumText().contains("Not compliant: the policy needs at least 5 remote"))
        << view.quorumText().toStdString();

    view.setClickMode(ClassroomView::ClickMode::Explain);
    view.clickAs(11);
    EXPECT_EQ(view.explanationText().toStdString(),
              "AS11 (Regional ISP West) prefers, for the victim's /22, the customer route via AS21 "
              "(Cloud West) over the customer route via AS22 (University Network): the tie-break "
              "prefers the lower next-hop ASN. Its traffic for the victim's addresses reaches the "
              "victim.");
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
    EXPECT_TRUE(view.quorumText().startsWith(
        "3 of 4 remote perspectives corroborate: certificate REFUSED\nThe primary perspective's "
        "validation reached the victim, so the attacker's request fails there: certificate "
        "REFUSED."))
        << view.quorumText().toStdString();
    view.setClickMode(ClassroomView::ClickMode::Explain);
    view.clickAs(13);
    QApplication::processEvents();
    window.grab().save("classroom-view.png");
}

// Sets up victim 31, attacker 34 and the given perspectives (the first the primary).
void choose(ClassroomView& view, std::initializer_list<Asn> perspectives,
            AttackType attack = AttackType::EquallySpecific) {
    view.reset();
    view.setAttackType(attack);
    view.setClickMode(ClassroomView::ClickMode::Victim);
    view.clickAs(31);
    view.setClickMode(ClassroomView::ClickMode::Attacker);
    view.clickAs(34);
    view.setClickMode(ClassroomView::ClickMode::Perspective);
    for (Asn asn : perspectives) {
        view.clickAs(asn);
    }
    view.run();
    while (view.step()) {
    }
}

std::string secondLine(const QString& text) {
    return text.split('\n').value(1).toStdString();
}

// Each reason the engine's Corroboration gives, on hand-built cases (victim 31, attacker 34,
// equally-specific, no ROV: 21, 22, 32 reach the victim; 23, 24, 25, 26, 33, 35, 36 the attacker).
TEST_F(Gui, EveryVerdictSaysWhy) {
    ClassroomView view(classroomFolder());
    view.setPolicy("br", "2026-12-15");

    choose(view, {32, 21, 23, 24, 26});
    EXPECT_EQ(secondLine(view.quorumText()),
              "The primary perspective's validation reached the victim, so the attacker's request "
              "fails there: certificate REFUSED.");

    choose(view, {33, 21, 22, 23});  // 1 of 3 corroborates; 2 are required
    EXPECT_EQ(secondLine(view.quorumText()),
              "Only 1 of 3 remote perspectives reached the attacker (2 required), spanning 1 RIR "
              "(2 required): certificate REFUSED.");

    // 4 of 4 corroborate but all in ARIN: the RIRs are set on the remotes' badges.
    choose(view, {33, 23, 24, 25, 36});
    view.setRemoteRir(23, Rir::Arin);
    view.setRemoteRir(24, Rir::Arin);
    EXPECT_EQ(view.badgeOf(23), "R ARIN\u2192A");
    EXPECT_EQ(view.phase(), 3) << "changing a RIR keeps the verdict shown";
    EXPECT_EQ(secondLine(view.quorumText()),
              "4 of 4 remote perspectives reached the attacker (3 required), spanning 1 RIR (2 "
              "required), too few RIRs among them: certificate REFUSED.");
    view.setRemoteRir(24, Rir::Apnic);
    EXPECT_EQ(secondLine(view.quorumText()),
              "The primary and 4 of 4 remote perspectives reached the attacker (3 required), "
              "spanning 2 RIRs (2 required): certificate ISSUED to the attacker.");

    // The first BR phase does not block: the primary alone suffices.
    view.setPolicy("br", "2025-03-15");
    choose(view, {33, 21, 22});
    EXPECT_EQ(secondLine(view.quorumText()),
              "The primary reached the attacker and 0 of 2 remote perspectives reached the "
              "attacker (1 required); the quorum fails, but this policy does not block issuance: "
              "certificate ISSUED to the attacker.");

    // Before MPIC a CA validates from its primary alone, and that is compliant.
    view.setPolicy("single");
    choose(view, {33});
    EXPECT_TRUE(view.quorumText().startsWith(
        "0 of 0 remote perspectives corroborate: certificate ISSUED to the attacker"))
        << view.quorumText().toStdString();
    EXPECT_FALSE(view.quorumText().contains("Not compliant")) << view.quorumText().toStdString();

    // A primary with no route: AS35 performs ROV and hears the victim's prefix only from the
    // attacker's side... here its only provider, AS25, is the attacker.
    view.setPolicy("br", "2026-12-15");
    view.reset();
    view.setClickMode(ClassroomView::ClickMode::Victim);
    view.clickAs(31);
    view.setClickMode(ClassroomView::ClickMode::Attacker);
    view.clickAs(25);
    view.setClickMode(ClassroomView::ClickMode::Rov);
    view.clickAs(35);
    view.setClickMode(ClassroomView::ClickMode::Perspective);
    for (Asn asn : {35u, 21u, 23u, 24u}) {
        view.clickAs(asn);
    }
    view.run();
    while (view.step()) {
    }
    EXPECT_EQ(secondLine(view.quorumText()),
              "The primary perspective's validation reached nobody, so the attacker's request "
              "fails there: certificate REFUSED.");
    view.setClickMode(ClassroomView::ClickMode::Explain);
    view.clickAs(35);
    EXPECT_TRUE(view.explanationText().contains(
        "ROV dropped the invalid route to the victim's /22 from AS25 (Hosting Provider)"))
        << view.explanationText().toStdString();
    EXPECT_TRUE(view.explanationText().endsWith("reaches nobody (no route)."))
        << view.explanationText().toStdString();

    // A rule made up in class: no remote may fail, so one remote on the victim's side refuses.
    view.setCustomPolicy({0, 0, true, true});
    choose(view, {33, 21, 23});
    EXPECT_EQ(secondLine(view.quorumText()),
              "Only 1 of 2 remote perspectives reached the attacker (2 required): certificate "
              "REFUSED.");
    EXPECT_EQ(view.setup().policyName, "custom");

    // open-mpic has no primary: every perspective counts as a remote.
    view.setPolicy("open-mpic");
    choose(view, {33, 23, 24});
    EXPECT_TRUE(view.quorumText().startsWith(
        "3 of 3 remote perspectives corroborate: certificate ISSUED to the attacker"))
        << view.quorumText().toStdString();
    EXPECT_EQ(view.badgeOf(33), "R ARIN\u2192A");
    view.resize(1400, 860);
    view.show();
    QApplication::processEvents();
    view.grab().save("/tmp/gui-shots/classroom-open-mpic.png");
}

TEST_F(Gui, SubprefixExplanationTeachesLongestPrefixMatch) {
    ClassroomView view(classroomFolder());
    choose(view, {32, 21, 23, 24, 26}, AttackType::Subprefix);
    view.setClickMode(ClassroomView::ClickMode::Explain);
    view.clickAs(22);
    const QString final = view.explanationText();
    EXPECT_TRUE(
        final.contains("Longest-prefix match: the attacker's /23 is more specific than "
                       "the victim's /22"))
        << final.toStdString();
    EXPECT_TRUE(final.contains("although it holds a better (customer) route to the /22"))
        << final.toStdString();
    EXPECT_TRUE(final.endsWith("reaches the attacker.")) << final.toStdString();
    EXPECT_EQ(view.drawnPath(), (std::vector<Asn>{22, 12, 2, 13, 24, 34}));

    // Earlier phases show nothing beyond themselves: at phase 1 AS22 holds only its customer
    // route to the /22 and its traffic still reaches the victim.
    ASSERT_TRUE(view.stepBack());
    ASSERT_TRUE(view.stepBack());
    EXPECT_EQ(view.phase(), 1);
    EXPECT_EQ(view.colourOf(22), ClassroomView::victimColour());
    EXPECT_FALSE(view.explanationText().contains("/23")) << view.explanationText().toStdString();
    EXPECT_TRUE(view.explanationText().endsWith("reaches the victim."));
    EXPECT_EQ(view.drawnPath(), (std::vector<Asn>{22, 31}));
    ASSERT_TRUE(view.stepBack());
    EXPECT_EQ(view.explanationText(), "Phase 0: AS22 (University Network) has no route yet.");
    EXPECT_FALSE(view.stepBack());

    // ROV at AS22 drops the /23 (longer than the ROA allows): said, and the traffic stays.
    while (view.step()) {
    }
    view.setClickMode(ClassroomView::ClickMode::Rov);
    view.clickAs(22);
    EXPECT_EQ(view.phase(), 3) << "an ROV click re-evaluates at the phase shown";
    EXPECT_TRUE(
        view.explanationText().contains("ROV dropped the invalid route to the attacker's "
                                        "/23"))
        << view.explanationText().toStdString();
    EXPECT_EQ(view.colourOf(22), ClassroomView::victimColour());
    view.resize(1400, 860);
    view.show();
    QApplication::processEvents();
    view.grab().save("/tmp/gui-shots/classroom-subprefix-rov.png");
}

TEST_F(Gui, EditsAreUndoneAndThePrimaryIsNeverPromotedSilently) {
    ClassroomView view(classroomFolder());
    choose(view, {33, 21, 23, 24, 26});
    EXPECT_EQ(view.labelOf(31), "Victim\nStub network");
    EXPECT_EQ(view.labelOf(33), "CA primary\nCampus Network");
    EXPECT_EQ(view.labelOf(32), "Stub network");  // "CA primary" in the names file, no role now
    view.setClickMode(ClassroomView::ClickMode::Perspective);
    view.clickAs(33);  // remove the primary
    EXPECT_FALSE(view.setup().primary.has_value());
    EXPECT_EQ(view.badgeOf(21), "R ARIN\u2192V") << "21 stays a remote";
    EXPECT_TRUE(view.quorumText().startsWith("The CA has no primary perspective"))
        << view.quorumText().toStdString();
    EXPECT_EQ(view.phase(), 3);
    view.setPrimary(21);
    EXPECT_EQ(view.setup().primary, 21u);
    EXPECT_EQ(view.setup().remotes, (std::vector<Asn>{23, 24, 26}));
    ASSERT_TRUE(view.undo());
    EXPECT_FALSE(view.setup().primary.has_value());
    ASSERT_TRUE(view.undo());
    EXPECT_EQ(view.setup().primary, 33u);
    EXPECT_EQ(view.setup().remotes, (std::vector<Asn>{21, 23, 24, 26}));
    // Set as primary on a remote swaps the two.
    view.setPrimary(23);
    EXPECT_EQ(view.setup().remotes, (std::vector<Asn>{21, 33, 24, 26}));
    // Changing the victim re-runs at the phase shown.
    view.setClickMode(ClassroomView::ClickMode::Victim);
    view.clickAs(36);
    EXPECT_EQ(view.phase(), 3);
    EXPECT_EQ(view.colourOf(36), ClassroomView::victimColour());
    EXPECT_EQ(view.labelOf(31), "Stub network");
    ASSERT_TRUE(view.undo());
    EXPECT_EQ(view.setup().victim, 31u);
    EXPECT_EQ(view.phase(), 3);
}

TEST_F(Gui, StudyOnASyntheticInternet) {
    StudyView study;
    QSignalSpy failures(&study, &StudyView::failed);
    QSignalSpy loaded(&study, &StudyView::topologyLoaded);
    study.generateTopology(25000, 4);  // from 1,000 ASes up it holds the catalog hosts
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
