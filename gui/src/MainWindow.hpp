#pragma once

#include <QMainWindow>

class QMenu;
class QTabWidget;

namespace mpicsim::gui {

class ClassroomView;
class StudyView;

// The application window: the classroom view and the study view as tabs, with window state
// and recent files remembered (QSettings) and errors shown in dialogs.
class MainWindow : public QMainWindow {
    Q_OBJECT

  public:
    explicit MainWindow(const QString& classroomFolder, QWidget* parent = nullptr);

    ClassroomView* classroom() { return classroom_; }
    StudyView* study() { return study_; }
    QTabWidget* tabs() { return tabs_; }

    // The folder holding classroom-links.txt: $MPICSIM_CLASSROOM, the installed copy, or the
    // source tree's topology_data/classroom.
    static QString findClassroomFolder();

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void showError(const QString& message);
    void rebuildRecentMenu();

    QTabWidget* tabs_ = nullptr;
    ClassroomView* classroom_ = nullptr;
    StudyView* study_ = nullptr;
    QMenu* recentMenu_ = nullptr;
};

}  // namespace mpicsim::gui
