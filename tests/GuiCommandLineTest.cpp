// mpicsim-gui renders without clicking: --help and --version print and exit, --screenshot writes
// the classroom view for a setup given on the command line or a lesson step (or, with
// --optimize, the study view after the optimizer ran), bad input exits 2.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>

namespace {

struct GuiRun {
    int exitCode = -1;
    QString output;
    QString errors;
};

GuiRun runGui(const QStringList& arguments) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("QT_QPA_PLATFORM", "offscreen");
    process.setProcessEnvironment(environment);
    process.start(MPICSIM_GUI_PATH, arguments);
    GuiRun run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.output = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.errors = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

TEST(GuiCommandLine, HelpAndVersionPrintAndExit) {
    const GuiRun help = runGui({"--help"});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.output.contains("--screenshot")) << help.output.toStdString();
    EXPECT_TRUE(help.output.contains("--lesson"));
    const GuiRun version = runGui({"--version"});
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_TRUE(version.output.startsWith("mpicsim-gui ")) << version.output.toStdString();
}

TEST(GuiCommandLine, RendersASetupAndALessonStep) {
    QTemporaryDir folder;
    const QString picture = folder.filePath("subprefix.png");
    const GuiRun setup = runGui({"--classroom", "--victim", "31", "--attacker", "34", "--attack",
                                 "subprefix", "--primary", "32", "--remotes", "21,23,24,26",
                                 "--step", "3", "--size", "1280x720", "--screenshot", picture});
    ASSERT_EQ(setup.exitCode, 0) << setup.errors.toStdString();
    const QImage image(picture);
    EXPECT_EQ(image.size(), QSize(1280, 720));

    const QString lesson = folder.filePath("lesson.json");
    QFile file(lesson);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({"mpicsim_lesson": 1, "steps": [{"victim": 31, "attacker": 34, "step": 0},
                  {"victim": 31, "attacker": 34, "primary": 32, "remotes": [21, 23],
                   "policy": "lets-encrypt-2020", "step": 3}]})");
    file.close();
    const QString svg = folder.filePath("step2.svg");
    const GuiRun step = runGui({"--lesson", lesson, "--step", "2", "--screenshot", svg});
    ASSERT_EQ(step.exitCode, 0) << step.errors.toStdString();
    QFile drawing(svg);
    ASSERT_TRUE(drawing.open(QIODevice::ReadOnly));
    EXPECT_TRUE(drawing.readAll().contains("<svg"));

    const GuiRun missingStep = runGui({"--lesson", lesson, "--step", "3", "--screenshot", svg});
    EXPECT_EQ(missingStep.exitCode, 2);
    EXPECT_TRUE(missingStep.errors.contains("the lesson has no step 3"))
        << missingStep.errors.toStdString();
}

// --optimize runs the study view's optimizer on a scenario before the screenshot; a scenario
// that cannot be read exits 2 naming it.
TEST(GuiCommandLine, RendersTheOptimizerResult) {
    QTemporaryDir folder;
    const QString picture = folder.filePath("optimizer.png");
    const GuiRun run =
        runGui({"--optimize", QString(MPICSIM_SOURCE_DIR) + "/scenarios/optimize-classroom.json",
                "--size", "1280x720", "--screenshot", picture});
    ASSERT_EQ(run.exitCode, 0) << run.errors.toStdString();
    EXPECT_EQ(QImage(picture).size(), QSize(1280, 720));
    const GuiRun missing = runGui(
        {"--optimize", folder.filePath("missing.json"), "--screenshot", folder.filePath("x.png")});
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(missing.errors.contains("missing.json")) << missing.errors.toStdString();
    EXPECT_FALSE(QFile::exists(folder.filePath("x.png")));
}

TEST(GuiCommandLine, BadInputExitsWithAMessage) {
    QTemporaryDir folder;
    const GuiRun unknownAs =
        runGui({"--victim", "31", "--attacker", "99", "--screenshot", folder.filePath("x.png")});
    EXPECT_EQ(unknownAs.exitCode, 2);
    EXPECT_TRUE(unknownAs.errors.contains("attacker AS99 is not in the classroom topology"))
        << unknownAs.errors.toStdString();
    const GuiRun badAttack = runGui({"--victim", "31", "--attacker", "34", "--attack", "sideways",
                                     "--screenshot", folder.filePath("x.png")});
    EXPECT_EQ(badAttack.exitCode, 2);
    EXPECT_TRUE(badAttack.errors.contains("option --attack expects"))
        << badAttack.errors.toStdString();
    const GuiRun twice = runGui({"--victim", "31", "--attacker", "34", "--primary", "32",
                                 "--remotes", "21,32", "--screenshot", folder.filePath("x.png")});
    EXPECT_EQ(twice.exitCode, 2);
    EXPECT_TRUE(twice.errors.contains("AS32 is chosen twice as a perspective"))
        << twice.errors.toStdString();
    const GuiRun same =
        runGui({"--victim", "31", "--attacker", "31", "--screenshot", folder.filePath("x.png")});
    EXPECT_EQ(same.exitCode, 2);
    EXPECT_TRUE(same.errors.contains("the victim and the attacker are both AS31"))
        << same.errors.toStdString();
    const GuiRun badLesson = runGui(
        {"--lesson", folder.filePath("missing.json"), "--screenshot", folder.filePath("x.png")});
    EXPECT_EQ(badLesson.exitCode, 2);
    EXPECT_TRUE(badLesson.errors.contains("missing.json: cannot open"))
        << badLesson.errors.toStdString();
}

}  // namespace
