#include "MainWindow.hpp"

#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

#include "ClassroomView.hpp"
#include "StudyView.hpp"

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
            [this](const QString& message) { statusBar()->showMessage(message, 5000); });
    connect(study_, &StudyView::failed, this, &MainWindow::showError);
    connect(study_, &StudyView::topologyLoaded, this, [this](int ases) {
        statusBar()->showMessage(QString("Topology loaded: %1 ASes").arg(ases), 5000);
    });
    connect(study_, &StudyView::studyFinished, this, [this](bool completed) {
        statusBar()->showMessage(completed ? "Study finished." : "Study cancelled.", 5000);
    });

    QMenu* file = menuBar()->addMenu("&File");
    recentMenu_ = file->addMenu("Open &recent");
    file->addSeparator();
    file->addAction("&Quit", QKeySequence::Quit, this, &QWidget::close);
    QMenu* help = menuBar()->addMenu("&Help");
    help->addAction("&About", this, [this] {
        QMessageBox::about(this, "mpicsim",
                           "mpicsim simulates BGP hijacks against domain control validation and "
                           "Multi-Perspective Issuance Corroboration (TLS BR 3.2.2.9).");
    });

    QSettings settings("mpicsim", "mpicsim-gui");
    restoreGeometry(settings.value("window/geometry").toByteArray());
    tabs_->setCurrentIndex(settings.value("window/tab", 0).toInt());
    connect(study_, &StudyView::recentFilesChanged, this, [this](const QStringList& files) {
        QSettings("mpicsim", "mpicsim-gui").setValue("recent", files);
        rebuildRecentMenu();
    });
    rebuildRecentMenu();
    statusBar()->showMessage(
        "Classroom: choose a victim, an attacker and perspectives, then Run "
        "(Ctrl+R) and Step (Right) or Play (Space).");
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
    QMessageBox::warning(this, "mpicsim", message);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings settings("mpicsim", "mpicsim-gui");
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/tab", tabs_->currentIndex());
    study_->cancelStudy();
    event->accept();
}

}  // namespace mpicsim::gui
