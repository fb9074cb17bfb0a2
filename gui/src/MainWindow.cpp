#include "MainWindow.hpp"

#include <QApplication>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

#include "ClassroomView.hpp"
#include "LessonFile.hpp"
#include "StudyView.hpp"
#include "mpicsim/io/InputError.hpp"

namespace mpicsim::gui {

QString MainWindow::findClassroomFolder() {
    const QByteArray overridden = qgetenv("MPICSIM_CLASSROOM");
    if (!overridden.isEmpty()) {
        return QString::fromLocal8Bit(overridden);
    }
    const QString installed =
        QCoreApplication::applicationDirPath() + "/../share/mpicsim/classroom";
    if (QFileInfo::exists(installed + "/classroom-links.txt")) {
        return QDir(installed).canonicalPath();
    }
    return QStringLiteral(MPICSIM_SOURCE_CLASSROOM);
}

MainWindow::MainWindow(const QString& classroomFolder, QWidget* parent) : QMainWindow(parent) {
    setWindowTitle("mpicsim — BGP hijacks against domain validation");
    tabs_ = new QTabWidget;
    classroom_ = new ClassroomView(classroomFolder);
    study_ = new StudyView;
    tabs_->addTab(classroom_, "Classroom");
    tabs_->addTab(study_, "Study");
    setCentralWidget(tabs_);

    connect(classroom_, &ClassroomView::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 6000); });
    connect(classroom_, &ClassroomView::failed, this, &MainWindow::showError);
    connect(study_, &StudyView::failed, this, &MainWindow::showError);
    connect(study_, &StudyView::topologyLoaded, this, [this](int ases) {
        statusBar()->showMessage(QString("Topology loaded: %1 ASes").arg(ases), 5000);
    });
    connect(study_, &StudyView::studyFinished, this, [this](bool completed) {
        statusBar()->showMessage(completed ? "Study finished." : "Study cancelled.", 5000);
    });
    connect(tabs_, &QTabWidget::currentChanged, this, [this] { showTabHint(); });

    QMenu* file = menuBar()->addMenu("&File");
    file->addAction("Open classroom &topology…", this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(
            this, "Folder with classroom-links.txt and classroom-names.txt",
            classroom_->topologyFolder());
        if (folder.isEmpty()) {
            return;
        }
        try {
            classroom_->loadTopology(folder);
            tabs_->setCurrentWidget(classroom_);
        } catch (const std::exception& error) {
            showError(QString::fromStdString(error.what()));
        }
    });
    file->addAction("&Open lesson…", QKeySequence::Open, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, "Open lesson", {}, "Lessons (*.json);;All (*)");
        if (!path.isEmpty()) {
            openLesson(path);
        }
    });
    file->addAction("&Save lesson…", QKeySequence::Save, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, "Save lesson", "lesson.json", "Lessons (*.json)");
        if (!path.isEmpty()) {
            saveLesson(path);
        }
    });
    file->addAction("&Export drawing…", QKeySequence("Ctrl+Shift+E"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, "Export drawing", "classroom.png",
                                                          "PNG (*.png);;SVG (*.svg)");
        if (!path.isEmpty()) {
            classroom_->exportDrawing(path);
        }
    });
    recentMenu_ = file->addMenu("Open &recent");
    file->addSeparator();
    file->addAction("&Quit", QKeySequence::Quit, this, &QWidget::close);

    QMenu* lesson = menuBar()->addMenu("&Lesson");
    lesson->addAction("&Next step", QKeySequence(Qt::Key_PageDown), this,
                      [this] { showLessonStep(lessonStep_ + 1); });
    lesson->addAction("&Previous step", QKeySequence(Qt::Key_PageUp), this,
                      [this] { showLessonStep(lessonStep_ - 1); });
    lesson->addSeparator();
    lesson->addAction("&Caption for this setup…", this, [this] {
        bool ok = false;
        const QString caption = QInputDialog::getText(
            this, "Caption", "What this step shows (empty: none):", QLineEdit::Normal,
            classroom_->caption(), &ok);
        if (ok) {
            classroom_->setCaption(caption.trimmed());
        }
    });
    lesson->addAction("&Add this setup as a step", QKeySequence("Ctrl+Shift+A"), this,
                      [this] { addLessonStep(); });
    lesson->addAction("&Replace the current step with this setup", this, [this] {
        if (lessonStep_ >= 0 && lessonStep_ < static_cast<int>(lesson_.steps.size())) {
            lesson_.steps[static_cast<std::size_t>(lessonStep_)] = classroom_->setup();
            statusBar()->showMessage(QString("Lesson step %1 replaced.").arg(lessonStep_ + 1),
                                     5000);
        }
    });
    lesson->addAction("&Start a new lesson", this, [this] {
        lesson_ = Lesson{};
        lessonStep_ = -1;
        statusBar()->showMessage("New lesson: add setups as steps, then File › Save lesson.", 5000);
    });

    QMenu* view = menuBar()->addMenu("&View");
    view->addAction("Zoom &in", QKeySequence::ZoomIn, this, [this] { classroom_->zoomBy(1.2); });
    view->addAction("Zoom &out", QKeySequence::ZoomOut, this,
                    [this] { classroom_->zoomBy(1 / 1.2); });
    view->addAction("&Fit to window", QKeySequence("Ctrl+0"), this,
                    [this] { classroom_->fitToWindow(); });
    view->addAction("&Automatic layout", this, [this] { classroom_->resetLayout(); });
    view->addSeparator();
    view->addAction("&Larger text", QKeySequence("Ctrl+Shift+="), this,
                    [this] { classroom_->setTextScale(classroom_->textScale() + 0.25); });
    view->addAction("&Smaller text", QKeySequence("Ctrl+Shift+-"), this,
                    [this] { classroom_->setTextScale(classroom_->textScale() - 0.25); });
    view->addAction("&Projector text (1.5×)", this, [this] { classroom_->setTextScale(1.5); });
    view->addAction("&Normal text", this, [this] { classroom_->setTextScale(1.0); });
    view->addSeparator();
    view->addAction("F&ull screen", QKeySequence(Qt::Key_F11), this,
                    [this] { setWindowState(windowState() ^ Qt::WindowFullScreen); });

    QMenu* help = menuBar()->addMenu("&Help");
    help->addAction("&About", this, [this] {
        QMessageBox::about(this, "mpicsim",
                           "mpicsim simulates BGP hijacks against domain control validation and "
                           "Multi-Perspective Issuance Corroboration (TLS BR 3.2.2.9).");
    });

    QSettings settings("mpicsim", "mpicsim-gui");
    restoreGeometry(settings.value("window/geometry").toByteArray());
    tabs_->setCurrentIndex(settings.value("window/tab", 0).toInt());
    classroom_->setTextScale(settings.value("classroom/textScale", 1.0).toDouble());
    connect(study_, &StudyView::recentFilesChanged, this, [this](const QStringList& files) {
        QSettings("mpicsim", "mpicsim-gui").setValue("recent", files);
        rebuildRecentMenu();
    });
    rebuildRecentMenu();
    showTabHint();
}

