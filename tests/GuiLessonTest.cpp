// Lessons: a classroom setup saved as JSON reloads to the same drawing and verdict at each step;
// bad files are refused with the JSON Pointer of the bad value; own topologies carry RIRs and are
// laid out without crossings; the drawing exports as PNG and SVG.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QGraphicsSimpleTextItem>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextStream>

#include "ClassroomView.hpp"
#include "LessonFile.hpp"
#include "MainWindow.hpp"
#include "mpicsim/io/InputError.hpp"

namespace mpicsim::gui {
namespace {

class GuiLesson : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "gui-lesson-test";
        static char* argv[] = {name, nullptr};
        if (QApplication::instance() == nullptr) {
            new QApplication(argc, argv);
        }
    }
    static QString classroomFolder() {
        return QString(MPICSIM_SOURCE_DIR) + "/topology_data/classroom";
    }
};

// What a student sees of one step: every AS's colour, badge and label, the meter and the
// explanation.
struct Snapshot {
    std::vector<std::string> lines;
    bool operator==(const Snapshot&) const = default;
};

Snapshot snapshotOf(const ClassroomView& view) {
    Snapshot snapshot;
    const AsGraph& graph = view.topology().graph;
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        const Asn asn = graph.asnOf(v);
        snapshot.lines.push_back(
            std::to_string(asn) + " " + view.colourOf(asn).name().toStdString() + " " +
            view.badgeOf(asn).toStdString() + " " + view.labelOf(asn).toStdString());
    }
    snapshot.lines.push_back(view.quorumText().toStdString());
    snapshot.lines.push_back(view.explanationText().toStdString());
    snapshot.lines.push_back(std::to_string(view.phase()));
    return snapshot;
}

void writeFile(const QString& path, const QString& text) {
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Text));
    QTextStream(&file) << text;
}

TEST_F(GuiLesson, ASavedLessonReloadsToTheSameStepsAndVerdicts) {
    QTemporaryDir folder;
    const QString path = folder.filePath("lesson.json");
    std::vector<Snapshot> shown;
    {
        MainWindow window(classroomFolder());
        ClassroomView& view = *window.classroom();
        ClassroomSetup first;
        first.caption = "An equally-specific hijack splits the Internet";
        first.victim = 31;
        first.attacker = 34;
        first.primary = 33;
        first.remotes = {21, 23, 24, 26};
        first.phase = 3;
        first.explained = 11;
        view.applySetup(first);
        window.addLessonStep();
        shown.push_back(snapshotOf(view));

        view.setAttackType(AttackType::Subprefix);
        view.setRemoteRir(24, Rir::Ripe);
        view.setClickMode(ClassroomView::ClickMode::Rov);
        view.clickAs(13);
        view.setClickMode(ClassroomView::ClickMode::Explain);
        view.clickAs(22);
        view.stepBack();
        view.moveAs(36, QPointF(700, 120));  // dragged by the teacher
        view.setCustomPolicy({2, 2, false, true});
        window.addLessonStep();
        shown.push_back(snapshotOf(view));
        ASSERT_TRUE(window.saveLesson(path));
    }
    const Lesson saved = LessonFile::read(path.toStdString());
    ASSERT_EQ(saved.steps.size(), 2u);
    EXPECT_EQ(saved.steps[1].remoteRirs.at(24), Rir::Ripe);
    EXPECT_EQ(saved.steps[1].phase, 2);
    EXPECT_EQ(saved.steps[1].policyName, "custom");
    EXPECT_EQ(saved.steps[1].customRule, (ClassroomSetup::CustomRule{2, 2, false, true}));
    EXPECT_EQ(saved.steps[1].positions.at(36), (std::pair<double, double>{700, 120}));
    EXPECT_TRUE(saved.steps[0].positions.empty());

    MainWindow window(classroomFolder());
    window.resize(1600, 900);
    window.show();
    ASSERT_TRUE(window.openLesson(path));
    EXPECT_EQ(snapshotOf(*window.classroom()), shown[0]);
    QApplication::processEvents();
    window.grab().save("/tmp/gui-shots/lesson-step1.png");
    const QPointF laidOut = window.classroom()->positionOf(36);
    ASSERT_TRUE(window.showLessonStep(1));
    EXPECT_EQ(snapshotOf(*window.classroom()), shown[1]);
    EXPECT_EQ(window.classroom()->positionOf(36), QPointF(700, 120));
    ASSERT_TRUE(window.showLessonStep(0));
    EXPECT_EQ(window.classroom()->positionOf(36), laidOut);
    ASSERT_TRUE(window.showLessonStep(1));
    EXPECT_FALSE(window.showLessonStep(2));
    QApplication::processEvents();
    window.grab().save("/tmp/gui-shots/lesson-step2.png");
}

