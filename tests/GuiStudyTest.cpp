// The study view tells the truth about single vantage points: each preset runs under its own
// rule unless the user applies a BR phase, and blocked legitimate issuance is shown.
#include <gtest/gtest.h>

#include <QApplication>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>

#include "StudyView.hpp"
#include "mpicsim/analysis/SummaryReader.hpp"
#include "mpicsim/experiment/StudyCompliance.hpp"

namespace mpicsim::gui {
namespace {

class GuiStudy : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "gui-study-test";
        static char* argv[] = {name, nullptr};
        if (QApplication::instance() == nullptr) {
            new QApplication(argc, argv);
        }
    }

    // Runs the study shown and waits for it; returns false (with a message) on failure.
    static ::testing::AssertionResult runStudy(StudyView& study) {
        QSignalSpy failures(&study, &StudyView::failed);
        QSignalSpy finished(&study, &StudyView::studyFinished);
        if (!study.startStudy()) {
            return ::testing::AssertionFailure() << "the study did not start";
        }
        if (!finished.wait(120000) || !finished.front().front().toBool()) {
            return ::testing::AssertionFailure()
                   << (failures.empty() ? std::string("did not finish")
                                        : failures.front().front().toString().toStdString());
        }
        return ::testing::AssertionSuccess();
    }

    static void generate(StudyView& study) {
        QSignalSpy loaded(&study, &StudyView::topologyLoaded);
        study.generateTopology(25000, 4);
        ASSERT_TRUE(loaded.wait(30000));
    }
};

const SummaryGroup* groupOf(const Summary& summary, const std::string& ca,
                            const std::string& attack) {
    for (const SummaryGroup& group : summary.groups) {
        if (group.ca == ca && group.attack == attack) {
            return &group;
        }
    }
    return nullptr;
}

// `mpicsim run` on the GUI's study written as a scenario file (seed 1, /22, sampled victims and
// adversaries, the preset under its own policy): its summary.json.
Summary cliSummary(const QString& folder) {
    const QString scenario = folder + "/gui-study.json";
    QFile file(scenario);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({
      "name": "gui-study",
      "topology": {"synthetic": {"ases": 25000, "seed": 4}},
      "seed": 1,
      "attacks": ["equally-specific", "subprefix"],
      "ca_configurations": ["single-vantage-point"],
      "policies": "own",
      "victims": {"sample": 12},
      "adversaries": {"sample": 12}
    })");
    file.close();
    QProcess run;
    run.start(MPICSIM_CLI_PATH, {"run", scenario, "--out", folder + "/out", "--threads", "2"});
    EXPECT_TRUE(run.waitForFinished(120000));
    EXPECT_EQ(run.exitCode(), 0) << run.readAllStandardError().toStdString();
    return SummaryReader::readFile((folder + "/out/summary.json").toStdString());
}