void MainWindow::showTabHint() {
    if (tabs_->currentWidget() == classroom_) {
        statusBar()->showMessage(classroom_->statusHint());
    } else {
        statusBar()->showMessage(study_->statusHint());
    }
}

bool MainWindow::openLesson(const QString& path) {
    try {
        Lesson lesson = LessonFile::read(path.toStdString());
        if (!lesson.topologyFolder.empty()) {
            QString folder = QString::fromStdString(lesson.topologyFolder);
            if (QDir::isRelativePath(folder)) {
                folder = QFileInfo(path).dir().filePath(folder);
            }
            if (QDir(folder).canonicalPath() !=
                QDir(classroom_->topologyFolder()).canonicalPath()) {
                classroom_->loadTopology(folder);
            }
        }
        // Check every step before showing any.
        for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
            classroom_->checkSetup(lesson.steps[i],
                                   path.toStdString() + ": at /steps/" + std::to_string(i));
        }
        lesson_ = std::move(lesson);
        lessonStep_ = -1;
        tabs_->setCurrentWidget(classroom_);
        return showLessonStep(0);
    } catch (const std::exception& error) {
        showError(QString::fromStdString(error.what()));
        return false;
    }
}

bool MainWindow::saveLesson(const QString& path) {
    Lesson lesson = lesson_;
    if (lesson.steps.empty()) {
        lesson.steps.push_back(classroom_->setup());
    }
    const QString folder = classroom_->topologyFolder();
    if (QDir(folder).canonicalPath() != QDir(findClassroomFolder()).canonicalPath()) {
        lesson.topologyFolder = folder.toStdString();
    }
    try {
        LessonFile::write(lesson, path.toStdString());
    } catch (const std::exception& error) {
        showError(QString::fromStdString(error.what()));
        return false;
    }
    statusBar()->showMessage(QString("Saved %1 (%2 steps).").arg(path).arg(lesson.steps.size()),
                             5000);
    return true;
}

void MainWindow::addLessonStep() {
    lesson_.steps.push_back(classroom_->setup());
    lessonStep_ = static_cast<int>(lesson_.steps.size()) - 1;
    statusBar()->showMessage(QString("Lesson step %1 added; File › Save lesson writes them all.")
                                 .arg(lesson_.steps.size()),
                             5000);
}

bool MainWindow::showLessonStep(int index) {
    if (index < 0 || index >= static_cast<int>(lesson_.steps.size())) {
        return false;
    }
    try {
        classroom_->applySetup(lesson_.steps[static_cast<std::size_t>(index)]);
    } catch (const std::exception& error) {
        showError(QString::fromStdString(error.what()));
        return false;
    }
    lessonStep_ = index;
    statusBar()->showMessage(QString("Lesson step %1 of %2 (Page Down: next, Page Up: previous)")
                                 .arg(index + 1)
                                 .arg(lesson_.steps.size()));
    return true;
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList files = QSettings("mpicsim", "mpicsim-gui").value("recent").toStringList();
    for (const QString& path : files) {
        recentMenu_->addAction(path, this, [this, path] {
            tabs_->setCurrentWidget(study_);
            if (QFileInfo(path).isDir()) {
                study_->openResults(path);
            } else {
                study_->loadTopology(path);
            }
        });
    }
    recentMenu_->setEnabled(!files.isEmpty());
}

void MainWindow::showError(const QString& message) {
    emit errorShown(message);
    if (QGuiApplication::platformName() == "offscreen") {
        statusBar()->showMessage(message);  // nobody could close a dialog
        return;
    }
    QMessageBox::warning(this, "mpicsim", message);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings settings("mpicsim", "mpicsim-gui");
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/tab", tabs_->currentIndex());
    settings.setValue("classroom/textScale", classroom_->textScale());
    study_->cancelStudy();
    event->accept();
}

}  // namespace mpicsim::gui