TEST_F(GuiLesson, BadLessonsAreRefusedWithTheJsonPointer) {
    auto errorOf = [](const std::string& text) {
        try {
            LessonFile::parse(text, "lesson.json");
        } catch (const InputError& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(errorOf(R"({"mpicsim_lesson": 1, "steps": [{"victim": "31"}]})"),
              "lesson.json: at /steps/0/victim: expected an AS number, found \"31\"");
    EXPECT_EQ(errorOf(R"({"mpicsim_lesson": 1, "steps": [{}, {"remote_rirs": {"23": "EU"}}]})"),
              "lesson.json: at /steps/1/remote_rirs/23: expected ARIN, RIPE, APNIC, LACNIC or "
              "AFRINIC, found \"EU\"");
    EXPECT_EQ(errorOf(R"({"mpicsim_lesson": 1, "steps": [{"attack": "sideways"}]})"),
              "lesson.json: at /steps/0/attack: expected equally-specific, subprefix or "
              "forged-origin, found \"sideways\"");
    EXPECT_EQ(
        errorOf(
            R"({"mpicsim_lesson": 1, "steps": [{"policy": "br", "phase_date": "2020-01-01"}]})"),
        "lesson.json: at /steps/0/phase_date: br is not yet in force on 2020-01-01");
    EXPECT_EQ(errorOf(R"({"mpicsim_lesson": 1, "steps": [{"step": 7}]})"),
              "lesson.json: at /steps/0/step: expected a phase from -1 (not run) to 3, found 7");
    EXPECT_EQ(errorOf(R"({"mpicsim_lesson": 1, "steps": [{"positions": {"31": [1]}}]})"),
              "lesson.json: at /steps/0/positions/31: expected [x, y], found [1]");
    EXPECT_EQ(
        errorOf(
            R"({"mpicsim_lesson": 1, "steps": [{"policy": {"name": "custom", "minimum_rirs": 9}}]})"),
        "lesson.json: at /steps/0/policy/minimum_rirs: expected a whole number from 0 to 5, "
        "found 9");
    EXPECT_EQ(errorOf(R"({"mpicsim_lesson": 1, "steps": [{"policy": "custom"}]})"),
              "lesson.json: at /steps/0/policy: a custom rule is an object: {\"name\": "
              "\"custom\", \"allowed_non_corroborations\": N, \"minimum_rirs\": N, "
              "\"primary_required\": true, \"blocking\": true}");
    EXPECT_EQ(errorOf(R"({"mpicsim_lesson": 1, "steps": [{"policy": "strict"}]})"),
              "lesson.json: at /steps/0/policy: unknown policy \"strict\" (expected br, "
              "cabf-proposal-2023, lets-encrypt-2020, open-mpic, single)");
    EXPECT_EQ(errorOf(R"({"mpicsim_lesson": 1, "steps": [{"colour": 1}]})"),
              "lesson.json: at /steps/0/colour: unknown key");
    EXPECT_EQ(errorOf(R"({"steps": []})"),
              "lesson.json: at /mpicsim_lesson: expected 1 (the lesson format's version)");
    EXPECT_NE(errorOf("{"), "no error");

    // An AS the topology lacks is refused before anything changes.
    QTemporaryDir folder;
    const QString path = folder.filePath("lesson.json");
    writeFile(
        path,
        R"({"mpicsim_lesson": 1, "steps": [{"victim": 31}, {"victim": 31, "remotes": [21, 99]}]})");
    MainWindow window(classroomFolder());
    QSignalSpy errors(&window, &MainWindow::errorShown);
    EXPECT_FALSE(window.openLesson(path));
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.front().front().toString().toStdString(),
              path.toStdString() + ": at /steps/1: remote AS99 is not in the classroom topology (" +
                  classroomFolder().toStdString() + ")");
    EXPECT_FALSE(window.classroom()->setup().victim.has_value());
}

// The number of pairs of provider-customer links that cross on the drawing.
int crossings(const ClassroomView& view) {
    const AsGraph& graph = view.topology().graph;
    std::vector<QLineF> links;
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        for (NodeIndex customer : graph.customers(v)) {
            links.emplace_back(view.positionOf(graph.asnOf(v)),
                               view.positionOf(graph.asnOf(customer)));
        }
    }
    int count = 0;
    for (std::size_t i = 0; i < links.size(); ++i) {
        for (std::size_t j = i + 1; j < links.size(); ++j) {
            QPointF at;
            const bool shareEnd = links[i].p1() == links[j].p1() ||
                                  links[i].p1() == links[j].p2() ||
                                  links[i].p2() == links[j].p1() || links[i].p2() == links[j].p2();
            if (!shareEnd && links[i].intersects(links[j], &at) == QLineF::BoundedIntersection) {
                ++count;
            }
        }
    }
    return count;
}