TEST_F(GuiStudy, SingleVantagePointRunsUnderItsOwnRuleAsTheCliDoes) {
    StudyView study;
    generate(study);
    ASSERT_TRUE(study.choosePreset("single-vantage-point"));
    EXPECT_FALSE(study.overridesPolicies());
    EXPECT_EQ(study.configurationName(), "single-vantage-point");
    EXPECT_EQ(study.policyText(), "its own rule, single");
    EXPECT_TRUE(study.complianceText().startsWith("Compliant"))
        << study.complianceText().toStdString();
    study.setSampleSizes(12, 12);
    ASSERT_TRUE(runStudy(study));

    QTemporaryDir folder;
    const Summary cli = cliSummary(folder.path());
    for (const char* attack : {"equally-specific", "subprefix"}) {
        const SummaryGroup* gui = groupOf(study.summary(), "single-vantage-point", attack);
        const SummaryGroup* reference = groupOf(cli, "single-vantage-point", attack);
        ASSERT_NE(gui, nullptr) << attack;
        ASSERT_NE(reference, nullptr) << attack;
        EXPECT_EQ(gui->policy, reference->policy);
        EXPECT_EQ(gui->trials, reference->trials);
        EXPECT_EQ(gui->attackerSuccesses, reference->attackerSuccesses) << attack;
        EXPECT_DOUBLE_EQ(gui->attackerSuccessRate, reference->attackerSuccessRate);
        EXPECT_GT(gui->attackerSuccessRate, 0.2) << attack << ": a single vantage point is weak";
    }
    // The table shows the rate, its interval and the blocked legitimate issuance.
    QTableWidget& table = *study.resultsTable();
    ASSERT_EQ(table.rowCount(), 2);
    EXPECT_EQ(table.item(0, 0)->text(), "single-vantage-point");
    EXPECT_TRUE(table.item(0, 4)->text().endsWith("%"));
    EXPECT_TRUE(table.item(0, 5)->text().contains("–"));
    EXPECT_FALSE(study.charts()->tabText(0).contains('_'));
    study.resize(1400, 860);
    study.show();
    QApplication::processEvents();
    study.grab().save("/tmp/gui-shots/study-single-own-rule.png");

    // Held to the BR phase of 2026-12-15 (an explicit choice), a CA with no remotes can meet no
    // quorum: nobody obtains a certificate, and the owner is blocked too.
    study.setPhaseIndex(4);
    EXPECT_TRUE(study.overridesPolicies());
    EXPECT_TRUE(study.complianceText().startsWith("Not compliant"))
        << study.complianceText().toStdString();
    ASSERT_TRUE(runStudy(study));
    const SummaryGroup* held = groupOf(study.summary(), "single-vantage-point", "equally-specific");
    ASSERT_NE(held, nullptr);
    EXPECT_EQ(held->attackerSuccessRate, 0.0);
    EXPECT_EQ(held->legitimateBlockedRate, 1.0);
    EXPECT_EQ(study.resultsTable()->item(0, 6)->text(), "100.0%");
    EXPECT_EQ(study.resultsTable()->item(0, 7)->text(), "no");
    EXPECT_TRUE(study.notesText().contains(
        "single-vantage-point under br (phase 2026-12-15), equally-specific: no certificate is "
        "issued to anyone, the domain's owner included"))
        << study.notesText().toStdString();
    EXPECT_TRUE(study.resultsTable()->item(0, 7)->toolTip().contains("at least 5 remote"));
    // The pair that is not compliant is named in the words `mpicsim run` warns with, once.
    const QString warning = QString::fromStdString(
        StudyCompliance::warning("single-vantage-point", "br (phase 2026-12-15)",
                                 {"too-few-remotes", "rir-diversity-impossible"}));
    EXPECT_TRUE(
        warning.contains("'single-vantage-point' under policy br (phase 2026-12-15) is "
                         "not compliant: too-few-remotes, rir-diversity-impossible"));
    EXPECT_EQ(study.notesText().count(warning), 1) << study.notesText().toStdString();
    QApplication::processEvents();
    study.grab().save("/tmp/gui-shots/study-single-br-phase.png");
}

TEST_F(GuiStudy, SeveralConfigurationsRunSideBySideByName) {
    StudyView study;
    generate(study);
    study.choosePreset("single-vantage-point");
    study.addToComparison();
    study.choosePreset("lets-encrypt-2020");
    study.addToComparison();
    study.choosePreset("br-2026-12-example");
    study.addToComparison();
    EXPECT_EQ(study.comparedNames(),
              QStringList({"single-vantage-point", "lets-encrypt-2020", "br-2026-12-example"}));
    study.setSampleSizes(6, 6);
    ASSERT_TRUE(runStudy(study));
    EXPECT_EQ(study.summary().groups.size(), 6u);
    for (const char* name : {"single-vantage-point", "lets-encrypt-2020", "br-2026-12-example"}) {
        EXPECT_NE(groupOf(study.summary(), name, "equally-specific"), nullptr) << name;
    }
    EXPECT_TRUE(study.skippedCombinations().isEmpty());
    study.resize(1400, 860);
    study.show();
    QApplication::processEvents();
    study.grab().save("/tmp/gui-shots/study-comparison.png");
}

}  // namespace
}  // namespace mpicsim::gui
