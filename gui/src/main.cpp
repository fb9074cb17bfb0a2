#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QMessageBox>
#include <QTabWidget>
#include <QTimer>
#include <cstdio>

#include "ClassroomView.hpp"
#include "LessonFile.hpp"
#include "MainWindow.hpp"
#include "OptimizerPanel.hpp"
#include "StudyView.hpp"
#include "mpicsim/io/InputError.hpp"

namespace {

using mpicsim::gui::ClassroomSetup;
using mpicsim::gui::MainWindow;
using mpicsim::gui::OptimizerPanel;

// "21,23,24" as AS numbers; throws InputError naming the option.
std::vector<mpicsim::Asn> asnList(const QString& option, const QString& text) {
    std::vector<mpicsim::Asn> asns;
    for (const QString& part : text.split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const uint asn = part.trimmed().toUInt(&ok);
        if (!ok) {
            throw mpicsim::InputError("command line", 0,
                                      "option --" + option.toStdString() +
                                          " expects AS numbers separated by commas, got '" +
                                          text.toStdString() + "'");
        }
        asns.push_back(asn);
    }
    return asns;
}

std::optional<mpicsim::Asn> oneAsn(const QCommandLineParser& parser, const QString& option) {
    if (!parser.isSet(option)) {
        return std::nullopt;
    }
    const auto asns = asnList(option, parser.value(option));
    if (asns.size() != 1) {
        throw mpicsim::InputError("command line", 0,
                                  "option --" + option.toStdString() + " expects one AS number");
    }
    return asns.front();
}

// The classroom setup the options describe.
ClassroomSetup setupFrom(const QCommandLineParser& parser) {
    ClassroomSetup setup;
    setup.victim = oneAsn(parser, "victim");
    setup.attacker = oneAsn(parser, "attacker");
    setup.primary = oneAsn(parser, "primary");
    setup.explained = oneAsn(parser, "explain");
    if (parser.isSet("remotes")) {
        setup.remotes = asnList("remotes", parser.value("remotes"));
    }
    if (parser.isSet("rov")) {
        setup.rovAdopters = asnList("rov", parser.value("rov"));
    }
    const std::string attack = parser.value("attack").toStdString();
    const auto type = mpicsim::attackTypeFromString(attack);
    if (!type || *type == mpicsim::AttackType::None) {
        throw mpicsim::InputError(
            "command line", 0,
            "option --attack expects equally-specific, subprefix or forged-origin, got '" + attack +
                "'");
    }
    setup.attack = *type;
    const QStringList policy = parser.value("policy").split('@');
    setup.policyName = policy.value(0).toStdString();
    setup.policyPhase = policy.size() > 1 ? policy[1].toStdString()
                        : setup.policyName == "br" || setup.policyName == "cabf-proposal-2023"
                            ? "2026-12-15"
                            : "";
    bool ok = false;
    setup.phase = parser.value("step").toInt(&ok);
    if (!ok || setup.phase < -1 || setup.phase > 3) {
        throw mpicsim::InputError("command line", 0, "option --step expects 0, 1, 2 or 3");
    }
    return setup;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication application(argc, argv);
    QApplication::setApplicationName("mpicsim-gui");
    QApplication::setApplicationVersion(MPICSIM_VERSION);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "mpicsim's teaching and study GUI. Without options it opens the window. With "
        "--screenshot it renders the classroom view (a setup given by the options below, or a "
        "--lesson step) to a PNG file and exits, with no display needed "
        "(QT_QPA_PLATFORM=offscreen). With --optimize it runs the study view's optimizer on a "
        "scenario first (and --screenshot renders the study view).");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {"classroom", "Render the classroom view (the default for --screenshot)."},
        {"topology", "A classroom topology folder (classroom-links.txt, classroom-names.txt).",
         "FOLDER"},
        {"victim", "The victim's AS.", "ASN"},
        {"attacker", "The attacker's AS.", "ASN"},
        {"attack", "equally-specific, subprefix or forged-origin.", "TYPE", "equally-specific"},
        {"primary", "The CA's primary perspective's AS.", "ASN"},
        {"remotes", "The remote perspectives' ASes.", "ASN,ASN,..."},
        {"rov", "ASes performing route origin validation.", "ASN,ASN,..."},
        {"policy", "A quorum rule: single, lets-encrypt-2020, open-mpic, br@DATE, ...", "NAME",
         "br@2026-12-15"},
        {"explain", "The AS whose route is explained and drawn.", "ASN"},
        {"step", "The phase shown, 0 to 3 (with --lesson: the lesson step, from 1).", "N", "3"},
        {"lesson", "A lesson file (JSON) to open.", "FILE"},
        {"text-scale", "Text size, 1 normal, 1.5 for a projector.", "FACTOR", "1"},
        {"size", "Window size for --screenshot.", "WxH", "1600x900"},
        {"screenshot", "Write the window as PNG (or the drawing alone as .svg) and exit.", "FILE"},
        {"optimize",
         "Run the study view's optimizer on a scenario (its optimize block) and show its result; "
         "with --screenshot, render the study view once it is done.",
         "SCENARIO"},
    });
    parser.process(application);

    try {
        const QString folder =
            parser.isSet("topology") ? parser.value("topology") : MainWindow::findClassroomFolder();
        MainWindow window(folder);
        window.resize(1280, 800);
        window.classroom()->setTextScale(parser.value("text-scale").toDouble());
        QString error;
        QObject::connect(&window, &MainWindow::errorShown,
                         [&error](const QString& message) { error = message; });
        const bool scripted = parser.isSet("screenshot") || parser.isSet("victim");
        if (parser.isSet("lesson")) {
            if (!window.openLesson(parser.value("lesson"))) {
                std::fprintf(stderr, "mpicsim-gui: %s\n", error.toLocal8Bit().constData());
                return 2;
            }
            if (parser.isSet("step") && !window.showLessonStep(parser.value("step").toInt() - 1)) {
                std::fprintf(stderr, "mpicsim-gui: the lesson has no step %s\n",
                             parser.value("step").toLocal8Bit().constData());
                return 2;
            }
        } else if (scripted) {
            window.tabs()->setCurrentWidget(window.classroom());
            window.classroom()->applySetup(setupFrom(parser), "command line");
        }
        if (parser.isSet("optimize")) {
            window.tabs()->setCurrentWidget(window.study());
            window.study()->showOptimizer();
            OptimizerPanel& panel = *window.study()->optimizer();
            QString failure;
            QObject::connect(&panel, &OptimizerPanel::failed,
                             [&failure](const QString& message) { failure = message; });
            if (!panel.openScenario(parser.value("optimize"))) {
                std::fprintf(stderr, "mpicsim-gui: %s\n", failure.toLocal8Bit().constData());
                return 2;
            }
            QEventLoop loop;
            bool completed = false;
            QObject::connect(&panel, &OptimizerPanel::finished, [&](bool done) {
                completed = done;
                loop.quit();
            });
            if (!panel.start()) {
                std::fprintf(stderr, "mpicsim-gui: %s\n",
                             panel.statusText().toLocal8Bit().constData());
                return 2;
            }
            loop.exec();
            if (!completed) {
                std::fprintf(stderr, "mpicsim-gui: %s\n",
                             panel.statusText().toLocal8Bit().constData());
                return 2;
            }
        }
        if (parser.isSet("screenshot") && parser.isSet("optimize")) {
            const QStringList size = parser.value("size").split('x');
            window.resize(size.value(0).toInt() > 0 ? size.value(0).toInt() : 1600,
                          size.value(1).toInt() > 0 ? size.value(1).toInt() : 900);
            window.show();
            QApplication::processEvents();
            const QString path = parser.value("screenshot");
            if (!window.grab().save(path)) {
                std::fprintf(stderr, "mpicsim-gui: cannot write %s (a PNG)\n",
                             path.toLocal8Bit().constData());
                return 2;
            }
            return 0;
        }
        if (parser.isSet("screenshot")) {
            const QStringList size = parser.value("size").split('x');
            window.resize(size.value(0).toInt() > 0 ? size.value(0).toInt() : 1600,
                          size.value(1).toInt() > 0 ? size.value(1).toInt() : 900);
            window.tabs()->setCurrentWidget(window.classroom());
            window.show();
            QApplication::processEvents();
            window.classroom()->fitToWindow();
            QApplication::processEvents();
            const QString path = parser.value("screenshot");
            const bool written = path.endsWith(".svg", Qt::CaseInsensitive)
                                     ? window.classroom()->exportDrawing(path)
                                     : window.grab().save(path);
            if (!written) {
                std::fprintf(stderr, "mpicsim-gui: cannot write %s\n",
                             path.toLocal8Bit().constData());
                return 2;
            }
            return 0;
        }
        window.show();
        return QApplication::exec();
    } catch (const mpicsim::InputError& error) {
        if (QGuiApplication::platformName() == "offscreen" || parser.isSet("screenshot")) {
            std::fprintf(stderr, "mpicsim-gui: %s\n", error.what());
        } else {
            QMessageBox::critical(nullptr, "mpicsim-gui", error.what());
        }
        return 2;
    }
}