TEST_F(GuiLesson, OwnTopologiesCarryRirsAndAreLaidOutInLayers) {
    ClassroomView view(classroomFolder());
    EXPECT_EQ(crossings(view), 0);
    EXPECT_EQ(view.rirOf(23), Rir::Ripe);  // from classroom-names.txt's RIR column
    EXPECT_EQ(view.rirOf(21), Rir::Arin);

    // A topology whose ASN order would cross: 100 above 202 and 201, 101 above 200.
    QTemporaryDir folder;
    writeFile(folder.filePath("classroom-links.txt"),
              "100|101|0\n100|202|-1\n100|201|-1\n101|200|-1\n202|300|-1\n200|301|-1\n");
    writeFile(folder.filePath("classroom-names.txt"),
              "# ASN|name|role|RIR\n100|Transit North|transit|ARIN\n101|Transit South|transit|"
              "LACNIC\n202|Cloud Tokyo|cloud|APNIC\n201|Cloud Paris|cloud|RIPE\n200|Cloud Lima|"
              "cloud|lacnic\n300|Shop|victim\n301|Rogue|attacker\n");
    view.loadTopology(folder.path());
    EXPECT_EQ(view.topology().graph.nodeCount(), 7u);
    EXPECT_EQ(view.rirOf(202), Rir::Apnic);
    EXPECT_EQ(view.rirOf(200), Rir::Lacnic);
    EXPECT_EQ(view.rirOf(300), Rir::Arin);
    EXPECT_EQ(crossings(view), 0);
    EXPECT_LT(view.positionOf(100).y(), view.positionOf(202).y()) << "providers above";
    EXPECT_LT(view.positionOf(202).y(), view.positionOf(300).y());

    ClassroomSetup setup;
    setup.victim = 300;
    setup.attacker = 301;
    setup.primary = 201;
    setup.remotes = {202, 200};
    setup.policyName = "lets-encrypt-2020";
    setup.policyPhase = "";
    setup.phase = 3;
    view.applySetup(setup);
    EXPECT_EQ(view.badgeOf(202), "R APNIC\u2192V");
    EXPECT_EQ(view.labelOf(300), "Victim\nStub network");
    view.resize(1400, 860);
    view.show();
    QApplication::processEvents();
    view.grab().save("/tmp/gui-shots/own-topology.png");

    // A names file with an unknown RIR names its line.
    writeFile(folder.filePath("classroom-names.txt"), "100|Transit North|transit|EUROPE\n");
    try {
        view.loadTopology(folder.path());
        FAIL() << "no error";
    } catch (const InputError& error) {
        EXPECT_TRUE(std::string(error.what()).find("classroom-names.txt:1: unknown RIR 'EUROPE'") !=
                    std::string::npos)
            << error.what();
    }
    EXPECT_EQ(view.topology().graph.nodeCount(), 7u) << "the old topology stays";
}

TEST_F(GuiLesson, TheDrawingExportsAndScalesForAProjector) {
    MainWindow window(classroomFolder());
    window.resize(1920, 1080);
    window.show();
    ClassroomView& view = *window.classroom();
    ClassroomSetup setup;
    setup.victim = 31;
    setup.attacker = 34;
    setup.primary = 32;
    setup.remotes = {21, 23, 24, 26};
    setup.attack = AttackType::Subprefix;
    setup.explained = 22;
    setup.phase = 3;
    view.applySetup(setup);
    QTemporaryDir folder;
    ASSERT_TRUE(view.exportDrawing(folder.filePath("drawing.png")));
    ASSERT_TRUE(view.exportDrawing(folder.filePath("drawing.svg")));
    QImage png(folder.filePath("drawing.png"));
    EXPECT_GT(png.width(), 1500);
    QFile svg(folder.filePath("drawing.svg"));
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    EXPECT_TRUE(svg.readAll().contains("<svg"));
    view.exportDrawing("/tmp/gui-shots/drawing.png");

    view.setTextScale(1.5);
    EXPECT_DOUBLE_EQ(view.textScale(), 1.5);
    QApplication::processEvents();
    const double fitted = view.drawing()->transform().m11();
    window.resize(1280, 720);
    QApplication::processEvents();
    QApplication::processEvents();
    EXPECT_LT(view.drawing()->transform().m11(), fitted) << "the drawing follows the window";
    window.resize(1920, 1080);
    QApplication::processEvents();
    QApplication::processEvents();
    window.grab().save("/tmp/gui-shots/projector-1080p.png");
    view.zoomBy(2);
    EXPECT_NEAR(view.drawing()->transform().m11(), 2 * fitted, 0.05 * fitted);
}

}  // namespace
}  // namespace mpicsim::gui
